"""Autosave of unsaved work, and recovery after a crash.

While the scenario has unsaved changes it is written every ~30 s to the user
data folder. A normal close removes it, so finding it at start-up means the
last session ended without closing: the app offers to bring the work back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from imgcost_gui.core import FileProblem, Scenario, atomic_write_text, load_scenario, save_scenario
from imgcost_gui.core.paths import user_data_dir

AUTOSAVE_INTERVAL_MS = 30_000


@dataclass(frozen=True)
class Recovered:
    scenario: Scenario
    source: Path | None
    saved_at: str


class Autosave:
    def __init__(self, folder: Path | None = None):
        self.folder = folder or user_data_dir() / "autosave"

    @property
    def scenario_path(self) -> Path:
        return self.folder / "unsaved.imgcost.json"

    @property
    def info_path(self) -> Path:
        return self.folder / "unsaved.info.json"

    def write(self, scenario: Scenario, source: Path | None) -> None:
        import datetime as dt

        save_scenario(scenario, self.scenario_path)
        info = {
            "source": str(source) if source else None,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        }
        atomic_write_text(self.info_path, json.dumps(info, indent=2) + "\n")

    def clear(self) -> None:
        for p in (self.scenario_path, self.info_path):
            p.unlink(missing_ok=True)

    def pending(self) -> Recovered | None:
        """Work left by a session that did not close normally, if it can be read."""
        if not self.scenario_path.exists():
            return None
        try:
            scenario, _ = load_scenario(self.scenario_path)
        except FileProblem:
            return None
        source, saved_at = None, ""
        try:
            info = json.loads(self.info_path.read_text(encoding="utf-8"))
            source = Path(info["source"]) if info.get("source") else None
            saved_at = str(info.get("saved_at", ""))
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return Recovered(scenario, source, saved_at)
