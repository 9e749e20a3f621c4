"""Asks for a price that holds from a day on (a negotiated rate, an announced cut)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core import calendar
from imgcost_gui.ui.common import give_widget_mnemonics

from .catalog_rows import PRICE_PATTERN, CatalogRow, decimal_text, parse_price


def _first_of_next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


class DatedPriceDialog(QDialog):
    """The day a price starts and the price; OK only for a price of zero or more."""

    def __init__(self, row: CatalogRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Set price from a date")
        f = row.field
        intro = QLabel(
            f"{row.entry.name} · {f.label}: {decimal_text(f.value)} {f.unit} today.\n"
            "Your price holds from the day you choose on; days before keep the price "
            "they have now."
        )
        intro.setWordWrap(True)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        start = _first_of_next_month(calendar.today())
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.price = QLineEdit(decimal_text(f.value))
        self.price.setValidator(
            QRegularExpressionValidator(QRegularExpression(PRICE_PATTERN), self.price)
        )
        self.price.setToolTip("A price of zero or more; use a point or a comma for decimals.")
        form = QFormLayout()
        form.addRow("From", self.day)
        form.addRow(f"Price ({f.unit})", self.price)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.price.textChanged.connect(self._sync)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._sync()
        give_widget_mnemonics(self)

    def _sync(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.value() is not None)

    def value(self) -> Decimal | None:
        return parse_price(self.price.text()) if self.price.text().strip() else None

    def effective(self) -> dt.date:
        d = self.day.date()
        return dt.date(d.year(), d.month(), d.day())
