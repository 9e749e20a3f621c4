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
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from imgcost_gui.core import PriceCatalog
from imgcost_gui.workspace.columns import (
    COL_BUDGET,
    COL_MODEL,
    COL_PER_IMAGE,
    COL_PROVIDER,
    COL_TIME,
    COL_TOTAL,
    COL_VS_BASELINE,
    COL_VS_CHEAPEST,
    COL_WARNINGS,
    COLUMN_COUNT,
    COLUMNS,
    NOTE_WORDS,
    SHOWN,
    UNAVAILABLE_SPAN,
    Tone,
    stage_hover,
)
from imgcost_gui.workspace.comparison import (
    GROUP_RANKED,
    GROUP_UNAVAILABLE,
    GROUP_UNPRICED,
    ComparisonRow,
)

__all__ = [
    "COLUMN_COUNT",
    "SHOWN",
    "COL_BUDGET",
    "COL_MODEL",
    "COL_PER_IMAGE",
    "COL_PROVIDER",
    "COL_TIME",
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
    "STAGE_ROLE",
    "STATUS_ROLE",
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
#: The mark beside a model's name (``ComparisonRow.status``): "warning", "info",
#: "unavailable" or None.
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4
#: On a stage's line under its model: the stage's number; None on a model's line.
STAGE_ROLE = Qt.ItemDataRole.UserRole + 5

Index = QModelIndex | QPersistentModelIndex

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_UNCACHED_ROLES = (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole)
#: What a recompute changes but the order: the roles a view shows.
_SHOWN_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.TextAlignmentRole,
    Qt.ItemDataRole.UserRole,
    EXPORT_ROLE,
    GROUP_ROLE,
    STATUS_ROLE,
]


