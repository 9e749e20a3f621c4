"""Every class of bad file, for every loader of ours: a clear FileProblem on one
line that names the file, quickly; never a traceback, a freeze or a lost file."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hostile import BAD_FILES
from pydantic import BaseModel, ConfigDict

from imgcost_gui.core import FileProblem, Scenario, load_scenario, save_scenario
from imgcost_gui.core.storage import one_line, read_versioned

#: Far more than any refusal needs; a loader that reads a huge file whole misses it.
SECONDS = 3.0


class Sample(BaseModel):
    """A stand-in for any versioned file (the overrides, the catalog, update files)."""

    model_config = ConfigDict(extra="forbid")
    schema_version: int = 1
    name: str = ""
    count: int = 0
    items: list[int] = []


def check_problem(problem: FileProblem, path: Path) -> None:
    message = problem.message
    assert one_line(message) == message, message  # no raw controls, no second line
    assert path.name in message
    assert len(message) < 400, message


@pytest.mark.parametrize("bad", BAD_FILES, ids=str)
@pytest.mark.parametrize("loader", ["read_versioned", "scenario"])
def test_a_bad_file_is_a_clear_file_problem(tmp_path, loader, bad):
    path = tmp_path / "bad.imgcost.json"
    BAD_FILES[bad](path)
    start = time.monotonic()
    with pytest.raises(FileProblem) as info:
        if loader == "scenario":
            load_scenario(path)
        else:
            read_versioned(path, "sample", Sample, 1)
    assert time.monotonic() - start < SECONDS
    check_problem(info.value, path)
    assert info.value.newer == (bad == "a newer version")


@pytest.mark.parametrize("bad", BAD_FILES, ids=str)
def test_a_bad_autosave_is_left_alone_and_the_app_starts(tmp_path, bad):
    from imgcost_gui.ui.files.recovery import Autosave

    folder = tmp_path / "autosave"
    folder.mkdir()
    good = folder / "2-good.imgcost.json"
    save_scenario(Scenario(name="Good work"), good)
    path = folder / "1-bad.imgcost.json"
    BAD_FILES[bad](path)
    before = sorted(p.name for p in folder.iterdir())
    start = time.monotonic()
    found = Autosave(folder, session="me").leftovers()
    assert time.monotonic() - start < SECONDS
    assert [r.scenario.name for r in found] == ["Good work"]  # the readable one is offered
    for r in found:
        r.release()
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing deleted or renamed


@pytest.mark.parametrize("bad", BAD_FILES, ids=str)
def test_a_bad_autosave_info_file_gives_no_source(tmp_path, bad):
    from imgcost_gui.ui.files.recovery import Autosave

    folder = tmp_path / "autosave"
    folder.mkdir()
    save_scenario(Scenario(name="Work"), folder / "1-x.imgcost.json")
    BAD_FILES[bad](folder / "1-x.info.json")
    (found,) = Autosave(folder, session="me").leftovers()
    found.release()
    assert found.source is None
    assert one_line(found.saved_at) == found.saved_at


def test_a_good_file_still_loads_after_all_that(tmp_path):
    path = tmp_path / "good.imgcost.json"
    save_scenario(Scenario(name="Fine"), path)
    assert load_scenario(path)[0].name == "Fine"
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == 1
