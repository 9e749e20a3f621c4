"""Prices > Compare with what was billed: the scenario's plan against OpenAI's Usage
API export (images) and, if given, its Costs API export (dollars).

Both files are read and set beside the plan off the UI thread. The table is the
one ``imgcost reconcile`` prints, a row per model and size and a total per
model (its words in ``reconciliation_table``); the chart sets planned against
actual images per model and size, drift labelled, and estimated against billed
dollars per model (``reconciliation_plot``). This module picks the files, reads
them and shows the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core import PriceCatalog, Scenario
from imgcost_gui.core.reconcile import ReconcileProblem, Reconciliation, catalog_id, reconcile
from imgcost_gui.core.usage_exports import UsageExport, read_costs_export, read_usage_export
from imgcost_gui.ui.common import give_widget_mnemonics
from imgcost_gui.workspace.text import usd

from .background import Reader
from .catalog_document import CatalogDocument
from .plots import new_canvas
from .reconciliation_plot import draw_reconciliation
from .reconciliation_table import COLUMN_TIPS, COLUMNS, pct, span_text, table_rows
from .result_table import fill, plot_placeholder, result_table, text_line

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

EXPORT_FILES = "API exports (*.json *.jsonl *.ndjson);;All files (*)"


def _models(scenario: Scenario, usage: UsageExport, catalog: PriceCatalog) -> list[str] | None:
    """The scenario's models that the export has images of (None: all the export names)."""
    named = {catalog_id(r.model, catalog) for r in usage.rows}
    if not scenario.models:
        return None
    chosen = [m for m in scenario.models if m in named]
    if not chosen:
        has = ", ".join(sorted({r.model for r in usage.rows}))[:200]
        raise ReconcileProblem(
            f"{usage.file} has no images of the scenario's models; it has images of {has}. "
            "Choose the export of the models you planned, or add them to the scenario."
        )
    return chosen


#: Where the chart will be, until there is one.
NO_PLOT = "The plan against the bill is drawn here once a usage export is read."
NO_PLOT_AFTER_FAILURE = (
    "Nothing to draw: choose an export that can be read (the line above says why)."
)


@dataclass(frozen=True)
class Reconciled:
    result: Reconciliation
    usage_file: str
    costs_file: str | None


