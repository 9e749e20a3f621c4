"""Prices > Compare with what was billed: the scenario's plan against OpenAI's Usage
API export (images) and, if given, its Costs API export (dollars).

Both files are read and set beside the plan off the UI thread. The table is the
one ``imgcost reconcile`` prints, a row per model and size and a total per
model; the chart sets planned against actual images per model and size, drift
labelled, and estimated against billed dollars per model.
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
from imgcost_gui.core.reconcile import (
    ModelReconciliation,
    ReconcileProblem,
    Reconciliation,
    catalog_id,
    drift_pct,
    reconcile,
)
from imgcost_gui.core.usage_exports import UsageExport, read_costs_export, read_usage_export
from imgcost_gui.ui.common import give_widget_mnemonics
from imgcost_gui.workspace.text import MINUS, usd

from .background import Reader
from .catalog_document import CatalogDocument
from .plots import PlotColours, new_canvas, style_axes, thousands
from .result_table import fill, result_table, text_line

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

EXPORT_FILES = "API exports (*.json *.jsonl *.ndjson);;All files (*)"
COLUMNS = (
    "Model",
    "Size",
    "Planned\nimages",
    "Actual\nimages",
    "Images\ndrift",
    "Estimated",
    "Estimated at\nactual volume",
    "Billed",
    "Dollars\ndrift",
)
COLUMN_TIPS = {
    2: "The images the plan bills (retries and billed failures too), scaled to the span",
    3: "Images the Usage API counted",
    4: "(actual − planned) / planned",
    5: "The plan's dollars, scaled to the span",
    6: "The images actually made, at the plan's cost per image of that size",
    7: "Dollars the Costs API billed for the model's line items",
    8: "(billed − estimated) / estimated",
}


def pct(value: float | None) -> str:
    """A drift: '+10.0%', '−2.5%', or '—' when there was no plan to drift from."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else MINUS if value < 0 else ""
    return f"{sign}{abs(value):.1f}%"


def table_rows(result: Reconciliation) -> list[tuple[list[str], bool]]:
    """The table's cells, a row per model and size then the model's total (True)."""
    rows: list[tuple[list[str], bool]] = []
    for m in result.models:
        for s in m.sizes:
            rows.append(
                (
                    [
                        m.name,
                        s.size or "all sizes",
                        f"{s.planned_images:,.0f}",
                        f"{s.actual_images:,}",
                        pct(s.images_drift_pct),
                        usd(s.estimated_usd),
                        usd(s.estimated_usd_at_actual),
                        "",
                        "",
                    ],
                    False,
                )
            )
        billed = usd(m.billed_usd) if m.billed_usd is not None else "no costs file"
        rows.append(
            (
                [
                    m.name,
                    "total",
                    f"{m.planned_images:,.0f}",
                    f"{m.actual_images:,}",
                    pct(m.images_drift_pct),
                    usd(m.estimated_usd),
                    usd(m.estimated_usd_at_actual),
                    billed,
                    pct(m.usd_drift_pct),
                ],
                True,
            )
        )
    return rows


def span_text(r: Reconciliation, scenario: Scenario) -> str:
    days = f"{r.span_days:g} day{'s' if r.span_days != 1 else ''}"
    return (
        f"{r.start.date().isoformat()} to {r.end.date().isoformat()} ({days}): the plan of "
        f"“{scenario.name}” per {r.period}, scaled by {r.span_days:g}/{r.period_days} = "
        f"{r.scale:.3f}, priced as of {r.priced_on.isoformat()}."
    )


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
        self.canvas.show()
        draw_reconciliation(self.canvas, result)

    def done(self, code: int) -> None:
        self.reader.wait()
        super().done(code)


