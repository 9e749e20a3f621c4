"""Autosave: every window keeps its own file, and only a crashed session's work is offered."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from imgcost_gui.core import Scenario, load_scenario, save_scenario
from imgcost_gui.ui.files.recovery import trusted_source

RECOVER, KEEP, DISCARD = (
    QMessageBox.StandardButton.Yes,
    QMessageBox.StandardButton.No,
    QMessageBox.StandardButton.Discard,
)


def crash_with_unsaved_work(requests: int = 4242) -> None:
    """Run another ImgCost process that autosaves, then dies without closing."""
    code = textwrap.dedent(
        f"""
        import os
        from PySide6.QtCore import QCoreApplication
        app = QCoreApplication(["imgcost"])
        from imgcost_gui.core import Scenario, Stage
        from imgcost_gui.ui.files.recovery import Autosave
        autosave = Autosave()
        autosave.write(Scenario(name="Lost work", stages=[Stage(requests={requests})]), None)
        os._exit(3)  # a crash: the lock file stays, naming a process that is gone
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert result.returncode == 3, result.stderr


def autosaves(folder: Path) -> list[Path]:
    return sorted((folder / "autosave").glob("*.imgcost.json"))


def test_two_windows_never_touch_each_others_autosave(window_factory, user_data_dir, dialogs):
    first = window_factory(persist=True)
    first.scenario_panel.form.requests.setValue(1234)
    first.files.autosave_now()
    (mine,) = autosaves(user_data_dir)
    second = window_factory(persist=True)
    second.files.autosave_now()  # its 30 s tick, with nothing unsaved of its own
    assert autosaves(user_data_dir) == [mine]
    # the first window is still running: its work is not "left over"
    assert not second.files.offer_recovery()
    assert dialogs.asked == []
    second.close()
    assert autosaves(user_data_dir) == [mine]
    assert load_scenario(mine)[0].stages[0].requests == 1234


def test_a_crashed_sessions_work_is_offered_even_when_a_file_was_opened(
    window_factory, user_data_dir, dialogs, tmp_path
):
    crash_with_unsaved_work(4242)
    assert len(list((user_data_dir / "autosave").glob("*.lock"))) == 1  # left by the dead process
    window = window_factory(persist=True)
    opened = tmp_path / "plan.imgcost.json"
    window.files.save_to(opened)
    assert window.files.open_path(opened)  # as if given on the command line
    dialogs.answer = RECOVER
    assert window.files.offer_recovery()
    assert dialogs.titles() == ["Recover unsaved work?"]
    assert "Lost work" in dialogs.asked[0][2]
    assert window.doc.scenario.stages[0].requests == 4242
    assert window.isWindowModified()
    # the work now lives in this session's own autosave, and only there
    (kept,) = autosaves(user_data_dir)
    assert kept == window.files.autosave.scenario_path
    assert load_scenario(kept)[0].stages[0].requests == 4242


def test_keep_for_later_and_discard(window_factory, user_data_dir, dialogs):
    crash_with_unsaved_work()
    (leftover,) = autosaves(user_data_dir)
    window = window_factory(persist=True)
    dialogs.answer = KEEP
    assert not window.files.offer_recovery()
    assert autosaves(user_data_dir) == [leftover]  # still there for the next start
    assert window.doc.scenario.name != "Lost work" and not window.isWindowModified()
    later = window_factory(persist=True)
    dialogs.answer = DISCARD
    assert not later.files.offer_recovery()
    assert len(dialogs.asked) == 2  # offered again, then thrown away on the user's word
    assert autosaves(user_data_dir) == []


def test_a_window_without_autosave_leaves_the_folder_alone(window_factory, user_data_dir):
    crash_with_unsaved_work()
    before = sorted(p.name for p in (user_data_dir / "autosave").iterdir())
    window = window_factory()  # persist=False, like --smoke-test
    window.scenario_panel.form.requests.setValue(99)
    window.files.autosave_now()
    assert not window.files.offer_recovery()
    window.doc.undo_stack.setClean()
    window.close()
    assert sorted(p.name for p in (user_data_dir / "autosave").iterdir()) == before


