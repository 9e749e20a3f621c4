"""Output tokens the user measured from their own API responses, kept in the
user data folder (``measured-tokens.json``) and laid over the catalog.

``imgcost calibrate --save`` (and the app's Calibrate dialog) write it; each
value says how many responses it came from, from which file and on which day.
Estimates then use the measured count for that model, size and quality, and
its spread (p5 to p95) as the low-high range.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .catalog import MeasuredOutput, ModelEntry
from .storage import FileProblem, atomic_write_text, read_users_file, read_versioned
from .writing import locked

MEASURED_SCHEMA_VERSION: Literal[1] = 1

__all__ = [
    "KeptMeasurements",
    "MeasuredOutput",
    "MeasuredTokens",
    "read_measured",
    "with_measured",
    "write_measured",
]


class MeasuredTokens(BaseModel):
    """model id -> "WIDTHxHEIGHT/quality" -> what was measured."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # see catalog.Strict
    schema_version: Literal[1] = MEASURED_SCHEMA_VERSION
    models: dict[str, dict[str, MeasuredOutput]] = Field(default_factory=dict)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def read_measured(path: Path) -> MeasuredTokens:
    value, _ = read_versioned(path, "measured tokens", MeasuredTokens, MEASURED_SCHEMA_VERSION)
    return value


def write_measured(store: MeasuredTokens, path: Path) -> None:
    atomic_write_text(path, store.to_json())


def with_measured(entry: ModelEntry, store: MeasuredTokens | None) -> ModelEntry:
    """``entry`` with the output tokens measured for it, if any."""
    found = store.models.get(entry.id) if store is not None else None
    if not found:
        return entry
    return entry.model_copy(update={"measured_output": {**entry.measured_output, **found}})


class KeptMeasurements:
    """The measured token counts kept in the user data folder
    (``measured-tokens.json``): read at start, added to, forgotten, and laid over
    the catalog's entries. A file that cannot be read is kept aside and named."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # Empty, nothing read: no validator is built for it (a file read is validated).
        self.store = MeasuredTokens.model_construct()

    def load(self) -> str | None:
        """Read the kept counts, if there are any; what the user must be told if they
        cannot be read (estimates use the published token rules then)."""
        store, problem = read_users_file(
            self.path,
            read_measured,
            "measured token counts",
            "Estimates use the published token rules.",
        )
        if store is not None:
            self.store = store
        return problem

    def keep(self, model_id: str, found: dict[str, MeasuredOutput]) -> None:
        """Keep counts for a model, by "WIDTHxHEIGHT/quality" (saved at once)."""
        with locked(self.path):
            store = self._on_disk()
            store.models[model_id] = {**store.models.get(model_id, {}), **found}
            self._save(store)

    def reset(self, model_id: str | None = None, key: str | None = None) -> None:
        """Forget counts: one size and quality, one model, or all (saved at once)."""
        with locked(self.path):
            store = self._on_disk()
            if model_id is None:
                store.models = {}
            elif key is None:
                store.models.pop(model_id, None)
            else:
                rest = {k: v for k, v in store.models.get(model_id, {}).items() if k != key}
                if rest:
                    store.models[model_id] = rest
                else:
                    store.models.pop(model_id, None)
            self._save(store)

    def reload(self) -> list[str]:
        """Take in counts another ImgCost (a window, ``imgcost calibrate --save``)
        kept or forgot since; one line for each model whose counts changed."""
        with locked(self.path):
            theirs = self._on_disk()
        if theirs.models == self.store.models:
            return []
        changed = sorted(
            m
            for m in {*theirs.models, *self.store.models}
            if theirs.models.get(m) != self.store.models.get(m)
        )
        self.store = theirs
        return [f"Measured output tokens of {m} changed in another ImgCost" for m in changed]

    def _on_disk(self) -> MeasuredTokens:
        """The counts as the file holds them now (another ImgCost may have changed
        them), or this one's own when the file is gone or cannot be read."""
        if self.path.exists():
            try:
                return read_measured(self.path)
            except FileProblem:
                pass  # said at load; a change is made on what this one holds
        return self.store.model_copy(deep=True)

    def _save(self, store: MeasuredTokens) -> None:
        write_measured(store, self.path)
        self.store = store

    def over(self, models: list[ModelEntry]) -> list[ModelEntry]:
        """``models`` with the counts measured for each, if any."""
        if not self.store.models:
            return models
        return [with_measured(m, self.store) for m in models]
