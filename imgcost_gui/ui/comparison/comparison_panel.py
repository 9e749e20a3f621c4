"""The comparison table with its budget field, copy and CSV export."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core import ModelEntry, ModelEstimate, PriceCatalog
from imgcost_gui.ui.common import DoubleSpinBox, ask_save_path, safe_file_name
from imgcost_gui.ui.common.steady import SteadyBox
from imgcost_gui.ui.scenario import ScenarioDocument
from imgcost_gui.workspace.columns import SHOWN
from imgcost_gui.workspace.comparison import ComparisonRow, summary_text
from imgcost_gui.workspace.export import table_text
from imgcost_gui.workspace.text import PERIOD_WORDS

from .column_widths import column_widths
from .comparison_model import (
    COL_BUDGET,
    COL_MODEL,
    COL_TOTAL,
    COL_VS_CHEAPEST,
    UNAVAILABLE_SPAN,
    ComparisonModel,
    ComparisonProxy,
)
from .comparison_table import ComparisonTable
from .detail_strip import DetailStrip
from .summary_panel import SummaryPanel


class ComparisonPanel(QWidget):
    """Every model's cost for the scenario, side by side."""

    #: The user asked to make a model the baseline (its id).
    baselineRequested = Signal(str)  # noqa: N815

    def __init__(self, doc: ScenarioDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.model = ComparisonModel(self)
        self.proxy = ComparisonProxy(self)
        self.proxy.setSourceModel(self.model)
        for signal in (
            self.proxy.layoutChanged,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
        ):
            signal.connect(self._span_unavailable)
        #: The view rows spanned for models not available on the day, as last set.
        self._spanned: tuple[int, ...] | None = None
        self._shape: tuple[object, ...] | None = None
        #: The catalog below the user's prices, for the shipped value beside theirs.
        self.shipped: PriceCatalog | None = None

        self.summary = SummaryPanel()
        self.summary.modelActivated.connect(self.select_model)

        self.budget = DoubleSpinBox()
        self.budget.setRange(0, 10_000_000)
        self.budget.setDecimals(2)
        self.budget.setPrefix("$ ")
        self.budget.setSingleStep(50)
        self.budget.setSpecialValueText("No budget")
        self.budget.setGroupSeparatorShown(True)
        self.budget.setMinimumWidth(130)
        self.budget.setSuffix(" / month")
        self.budget.setToolTip(
            "What you can spend per period. The table then shows how many images each model "
            "buys within it, and marks the models whose plan goes over it."
        )
        self.budget.valueChanged.connect(self._budget_edited)
        budget_label = QLabel("&Budget:")
        budget_label.setBuddy(self.budget)

        self.copy_action = QAction("Copy", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.setToolTip(
            "Copy the selected rows (or all) as tab-separated text for a spreadsheet"
        )
        self.copy_action.triggered.connect(self.copy_selection)
        self.addAction(self.copy_action)
        self.export_action = QAction("Export CSV…", self)
        self.export_action.setToolTip("Save the whole table as a CSV file")
        self.export_action.triggered.connect(self.export_csv_dialog)

        header = QHBoxLayout()
        # The summary's detail line (volume, what is left out) shares the budget's row.
        self.summary.lines.removeWidget(self.summary.detail)
        header.addWidget(SteadyBox(self.summary.detail), 1)
        header.addWidget(budget_label)
        header.addWidget(self.budget)
        for action in (self.copy_action, self.export_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            header.addWidget(button)

        self.table = ComparisonTable()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_TOTAL, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.expandRequested.connect(self._expand)
        self.table.resized.connect(self._size_columns)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        # Three rows and the two-line header at least (the charts keep a legible grid).
        self.table.setMinimumHeight(3 * 26 + 40)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # the tooltip has it in full
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The model's name takes the room the figures leave (full names at 1280 px).
        h.setSectionResizeMode(COL_MODEL, QHeaderView.ResizeMode.Stretch)
        h.setStretchLastSection(False)
        h.setHighlightSections(False)
        h.setMinimumSectionSize(40)
        for visual, col in enumerate(SHOWN):  # Time beside the cost
            h.moveSection(h.visualIndex(col), visual)
        self._size_columns()

        self.detail = DetailStrip()
        self.detail.show_stages.toggled.connect(self._show_all_stages)
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        self.model.modelReset.connect(self._show_detail)
        self.model.modelReset.connect(self._size_columns)  # new models: widths to fit them
        self.model.dataChanged.connect(self._show_detail)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(header)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)

    # --- feeding ------------------------------------------------------------------

    def _size_columns(self, *_: object) -> None:
        """Widths for the models, headers and width the table has (``column_widths``)."""
        widths, narrow = column_widths(self.table, self.model)
        self.model.set_narrow(narrow)
        # The name stretches over what the figures leave, unless it was given a width.
        header = self.table.horizontalHeader()
        fixed = COL_MODEL in widths
        mode = QHeaderView.ResizeMode.Interactive if fixed else QHeaderView.ResizeMode.Stretch
        if header.sectionResizeMode(COL_MODEL) != mode:
            header.setSectionResizeMode(COL_MODEL, mode)
        for col, width in widths.items():
            if self.table.columnWidth(col) != width:
                self.table.setColumnWidth(col, width)

    def show_rows(
        self,
        rows: list[ComparisonRow],
        catalog: PriceCatalog | None = None,
        shipped: PriceCatalog | None = None,
    ) -> None:
        """The rows of a recompute. ``shipped`` is the catalog below the user's own
        prices: the detail strip names the shipped price beside a changed one."""
        if shipped is not None:
            self.shipped = shipped
        scenario = self.doc.scenario
        has_budget = bool(scenario.budget_usd)
        # What changes how wide the figures are, not just their digits: 'auto' makes
        # ranges, a tier makes times, the budget's header names its amount.
        shape = (
            any(s.quality == "auto" for s in scenario.stages),
            bool(scenario.tiers) or scenario.parallel_requests is not None,
            scenario.budget_usd,
        )
        reshaped, self._shape = shape != self._shape, shape
        self.model.set_rows(rows, scenario.period, has_budget, catalog)
        # With a budget, its column takes the place of "vs cheapest" (the summary names the cheapest).
        if self.table.isColumnHidden(COL_BUDGET) == has_budget:
            self.table.setColumnHidden(COL_BUDGET, not has_budget)
            self.table.setColumnHidden(COL_VS_CHEAPEST, has_budget)
        if reshaped:
            self._size_columns()
        self._span_unavailable()
        self._sync_budget()
        self._summarise(rows, catalog)
        self.detail.show_stages.setEnabled(self.model.stage_count > 1)

    def _span_unavailable(self, *_: object) -> None:
        """One line over the figures of each model not available on the day. Spans
        belong to view rows: set again only when those rows change (they sort last,
        so a recompute or a sort seldom moves them)."""
        # The proxy passes the model's lines through in order (the model sorts): a
        # model's line is its view row.
        line_of = self.model.row_of
        rows = tuple(
            sorted(
                line_of(r.estimate.model) or 0 for r in self.model.rows if not r.estimate.available
            )
        )
        if rows == self._spanned:
            return
        self._spanned = rows
        self.table.clearSpans()
        first, count = UNAVAILABLE_SPAN
        for r in rows:
            if r >= 0:
                self.table.setSpan(r, first, 1, count)

    # --- stages and detail ----------------------------------------------------------

    def _expand(self, index: QModelIndex, on: bool) -> None:
        """Open (or close) the model's stages; the selection stays on the model."""
        line = self.model.parent_line(self.proxy.mapToSource(index).row())
        self.model.set_expanded(line, on)
        self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(line, index.column())))

    def _show_all_stages(self, on: bool) -> None:
        """Every model opened to its stages (or closed); the selected model stays so."""
        row = self.current_row()
        self.model.set_all_expanded(on)
        if row is not None:
            self.select_model(row.estimate.model)

    def current_row(self) -> ComparisonRow | None:
        """The selected model's row (a stage's line counts as its model's)."""
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return None
        line = self.proxy.mapToSource(selected[0]).row()
        return self.model.row_at(line) if 0 <= line < len(self.model.lines) else None

    def _rows_at(self, view_rows: list[int]) -> list[ComparisonRow]:
        """The models of these view rows, each once, in view order (a stage's line
        stands for its model)."""
        seen: dict[str, ComparisonRow] = {}
        for r in view_rows:
            row = self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            seen.setdefault(row.estimate.model, row)
        return list(seen.values())

    def _show_detail(self, *_: object) -> None:
        row = self.current_row()
        if row is None:
            self.detail.show_model(None)
            return
        shipped: ModelEntry | None = None
        if self.shipped is not None:
            shipped = self.shipped.by_id.get(row.estimate.model)
        self.detail.show_model(row.estimate, self.model.period, row.entry, shipped)

    def _summarise(self, rows: list[ComparisonRow], catalog: PriceCatalog | None) -> None:
        scenario = self.doc.scenario
        # The panel's large line names the answer; the detail line says the rest.
        detail = summary_text(rows, scenario, answer_shown=catalog is not None)
        self.summary.show_answer([r.estimate for r in rows], catalog, scenario, detail)

    def _sync_budget(self) -> None:
        suffix = f" / {PERIOD_WORDS[self.doc.scenario.period]}"
        if self.budget.suffix() != suffix:
            self.budget.setSuffix(suffix)
        value = float(self.doc.scenario.budget_usd or 0)
        if abs(self.budget.value() - value) > 1e-9:
            self.budget.blockSignals(True)
            self.budget.setValue(value)
            self.budget.blockSignals(False)

    def _budget_edited(self, value: float) -> None:
        budget = Decimal(str(round(value, 2))) if value > 0 else None
        self.doc.set(("budget_usd",), budget, "Change budget")

    # --- selection, copy, export ------------------------------------------------------

    def selected_estimates(self) -> list[ModelEstimate]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [row.estimate for row in self._rows_at(rows)]

    def select_model(self, model_id: str) -> None:
        row = self.model.row_of(model_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)  # the keyboard goes on from it
        self.table.scrollTo(index)

    def table_text(self, delimiter: str, rows: list[int] | None = None) -> str:
        """The table (or some of its rows, in view order) as delimited text with raw numbers."""
        if rows is None:
            rows = list(range(self.proxy.rowCount()))
        in_view = self._rows_at(rows)
        return table_text(in_view, self.model.period, self.model.has_budget, delimiter)

    def copy_selection(self) -> None:
        selected = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        QApplication.clipboard().setText(self.table_text("\t", selected or None))

    def export_csv(self, path: Path) -> None:
        Path(path).write_text(self.table_text(","), encoding="utf-8", newline="")

    def export_csv_dialog(self) -> None:
        name = f"{safe_file_name(self.doc.scenario.name, 'Scenario')} comparison.csv"
        path = ask_save_path(
            self, "Export comparison", name, "CSV files (*.csv)", (".csv",), other_suffixes=True
        )
        if path is None:
            return
        try:
            self.export_csv(path)
        except OSError as e:
            QMessageBox.warning(self, "Export failed", f"The comparison could not be saved:\n{e}")

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        menu = QMenu(self)
        if index.isValid():
            e: ModelEstimate = index.siblingAtColumn(COL_MODEL).data(Qt.ItemDataRole.UserRole)
            menu.addAction(
                f"Use {e.name} as baseline", lambda: self.baselineRequested.emit(e.model)
            )
            menu.addSeparator()
        menu.addAction(self.copy_action)
        menu.addAction(self.export_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))