def test_a_crash_whose_pid_came_back_is_still_offered(window_factory, user_data_dir, dialogs):
    """In a container the restarted app often gets the pid of the one that crashed."""
    from PySide6.QtCore import QLockFile

    from imgcost_gui.core import Scenario, save_scenario

    folder = user_data_dir / "autosave"
    folder.mkdir()
    save_scenario(Scenario(name="Before the restart"), folder / "old.imgcost.json")
    lock = QLockFile(str(folder / "old.lock"))
    assert lock.tryLock(0)
    same_pid = (folder / "old.lock").read_bytes()  # names this process, as the crashed one did
    lock.unlock()
    (folder / "old.lock").write_bytes(same_pid)
    window = window_factory(persist=True)
    dialogs.answer = RECOVER
    assert window.files.offer_recovery()
    assert window.doc.scenario.name == "Before the restart"
    assert not (folder / "old.imgcost.json").exists()


# --- the info file's source is not trusted (issue 9, item 7) --------------------------------


def point_info_at(user_data_dir: Path, source: object) -> None:
    (info,) = (user_data_dir / "autosave").glob("*.info.json")
    data = json.loads(info.read_text(encoding="utf-8"))
    data["source"] = source
    info.write_text(json.dumps(data), encoding="utf-8")


def recover(window_factory, dialogs):  # noqa: ANN001, ANN201
    window = window_factory(persist=True)
    dialogs.answer = RECOVER
    assert window.files.offer_recovery()
    return window


def test_recovered_work_saves_where_the_user_had_saved_it(
    window_factory, user_data_dir, dialogs, tmp_path
):
    plan = tmp_path / "plan.imgcost.json"
    save_scenario(Scenario(name="Plan"), plan)
    crash_with_unsaved_work(4242)
    point_info_at(user_data_dir, str(plan))
    window = recover(window_factory, dialogs)
    assert window.doc.path == plan.resolve()
    assert window.files.save()
    assert load_scenario(plan)[0].stages[0].requests == 4242


@pytest.mark.parametrize(
    "make_source",
    [
        pytest.param(lambda tmp, data: str(tmp / "notes.txt"), id="not a scenario"),
        pytest.param(lambda tmp, data: str(tmp / "gone.imgcost.json"), id="missing"),
        pytest.param(lambda tmp, data: "../../victim.imgcost.json", id="relative"),
        pytest.param(lambda tmp, data: str(tmp / "old.json"), id="an older version"),
        pytest.param(lambda tmp, data: str(data / "price-overrides.json"), id="overrides"),
        pytest.param(lambda tmp, data: {"path": "/etc/passwd"}, id="not a string"),
        pytest.param(
            lambda tmp, data: str(next((data / "autosave").glob("*.imgcost.json"))),
            id="the autosave itself",
        ),
    ],
)
def test_recovery_never_saves_over_a_file_it_was_not_saved_to(
    window_factory, user_data_dir, dialogs, tmp_path, monkeypatch, make_source
):
    (tmp_path / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (tmp_path / "old.json").write_text('{"size": "1024x1024", "images": 5}', encoding="utf-8")
    (user_data_dir / "price-overrides.json").write_text('{"schema_version": 2}', encoding="utf-8")
    crash_with_unsaved_work(4242)
    source = make_source(tmp_path, user_data_dir)
    point_info_at(user_data_dir, source)
    before = {p: p.read_bytes() for p in [*tmp_path.rglob("*.json"), tmp_path / "notes.txt"]}
    window = recover(window_factory, dialogs)
    assert window.doc.path is None
    assert window.doc.scenario.stages[0].requests == 4242 and window.isWindowModified()
    asked = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: asked.append(a) or ("", ""))
    )
    assert not window.files.save()  # Save asks where (Save As), and the user cancelled
    assert len(asked) == 1
    for path, data in before.items():
        if path.parent.name != "autosave":
            assert path.read_bytes() == data, path


def test_trusted_source_resolves_links_to_a_scenario(tmp_path):
    plan = tmp_path / "real" / "plan.imgcost.json"
    save_scenario(Scenario(), plan)
    link = tmp_path / "link.imgcost.json"
    link.symlink_to(plan)
    autosave = tmp_path / "autosave"
    assert trusted_source(str(link), autosave) == plan.resolve()
    loop = tmp_path / "loop.imgcost.json"
    loop.symlink_to(loop)
    assert trusted_source(str(loop), autosave) is None
    assert trusted_source("", autosave) is None
    assert trusted_source(str(plan) + "\x00", autosave) is None