class ReconcileDialog(QDialog):
    """Choose the exports; read the plan against them in a table and a chart."""

    def __init__(self, doc: CatalogDocument, scenario: Scenario, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.scenario = scenario.model_copy(deep=True)
        self.setWindowTitle("Compare with what was billed")
        self.reconciled: Reconciled | None = None
        self.usage_path: Path | None = None
        self.costs_path: Path | None = None
        self.reader = Reader(self)
        self.reader.done.connect(self._show)
        self.reader.failed.connect(self._failed)

        intro = QLabel(
            f"The plan of “{scenario.name}” against what OpenAI says happened. Choose an "
            "export of the organisation Usage API for images (/v1/organization/usage/images, "
            "grouped by model and size) and, for dollars, one of the Costs API "
            "(/v1/organization/costs, grouped by line item) for the same days."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)

        self.usage = QLineEdit()
        self.usage.setReadOnly(True)
        self.usage.setPlaceholderText("No usage export chosen")
        self.costs = QLineEdit()
        self.costs.setReadOnly(True)
        self.costs.setPlaceholderText("Optional: without it, no billed dollars")
        choose_usage = QPushButton("Choose…")
        choose_usage.clicked.connect(self.choose_usage)
        choose_costs = QPushButton("Choose…")
        choose_costs.clicked.connect(self.choose_costs)
        self.clear_costs = QPushButton("Clear")
        self.clear_costs.setToolTip("Compare images only, without the costs export")
        self.clear_costs.clicked.connect(lambda: self.set_files(self.usage_path, None))
        self.clear_costs.setEnabled(False)  # nothing to clear yet
        files = QGridLayout()
        files.addWidget(QLabel("Usage export"), 0, 0)
        files.addWidget(self.usage, 0, 1)
        files.addWidget(choose_usage, 0, 2)
        files.addWidget(QLabel("Costs export"), 1, 0)
        files.addWidget(self.costs, 1, 1)
        files.addWidget(choose_costs, 1, 2)
        files.addWidget(self.clear_costs, 1, 3)
        files.setColumnStretch(1, 1)

        self.status = text_line("reconcileStatus", "Choose a usage export.")

        self.table = result_table("reconcileTable", COLUMNS, COLUMN_TIPS, stretch=0)

        self.notes = text_line("reconcileNotes", shown=False)

        self.canvas: FigureCanvasQTAgg | None = None
        self.plot_place = QVBoxLayout()
        self.plot_place.setContentsMargins(0, 0, 0, 0)
        # Holds the chart's room until there is one (and after a failed read): without
        # it the dialog spread its few lines down the whole height.
        self.no_plot = plot_placeholder("reconcileNoPlot", NO_PLOT)
        self.plot_place.addWidget(self.no_plot, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(files)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addWidget(self.notes)
        layout.addLayout(self.plot_place, 1)
        layout.addWidget(buttons)
        self.resize(1180, 760)
        give_widget_mnemonics(self)

    # --- choosing -----------------------------------------------------------------

    def _ask(self, title: str, near: Path | None) -> Path | None:
        start = str(near.parent) if near is not None else ""
        name, _ = QFileDialog.getOpenFileName(self, title, start, EXPORT_FILES)
        return Path(name) if name else None

    def choose_usage(self) -> None:
        path = self._ask("Usage API export (images)", self.usage_path)
        if path is not None:
            self.set_files(path, self.costs_path)

    def choose_costs(self) -> None:
        path = self._ask("Costs API export", self.costs_path or self.usage_path)
        if path is not None:
            self.set_files(self.usage_path, path)

    def set_files(self, usage: Path | None, costs: Path | None = None) -> None:
        """Read the exports off the UI thread and set them beside the plan."""
        self.usage_path = Path(usage) if usage is not None else None
        self.costs_path = Path(costs) if costs is not None else None
        for edit, path in ((self.usage, self.usage_path), (self.costs, self.costs_path)):
            edit.setText(str(path) if path else "")
            edit.setToolTip(str(path) if path else "")
        self.clear_costs.setEnabled(self.costs_path is not None)
        if self.usage_path is None:
            self.status.setText("Choose a usage export.")
            return
        scenario, catalog = self.scenario, self.doc.catalog
        usage_path, costs_path = self.usage_path, self.costs_path

        def work() -> Reconciled:
            usage_export = read_usage_export(usage_path)
            costs_export = read_costs_export(costs_path) if costs_path else None
            models = _models(scenario, usage_export, catalog)
            result = reconcile(scenario, catalog, usage_export, costs_export, models)
            return Reconciled(
                result, usage_export.file, costs_export.file if costs_export else None
            )

        self.status.setText(f"Reading {usage_path.name}…")
        self.reader.start(work)

    # --- showing ------------------------------------------------------------------

    def _failed(self, line: str) -> None:
        self.reconciled = None
        self.status.setText(f"⚠ {line}")
        self.table.setRowCount(0)
        self.notes.hide()
        if self.canvas is not None:
            self.canvas.hide()
        self.no_plot.setText(NO_PLOT_AFTER_FAILURE)
        self.no_plot.show()

    def _show(self, reconciled: object) -> None:
        assert isinstance(reconciled, Reconciled)
        self.reconciled = reconciled
        result = reconciled.result
        keys = {f"{stage.size}/{stage.quality}" for stage in self.scenario.stages}
        measured = [
            m.name
            for m in result.models
            if (entry := self.doc.catalog.by_id.get(m.model)) is not None
            and keys & entry.measured_output.keys()
        ]
        self.status.setText(
            span_text(result, self.scenario)
            + (
                f" Estimates of {', '.join(measured)} use the output tokens you measured."
                if measured
                else ""
            )
        )
        rows = table_rows(result)
        fill(
            self.table,
            [cells for cells, _ in rows],
            numbers_from=2,
            bold=[total for _, total in rows],
        )
        lines = [
            f"Not attributed to a model: {item} {usd(value)}."
            for item, value in result.unattributed_usd.items()
        ]
        lines += [f"Note: {n}." for n in result.notes]
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))
        if self.canvas is None:
            self.canvas = new_canvas(9.0, 3.4)
            self.canvas.setObjectName("reconcilePlot")
            self.plot_place.addWidget(self.canvas)
        self.no_plot.hide()
        self.canvas.show()
        draw_reconciliation(self.canvas, result)

    def done(self, code: int) -> None:
        self.reader.wait()
        super().done(code)


def compare_with_billed(
    parent: QWidget,
    doc: CatalogDocument,
    scenario: Scenario,
    usage: Path | None = None,
    costs: Path | None = None,
) -> ReconcileDialog:
    """Open the dialog (reading the exports at once, if given) and run it."""
    dialog = ReconcileDialog(doc, scenario, parent)
    if usage is not None:
        dialog.set_files(usage, costs)
    dialog.exec()
    return dialog


# The table's words and the chart lived here once: still importable from here.
__all__ = [
    "COLUMNS",
    "COLUMN_TIPS",
    "EXPORT_FILES",
    "ReconcileDialog",
    "Reconciled",
    "compare_with_billed",
    "draw_reconciliation",
    "pct",
    "span_text",
    "table_rows",
]
