"""The comparison table: a Qt model over the workspace's comparison rows.

Every cell's text, sort key, exported value, tooltip and tone comes from the
workspace's column list (``imgcost_gui.workspace.columns.COLUMNS``); this model
only turns them into Qt roles (colours, icons, fonts).

The model keeps its lines in the order the table is sorted in (``sort``, which
the view's header asks through ``ComparisonProxy``): a recompute that keeps the
models in the same order only emits ``dataChanged``, one that reorders them a
layout change, and the user's selection stays on its model either way. Rows fall
in three groups whatever the sort (``GROUP_ROLE``): the ranked models, then
those that cannot run the scenario, then those not available on the day the
estimate is for (retired, or not out yet), greyed and unranked. A model opened
to its stages has a line per stage under it (``STAGE_ROLE``).
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
from PySide6.QtGui import QFont, QGuiApplication

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
)
from imgcost_gui.workspace.comparison import (
    GROUP_RANKED,
    GROUP_UNAVAILABLE,
    GROUP_UNPRICED,
    ComparisonRow,
)
from imgcost_gui.workspace.tips import stage_tip

from .marks import over_budget_icon, severity_icon, tone_colour

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

#: The value a cell sorts on (``Column.sort_of``).
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

#: The status mark in words, for a screen reader (the mark itself is an icon).
STATUS_WORDS = {
    "warning": "has a warning",
    "info": "has a note",
    "unavailable": "not available on the day",
}

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_UNCACHED_ROLES = (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole)


class ComparisonModel(QAbstractTableModel):
    """One line per model (``rows``, in the order the table is sorted in), each
    followed by a line per stage when it is opened to its stages (``lines``)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        #: The models' rows, in the order shown (the core's until a sort is asked).
        self.rows: list[ComparisonRow] = []
        #: Each line: (index in ``rows``, stage number or None for the model's own line).
        self.lines: list[tuple[int, int | None]] = []
        #: The models shown with their stages (ids, kept across recomputes).
        self.expanded: set[str] = set()
        self.period = "month"
        self.has_budget = False
        self.budget: float | None = None
        #: The catalog the rows were priced with (for where each price comes from).
        self.catalog: PriceCatalog | None = None
        #: The order asked for (``sort``): a column, or -1 for the core's order.
        self.sort_column = -1
        self.descending = False
        #: Columns short of room: their cells read ``Column.short``.
        self.narrow: frozenset[int] = frozenset()
        self._line_of: dict[str, int] = {}
        self._answers: dict[tuple[int, int, int], Any] = {}

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
        """New rows (in the core's order). The same models in the same order update
        in place (``dataChanged``); the same models in a new order move (a layout
        change: the selection follows its model); other models reset the table."""
        self.catalog = catalog
        ordered = self._ordered(rows)
        ids = [r.estimate.model for r in ordered]
        old_ids = [r.estimate.model for r in self.rows]
        stages = len(rows[0].estimate.stages) if rows else 0
        same_lines = bool(self.rows) and stages == self.stage_count
        budget = rows[0].budget_usd if rows else None
        headers_changed = period != self.period or budget != self.budget
        self.period, self.has_budget, self.budget = period, has_budget, budget
        self._answers.clear()
        if same_lines and ids == old_ids:
            self.rows = ordered
            last = self.index(self.rowCount() - 1, COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        elif same_lines and sorted(ids) == sorted(old_ids):
            self._move_to(ordered)
        else:
            self.beginResetModel()
            self.rows = ordered
            self._build_lines()
            self.endResetModel()
        if headers_changed:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    def row_of(self, model_id: str) -> int | None:
        """The line of a model (its own, above its stages); the row of ``rows`` as long
        as no model is opened to its stages."""
        return self._line_of.get(model_id)

    def row_at(self, line: int) -> ComparisonRow:
        """The model a line belongs to (a stage's line, its model's)."""
        return self.rows[self.lines[line][0]]

    def _build_lines(self) -> None:
        lines: list[tuple[int, int | None]] = []
        line_of: dict[str, int] = {}
        stages = range(self.stage_count) if self.stage_count > 1 else range(0)
        for i, r in enumerate(self.rows):
            line_of[r.estimate.model] = len(lines)
            lines.append((i, None))
            if r.estimate.model in self.expanded and r.estimate.available:
                lines += [(i, j) for j in stages]
        self.lines, self._line_of = lines, line_of

    # --- order --------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Put the lines in the order of ``column`` (the view's header asks)."""
        self.sort_column, self.descending = column, order == Qt.SortOrder.DescendingOrder
        ordered = self._ordered(self.rows)
        if [r.estimate.model for r in ordered] != [r.estimate.model for r in self.rows]:
            self._answers.clear()
            self._move_to(ordered)

    def _ordered(self, rows: list[ComparisonRow]) -> list[ComparisonRow]:
        """``rows`` in the order asked: the ranked models, then those that cannot run
        the scenario, then those not available on the day, in either direction;
        within a group, what cannot be known last; ties in the core's order.

        Each row's key is worked out once (``Column.sort_of``) and the keys are
        compared by ``list.sort`` in C: no comparison runs in Python, and no sort
        goes through the proxy (every comparison there calls back into this model).
        """
        col = self.sort_column
        if not 0 <= col < COLUMN_COUNT:
            return list(rows)
        column = COLUMNS[col]
        values = [column.sort_of(r) for r in rows]
        order = sorted(range(len(rows)), key=values.__getitem__, reverse=self.descending)
        last = [(r.group, v == math.inf) for r, v in zip(rows, values, strict=True)]
        order.sort(key=last.__getitem__)
        return [rows[i] for i in order]

    def _move_to(self, ordered: list[ComparisonRow]) -> None:
        """The same models in a new order: a layout change, selection and current
        line follow their model (and stage)."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        where = [(self.row_at(i.row()).estimate.model, self.lines[i.row()][1]) for i in before]
        self.rows = ordered
        self._build_lines()
        after = []
        for index, (model_id, stage) in zip(before, where, strict=True):
            line = self._line_of.get(model_id)
            if line is not None and stage is not None:
                line += 1 + stage
            after.append(self.index(line, index.column()) if line is not None else QModelIndex())
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def set_narrow(self, columns: frozenset[int]) -> None:
        """The columns that show their short text (the table is short of room)."""
        if columns == self.narrow:
            return
        changed = columns ^ self.narrow
        self.narrow = columns
        self._answers.clear()
        if self.lines:
            for col in changed:
                self.dataChanged.emit(
                    self.index(0, col),
                    self.index(len(self.lines) - 1, col),
                    [Qt.ItemDataRole.DisplayRole],
                )

    # --- stages -------------------------------------------------------------------------

    def expandable(self, line: int) -> bool:
        """A model's line that opens to its stages (a scenario of several stages)."""
        if not 0 <= line < len(self.lines) or self.stage_count < 2:
            return False
        i, stage = self.lines[line]
        return stage is None and self.rows[i].estimate.available

    def is_expanded(self, line: int) -> bool:
        return self.expandable(line) and self.row_at(line).estimate.model in self.expanded

    def parent_line(self, line: int) -> int:
        """The model's line a stage's line belongs to (a model's line is its own)."""
        return self._line_of[self.row_at(line).estimate.model]

    def stage_of(self, line: int) -> int | None:
        return self.lines[line][1] if 0 <= line < len(self.lines) else None

    def set_expanded(self, line: int, on: bool) -> None:
        """Show (or hide) one model's stages, each on its own line under it."""
        if not self.expandable(line) or self.is_expanded(line) == on:
            return
        model_id = self.row_at(line).estimate.model
        count = self.stage_count
        self._answers.clear()
        if on:
            self.beginInsertRows(QModelIndex(), line + 1, line + count)
            self.expanded.add(model_id)
            self._build_lines()
            self.endInsertRows()
        else:
            self.beginRemoveRows(QModelIndex(), line + 1, line + count)
            self.expanded.discard(model_id)
            self._build_lines()
            self.endRemoveRows()

    def set_all_expanded(self, on: bool) -> None:
        """Every model's stages shown, or none: one reset (hundreds of insertions, one
        per model, would take most of a second at 500 models)."""
        ids = {r.estimate.model for r in self.rows if r.estimate.available} if on else set()
        if ids == self.expanded:
            return
        self.beginResetModel()
        self.expanded = ids
        self._answers.clear()
        self._build_lines()
        self.endResetModel()

    # --- Qt model -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.lines)

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
        if not index.isValid() or not 0 <= line < len(self.lines):
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
        i, stage = self.lines[index.row()]
        row = self.rows[i]
        col = index.column()
        if stage is not None:
            return self._stage_answer(row, stage, col, role)
        column = COLUMNS[col]
        if role == Qt.ItemDataRole.UserRole:
            return row.estimate
        if role == Qt.ItemDataRole.DisplayRole:
            return column.short_of(row) if col in self.narrow else column.text_of(row)
        if role == SORT_ROLE:
            return column.sort_of(row)
        if role == GROUP_ROLE:
            return row.group
        if role == STATUS_ROLE:
            return row.status
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and col == COL_MODEL:
            return STATUS_WORDS.get(row.status or "", "")
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
            return severity_icon(row.severity)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_MODEL and row.over_budget:
            return over_budget_icon()
        if role == Qt.ItemDataRole.ForegroundRole:
            return tone_colour(column.tone_of(row), QGuiApplication.palette())
        if role == Qt.ItemDataRole.FontRole and row.stands_out and col == COL_MODEL:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _stage_answer(self, row: ComparisonRow, stage: int, col: int, role: int) -> Any:
        column = COLUMNS[col]
        if role == Qt.ItemDataRole.UserRole:
            return row.estimate
        if role == Qt.ItemDataRole.DisplayRole:
            if col in self.narrow and column.stage_short is not None:
                return column.stage_short(row, stage)
            return column.stage(row, stage)
        if role == GROUP_ROLE:
            return row.group
        if role == STAGE_ROLE:
            return stage
        if role == Qt.ItemDataRole.ToolTipRole:
            return stage_tip(row, stage)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align == "right":
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole:
            supported = row.estimate.stages[stage].supported
            return tone_colour(None if supported else "muted", QGuiApplication.palette())
        return None


class ComparisonProxy(QSortFilterProxyModel):
    """The table's view of the model. Sorting is the model's (``ComparisonModel.sort``:
    keys worked out once per row, compared in C), so a proxy sort never calls back
    into Python for every comparison; the models that cannot run the scenario, then
    those not available on the day, stay last either way, each stage under its model."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)
