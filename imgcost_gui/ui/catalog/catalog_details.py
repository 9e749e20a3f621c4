"""Under the Prices table: where the selected price comes from, and its dated prices.

Text from files (an imported overrides file, a price update, a custom model)
is escaped; a link opens only on click, and only an http(s) address.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from urllib.parse import quote, urlsplit

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .catalog_rows import ORIGIN_WORDS, CatalogRow, decimal_text, source_words


def _text(value: object) -> str:
    """Text from a file (an imported overrides file, a custom model), as plain text."""
    return html.escape(str(value), quote=True)


def web_address(url: str | None) -> str | None:
    """``url`` if it is an http(s) address with a host, else None."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url.strip()


def _link(url: str | None, title: str) -> str:
    """An http(s) link to ``url``; any other address is shown as text, never linked.

    Quotes, brackets and spaces are percent-encoded and ``&`` escaped, so the
    address cannot leave its attribute whatever the label's parser makes of entities.
    """
    shown = _text(title or url or "")
    address = web_address(url)
    if address is None:
        return shown
    href = quote(address, safe="/:?#[]@!$&()*+,;=%-._~")
    return f'<a href="{html.escape(href, quote=True)}">{shown}</a>'


def _number(value: object) -> str:
    return decimal_text(value) if isinstance(value, Decimal) else str(value)


def details_text(row: CatalogRow | None, *, read_only: bool) -> str:
    """The rich text of the details label under the prices: every value from a file escaped."""
    if row is None:
        return "Select a price to see where it comes from." + (
            "" if read_only else " Double-click a value to change it."
        )
    f, src = row.field, row.field.source
    # Rows built by hand (tests of hostile text) may carry only the older fields.
    origin = getattr(row, "origin", "user" if row.overridden else "shipped")
    replaced = getattr(row, "replaced", row.shipped)
    replaced_source = getattr(row, "replaced_source", None)
    parts = [
        f"<b>{_text(row.entry.name)}</b> · {_text(f.label)}: "
        f"{_text(_number(f.value))} {_text(f.unit)} today"
    ]
    if origin == "user":
        what = ORIGIN_WORDS.get(getattr(row, "replaced_origin", None) or "shipped", "shipped")
        parts.append(
            f"— <b>your price</b>; it replaces the {what} value {_text(_number(replaced))}"
        )
    elif origin == "updated":
        was = (
            f"; shipped value {_text(_number(replaced))}"
            if replaced is not None
            else "; a model the update added"
        )
        parts.append(f"— <b>updated price</b>{was}")
    if src is not None and not getattr(src, "by_user", False):
        official = "official" if src.official else "not official"
        parts.append(
            f"<br>Source: {_link(src.url, src.title)} ({official}, checked {_text(src.checked)})"
        )
        if src.note:
            parts.append(f"— {_text(src.note)}")
    elif replaced_source is not None:
        rs = replaced_source
        parts.append(f"<br>Source of the value it replaces: {_link(rs.url, rs.title)}")
        if rs.note:
            parts.append(f"— {_text(rs.note)}")
    return " ".join(parts)


class PriceDetails(QWidget):
    """The selected price's source, and a line (with Remove) per dated price."""

    #: The user asked to remove their price from a day: model id, price key, day.
    removeDated = Signal(str, str, object)  # noqa: N815 (Qt's naming)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setObjectName("priceDetails")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        # Links open here, on click, after open_link checks them; never by Qt itself.
        self.label.setOpenExternalLinks(False)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.label.setMinimumHeight(36)
        self.label.linkActivated.connect(self.open_link)
        self.dates = QWidget()
        self.dates.setObjectName("datedPrices")
        self.grid = QGridLayout(self.dates)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setColumnStretch(2, 1)
        #: What each line of the dated list reads (for tests and screen readers alike).
        self.lines: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.label)
        layout.addWidget(self.dates)
        self.dates.hide()

    @staticmethod
    def open_link(url: str) -> bool:
        """Open ``url`` in the browser if it is an http(s) address; whether it was."""
        address = web_address(url)
        if address is None:
            return False
        return QDesktopServices.openUrl(QUrl(address))

    def show_row(self, row: CatalogRow | None, *, read_only: bool) -> None:
        self.label.setText(details_text(row, read_only=read_only))
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.lines = []
        items: list[tuple[dt.date, str, bool]] = []
        if row is not None:
            items += [
                (d.effective, f"{decimal_text(d.usd)} {row.field.unit}, your price", True)
                for d in row.dated
            ]
            items += [
                (
                    c.effective,
                    f"{decimal_text(c.usd)} {row.field.unit}, {ORIGIN_WORDS[c.origin]} "
                    f"price ({source_words(c.source)})",
                    False,
                )
                for c in row.changes
            ]
        items.sort(key=lambda i: i[0])
        if items:
            title = QLabel("<b>Dated prices</b> (each holds from its day on):")
            self.grid.addWidget(title, 0, 0, 1, 3)
        for n, (day, words, mine) in enumerate(items, start=1):
            line = f"From {day.isoformat()}: {words}"
            self.lines.append(line)
            when = QLabel(f"From {day.isoformat()}")
            what = QLabel(words)
            what.setTextFormat(Qt.TextFormat.PlainText)
            self.grid.addWidget(when, n, 0)
            self.grid.addWidget(what, n, 1)
            if mine and row is not None:
                remove = QPushButton("Remove")
                remove.setObjectName(f"removeDated-{day.isoformat()}")
                remove.setToolTip(f"Remove your price from {day.isoformat()}")
                remove.setEnabled(not read_only)
                remove.clicked.connect(
                    lambda _=False, m=row.entry.id, k=row.field.path, d=day: self.removeDated.emit(
                        m, k, d
                    )
                )
                self.grid.addWidget(remove, n, 2, Qt.AlignmentFlag.AlignLeft)
        self.dates.setVisible(bool(items))
