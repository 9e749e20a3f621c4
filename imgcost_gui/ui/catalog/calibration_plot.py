"""The Calibrate dialog's plot: measured against estimated tokens per group of size
and quality, each with its p5-p95 spread, against the line where they agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from imgcost_gui.core.calibration import CalibrationGroup

from .plots import PlotColours, style_axes, thousands

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg


@dataclass(frozen=True)
class PlotPoint:
    """One group on the plot: its estimate (x), measured mean and spread (y)."""

    label: str
    estimated: float
    mean: float
    p5: float
    p95: float


def plot_points(groups: list[CalibrationGroup]) -> tuple[list[PlotPoint], list[PlotPoint]]:
    """Output tokens per image, and reference-image tokens per request, of the groups
    that have an estimate to set them against."""
    outputs = [
        PlotPoint(
            f"{g.size} {g.quality}",
            g.output_tokens_estimated,
            g.output_tokens.mean,
            g.output_tokens.p5,
            g.output_tokens.p95,
        )
        for g in groups
        if g.output_tokens_estimated
    ]
    inputs = [
        PlotPoint(
            f"{g.size} {g.quality} (references)",
            g.input_image_tokens_estimated,
            g.input_image_tokens.mean,
            g.input_image_tokens.p5,
            g.input_image_tokens.p95,
        )
        for g in groups
        if g.input_image_tokens is not None and g.input_image_tokens_estimated
    ]
    return outputs, inputs


def draw_calibration(canvas: FigureCanvasQTAgg, groups: list[CalibrationGroup]) -> None:
    """Measured against estimated tokens: a point per group with its p5-p95 as an error
    bar, and the line where measured equals estimated."""
    from matplotlib.ticker import FuncFormatter

    colours = PlotColours.from_palette()
    figure = canvas.figure
    figure.clear()
    ax = figure.add_subplot()
    style_axes(ax, colours)
    outputs, inputs = plot_points(groups)
    points = outputs + inputs
    if not points:
        ax.text(
            0.5,
            0.5,
            "No group has an estimate to compare with",
            ha="center",
            va="center",
            color=colours.text,
            transform=ax.transAxes,
        )
        ax.set_xticks([])
        ax.set_yticks([])
        canvas.draw_idle()  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated
        return
    top = max(max(p.p95, p.estimated) for p in points) * 1.12
    ax.plot(
        [0, top],
        [0, top],
        color=colours.text,
        alpha=0.45,
        linestyle="--",
        linewidth=1.1,
        label="measured = estimated",
    )
    for series, colour, marker, what in (
        (outputs, colours.series[0], "o", "output tokens per image"),
        (inputs, colours.series[1], "s", "reference-image tokens per request"),
    ):
        if not series:
            continue
        ax.errorbar(
            [p.estimated for p in series],
            [p.mean for p in series],
            yerr=[
                [p.mean - p.p5 for p in series],
                [p.p95 - p.mean for p in series],
            ],
            fmt=marker,
            color=colour,
            ecolor=colour,
            elinewidth=1.4,
            capsize=4,
            markersize=6,
            label=f"{what} (bar: p5–p95)",
        )
        for p in series:
            # Labels of points on the right go to their left, so none leaves the axes.
            right = p.estimated > top * 0.6
            ax.annotate(
                p.label,
                (p.estimated, p.mean),
                xytext=(-8 if right else 8, -12 if right else 4),
                textcoords="offset points",
                ha="right" if right else "left",
                fontsize=8,
                color=colours.text,
            )
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("Estimated by the published rule (tokens)")
    ax.set_ylabel("Measured mean (tokens)")
    ax.xaxis.set_major_formatter(FuncFormatter(thousands))
    ax.yaxis.set_major_formatter(FuncFormatter(thousands))
    legend = ax.legend(loc="upper left", fontsize=8, frameon=False)
    for text in legend.get_texts():
        text.set_color(colours.text)
    canvas.draw_idle()  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated
