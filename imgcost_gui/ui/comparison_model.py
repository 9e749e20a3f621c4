"""The comparison table: one row per model, over the core's ranked estimates.

Rows keep the order the core returned them in; sorting is the view's job
(``ComparisonProxy`` sorts on ``SORT_ROLE``), so a recompute that keeps the same
models only emits ``dataChanged`` and the user's selection stays put. Rows fall
in three groups whatever the sort (``GROUP_ROLE``): the ranked models, then
those that cannot run the scenario, then those not available on the day the
estimate is for (retired, or not out yet), greyed and unranked.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
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

from imgcost_gui.core import ModelEstimate, PriceCatalog
from imgcost_gui.core.compare import Ranked

from . import text
from .comparison_tips import total_tooltip
from .lifecycle import shutdown_words, unavailable_text

(
    COL_MODEL,
    COL_PROVIDER,
    COL_PER_IMAGE,
    COL_TOTAL,
    COL_VS_BASELINE,
    COL_VS_CHEAPEST,
    COL_BUDGET,
    COL_WARNINGS,
) = range(8)
COLUMN_COUNT = 8

#: A number to sort on; models that cannot run the scenario sort last.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The unformatted value for copy and CSV export (a float, an int, a string or None).
EXPORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: Which group a row sorts in, whatever the order: 0 ranked, 1 cannot run it,
#: 2 not available on the day (retired, not out yet).
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3
GROUP_RANKED, GROUP_UNPRICED, GROUP_UNAVAILABLE = range(3)
#: The figures a row not available on the day has instead one line saying why:
#: (first column, columns spanned).
UNAVAILABLE_SPAN = (COL_PER_IMAGE, COL_WARNINGS - COL_PER_IMAGE)

Index = QModelIndex | QPersistentModelIndex

#: A word or two per kind of notice, for the narrow Notes column (the tooltip has the full text).
NOTE_WORDS = {
    "unsupported_size": "size not offered",
    "retired": "retired",
    "upcoming": "not out yet",
    "deprecated": "deprecated",
    "price_change": "price change in the period",
    "unsupported_quality": "quality not offered",
    "no_api": "no public API",
    "assumed_rule": "assumed token rule",
    "experimental_size": "experimental size",
    "no_edits": "cannot edit",
    "no_batch": "no batch discount",
    "no_references": "no reference image",
    "references_unpriced": "references not priced",
    "subscription_cap": "exceeds plans",
}


_UNCACHED_ROLES = (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole)


@dataclass(frozen=True)
class ComparisonRow:
    """What the table shows for one model; all numbers come from the core."""

    ranked: Ranked
    within_budget: int | None = None
    over_budget: bool = False
    is_baseline: bool = False

    @property
    def estimate(self) -> ModelEstimate:
        return self.ranked.estimate

    @property
    def group(self) -> int:
        if not self.estimate.available:
            return GROUP_UNAVAILABLE
        return GROUP_RANKED if self.ranked.position is not None else GROUP_UNPRICED


def _headers(period: str) -> list[str]:
    return [
        "Model",
        "Provider",
        "Per image",
        f"Per {text.PERIOD_WORDS[period]}",
        "vs baseline",
        "vs cheapest",
        "In budget",
        "Notes",
    ]


_HEADER_TIPS = [
    "The model and the name its vendor sells it under.",
    "Who bills you: the vendor itself or a reseller.",
    "Average cost of one kept image over the whole scenario, retries and failures included.",
    "What the whole scenario costs over its period. Hover a cell for the cost of each meter.",
    "This model's cost minus the baseline's (negative = you save).",
    "How much more this model costs than the cheapest one that can run the scenario.",
    "How many images (in this scenario's mix) the budget buys on this model; "
    "(over) marks the models whose plan costs more than the budget.",
    "Warnings and notes about the estimate. Hover for all of them.",
]


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
        if role == Qt.ItemDataRole.DisplayRole:
            return _headers(self.period)[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _HEADER_TIPS[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and COL_PER_IMAGE <= section <= COL_BUDGET:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
        if role == Qt.ItemDataRole.UserRole:
            return row.estimate
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == GROUP_ROLE:
            return row.group
        if role == EXPORT_ROLE:
            return self._export(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and COL_PER_IMAGE <= col <= COL_BUDGET:
            if not row.estimate.available:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_WARNINGS:
            return self._icon(row.estimate)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_MODEL and row.over_budget:
            return self._over_budget_icon()
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, col)
        if (
            role == Qt.ItemDataRole.FontRole
            and (row.ranked.position == 1 or row.is_baseline)
            and col == COL_MODEL
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None

    # --- cells ------------------------------------------------------------------------

    def _display(self, row: ComparisonRow, col: int) -> str:
        e, r = row.estimate, row.ranked
        if col == COL_MODEL:
            suffix = " (baseline)" if row.is_baseline else ""
            return e.name + suffix
        if col == COL_PROVIDER:
            return e.provider
        if not e.available and col != COL_WARNINGS:
            # Listed apart: what it would have cost does not matter on a day it cannot run.
            # The view spans this cell over the figures (``UNAVAILABLE_SPAN``).
            return f"{unavailable_text(e)} · not ranked" if col == COL_PER_IMAGE else ""
        if col == COL_PER_IMAGE:
            return text.usd_per_image(e.per_image_usd)
        if col == COL_TOTAL:
            return text.usd(e.total_usd) if e.complete else "Not available"
        if col == COL_VS_BASELINE:
            if row.is_baseline:
                return "baseline"
            return text.signed_usd(r.vs_baseline_usd) + text.signed_pct(r.vs_baseline_pct)
        if col == COL_VS_CHEAPEST:
            if r.position == 1:
                return "cheapest"
            return text.signed_usd(r.vs_cheapest_usd)
        if col == COL_BUDGET:
            if not self.has_budget:
                return ""
            if row.within_budget is None:
                return "unlimited" if e.complete else "—"
            count = text.count(row.within_budget)
            return f"{count} (over)" if row.over_budget else count
        if col == COL_WARNINGS:
            shown = [n for n in e.all_notices if n.severity != "info"]
            if not e.available:  # why it cannot run that day is all that matters
                shown = [n for n in shown if n.code in ("retired", "upcoming")] or shown
            shutdown = shutdown_words(e)
            words = dict.fromkeys(
                shutdown
                if n.code == "shuts_down" and shutdown
                else NOTE_WORDS.get(n.code, n.code.replace("_", " "))
                for n in shown
            )
            if e.low_usd is not None and e.high_usd is not None:
                # 'auto' quality: the model decides, so the honest answer is a range.
                words[f"auto: {text.usd(e.low_usd)}–{text.usd(e.high_usd)}"] = None
            return ", ".join(words)
        return ""

    def _sort_key(self, row: ComparisonRow, col: int) -> Any:
        e, r = row.estimate, row.ranked
        inf = math.inf
        if col == COL_MODEL:
            return e.name.lower()
        if col == COL_PROVIDER:
            return e.provider.lower()
        if col == COL_PER_IMAGE:
            return inf if e.per_image_usd is None else e.per_image_usd
        if col == COL_TOTAL:
            return inf if e.total_usd is None else e.total_usd
        if col == COL_VS_BASELINE:
            return inf if r.vs_baseline_usd is None else r.vs_baseline_usd
        if col == COL_VS_CHEAPEST:
            return inf if r.vs_cheapest_usd is None else r.vs_cheapest_usd
        if col == COL_BUDGET:
            if not e.complete:
                return -1  # buys nothing: the model cannot run the scenario
            return inf if row.within_budget is None else row.within_budget  # None = unlimited
        if col == COL_WARNINGS:
            order = {None: 0, "info": 1, "warning": 2, "error": 3}
            return order[e.worst_severity]
        return None

    def _export(self, row: ComparisonRow, col: int) -> Any:
        e, r = row.estimate, row.ranked
        if not e.available and col in (COL_PER_IMAGE, COL_TOTAL, COL_BUDGET):
            return None  # no figure for a day the model cannot run; Notes says why
        values = {
            COL_MODEL: e.name,
            COL_PROVIDER: e.provider,
            COL_PER_IMAGE: e.per_image_usd,
            COL_TOTAL: e.total_usd,
            COL_VS_BASELINE: r.vs_baseline_usd,
            COL_VS_CHEAPEST: r.vs_cheapest_usd,
            COL_BUDGET: row.within_budget if self.has_budget else None,
            COL_WARNINGS: "; ".join(n.message for n in e.all_notices if n.severity != "info"),
        }
        return values.get(col)

    def _tooltip(self, row: ComparisonRow, col: int) -> str | None:
        e = row.estimate
        if not e.available and col != COL_WARNINGS:
            return "<br>".join(
                [f"<b>{_esc(e.name)}</b> is {_esc(unavailable_text(e))}: "
                 "it is listed apart and not ranked."]
                + [f"• {_esc(n.message)}" for n in e.all_notices]
            )  # fmt: skip
        if col == COL_TOTAL and e.complete:
            entry = self.catalog.by_id.get(e.model) if self.catalog else None
            return total_tooltip(e, self.period, entry)
        if col == COL_PER_IMAGE and e.complete:
            parts = [f"{s.stage}: {text.usd_per_image(s.per_image_usd)}" for s in e.stages]
            return "Per image by stage<br>" + "<br>".join(parts)
        if col == COL_MODEL:
            lines = [f"<b>{_esc(e.name)}</b> ({_esc(e.model)})"]
            if row.over_budget:
                lines.append(
                    "<b>Over budget:</b> the scenario as planned costs more than your budget."
                )
            lines += [f"• {_esc(n.message)}" for n in e.all_notices]
            return "<br>".join(lines)
        if col == COL_PROVIDER:
            return f"Billed by {e.provider}; model made by {e.vendor}"
        if col == COL_WARNINGS:
            shown = _esc(self._display(row, col))
            notes = [f"• {_esc(n.message)}" for n in e.all_notices]
            return "<br>".join([shown, *notes]) if notes else shown or None
        if col == COL_BUDGET and row.within_budget is not None:
            verdict = (
                "<b>Over budget:</b> the scenario as planned costs more than the budget on this model."
                if row.over_budget
                else "The scenario as planned fits in the budget."
            )
            return f"The budget buys {text.count(row.within_budget, 'images')} in this scenario's mix.<br>{verdict}"
        if col in (COL_VS_BASELINE, COL_VS_CHEAPEST):
            return self._display(row, col)  # in full, should the column be narrow
        return None

    def _foreground(self, row: ComparisonRow, col: int) -> QColor | None:
        palette = QGuiApplication.palette()
        if not row.estimate.complete or not row.estimate.available:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if (
            col == COL_VS_BASELINE
            and row.ranked.vs_baseline_usd is not None
            and not row.is_baseline
        ):
            return saving_colour(row.ranked.vs_baseline_usd, palette)
        if col == COL_BUDGET and row.over_budget:
            return saving_colour(1.0, palette)
        return None

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

    def _icon(self, e: ModelEstimate) -> QIcon | None:
        severity = "error" if not e.complete else e.worst_severity
        if severity not in ("warning", "error"):
            return None
        if severity not in self._icons:
            pixmap = {
                "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
                "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
            }[severity]
            self._icons[severity] = QApplication.style().standardIcon(pixmap)
        return self._icons[severity]


def _esc(value: str) -> str:
    """Text for a rich-text tooltip: markup characters escaped, quotes left as typed."""
    return html.escape(value, quote=False)


def saving_colour(delta: float, palette: QPalette) -> QColor | None:
    """Green for savings, red for extra cost; lighter shades on a dark background."""
    if abs(delta) < 0.005:
        return None
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    if delta < 0:
        return QColor("#6fcf97" if dark else "#1e7d45")
    return QColor("#ff8a80" if dark else "#b3261e")


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
            return ga < gb if self.sortOrder() == Qt.SortOrder.AscendingOrder else ga > gb
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a is None or b is None:
            return False
        a_last, b_last = a == math.inf, b == math.inf
        if a_last != b_last:
            # keep "not available" at the bottom in both directions
            return b_last if self.sortOrder() == Qt.SortOrder.AscendingOrder else a_last
        return bool(a < b)
