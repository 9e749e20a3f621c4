"""The "Compare with what was billed" dialog's chart: planned against actual images
per model and size, and estimated against billed dollars per model, each bar pair
labelled with its drift."""

from __future__ import annotations

from typing import TYPE_CHECKING

from imgcost_gui.core.reconcile import ModelReconciliation, Reconciliation, drift_pct
from imgcost_gui.workspace.text import usd

from .plots import PlotColours, style_axes, thousands
from .reconciliation_table import pct

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg


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
