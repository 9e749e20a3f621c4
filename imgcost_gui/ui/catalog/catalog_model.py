"""The catalog editor's table: one row per (model, price) of the effective catalog.

Statuses and the age of each price are as of today (``core.calendar.today``).
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QPalette,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from imgcost_gui.core import calendar
from imgcost_gui.ui.common import PRICE_CHECK_DAYS

from .catalog_document import CatalogDocument
from .catalog_rows import (
    PRICE_PATTERN,
    CatalogRow,
    build_rows,
    decimal_text,
    parse_price,
    source_words,
    value_tip,
)

__all__ = ["CatalogFilter", "CatalogRow", "CatalogTableModel", "decimal_text", "parse_price"]

#: Shown before a price that changes on a date (the user's, or the catalog's).
DATED_MARK = "◷"

(
    COL_MODEL,
    COL_PROVIDER,
    COL_STATUS,
    COL_PRICE,
    COL_VALUE,
    COL_UNIT,
    COL_SHIPPED,
    COL_SOURCE,
    COL_OFFICIAL,
    COL_CHECKED,
) = range(10)
COLUMN_COUNT = 10
HEADERS = [
    "Model",
    "Provider",
    "Status",
    "Price",
    "Value",
    "Unit",
    "Replaces",
    "Source",
    "Official",
    "Checked",
]
#: Widths at 1280 px that leave Source (which stretches) room to be read.
COLUMN_WIDTHS = {
    COL_MODEL: 190,
    COL_PROVIDER: 118,  # "Black Forest Labs"
    COL_STATUS: 112,  # mostly empty; "deprecated" and dates fit, the tooltip says more
    COL_PRICE: 165,
    COL_VALUE: 82,
    COL_UNIT: 100,
    COL_SHIPPED: 98,
    COL_SOURCE: 220,
    COL_OFFICIAL: 62,
    COL_CHECKED: 104,
}
HEADER_TIPS = [
    "The model as its provider sells it.",
    "Who bills you.",
    "The model's standing today: retired, shutting down on a date, deprecated, or not "
    "out yet (blank: in service). Hover for its dates.",
    "Which price of the model this is.",
    "The price in force today, used in every estimate. Double-click to change it. Bold on "
    "amber: your price; on blue: an updated price (Prices > Update prices from file); "
    f"{DATED_MARK}: it changes on a date (hover for the dates).",
    "What the price is counted in.",
    "The value your price (or an updated price) replaces, and whose it is.",
    "Where the price in force comes from; for your own price, the source of the one it replaces.",
    "Whether the source is the vendor's own price list.",
    f"When the shipped price was last checked; ⚠ marks prices checked more than "
    f"{PRICE_CHECK_DAYS} days ago.",
]

Index = QModelIndex | QPersistentModelIndex


class CatalogTableModel(QAbstractTableModel):
    def __init__(self, doc: CatalogDocument, parent: Any = None):
        super().__init__(parent)
        self.doc = doc
        self.rows: list[CatalogRow] = []
        self.refresh()
        doc.changed.connect(self._catalog_changed)

    def _catalog_changed(self, _model_id: object) -> None:
        self.refresh()

    def _build(self) -> list[CatalogRow]:
        return build_rows(self.doc.user, calendar.today())

    def refresh(self) -> None:
        """Re-read the catalog; emit targeted dataChanged when only values moved."""
        new = self._build()
        if [r.key for r in new] != [r.key for r in self.rows]:
            self.beginResetModel()
            self.rows = new
            self.endResetModel()
            return
        old, self.rows = self.rows, new
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            if a != b:
                self.dataChanged.emit(self.index(i, 0), self.index(i, COLUMN_COUNT - 1))

    def row_of(self, model_id: str, path: str) -> int | None:
        for i, r in enumerate(self.rows):
            if r.key == (model_id, path):
                return i
        return None

    # --- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        # A newer ImgCost's overrides file is shown but never written (the banner says why).
        if index.isValid() and index.column() == COL_VALUE and not self.doc.user.read_only:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.EditRole:
            return decimal_text(row.field.value) if col == COL_VALUE else self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if (
            role == Qt.ItemDataRole.FontRole
            and col == COL_VALUE
            and row.origin in ("user", "custom")
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and row.retired:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_CHECKED and row.checked_long_ago:
            return _old_price_colour()
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_VALUE:
            return cell_tint(row.origin)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_VALUE, COL_SHIPPED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != COL_VALUE or role != Qt.ItemDataRole.EditRole:
            return False
        price = value if isinstance(value, Decimal) else parse_price(str(value))
        if price is None:
            return False
        row = self.rows[index.row()]
        try:
            self.doc.set_price(row.entry.id, row.field.path, price)
        except (ValueError, KeyError):
            return False
        return True

    # --- cells --------------------------------------------------------------------------

    def _text(self, row: CatalogRow, col: int) -> str:
        f, e = row.field, row.entry
        source = f.source
        if col == COL_MODEL:
            suffix = " (custom)" if row.entry.custom else " (retired)" if row.retired else ""
            return e.name + suffix
        if col == COL_PROVIDER:
            return e.provider
        if col == COL_STATUS:
            return row.status_text
        if col == COL_PRICE:
            return f.label
        if col == COL_VALUE:
            mark = f"{DATED_MARK} " if row.has_dates else ""
            return mark + decimal_text(f.value)
        if col == COL_UNIT:
            return f.unit
        if col == COL_SHIPPED:
            if row.replaced is None:
                return "new model" if row.origin == "updated" else "—"
            return f"{decimal_text(row.replaced)} {row.replaced_origin}"
        if col == COL_SOURCE:
            if row.origin == "user":
                return f"Your price · replaces {source_words(row.replaced_source)}"
            if row.origin == "updated":
                return f"Updated: {source_words(source)}"
            return source.title if source else "—"
        if col == COL_OFFICIAL:
            return "" if source is None else ("yes" if source.official else "no")
        if col == COL_CHECKED:
            if source is None:
                return ""
            return ("⚠ " if row.checked_long_ago else "") + source.checked.isoformat()
        return ""

    def _tooltip(self, row: CatalogRow, col: int) -> str | None:
        src = row.field.source
        where = ""
        if src is not None:
            official = " (official)" if src.official else " (not official)"
            where = f"Source: {html.escape(src.title)}{official}, checked {src.checked}"
            if src.url:
                where += f"<br>{html.escape(src.url)}"
            if src.note:
                where += f"<br><i>{html.escape(src.note)}</i>"
        if col in (COL_VALUE, COL_SHIPPED):
            tip = html.escape(value_tip(row, read_only=self.doc.read_only))
            return tip.replace("\n", "<br>")
        if col == COL_CHECKED and src is not None:
            if row.origin == "user":
                return "Your own price: the date is the day you see it."
            tip = html.escape(row.checked_text.capitalize())
            if row.checked_long_ago:
                tip += (
                    f"<br>Over {PRICE_CHECK_DAYS} days ago: check it against the source "
                    "before you commit a budget."
                )
            return tip
        if col == COL_STATUS:
            return html.escape(row.status_tip).replace("\n", "<br>") or None
        if col in (COL_SOURCE, COL_OFFICIAL):
            if row.origin == "user":  # the source that matters is the replaced price's
                return html.escape(value_tip(row, read_only=self.doc.read_only)).replace(
                    "\n", "<br>"
                )
            return where or None
        if col == COL_MODEL:
            return html.escape(f"{row.entry.id} · {row.entry.vendor}")
        return None


def _old_price_colour() -> QColor:
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#ffb74d" if dark else "#9a4d00")


def cell_tint(origin: str) -> QColor | None:
    """The background of a Value cell: amber for the user's, blue for an update's."""
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    if origin in ("user", "custom"):
        return QColor(90, 70, 10) if dark else QColor(255, 243, 205)
    if origin == "updated":
        return QColor(20, 60, 100) if dark else QColor(214, 234, 255)
    return None


class CatalogFilter(QSortFilterProxyModel):
    """Search text, retired models, only what the user changed."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.needle = ""
        self.show_retired = False
        self.only_overridden = False

    def set_filter(
        self,
        needle: str | None = None,
        show_retired: bool | None = None,
        only_overridden: bool | None = None,
    ) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
        if needle is not None:
            self.needle = needle.strip().lower()
        if show_retired is not None:
            self.show_retired = show_retired
        if only_overridden is not None:
            self.only_overridden = only_overridden
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        row: CatalogRow = model.index(source_row, 0, source_parent).data(Qt.ItemDataRole.UserRole)
        if row is None:
            return False
        if row.retired and not self.show_retired:
            return False
        if self.only_overridden and not (row.overridden or _measured(row)):
            return False
        if self.needle:
            hay = f"{row.entry.id} {row.entry.name} {row.entry.provider} {row.entry.vendor} {row.field.label}".lower()
            return all(word in hay for word in self.needle.split())
        return True


def _measured(row: CatalogRow) -> bool:
    """The image output price of a model the user measured tokens for (what they change)."""
    return bool(row.entry.measured_output) and row.field.path == "image_out"


class PriceDelegate(QStyledItemDelegate):
    """Edits a price in a line edit that accepts only numbers of zero or more.

    Either decimal mark is accepted, so "0,12" typed on a German keyboard is 0.12.
    """

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(QRegularExpression(PRICE_PATTERN), editor))
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setToolTip("A price of zero or more; use a point or a comma for decimals.")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        if editor.hasAcceptableInput() and parse_price(editor.text()) is not None:
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