def _bars(
    ax: Axes, labels: list[str], series: list[tuple[str, list[float | None], str, str]], edge: str
) -> None:
    """Bars side by side per label; a None value is left out."""
    width = 0.8 / len(series)
    for i, (name, values, colour, hatch) in enumerate(series):
        xs = [n + (i - (len(series) - 1) / 2) * width for n in range(len(labels))]
        ax.bar(
            [x for x, v in zip(xs, values, strict=True) if v is not None],
            [v for v in values if v is not None],
            width,
            label=name,
            color=colour,
            hatch=hatch,
            # The hatch is drawn in the edge colour: the axes' own, so it reads on the fill.
            edgecolor=edge,
            linewidth=0,
        )
    # Many bars: their names slant, so none runs into the next.
    slant = len(labels) > 5
    ax.set_xticks(
        range(len(labels)),
        labels,
        fontsize=8,
        rotation=30 if slant else 0,
        ha="right" if slant else "center",
    )


def _drift_labels(ax: Axes, tops: list[float], drifts: list[float | None], colour: str) -> None:
    for n, (top, drift) in enumerate(zip(tops, drifts, strict=True)):
        ax.annotate(
            pct(drift),
            (n, top),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
            color=colour,
            fontweight="bold",
        )


def draw_reconciliation(canvas: FigureCanvasQTAgg, r: Reconciliation) -> None:
    """Planned against actual images per model and size; estimated against billed
    dollars per model (the estimate at actual volume when nothing was billed)."""
    from matplotlib.ticker import FuncFormatter

    colours = PlotColours.from_palette()
    figure = canvas.figure
    figure.clear()
    images, dollars = figure.subplots(1, 2, width_ratios=[3, 2])
    for ax in (images, dollars):
        style_axes(ax, colours)
        ax.grid(True, axis="y", color=colours.grid, linewidth=0.6)
        ax.grid(False, axis="x")
    multi = len(r.models) > 1
    sizes = [(m, s) for m in r.models for s in m.sizes]
    labels = [
        (f"{m.name}\n" if multi else "") + (s.size or "all sizes").replace("x", "×")
        for m, s in sizes
    ]
    planned = [s.planned_images for _, s in sizes]
    actual = [float(s.actual_images) for _, s in sizes]
    _bars(
        images,
        labels,
        [
            ("Planned", list(planned), colours.series[0], ""),
            ("Actual", list(actual), colours.series[1], "//"),
        ],
        colours.axes,
    )
    _drift_labels(
        images,
        [max(p, a) for p, a in zip(planned, actual, strict=True)],
        [s.images_drift_pct for _, s in sizes],
        colours.text,
    )
    images.set_ylabel("Images in the span")
    images.set_title(f"Images, {r.span_days:g} days from {r.start.date().isoformat()}", fontsize=9)
    images.yaxis.set_major_formatter(FuncFormatter(thousands))
    images.margins(y=0.18)

    billed = any(m.billed_usd is not None for m in r.models)
    names = [m.name for m in r.models]
    estimated = [m.estimated_usd for m in r.models]
    second: list[float | None] = (
        [m.billed_usd for m in r.models]
        if billed
        else [m.estimated_usd_at_actual for m in r.models]
    )
    _bars(
        dollars,
        names,
        [
            ("Estimated", estimated, colours.series[0], ""),
            ("Billed" if billed else "At actual volume", second, colours.series[2], "\\\\"),
        ],
        colours.axes,
    )
    _drift_labels(
        dollars,
        [max(a or 0.0, b or 0.0) for a, b in zip(estimated, second, strict=True)],
        [_usd_drift(m, billed) for m in r.models],
        colours.text,
    )
    dollars.set_ylabel("US dollars")
    dollars.set_title("Dollars billed" if billed else "Dollars (no costs export)", fontsize=9)
    dollars.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: usd(v)))
    dollars.margins(y=0.18)
    for ax in (images, dollars):
        legend = ax.legend(loc="upper left", fontsize=8, frameon=False, ncols=2)
        for text in legend.get_texts():
            text.set_color(colours.text)
    canvas.draw_idle()  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated


def _usd_drift(m: ModelReconciliation, billed: bool) -> float | None:
    return m.usd_drift_pct if billed else drift_pct(m.estimated_usd_at_actual, m.estimated_usd)


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
