"""Cost against time: each model a point; the fast and cheap corner is the answer."""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text
from matplotlib.ticker import FixedLocator, LogLocator
from PySide6.QtWidgets import QWidget

from imgcost_gui.workspace.cost_time import (
    MAX_LABELLED,
    CostTimePoints,
    cost_time_points,
    hours_words,
)
from imgcost_gui.workspace.labels import spread_boxes

from .base import ChartInputs, ChartStyle, ChartView, log_log_axes, marker_line

LABEL_PT = 8.5


class CostTimeChart(ChartView):
    title = "Cost vs time"
    explanation = (
        "Each model a point: how long the period's work takes at your usage tier (rate limits "
        "and latency) and what it costs. Lower left is faster and cheaper; the shaded corner "
        "holds the answer. Hollow points do not finish within your time limit."
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        #: What the chart shows (None until the first draw).
        self.points: CostTimePoints | None = None
        self._built = False  # the base styles the chart before its artists exist
        super().__init__(parent)
        ax = self.ax
        log_log_axes(ax, self.style_.grid)
        # Costs often span less than a decade: 1, 2 and 5 of each give the axis a few labels.
        ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        ax.xaxis.set_major_formatter(lambda v, _pos: hours_words(v))
        s = self.style_
        self.corner = Rectangle((0, 0), 0, 0, linewidth=0, zorder=0.5, visible=False)
        ax.add_patch(self.corner)
        self.corner_text = ax.text(
            0.01, 0.02, "fast and cheap", transform=ax.transAxes, fontsize=8, style="italic",
            va="bottom", ha="left", zorder=0.6, visible=False,
        )  # fmt: skip
        (self.in_time,) = ax.plot([], [], "o", markersize=6, zorder=3)
        (self.too_slow,) = ax.plot([], [], "o", markersize=6, markerfacecolor="none", zorder=3)
        (self.best,) = ax.plot([], [], "o", markersize=10, zorder=3.5)
        self.limit_line, self.limit_text = marker_line(
            ax, 1, "", s.text, linestyle="--", zorder=2.5, visible=False
        )
        self.limit_text.set_fontsize(LABEL_PT)
        self.labels: list[Annotation] = [
            ax.annotate(
                "",
                (1, 1),
                xytext=(0.5, 0.5),
                textcoords="axes fraction",
                fontsize=LABEL_PT,
                va="center",
                ha="left",
                annotation_clip=False,
                visible=False,
                zorder=4,
                arrowprops={
                    "arrowstyle": "-",
                    "linewidth": 0.7,
                    "shrinkA": 0,
                    "shrinkB": 0,
                    "patchA": None,  # neither clipped nor shrunk: both cost more than words
                },
            )  # fmt: skip
            for _ in range(MAX_LABELLED)
        ]
        self._built = True
        self.restyle_artists(s)

    def update_chart(self, inputs: ChartInputs) -> None:
        ax = self.ax
        held = (self.points.x_range, self.points.y_range) if self.points else None
        pts = cost_time_points(inputs, held)
        self.points = pts
        fast = [p for p in pts.points if p.in_time and p.model != pts.answer]
        slow = [p for p in pts.points if not p.in_time and p.model != pts.answer]
        self.in_time.set_data([p.hours for p in fast], [p.cost for p in fast])
        self.too_slow.set_data([p.hours for p in slow], [p.cost for p in slow])
        best = pts.point(pts.answer) if pts.answer else None
        self.best.set_data([best.hours], [best.cost]) if best else self.best.set_data([], [])
        labelled = pts.labelled
        for i, label in enumerate(self.labels):
            shown = i < len(labelled)
            label.set_visible(shown)
            if shown:
                p = labelled[i]
                label.xy = (p.hours, p.cost)
                label.set_text(pts.label(p))
                label.set_fontweight("bold" if p.model == pts.answer else "normal")
        corner = pts.corner
        self.corner.set_visible(corner is not None)
        self.corner_text.set_visible(corner is not None)
        if corner is not None:
            x_lo, y_lo = pts.x_range[0], pts.y_range[0]
            self.corner.set_bounds(x_lo, y_lo, corner[0] - x_lo, corner[1] - y_lo)
        limit = pts.limit_hours
        self.limit_line.set_visible(limit is not None)
        self.limit_text.set_visible(limit is not None)
        if limit is not None:
            self.limit_line.set_xdata([limit, limit])
            self.limit_text.xy = (limit, 1)
            self.limit_text.set_text(f"finish within {hours_words(limit)}")
        ax.set_xlim(*pts.x_range)
        ax.set_ylim(*pts.y_range)
        ax.xaxis.set_major_locator(FixedLocator(pts.ticks))
        ax.set_xlabel(f"{pts.time_axis} (log scale)")
        ax.set_ylabel(pts.unit)
        # The answer in words under the chart (Qt text: typing redraws no frame for it).
        words = pts.answer_words() if pts.points else "No model compared has a known time"
        self.set_note(pts.caption(), headline=words)

    def data_artists(self) -> list[Artist]:
        if not self._built:
            return []
        return [
            self.corner,
            self.corner_text,
            self.limit_line,
            self.limit_text,
            self.in_time,
            self.too_slow,
            self.best,
            *self.labels,
        ]

    def place_labels(self) -> None:
        """Names beside their points, moved up or down so none covers another."""
        shown = [a for a in self.labels if a.get_visible()]
        if not shown:
            return
        renderer = self.canvas.get_renderer()  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated
        box = self.ax.get_window_extent()
        wanted: list[tuple[float, float]] = []
        sizes: list[tuple[float, float]] = []
        for a in shown:
            x, y = self.ax.transData.transform(a.xy)
            extent = Text.get_window_extent(a, renderer)
            # Right of its point, or left of it where it would run past the axes.
            x0 = x + 10 if x + 10 + extent.width <= box.x1 else x - 10 - extent.width
            wanted.append((x0, y))
            sizes.append((extent.width, extent.height))
        ys = spread_boxes(wanted, sizes, box.y0, box.y1, pad=2)
        to_axes = self.ax.transAxes.inverted()
        for a, (x0, _), y in zip(shown, wanted, ys, strict=True):
            a.set_horizontalalignment("left")
            a.set_position(tuple(to_axes.transform((x0, y))))

    def tooltip_at(self, x: float, y: float) -> str | None:
        """The model whose point is under the pointer: its cost, time and what binds it."""
        if self.points is None:
            return None
        near = None
        for p in self.points.points:
            px, py = self.ax.transData.transform((p.hours, p.cost))
            d = (px - x) ** 2 + (py - y) ** 2
            if d <= 8**2 and (near is None or d < near[0]):
                near = (d, p)
        if near is None:
            return None
        p = near[1]
        late = "" if p.in_time else "\ndoes not finish within your time limit"
        return f"{self.points.label(p)}\n{p.why}{late}"

    def restyle_artists(self, style: ChartStyle) -> None:
        if not self._built:
            return
        main, best = style.series(0), style.series(1)
        self.corner.set_facecolor(style.faint(style.good, 0.82))
        self.corner_text.set_color(style.text)
        self.in_time.set_color(main)
        self.in_time.set_markeredgecolor(style.axes)
        self.too_slow.set_color(main)
        self.too_slow.set_markeredgecolor(main)
        self.best.set_color(best)
        self.best.set_markeredgecolor(style.text)
        self.limit_line.set_color(style.text)
        self.limit_text.set_color(style.text)
        for label in self.labels:
            label.set_color(style.text)
            # Lines under a name (the limit, the grid) stop short of its words.
            label.set_bbox({"boxstyle": "round,pad=0.15", "facecolor": style.axes,
                            "edgecolor": "none", "alpha": 0.8})  # fmt: skip
            if label.arrow_patch is not None:
                label.arrow_patch.set_color(style.muted)
        self.ax.grid(True, which="major", color=style.grid, linewidth=0.6)
