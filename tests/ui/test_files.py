"""Files: save and open round-trip, unsaved changes, corrupt overrides, autosave."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from imgcost_gui.core import UserCatalog, load_scenario, load_shipped_catalog


def test_save_then_open_round_trips(window, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "plan.imgcost.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.scenario_panel.form.requests.setValue(4321)
    window.scenario_panel.name.setText("Spring launch")
    window.scenario_panel.name.textEdited.emit("Spring launch")
    assert window.isWindowModified()
    window.save_action.trigger()
    assert target.exists() and not window.isWindowModified()
    assert "plan.imgcost.json" in window.windowTitle()
    saved = window.doc.scenario.model_copy(deep=True)
    window.new_action.trigger()
    assert window.doc.scenario.name == "Untitled scenario"
    assert window.files.open_path(target)
    assert window.doc.scenario == saved
    assert load_scenario(target)[0].stages[0].requests == 4321
    assert window.files.recent()[0] == target.resolve()


def test_unsaved_changes_prompt_on_close(window, qtbot, dialogs):
    window.scenario_panel.form.requests.setValue(7)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert dialogs.titles() == ["Unsaved changes"]
    assert window.isVisible()
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert window.close()


def test_opening_a_broken_file_keeps_the_current_work(window, tmp_path, dialogs):
    bad = tmp_path / "broken.imgcost.json"
    bad.write_text("{ not json", encoding="utf-8")
    window.scenario_panel.form.requests.setValue(9)
    before = window.doc.scenario.model_copy(deep=True)
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert not window.files.open_path(bad, ask=False)
    assert window.doc.scenario == before
    assert dialogs.asked[-1][1] == "Cannot open the scenario"
    assert "not valid JSON" in dialogs.asked[-1][2]


def test_corrupt_overrides_open_with_a_message_and_the_file_kept(window_factory, user_data_dir):
    (user_data_dir / "price-overrides.json").write_text("{ broken", encoding="utf-8")
    window = window_factory(user=UserCatalog(load_shipped_catalog()))
    assert window.banner.isVisible()
    assert "could not be loaded" in window.banner.text.text()
    kept = list(user_data_dir.glob("price-overrides.json.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{ broken"
    assert window.comparison.model.rowCount() > 0


def test_stale_catalog_warns_in_the_status_bar(window_factory):
    import datetime as dt

    from imgcost_gui.core import calendar

    # 120 days before the app's today (pinned to 2026-12-01), not the machine's.
    old = load_shipped_catalog().model_copy(
        update={"checked": calendar.today() - dt.timedelta(days=120)}
    )
    window = window_factory(user=UserCatalog(old))
    assert "120 days old" in window.stale_status.text()
    assert "Prices checked" in window.catalog_status.text()


def test_a_dropped_file_opens(window, tmp_path):
    path = tmp_path / "dropped.imgcost.json"
    template = sorted(
        (Path(__file__).parents[2] / "resources" / "templates").glob("print-run*.json")
    )[0]
    path.write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.doc.path == path.resolve()
    assert window.doc.scenario.name == "4K print run"


def test_templates_are_valid_scenarios():
    folder = Path(__file__).parents[2] / "resources" / "templates"
    files = sorted(folder.glob("*.imgcost.json"))
    assert len(files) >= 4
    for f in files:
        scenario, upgraded = load_scenario(f)
        assert not upgraded and json.loads(f.read_text())["schema_version"] == 1


def test_smoke_test_writes_a_screenshot(tmp_path, user_data_dir):
    # work a crashed session left: a smoke test must neither offer nor delete it
    leftover = user_data_dir / "autosave" / "12345-crashed.imgcost.json"
    leftover.parent.mkdir()
    template = Path(__file__).parents[2] / "resources" / "templates" / "print-run-4k.imgcost.json"
    leftover.write_bytes(template.read_bytes())
    shot = tmp_path / "shot.png"
    env = {"QT_QPA_PLATFORM": "offscreen", "IMGCOST_DATA_DIR": str(user_data_dir), "PATH": ""}
    import os

    env = {**os.environ, **env}
    result = subprocess.run(
        [sys.executable, "-m", "imgcost_gui", "--smoke-test", "--screenshot", str(shot)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)
    assert sorted(leftover.parent.iterdir()) == [leftover]
    assert leftover.read_bytes() == template.read_bytes()


def test_version_flag():
    result = subprocess.run(
        [sys.executable, "-m", "imgcost_gui", "--version"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0 and result.stdout.startswith("imgcost-gui ")


# --- hostile files and failed saves (issue 9) -------------------------------------------------


def test_opening_a_symlink_loop_explains_and_the_app_carries_on(window, tmp_path, dialogs):
    loop = tmp_path / "loop.imgcost.json"
    loop.symlink_to(loop)
    assert not window.files.open_path(loop, ask=False)  # Path.resolve raised after the dialog
    assert dialogs.titles() == ["Cannot open the scenario"]
    assert "loop" in dialogs.asked[-1][2]
    window.files.remember(loop)  # the recent-files list copes with it too
    window.files.forget_recent(loop)


def test_problem_dialogs_show_text_from_files_as_plain_text(window, tmp_path, monkeypatch):
    formats = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: formats.append(box.textFormat()) or 0)
    bad = tmp_path / "<img src=x onerror=alert(1)>.imgcost.json"
    bad.write_text(json.dumps({"schema_version": 1, "<b>\x1b[31m": 1}), encoding="utf-8")
    assert not window.files.open_path(bad, ask=False)
    assert formats == [Qt.TextFormat.PlainText]


def test_a_save_that_fails_says_why_and_keeps_the_work(window, tmp_path, dialogs):
    import os

    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".tmp"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    window.scenario_panel.form.requests.setValue(321)
    target = tmp_path / "plan.imgcost.json"
    with pytest.MonkeyPatch.context() as patch:  # monkeypatch.undo() would undo `dialogs` too
        patch.setattr(os, "open", refuse)
        assert not window.files.save_to(target)
    (kind, title, text) = dialogs.asked[-1]
    assert title == "Cannot save"
    assert "plan.imgcost.json could not be written" in text and "Permission denied" in text
    assert ".tmp" not in text and "Save As" in text
    assert window.isWindowModified() and window.doc.path is None
    assert window.doc.scenario.stages[0].requests == 321


def test_a_start_removes_temp_files_that_killed_saves_left(window_factory, user_data_dir):
    import os
    import time

    old = time.time() - 3600
    left = [
        user_data_dir / ".price-overrides.json.abcd1234.tmp",
        user_data_dir / "autosave" / ".1-x.imgcost.json.k3j_x9a0.tmp",
    ]
    left[1].parent.mkdir()
    for p in left:
        p.write_text("{", encoding="utf-8")
        os.utime(p, (old, old))
    window_factory(persist=True)
    assert not any(p.exists() for p in left)
