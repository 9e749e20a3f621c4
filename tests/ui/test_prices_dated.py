"""Dated prices on the Prices page: the price in force today with a marker, a dialog
that sets a price from a day, the list of dated prices with Remove, and a shipped
dated change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QPushButton

from imgcost_gui.core import PriceCatalog, UserCatalog, load_shipped_catalog
from imgcost_gui.core.catalog import PriceChange, Source
from imgcost_gui.core.overrides import DatedPrice
from imgcost_gui.ui.catalog.catalog_dated_dialog import DatedPriceDialog
from imgcost_gui.ui.catalog.catalog_model import COL_SOURCE, COL_VALUE


def _cell(window, key: str, col: int = COL_VALUE, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001
    model = window.catalog_editor.model
    return model.index(model.row_of("gpt-image-2", key), col).data(role)


def _answer(monkeypatch, day: dt.date, price: str, seen: list[str] | None = None) -> None:  # noqa: ANN001
    def exec_(dialog: DatedPriceDialog) -> int:
        if seen is not None:
            seen.append(dialog.windowTitle())
        dialog.day.setDate(QDate(day.year, day.month, day.day))
        dialog.price.setText(price)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(DatedPriceDialog, "exec", exec_)


def test_a_price_from_a_later_day_shows_todays_price_with_a_marker(window, monkeypatch):
    editor = window.catalog_editor
    window.pages.setCurrentIndex(1)
    editor.select("gpt-image-2", "image_out")
    seen: list[str] = []
    _answer(monkeypatch, dt.date(2027, 1, 1), "20", seen)
    editor.dated.click()
    assert seen == ["Set price from a date"]
    user = window.catalog_doc.user
    assert user.dated("gpt-image-2", "image_out") == [
        DatedPrice(effective=dt.date(2027, 1, 1), usd=Decimal("20"))
    ]
    # today (2026-12-01) the shipped $30 holds; the marker says a date is ahead
    assert _cell(window, "image_out") == "◷ 30.00"
    tip = _cell(window, "image_out", role=Qt.ItemDataRole.ToolTipRole)
    assert "Shipped price" in tip and "From 2027-01-01: 20.00 (yours)" in tip
    assert editor.details.lines == ["From 2027-01-01: 20.00 $ / 1M tokens, your price"]
    assert editor.details.dates.isVisibleTo(editor)
    # the status bar counts it as one of the user's prices
    assert "1 price changed by you" in window.catalog_status.text()

    remove = editor.details.findChild(QPushButton, "removeDated-2027-01-01")
    assert remove is not None and remove.text() == "Remove"
    remove.click()
    assert user.dated("gpt-image-2", "image_out") == []
    assert _cell(window, "image_out") == "30.00"
    assert editor.details.lines == []
    window.undo_action.trigger()  # Remove is one step
    assert _cell(window, "image_out") == "◷ 30.00"
    window.undo_action.trigger()  # and so was setting it
    assert user.dated("gpt-image-2", "image_out") == []


def test_a_dated_price_in_force_today_is_the_users(window, monkeypatch):
    editor = window.catalog_editor
    editor.select("gpt-image-2", "image_out")
    _answer(monkeypatch, dt.date(2026, 11, 1), "22,5")
    editor.set_dated_selected()
    assert _cell(window, "image_out") == "◷ 22.50"
    assert _cell(window, "image_out", COL_SOURCE) == "Your price · replaces OpenAI API pricing"
    assert _cell(window, "image_out", role=Qt.ItemDataRole.FontRole).bold()
    window.recompute()
    # the estimate uses today's price: text_in etc. shipped, image_out 22.5
    assert window.catalog_doc.price("gpt-image-2", "image_out") == Decimal("22.5")


def test_the_context_menu_offers_a_dated_price(window):
    editor = window.catalog_editor
    editor.select("gpt-image-2", "image_out")
    # (the words as read: the buttons they share their text with carry Alt letters, issue 11)
    texts = {a.text().replace("&", ""): a.isEnabled() for a in editor.context_menu().actions()}
    assert texts == {
        "Change price": True,
        "Set price from a date…": True,
        "Reset price": False,
        "Reset model": False,
    }


def test_the_dialog_refuses_an_empty_price(qtbot, window):
    editor = window.catalog_editor
    editor.select("gpt-image-2", "image_out")
    dialog = DatedPriceDialog(editor.selected(), editor)
    qtbot.addWidget(dialog)
    assert dialog.effective() == dt.date(2027, 1, 1)  # the first of next month
    ok = dialog.buttons.buttons()[0]
    assert ok.isEnabled()
    dialog.price.setText("")
    assert not ok.isEnabled()
    assert (
        "GPT Image 2 · Image output: 30.00 $ / 1M tokens today."
        in dialog.findChildren(type(editor.details.label))[0].text()
    )


def _catalog_with_a_shipped_change() -> PriceCatalog:
    shipped = load_shipped_catalog()
    gpt = shipped.get("gpt-image-2")
    cut = PriceChange(
        effective=dt.date(2027, 3, 1),
        prices={"image_out": Decimal("27")},
        source=Source(
            title="OpenAI price cut notice", official=True, checked=dt.date(2026, 11, 20)
        ),
    )
    gpt = gpt.model_copy(update={"price_changes": [cut]})
    return PriceCatalog(checked=shipped.checked, models=[gpt, shipped.get("flux-2-pro")])


def test_a_shipped_dated_change_is_listed_without_remove(window_factory):
    window = window_factory(user=UserCatalog(_catalog_with_a_shipped_change()))
    editor = window.catalog_editor
    editor.select("gpt-image-2", "image_out")
    assert _cell(window, "image_out") == "◷ 30.00"
    assert editor.details.lines == [
        "From 2027-03-01: 27.00 $ / 1M tokens, shipped price (OpenAI price cut notice)"
    ]
    assert editor.details.findChildren(QPushButton) == []
    tip = _cell(window, "image_out", role=Qt.ItemDataRole.ToolTipRole)
    assert "From 2027-03-01: 27.00 (shipped, OpenAI price cut notice)" in tip
    # a price of the user's on every day overrules the shipped change: it is not listed
    window.catalog_doc.set_price("gpt-image-2", "image_out", Decimal("28"))
    editor.select("gpt-image-2", "image_out")
    assert _cell(window, "image_out") == "28.00"
    assert editor.details.lines == []
