"""The Prices menu offers calibration and the billed comparison, on the open scenario."""

from __future__ import annotations

from typing import Any


def _menu_texts(window: Any) -> list[str]:
    menu = window.menus.prices_menu
    menu.aboutToShow.emit()  # the letters are given as the menu opens
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_prices_menu_lists_calibrate_and_the_billed_comparison(window):
    texts = _menu_texts(window)
    assert "Calibrate from responses…" in texts
    assert "Compare with what was billed…" in texts


def test_the_billed_comparison_is_for_the_scenario_open_now(window, monkeypatch):
    seen = []
    monkeypatch.setattr(window.prices, "reconcile", lambda scenario: seen.append(scenario))
    window.doc.set(("name",), "Spring launch", "Rename")
    window.menus.reconcile_action.trigger()
    assert [s.name for s in seen] == ["Spring launch"]


def test_calibrate_opens_with_no_file_chosen(window, monkeypatch):
    calls = []
    monkeypatch.setattr(window.prices, "calibrate", lambda *a, **k: calls.append((a, k)))
    window.menus.calibrate_action.trigger()
    assert calls == [((), {})]  # not the action's checked flag taken for a path


def test_a_closed_calibrate_or_billed_dialog_does_not_stay_in_memory(window, monkeypatch, qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QDialog

    from imgcost_gui.core import Scenario

    monkeypatch.setattr(QDialog, "exec", lambda self: 0)
    for _ in range(3):
        window.prices.calibrate()
        window.prices.reconcile(Scenario())
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert window.findChildren(QDialog) == []
