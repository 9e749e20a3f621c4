"""Desktop conventions: the save dialog starts in Documents and then where the user
last saved, a drop is highlighted while a scenario is dragged over the window, the
form grows with the window, and a bad file's problem is named in the user's words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog

from imgcost_gui.core import Scenario, save_scenario
from imgcost_gui.ui.common import start_folder


@pytest.fixture
def documents(tmp_path, monkeypatch) -> Path:  # noqa: ANN001
    folder = tmp_path / "Documents"
    folder.mkdir()
    real = QStandardPaths.writableLocation

    def location(kind):  # noqa: ANN001, ANN202
        if kind == QStandardPaths.StandardLocation.DocumentsLocation:
            return str(folder)
        return real(kind)

    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(location))
    return folder


class SaveDialog:
    def __init__(self, monkeypatch, answer: Path | None):  # noqa: ANN001
        self.answer = answer
        self.started: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self))

    def __call__(self, parent, caption, start, filters):  # noqa: ANN001, ANN204
        self.started.append(start)
        return (str(self.answer), "ImgCost scenarios (*.imgcost)") if self.answer else ("", "")


def test_the_first_save_dialog_opens_in_documents(window, documents, monkeypatch):
    assert start_folder() == documents
    dialog = SaveDialog(monkeypatch, None)
    window.save_as_action.trigger()
    (start,) = dialog.started
    assert Path(start).parent == documents
    assert Path(start).name == "Campaign drafts then finals.imgcost"  # the scenario's name


def test_then_the_folder_last_used(window, documents, monkeypatch, tmp_path):
    elsewhere = tmp_path / "client work"
    elsewhere.mkdir()
    SaveDialog(monkeypatch, elsewhere / "plan.imgcost")
    window.save_as_action.trigger()
    assert start_folder() == elsewhere.resolve()
    window.scenario_panel.form.requests.setValue(321)
    window.new_action.trigger()  # discards (the dialogs fixture answers Discard)
    dialog = SaveDialog(monkeypatch, None)
    window.comparison.export_action.trigger()  # any save dialog, not only scenarios
    assert Path(dialog.started[0]).parent == elsewhere.resolve()


def test_a_folder_that_is_gone_falls_back_to_documents(documents, tmp_path):
    QSettings().setValue("files/lastFolder", str(tmp_path / "deleted since"))
    assert start_folder() == documents


def test_the_open_dialog_starts_where_the_save_dialog_would(window, documents, monkeypatch):
    started: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda parent, caption, start, filters: started.append(start) or ("", "")),
    )
    window.menus.open_action.trigger()
    assert started == [str(documents)]


# --- drops ----------------------------------------------------------------------------------


def drag_data(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def enter(window, mime: QMimeData) -> QDragEnterEvent:  # noqa: ANN001
    event = QDragEnterEvent(
        QPoint(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dragEnterEvent(event)
    return event


def test_a_scenario_dragged_over_the_window_is_highlighted_until_it_leaves(window, tmp_path):
    highlight = window.drops.highlight
    assert not highlight.isVisible()
    event = enter(window, drag_data(tmp_path / "plan.imgcost"))
    assert event.isAccepted()
    assert highlight.isVisible() and highlight.text == "Drop to open plan.imgcost"
    assert highlight.geometry() == window.rect()  # over the whole window
    window.dragLeaveEvent(QDragLeaveEvent())
    assert not highlight.isVisible()


def test_the_highlight_goes_when_the_file_is_dropped_and_opens(window, tmp_path):
    plan = tmp_path / "plan.imgcost"
    save_scenario(Scenario(name="Dropped plan"), plan)
    mime = drag_data(plan)
    enter(window, mime)
    drop = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert not window.drops.highlight.isVisible()
    assert window.doc.scenario.name == "Dropped plan"
    assert window.doc.path == plan.resolve()


def test_a_file_that_is_no_scenario_is_not_highlighted(window, tmp_path):
    event = enter(window, drag_data(tmp_path / "photo.png"))
    assert not event.isAccepted()
    assert not window.drops.highlight.isVisible()


# --- layout ---------------------------------------------------------------------------------


def test_the_form_grows_with_the_window(window, qtbot):
    at_1280 = window.left_tabs.width()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() == 1920)
    at_1920 = window.left_tabs.width()
    assert at_1920 >= at_1280 + 150  # a third of the 640 px more
    assert window.split.widget(1).width() > at_1920  # the comparison still has the most


def test_a_saved_splitter_position_still_comes_back(window_factory):
    first = window_factory(persist=True)
    first.split.setSizes([520, 748])
    kept = first.split.sizes()
    first.close()  # keeps the layout
    # the offscreen platform gives back a geometry of its own; a desktop gives back 1280x800
    QSettings().remove("window/geometry")
    second = window_factory(persist=True)
    assert second.split.sizes() == kept


# --- a bad file, in the user's words --------------------------------------------------------


def test_a_bad_stage_is_named_as_the_user_knows_it(window, tmp_path, dialogs):
    bad = tmp_path / "plan.imgcost"
    bad.write_text(
        json.dumps({"stages": [{"name": "Drafts"}, {"name": "Finals", "quality": "ultra"}]}),
        encoding="utf-8",
    )
    assert not window.files.open_path(bad, ask=False)
    _kind, title, text = dialogs.asked[-1]
    assert title == "Cannot open the scenario"
    assert "stage 2 (Finals), quality" in text
    assert "stages.1" not in text and "stages.0" not in text
