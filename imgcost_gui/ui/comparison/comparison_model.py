"""The comparison table: a Qt model over the workspace's comparison rows.

Every cell's text, sort key, exported value, tooltip and tone comes from the
workspace's column list (``imgcost_gui.workspace.columns.COLUMNS``); this model
only turns them into Qt roles (colours, icons, fonts).

Rows keep the order the core returned them in; sorting is the view's job
(``ComparisonProxy`` sorts on ``SORT_ROLE``), so a recompute that keeps the same
models only emits ``dataChanged`` and the user's selection stays put. Rows fall
in three groups whatever the sort (``GROUP_ROLE``): the ranked models, then
those that cannot run the scenario, then those not available on the day the
estimate is for (retired, or not out yet), greyed and unranked.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from imgcost_gui.core import PriceCatalog
from imgcost_gui.workspace.columns import (
    COL_BUDGET,
    COL_MODEL,
    COL_PER_IMAGE,
    COL_PROVIDER,
    COL_TOTAL,
    COL_VS_BASELINE,
    COL_VS_CHEAPEST,
    COL_WARNINGS,
    COLUMN_COUNT,
    COLUMNS,
    NOTE_WORDS,
    UNAVAILABLE_SPAN,
    Tone,
)
from imgcost_gui.workspace.comparison import (
    GROUP_RANKED,
    GROUP_UNAVAILABLE,
    GROUP_UNPRICED,
    ComparisonRow,
)

__all__ = [
    "COLUMN_COUNT",
    "COL_BUDGET",
    "COL_MODEL",
    "COL_PER_IMAGE",
    "COL_PROVIDER",
    "COL_TOTAL",
    "COL_VS_BASELINE",
    "COL_VS_CHEAPEST",
    "COL_WARNINGS",
    "EXPORT_ROLE",
    "GROUP_RANKED",
    "GROUP_ROLE",
    "GROUP_UNAVAILABLE",
    "GROUP_UNPRICED",
    "NOTE_WORDS",
    "SORT_ROLE",
    "UNAVAILABLE_SPAN",
    "ComparisonModel",
    "ComparisonProxy",
    "ComparisonRow",
    "tone_colour",
]

#: A number to sort on; models that cannot run the scenario sort last.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The unformatted value for copy and CSV export (a float, an int, a string or None).
EXPORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: Which group a row sorts in, whatever the order: 0 ranked, 1 cannot run it,
#: 2 not available on the day (retired, not out yet).
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_UNCACHED_ROLES = (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole)


class ComparisonModel(QAbstractTableModel):
    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[ComparisonRow] = []
        self.period = "month"
        self.has_budget = False
        #: The catalog the rows were priced with (for where each price comes from).
        self.catalog: PriceCatalog | None = None
        self._icons: dict[str, QIcon] = {}
        self._answers: dict[tuple[int, int, int], Any] = {}

    # --- feeding --------------------------------------------------------------------

    def set_rows(
        self,
        rows: list[ComparisonRow],
        period: str,
        has_budget: bool,
        catalog: PriceCatalog | None = None,
    ) -> None:
        self.catalog = catalog
        same_models = [r.estimate.model for r in rows] == [r.estimate.model for r in self.rows]
        period_changed = period != self.period
        self.period, self.has_budget = period, has_budget
        self._answers.clear()
        if same_models and self.rows:
            self.rows = rows
            last = self.index(len(rows) - 1, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        else:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
        if period_changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, COL_TOTAL, COL_TOTAL)

    def row_of(self, model_id: str) -> int | None:
        for i, r in enumerate(self.rows):
            if r.estimate.model == model_id:
                return i
        return None

    # --- Qt model -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.heading(self.period)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip
        if role == Qt.ItemDataRole.TextAlignmentRole and column.aligned_right():
            return _RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        # A repaint asks every cell for six roles, and sorting and column sizing ask
        # again; answers only change with set_rows, so each is worked out once.
        # Colours follow the palette (which can change) and tooltips are asked one at a time.
        if role in _UNCACHED_ROLES:
            return self._answer(index, role)
        key = (index.row(), index.column(), role)
        try:
            return self._answers[key]
        except KeyError:
            value = self._answer(index, role)
            self._answers[key] = value
            return value

    def _answer(self, index: Index, role: int) -> Any:
        row = self.rows[index.row()]
        col = index.column()
        column = COLUMNS[col]
        if role == Qt.ItemDataRole.UserRole:
            return row.estimate
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text_of(row)
        if role == SORT_ROLE:
            return column.sort_of(row)
        if role == GROUP_ROLE:
            return row.group
        if role == EXPORT_ROLE:
            value = column.value_of(row)
            return None if col == COL_BUDGET and not self.has_budget else value
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.hover_of(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align == "right":
            return _RIGHT if column.aligned_right(row) else _LEFT
        if role == Qt.ItemDataRole.DecorationRole and col == COL_WARNINGS:
            return self._icon(row.severity)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_MODEL and row.over_budget:
            return self._over_budget_icon()
        if role == Qt.ItemDataRole.ForegroundRole:
            return tone_colour(column.tone_of(row), QGuiApplication.palette())
        if role == Qt.ItemDataRole.FontRole and row.stands_out and col == COL_MODEL:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # --- marks ------------------------------------------------------------------------

    def _over_budget_icon(self) -> QIcon:
        """A red 'no entry' sign: the budget rules this model out."""
        if "over" not in self._icons:
            pixmap = QPixmap(32, 32)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#c62828"))
            painter.drawEllipse(2, 2, 28, 28)
            painter.setBrush(QColor("#ffffff"))
            painter.drawRoundedRect(7, 13, 18, 6, 2, 2)
            painter.end()
            self._icons["over"] = QIcon(pixmap)
        return self._icons["over"]

    def _icon(self, severity: str | None) -> QIcon | None:
        if severity is None:
            return None
        if severity not in self._icons:
            pixmap = {
                "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
                "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
            }[severity]
            self._icons[severity] = QApplication.style().standardIcon(pixmap)
        return self._icons[severity]


def _dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tone_colour(tone: Tone | None, palette: QPalette) -> QColor | None:
    """The shade of a cell's tone: greyed, green for savings, red for extra cost
    (lighter shades on a dark background)."""
    if tone is None:
        return None
    if tone == "muted":
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    if tone == "saving":
        return QColor("#6fcf97" if _dark(palette) else "#1e7d45")
    return QColor("#ff8a80" if _dark(palette) else "#b3261e")


class ComparisonProxy(QSortFilterProxyModel):
    """Sorts numerically on ``SORT_ROLE`` within each group (``GROUP_ROLE``): models
    that cannot run the scenario, then models not available on the day, stay last
    either way."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        ga, gb = left.data(GROUP_ROLE), right.data(GROUP_ROLE)
        if ga is not None and gb is not None and ga != gb:
            return bool(ga < gb if self.sortOrder() == Qt.SortOrder.AscendingOrder else ga > gb)
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return False
        a_last, b_last = a == math.inf, b == math.inf
        if a_last != b_last:
            # keep "not available" at the bottom in both directions
            return bool(b_last if self.sortOrder() == Qt.SortOrder.AscendingOrder else a_last)
        return bool(a < b)
