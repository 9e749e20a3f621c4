"""The comparison table by keyboard and at 1280x800: Tab leaves it, the current cell
has a frame one can see, names are not cut, and columns keep still while typing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from imgcost_gui.ui.comparison.comparison_model import COL_MODEL, COL_PROVIDER, COL_TOTAL


def _frame_shown(table, index) -> bool:  # noqa: ANN001
    picture = table.viewport().grab().toImage()
    rect = table.visualRect(index)
    ratio = picture.devicePixelRatio()
    frame = table.palette().color(QPalette.ColorRole.HighlightedText)  # the row is selected
    edge = [
        picture.pixelColor(int(x * ratio), int(rect.center().y() * ratio))
        for x in range(rect.left(), rect.left() + 3)
    ]
    return frame in edge


def test_tab_and_shift_tab_leave_the_table(window, qtbot):
    table = window.comparison.table
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        table.setFocus()
        assert table.hasFocus()
        qtbot.keyClick(table, key)
        assert not table.hasFocus(), key


def test_the_current_cell_has_a_visible_frame(window, qtbot):
    table = window.comparison.table
    table.setFocus()
    index = table.model().index(1, COL_TOTAL)
    table.setCurrentIndex(index)
    qtbot.wait(20)
    assert _frame_shown(table, index)


def test_provider_names_are_not_cut_and_the_model_takes_the_room(window):
    table = window.comparison.table
    header = table.horizontalHeader()
    fm = table.fontMetrics()
    assert header.sectionSize(COL_PROVIDER) >= fm.horizontalAdvance("Black Forest Labs")
    others = [header.sectionSize(c) for c in range(header.count()) if c != COL_MODEL]
    assert header.sectionSize(COL_MODEL) > max(others)


def test_columns_keep_still_while_typing(window, qtbot):
    header = window.comparison.table.horizontalHeader()
    before = [header.sectionSize(c) for c in range(header.count())]
    spin = window.scenario_panel.form.requests
    spin.setFocus()
    spin.selectAll()
    for key in "25000":
        qtbot.keyClick(spin, key)
        qtbot.wait(5)
    window.recompute()
    assert [header.sectionSize(c) for c in range(header.count())] == before


def test_short_of_room_a_range_reads_as_its_central_value_and_names_keep_room(window, qtbot):
    from imgcost_gui.ui.comparison.column_widths import TYPICAL_NAME
    from imgcost_gui.ui.comparison.comparison_model import COL_PER_IMAGE, COL_VS_BASELINE

    quality = window.scenario_panel.form.quality
    quality.setCurrentIndex(quality.findData("auto"))  # every model that bills by quality
    window.recompute()
    panel = window.comparison
    table, model = panel.table, panel.model
    ranged = next(r for r in model.rows if r.ranged and r.estimate.available)
    cell = model.index(model.row_of(ranged.estimate.model), COL_PER_IMAGE)
    header = table.horizontalHeader()
    wide = cell.data()
    assert header.sectionSize(COL_MODEL) >= table.fontMetrics().horizontalAdvance(TYPICAL_NAME)
    if COL_PER_IMAGE in model.narrow:  # 1280 px with the form beside it
        assert wide.startswith("≈ $")
        assert "–" not in wide
    assert table.horizontalScrollBar().maximum() == 0
    window.resize(1900, 800)
    qtbot.waitUntil(lambda: COL_PER_IMAGE not in model.narrow, timeout=2000)
    assert "–" in cell.data()  # room enough: the range itself
    assert COL_VS_BASELINE not in model.narrow


def test_the_frame_follows_the_current_cell_and_leaves_with_the_focus(window, qtbot):
    # The figures' cells are drawn by Qt's delegate and the frame by the table over
    # them: moving must not leave a frame behind, nor leaving the table.
    table = window.comparison.table
    table.setFocus()
    first = table.model().index(1, COL_TOTAL)
    table.setCurrentIndex(first)
    qtbot.wait(20)
    assert _frame_shown(table, first)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.wait(20)
    second = table.currentIndex()
    assert (second.row(), second.column()) == (2, COL_TOTAL)
    assert _frame_shown(table, second)
    assert not _frame_shown(table, first)
    window.comparison.budget.setFocus()
    qtbot.wait(20)
    assert not table.hasFocus()
    assert not _frame_shown(table, second)
