"""View > Appearance: System, Light or Dark, applied at once and at the next start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from imgcost_gui.ui.shell.appearance import apply_appearance


@pytest.fixture(autouse=True)
def back_to_system():  # noqa: ANN201
    yield
    apply_appearance("system")  # the next test starts as the platform looks


def window_lightness() -> int:
    return QApplication.instance().palette().color(QPalette.ColorRole.Window).lightness()


def test_the_appearance_menu_offers_system_light_and_dark(window):
    items = window.menus.appearance_actions
    assert [a.text().replace("&", "") for a in items.values()] == ["System", "Light", "Dark"]
    assert items["system"].isChecked()  # a first start follows the system


def test_dark_is_applied_at_once_and_remembered(window):
    window.menus.appearance_actions["dark"].trigger()
    assert window_lightness() < 100
    assert QSettings().value("view/appearance") == "dark"
    window.menus.appearance_actions["light"].trigger()
    assert window_lightness() > 180
    assert QSettings().value("view/appearance") == "light"


def test_the_next_start_opens_in_the_appearance_chosen(window_factory):
    first = window_factory()
    first.menus.appearance_actions["dark"].trigger()
    apply_appearance("system")  # as a new process would start
    assert window_lightness() > 180
    second = window_factory()
    assert window_lightness() < 100  # applied before the window showed
    assert second.menus.appearance_actions["dark"].isChecked()
    assert not second.menus.appearance_actions["system"].isChecked()


def test_system_puts_back_the_platforms_own_colours(window):
    system = window_lightness()
    window.menus.appearance_actions["dark"].trigger()
    window.menus.appearance_actions["system"].trigger()
    assert window_lightness() == system


def test_the_charts_follow_the_appearance(charted_window):
    chart = charted_window.charts.tabs.meters
    light = chart.figure.get_facecolor()
    charted_window.menus.appearance_actions["dark"].trigger()
    QApplication.processEvents()
    dark = chart.figure.get_facecolor()
    assert sum(dark[:3]) < sum(light[:3]) and sum(dark[:3]) < 1.0
