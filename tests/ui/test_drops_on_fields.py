"""A scenario file dragged over a text field (the notes, the scenario's name) opens
the scenario as it does anywhere else in the window, with the same highlight; it is
not pasted as text."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

TEMPLATES = Path(__file__).parents[2] / "resources" / "templates"


def _mime(path: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    return mime


def _drag(target, mime: QMimeData, kind=QDragEnterEvent) -> QDropEvent:
    event = kind(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, event)
    return event


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "dropped.imgcost"
    template = sorted(TEMPLATES.glob("print-run*.json"))[0]
    path.write_text(template.read_text(encoding="utf-8"), encoding="utf-8")
    return path


@pytest.mark.parametrize("field", ["notes", "name"])
def test_a_scenario_file_dropped_on_a_text_field_opens(window, scenario_file, field):
    panel = window.scenario_panel
    target = panel.description.viewport() if field == "notes" else panel.name
    notes, name = panel.description.toPlainText(), panel.name.text()
    mime = _mime(scenario_file)
    assert _drag(target, mime).isAccepted()
    highlight = window.drops.highlight
    assert highlight.isVisible()
    assert highlight.text == "Drop to open dropped.imgcost"
    assert _drag(target, mime, QDragMoveEvent).isAccepted()
    assert _drag(target, mime, QDropEvent).isAccepted()
    assert not highlight.isVisible()
    assert window.doc.path == scenario_file.resolve()
    assert window.doc.scenario.name == "4K print run"
    assert str(scenario_file) not in panel.description.toPlainText() + panel.name.text()
    assert (notes, name) != (panel.description.toPlainText(), panel.name.text())  # the new file's


def test_leaving_the_field_takes_the_highlight_away(window, scenario_file):
    target = window.scenario_panel.name
    _drag(target, _mime(scenario_file))
    assert window.drops.highlight.isVisible()
    QApplication.sendEvent(target, QDragLeaveEvent())
    assert not window.drops.highlight.isVisible()


def test_text_dragged_over_a_field_still_goes_into_it(window):
    mime = QMimeData()
    mime.setText("Ask Dana")
    target = window.scenario_panel.name
    assert _drag(target, mime).isAccepted()  # the line edit takes plain text as before
    assert not window.drops.highlight.isVisible()
