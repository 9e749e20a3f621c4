"""The Prices page lists measured token counts apart from the prices, and resets them:
one size and quality, or all of a model's, each an undoable step that estimates follow.

gpt-image-2's published rule for 1024x1024 medium is 1,756 output tokens an image
(worked by hand in tests/core/test_calibration.py); $30 / 1M image output tokens.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from imgcost_gui.core import Scenario, Stage, UserCatalog, estimate, load_shipped_catalog
from imgcost_gui.core.catalog import MeasuredOutput
from imgcost_gui.ui.catalog import CatalogDocument, CatalogEditor, PricesPage

DAY = dt.date(2026, 11, 20)
KEPT = {
    "1024x1024/medium": MeasuredOutput(
        tokens=1850, low=1600, high=2000, responses=3, measured_on=DAY, file="week-47.jsonl"
    ),
    "1536x1024/high": MeasuredOutput(
        tokens=5200, low=5000, high=5400, responses=2, measured_on=DAY, file="week-47.jsonl"
    ),
}


@pytest.fixture
def editor(qtbot: Any) -> CatalogEditor:
    doc = CatalogDocument(UserCatalog(load_shipped_catalog()))
    editor = CatalogEditor(doc)
    qtbot.addWidget(editor)
    editor.show()
    assert doc.keep_measured("gpt-image-2", KEPT, "week-47.jsonl")
    return editor


def medium_tokens(doc: CatalogDocument) -> int | None:
    scenario = Scenario(stages=[Stage(requests=10, width=1024, height=1024, quality="medium")])
    (est,) = estimate(scenario, doc.catalog, ["gpt-image-2"])
    return est.stages[0].output_tokens_per_image


def button(editor: CatalogEditor, name: str) -> QPushButton:
    found = editor.measured.findChild(QPushButton, name)
    assert isinstance(found, QPushButton), name
    return found


def test_the_model_shows_its_measured_values_apart_from_its_prices(editor: CatalogEditor) -> None:
    assert editor.selected() is not None and editor.selected().entry.id == "gpt-image-2"
    assert editor.measured.isVisible()
    assert "Measured output tokens" in editor.measured.title.text()
    assert editor.measured.shown_rows() == [
        ["1024x1024 medium", "1,850", "1,600–2,000", "3 responses", "week-47.jsonl", "2026-11-20"],
        ["1536x1024 high", "5,200", "5,000–5,400", "2 responses", "week-47.jsonl", "2026-11-20"],
    ]
    # Another model has none: the section is not shown for it.
    editor.select("flux-2-pro", "first_mp")
    assert editor.selected() is not None and editor.selected().entry.id == "flux-2-pro"
    assert not editor.measured.isVisible()


def test_reset_one_group_then_all_and_undo(qtbot: Any, editor: CatalogEditor) -> None:
    doc = editor.doc
    assert medium_tokens(doc) == 1850
    qtbot.mouseClick(button(editor, "resetMeasured-1024x1024/medium"), Qt.MouseButton.LeftButton)
    assert medium_tokens(doc) == 1756  # the published rule again
    assert [row[0] for row in editor.measured.shown_rows()] == ["1536x1024 high"]
    assert doc.undo_stack.undoText() == "Reset measured 1024x1024 medium tokens of GPT Image 2"
    qtbot.mouseClick(button(editor, "resetMeasuredAll"), Qt.MouseButton.LeftButton)
    assert doc.measured("gpt-image-2") == {}
    assert not editor.measured.isVisible()
    assert UserCatalog(load_shipped_catalog()).measured.models == {}  # and on disk
    doc.undo_stack.undo()
    assert [row[0] for row in editor.measured.shown_rows()] == ["1536x1024 high"]
    doc.undo_stack.undo()
    assert medium_tokens(doc) == 1850
    assert len(editor.measured.shown_rows()) == 2


def test_only_my_changes_lists_the_model_measured(editor: CatalogEditor) -> None:
    editor.only_changed.setChecked(True)
    proxy = editor.proxy
    shown = [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole).key for r in range(proxy.rowCount())]
    assert shown == [("gpt-image-2", "image_out")]


def test_a_prices_page_first_built_after_saving_opens_on_the_model(qtbot: Any) -> None:
    doc = CatalogDocument(UserCatalog(load_shipped_catalog()))
    page = PricesPage(doc)
    qtbot.addWidget(page)
    assert doc.keep_measured("gpt-image-2", KEPT, "week-47.jsonl")
    assert not page.built
    page.show()  # the window turns to the Prices page after a calibration is saved
    editor = page.editor
    assert editor.selected() is not None and editor.selected().key == ("gpt-image-2", "image_out")
    assert len(editor.measured.shown_rows()) == 2 and editor.measured.isVisible()


def test_one_response_reads_in_the_singular(qtbot: Any) -> None:
    doc = CatalogDocument(UserCatalog(load_shipped_catalog()))
    editor = CatalogEditor(doc)
    qtbot.addWidget(editor)
    editor.show()
    one = MeasuredOutput(
        tokens=1800, low=1800, high=1800, responses=1, measured_on=DAY, file="one.jsonl"
    )
    assert doc.keep_measured("gpt-image-2", {"1024x1024/medium": one}, "one.jsonl")
    (row,) = editor.measured.shown_rows()
    assert row[3] == "1 response"


def test_after_a_reset_the_focus_moves_to_the_button_now_in_its_place(
    qtbot: Any, editor: CatalogEditor
) -> None:
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    first = button(editor, "resetMeasured-1024x1024/medium")
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    # the next group's Reset is now in that row, and has the focus
    assert QApplication.focusWidget() is button(editor, "resetMeasured-1536x1024/high")
    editor.doc.undo_stack.undo()
    qtbot.waitUntil(button(editor, "resetMeasured-1536x1024/high").isVisible)
    last = button(editor, "resetMeasured-1536x1024/high")
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Space)
    # no row below: "Reset all measured"
    assert QApplication.focusWidget() is button(editor, "resetMeasuredAll")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    # nothing measured is left: the section goes, and the focus is back on the table
    assert not editor.measured.isVisible()
    assert QApplication.focusWidget() is editor.table
