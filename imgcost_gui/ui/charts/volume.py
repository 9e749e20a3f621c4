"""Cost against volume: how each model scales, and where a subscription pays off."""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.ticker import NullLocator
from PySide6.QtWidgets import QWidget

from imgcost_gui.workspace import text
from imgcost_gui.workspace.scales import decades_around, volume_range, volumes_across
from imgcost_gui.workspace.volume import BreakEven, VolumeCurves, volume_curves

from .base import ChartInputs, ChartStyle, ChartView, marker_line, money_axis

__all__ = [
    "BreakEven",
    "VolumeChart",
    "decades_around",
    "volume_range",
    "volumes_across",
]


class VolumeChart(ChartView):
    title = "Cost vs volume"
    explanation = (
        "Cost per period if the same mix of stages ran at more or fewer images. "
        "Dots mark where a subscription becomes cheaper than the cheapest pay-per-use model."
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        self.lines: dict[str, Line2D] = {}
        self.now_line: Line2D | None = None
        self.break_evens: list[tuple[Line2D, Annotation]] = []
        self.series: dict[str, list[float | None]] = {}
        self.volumes: list[float] = []
        self.x_range: tuple[float, float] | None = None
        #: What the chart shows (None until the first draw).
        self.curves: VolumeCurves | None = None
        super().__init__(parent)
        self._set_up_axes()

    def _set_up_axes(self) -> None:
        # Scales and formatters once: set_xscale() rebuilds every locator and tick.
        ax = self.ax
        ax.set_xscale("log")
        ax.set_yscale("log")
        # Minor ticks on two log axes were most of the artists drawn (two Line2D each).
        ax.xaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_minor_locator(NullLocator())
        money_axis(ax, "y")
        ax.xaxis.set_major_formatter(lambda v, _pos: text.count(v))
        ax.grid(True, which="major", color=self.style_.grid, linewidth=0.6)

    def update_chart(self, inputs: ChartInputs) -> None:
        ax = self.ax
        curves: VolumeCurves = volume_curves(inputs, self.x_range)
        self.curves = curves
        self.x_range = curves.x_range
        self.volumes = curves.volumes
        self.series = curves.series
        if list(self.lines) != curves.models:
            for line in self.lines.values():
                line.remove()
            self.lines = {
                m: ax.plot(
                    [],
                    [],
                    label=curves.names.get(m, m),
                    color=self.style_.series(i),
                    linewidth=1.8,
                    linestyle="--" if m in curves.subscriptions else "-",
                )[0]
                for i, m in enumerate(curves.models)
            }
            self.legend(ax, ncols=3)
        for m, line in self.lines.items():
            line.set_data(*curves.points(m))
        self._mark_now(curves.images)
        self._mark_break_evens(curves)
        ax.set_xlim(*curves.x_range)
        ax.set_ylim(*curves.y_range)
        ax.set_xlabel(f"Images per {curves.period}")
        ax.set_ylabel(f"Cost per {curves.period}")

    def data_artists(self) -> list[Artist]:
        artists: list[Artist] = list(self.lines.values())
        for dot, note in self.break_evens:
            artists += [dot, note]
        return artists

    def mark_artists(self) -> list[Artist]:
        return [self.now_line, self.now_text] if self.now_line is not None else []

    def data_state(self) -> object:
        notes = tuple((n.get_text(), n.xy) for _dot, n in self.break_evens)
        series = tuple((m, tuple(v)) for m, v in self.series.items())
        return tuple(self.lines), series, notes

    def _mark_now(self, images: int) -> None:
        if self.now_line is None:
            self.now_line, self.now_text = marker_line(
                self.ax, images or 1, "your volume", self.style_.muted, linestyle=":"
            )
        self.now_line.set_xdata([images or 1, images or 1])
        self.now_text.xy = (images or 1, 1)

    def _mark_break_evens(self, curves: VolumeCurves) -> None:
        for dot, note in self.break_evens:
            dot.remove()
            note.remove()
        self.break_evens = []
        for found in curves.break_evens:
            colour = self.lines[found.subscription].get_color()
            n, cost = found.images, found.cost
            (dot,) = self.ax.plot([n], [cost], "o", color=colour, markersize=6, zorder=5)
            note = self.ax.annotate(
                curves.note(found),
                (n, cost),
                xytext=(10, -26),
                textcoords="offset points",
                fontsize=8,
                color=self.style_.text,
                bbox={
                    "boxstyle": "round,pad=0.3",
                    "facecolor": self.style_.axes,
                    "edgecolor": colour,
                    "alpha": 0.9,
                },
                arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.8},
            )
            self.break_evens.append((dot, note))

    def restyle_artists(self, style: ChartStyle) -> None:
        for i, line in enumerate(self.lines.values()):
            line.set_color(style.series(i))
        if self.now_line is not None:
            self.now_line.set_color(style.muted)
            self.now_text.set_color(style.muted)
        for _dot, note in self.break_evens:
            note.set_color(style.text)
            box = note.get_bbox_patch()
            if box is not None:
                box.set_facecolor(style.axes)
        if self.lines:
            self.ax.grid(True, which="major", color=style.grid, linewidth=0.6)
            self.legend(self.ax, ncols=3)