class ComparisonModel(QAbstractTableModel):
    """One line per model (``rows``, in the core's order), then one line per stage of
    each model expanded to its stages (``stage_lines``); sorting keeps a stage's line
    under its model (``SORT_ROLE``)."""

    #: A recompute moved a line in the order sorted on (``ComparisonProxy`` sorts again).
    orderChanged = Signal()  # noqa: N815

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.rows: list[ComparisonRow] = []
        #: (row, stage) of each stage's line, after the rows: the expanded models' stages.
        self.stage_lines: list[tuple[int, int]] = []
        #: The models shown with their stages (ids, kept across recomputes).
        self.expanded: set[str] = set()
        self.period = "month"
        self.has_budget = False
        self.budget: float | None = None
        #: The catalog the rows were priced with (for where each price comes from).
        self.catalog: PriceCatalog | None = None
        #: How the view sorts (``ComparisonProxy.sort`` says): the keys follow it.
        self.sort_column = -1
        self.descending = False
        self._icons: dict[str, QIcon] = {}
        self._answers: dict[tuple[int, int, int], Any] = {}
        self._keys: dict[tuple[int, bool], list[int]] = {}

    # --- feeding --------------------------------------------------------------------

    @property
    def stage_count(self) -> int:
        return len(self.rows[0].estimate.stages) if self.rows else 0

    def set_rows(
        self,
        rows: list[ComparisonRow],
        period: str,
        has_budget: bool,
        catalog: PriceCatalog | None = None,
    ) -> None:
        self.catalog = catalog
        same_models = [r.estimate.model for r in rows] == [r.estimate.model for r in self.rows]
        stages = len(rows[0].estimate.stages) if rows else 0
        same_lines = same_models and stages == self.stage_count
        period_changed = period != self.period
        budget = rows[0].budget_usd if rows else None
        headers_changed = period_changed or budget != self.budget
        self.period, self.has_budget, self.budget = period, has_budget, budget
        self._answers.clear()
        if same_lines and self.rows:
            old = self._keys.get((self.sort_column, self.descending))
            self.rows = rows
            self._keys.clear()
            moved = old is None or old != self._sort_keys(self.sort_column)
            last = self.index(self.rowCount() - 1, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last, _SHOWN_ROLES)
            if moved:  # the proxy sorts again only then (typing seldom moves a model)
                self.orderChanged.emit()
        else:
            self.beginResetModel()
            self.rows = rows
            self._keys.clear()
            self.stage_lines = self._lines_for(self.expanded) if stages > 1 else []
            self.endResetModel()
        if headers_changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    def row_of(self, model_id: str) -> int | None:
        for i, r in enumerate(self.rows):
            if r.estimate.model == model_id:
                return i
        return None

    # --- stages -------------------------------------------------------------------------

    def expandable(self, row: int) -> bool:
        """A model's line that opens to its stages (a scenario of several stages)."""
        return (
            0 <= row < len(self.rows) and self.stage_count > 1 and self.rows[row].estimate.available
        )

    def is_expanded(self, row: int) -> bool:
        return 0 <= row < len(self.rows) and self.rows[row].estimate.model in self.expanded

    def parent_line(self, line: int) -> int:
        """The model's line a stage's line belongs to (a model's line is its own)."""
        n = len(self.rows)
        return line if line < n else self.stage_lines[line - n][0]

    def stage_of(self, line: int) -> int | None:
        n = len(self.rows)
        return None if line < n else self.stage_lines[line - n][1]

    def set_expanded(self, row: int, on: bool) -> None:
        """Show (or hide) one model's stages, each on its own line under it."""
        if not self.expandable(row) or self.is_expanded(row) == on:
            return
        model_id = self.rows[row].estimate.model
        if on:
            self.expanded.add(model_id)
            self._insert_lines(self._lines_for({model_id}))
        else:
            self.expanded.discard(model_id)
            n = len(self.rows)
            mine = [i for i, (r, _) in enumerate(self.stage_lines) if r == row]
            if mine:
                self.beginRemoveRows(QModelIndex(), n + mine[0], n + mine[-1])
                del self.stage_lines[mine[0] : mine[-1] + 1]
                self._answers.clear()
                self.endRemoveRows()

    def set_all_expanded(self, on: bool) -> None:
        """Every model's stages shown, or none."""
        if not on:
            self.expanded.clear()
            if self.stage_lines:
                n = len(self.rows)
                self.beginRemoveRows(QModelIndex(), n, n + len(self.stage_lines) - 1)
                self.stage_lines = []
                self._answers.clear()
                self.endRemoveRows()
            return
        new = {r.estimate.model for i, r in enumerate(self.rows) if self.expandable(i)}
        added = new - self.expanded
        self.expanded |= added
        self._insert_lines(self._lines_for(added))

    def _lines_for(self, model_ids: set[str]) -> list[tuple[int, int]]:
        return [
            (i, j)
            for i, r in enumerate(self.rows)
            if r.estimate.model in model_ids and self.expandable(i)
            for j in range(len(r.estimate.stages))
        ]

    def _insert_lines(self, lines: list[tuple[int, int]]) -> None:
        if not lines:
            return
        first = self.rowCount()
        self.beginInsertRows(QModelIndex(), first, first + len(lines) - 1)
        self.stage_lines += lines
        self.endInsertRows()
        self.orderChanged.emit()  # new lines go under their models

    # --- sorting ------------------------------------------------------------------------

    def sort_by(self, column: int, descending: bool) -> None:
        """The keys ``SORT_ROLE`` gives follow the view's order (the proxy calls this)."""
        self.sort_column, self.descending = column, descending

    def _sort_keys(self, col: int) -> list[int]:
        """Each model line's sort key for ``col``: whole numbers the proxy compares in C++.

        Worked out once per recompute: the ranked models, then those that cannot run
        the scenario, then those not available on the day, in either direction;
        within a group, what cannot be known last; ties in the core's order. Keys step
        by the number of stages plus one, so each stage's line sorts under its model.
        """
        if not 0 <= col < COLUMN_COUNT:
            return [0] * len(self.rows)
        cached = self._keys.get((col, self.descending))
        if cached is not None:
            return cached
        column = COLUMNS[col]
        values = [column.sort_of(r) for r in self.rows]
        order = sorted(range(len(values)), key=values.__getitem__, reverse=self.descending)
        order.sort(key=lambda i: (self.rows[i].group, values[i] == math.inf))
        step = self.stage_count + 1
        keys = [0] * len(order)
        top = len(order) - 1
        for position, i in enumerate(order):
            # Descending: the proxy puts larger keys first, so the first gets the largest.
            keys[i] = ((top - position) * step + step - 1) if self.descending else position * step
        self._keys[(col, self.descending)] = keys
        return keys

    def _sort_key(self, line: int, col: int) -> int:
        keys = self._sort_keys(col)
        n = len(self.rows)
        if line < n:
            return keys[line]
        row, stage = self.stage_lines[line - n]
        return keys[row] - 1 - stage if self.descending else keys[row] + 1 + stage

    # --- Qt model -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows) + len(self.stage_lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.table_heading(self.period, self.budget)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip
        if role == Qt.ItemDataRole.TextAlignmentRole and column.aligned_right():
            return _RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = index.row()
        if role == SORT_ROLE and line >= 0:  # asked n log n times by every sort: first, short
            return self._sort_key(line, index.column())
        if not index.isValid() or not 0 <= line < self.rowCount():
            return None
        # A repaint asks every cell for six roles, and sorting and column sizing ask
        # again; answers only change with set_rows, so each is worked out once.
        # Colours follow the palette (which can change) and tooltips are asked one at a time.
        if role in _UNCACHED_ROLES:
            return self._answer(index, role)
        key = (line, index.column(), role)
        try:
            return self._answers[key]
        except KeyError:
            value = self._answer(index, role)
            self._answers[key] = value
            return value

    def _answer(self, index: Index, role: int) -> Any:
        line = index.row()
        stage = self.stage_of(line)
        if stage is not None:
            return self._stage_answer(self.parent_line(line), stage, index.column(), role)
        row = self.rows[line]
        col = index.column()
        column = COLUMNS[col]
        if role == Qt.ItemDataRole.UserRole:
            return row.estimate
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text_of(row)
        if role == GROUP_ROLE:
            return row.group
        if role == STATUS_ROLE:
            return row.status
        if role == STAGE_ROLE:
            return None
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

    def _stage_answer(self, line: int, stage: int, col: int, role: int) -> Any:
        row = self.rows[line]
        column = COLUMNS[col]
        if role == Qt.ItemDataRole.UserRole:
            return row.estimate
        if role == Qt.ItemDataRole.DisplayRole:
            return column.stage(row, stage)
        if role == GROUP_ROLE:
            return row.group
        if role == STAGE_ROLE:
            return stage
        if role == Qt.ItemDataRole.ToolTipRole:
            return stage_hover(row, stage)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align == "right":
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            supported = row.estimate.stages[stage].supported
            return tone_colour(None if supported else "muted", QGuiApplication.palette())
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
    """Sorts in C++ on the model's whole-number keys (``SORT_ROLE``), which keep the
    groups in place (the models that cannot run the scenario, then those not
    available on the day, last in either direction) and each stage's line under its
    model. No comparison runs in Python."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        # Not on every dataChanged (a recompute changes every line): only when the
        # model says the order moved.
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model: QAbstractItemModel) -> None:  # noqa: N802
        old = self.sourceModel()
        if isinstance(old, ComparisonModel):
            old.orderChanged.disconnect(self.invalidate)
        super().setSourceModel(model)
        if isinstance(model, ComparisonModel):
            model.orderChanged.connect(self.invalidate)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, ComparisonModel):
            source.sort_by(column, order == Qt.SortOrder.DescendingOrder)
        super().sort(column, order)
