"""A window narrower than the first size (1024 px, a small laptop) still reads:
the plan day's words whole, and every model's name with room for a typical name;
the figures scroll sideways rather than squeezing the name to a few letters."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView

from imgcost_gui.core import UserCatalog, load_shipped_catalog
from imgcost_gui.ui.comparison.column_widths import TYPICAL_NAME
from imgcost_gui.ui.comparison.comparison_model import COL_MODEL
from imgcost_gui.ui.shell import MainWindow


def _narrow(window, qtbot):
    window.resize(1024, 680)
    qtbot.waitUntil(lambda: window.width() == 1024)
    window.recompute()
    qtbot.wait(10)


def _opened_narrow(qtbot):
    """A window that opens at 1024 x 680 (its size kept from the last session)."""
    window = MainWindow(UserCatalog(load_shipped_catalog()), persist=False)
    qtbot.addWidget(window)
    window.resize(1024, 680)
    window.show()
    qtbot.waitExposed(window)
    window.recompute()
    qtbot.wait(10)
    return window


def test_the_plan_day_reads_whole_and_use_today_shows_only_beside_a_date(window, qtbot):
    _narrow(window, qtbot)
    panel = window.scenario_panel
    field = panel.plan_from
    words = field.text()
    assert words.startswith("Today (")
    assert field.lineEdit().width() >= field.fontMetrics().horizontalAdvance(words)
    assert not panel.plan_today.isVisible()  # nothing to clear
    panel.plan_from.setDate(panel.plan_from.date().addDays(10))
    assert panel.plan_today.isVisible() and panel.plan_today.isEnabled()
    panel.plan_today.click()
    assert not panel.plan_today.isVisible()


def test_names_keep_their_room_and_the_figures_scroll(qtbot):
    window = _opened_narrow(qtbot)
    table = window.comparison.table
    header = table.horizontalHeader()
    room = table.fontMetrics().horizontalAdvance(TYPICAL_NAME)
    assert header.sectionSize(COL_MODEL) >= room
    assert table.horizontalScrollBar().maximum() > 0  # the figures scroll instead
    window.resize(1900, 800)
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=2000)
    assert header.sectionResizeMode(COL_MODEL) == QHeaderView.ResizeMode.Stretch
    assert header.sectionSize(COL_MODEL) >= room
