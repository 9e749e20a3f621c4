"""Cost against volume: how each model scales, and where a subscription pays off.

Each line carries its name at its right end (no legend to decode), the "your
volume" line says the volume and what each model costs there, and hovering a
line or its name brings that line forward.
"""

from __future__ import annotations

import math

from matplotlib.artist import Artist
from matplotlib.backend_bases import MouseEvent
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.transforms import ScaledTranslation, Transform, blended_transform_factory
from PySide6.QtWidgets import QWidget

from imgcost_gui.workspace import text
from imgcost_gui.workspace.labels import spread, wrap_name
from imgcost_gui.workspace.scales import decades_around, volume_range, volumes_across
from imgcost_gui.workspace.volume import BreakEven, VolumeCurves, volume_curves

from .base import ChartInputs, ChartStyle, ChartView, log_log_axes, marker_line
from .break_evens import BreakEvenMarks

__all__ = [
    "BreakEven",
    "VolumeChart",
    "decades_around",
    "volume_range",
    "volumes_across",
]

#: Points of text in the names at the line ends and the values at "your volume".
LABEL_PT = 8.5
#: How much of its colour a line not highlighted keeps.
FADED = 0.22


class VolumeChart(ChartView):
    title = "Cost vs volume"
    explanation = (
        "Cost per period if the same mix of stages ran at more or fewer images; the "
        "values are what each model costs at your volume. Dots mark where a subscription "
        "becomes cheaper than the cheapest pay-per-use model. Hover a line to bring it forward."
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        self.lines: dict[str, Line2D] = {}
        #: The name at each line's right end.
        self.end_labels: dict[str, Annotation] = {}
        #: Where each line crosses "your volume": a dot and its value.
        self.crossings: dict[str, tuple[Line2D, Annotation]] = {}
        #: Thin lines from each line's end to its name, and from "your volume" to its value.
        self.leaders: dict[str, tuple[Line2D, Line2D]] = {}
        self.now_line: Line2D | None = None
        #: A dot and a note where a subscription starts to pay.
        self.break_even_marks = BreakEvenMarks()
        self.series: dict[str, list[float | None]] = {}
        self.volumes: list[float] = []
        self.x_range: tuple[float, float] | None = None
        #: The line brought forward (hover), or None.
        self.highlighted: str | None = None
        #: What the chart shows (None until the first draw).
        self.curves: VolumeCurves | None = None
        super().__init__(parent)
        self._set_up_axes()
        self.canvas.mpl_connect("motion_notify_event", self._hover)
        self.canvas.mpl_connect("figure_leave_event", lambda _e: self.highlight(None))
        self.canvas.mpl_connect("resize_event", lambda _e: self._place_names())

    def _set_up_axes(self) -> None:
        log_log_axes(self.ax, self.style_.grid)
        self.ax.xaxis.set_major_formatter(lambda v, _pos: text.count(v))

    def update_chart(self, inputs: ChartInputs) -> None:
        ax = self.ax
        curves: VolumeCurves = volume_curves(inputs, self.x_range)
        self.curves = curves
        self.x_range = curves.x_range
        self.volumes = curves.volumes
        self.series = curves.series
        if list(self.lines) != curves.models:
            self._rebuild(curves)
        for m, line in self.lines.items():
            line.set_data(*curves.points(m))
        for m, label in self.end_labels.items():
            xs, ys = curves.points(m)
            label.set_visible(bool(xs))
            if xs:
                label.xy = (xs[-1], ys[-1])
        self._mark_now(curves)
        colours = {m: str(line.get_color()) for m, line in self.lines.items()}
        self.break_even_marks.show(self.ax, curves, colours, self.style_)
        ax.set_xlim(*curves.x_range)
        ax.set_ylim(*curves.y_range)
        ax.set_xlabel(f"Images per {curves.period}")
        ax.set_ylabel(curves.unit)
        if self.highlighted not in self.lines:
            self.highlighted = None
        self._show_highlight()
        self._place_names()

    def _rebuild(self, curves: VolumeCurves) -> None:
        ax = self.ax
        for line in self.lines.values():
            line.remove()
        for label in self.end_labels.values():
            label.remove()
        for dot, value in self.crossings.values():
            dot.remove()
            value.remove()
        for end, at in self.leaders.values():
            end.remove()
            at.remove()
        self.lines, self.end_labels, self.crossings, self.leaders = {}, {}, {}, {}
        # Names just right of the axes; their height is set by place_labels().
        beside = ax.transAxes + ScaledTranslation(8 / 72, 0, self.figure.dpi_scale_trans)
        at_volume = blended_transform_factory(ax.transData, ax.transAxes) + ScaledTranslation(
            -5 / 72, 0, self.figure.dpi_scale_trans
        )
        for i, m in enumerate(curves.models):
            colour = self.style_.series(i)
            name = curves.names.get(m, m)
            self.lines[m] = ax.plot(
                [],
                [],
                label=name,
                color=colour,
                linewidth=1.8,
                linestyle="--" if m in curves.subscriptions else "-",
                zorder=2,
                gid=m,
            )[0]
            self.end_labels[m] = self._label(wrap_name(name), beside, "left", 3)
            (dot,) = ax.plot(
                [],
                [],
                "o",
                color=colour,
                markersize=5,
                markeredgecolor=self.style_.axes,
                zorder=4.2,
            )
            value = self._label("", at_volume, "right", 4.3)
            value.set_bbox(
                {"boxstyle": "round,pad=0.15", "facecolor": self.style_.axes,
                 "edgecolor": "none", "alpha": 0.85}
            )  # fmt: skip
            self.crossings[m] = (dot, value)
            self.leaders[m] = (self._leader(colour, 3), self._leader(colour, 4.25))
        for old in list(self.figure.legends):
            old.remove()  # the names at the line ends say which line is which

    def _label(self, words: str, where: Transform, ha: str, zorder: float) -> Annotation:
        """Words at a spot ``where`` places (``xy`` holds the point they name)."""
        return self.ax.annotate(
            words,
            (1, 1),
            xytext=(1.0, 0.5),
            textcoords=where,
            va="center",
            ha=ha,
            fontsize=LABEL_PT,
            color=self.style_.text,
            annotation_clip=False,
            zorder=zorder,
        )

    def _leader(self, colour: str, zorder: float) -> Line2D:
        """A thin line from a point on a line to its words, in axes fractions (set by
        place_labels). A plain line: an annotation's arrow, clipped and shrunk
        around its words, cost more than the words themselves."""
        (line,) = self.ax.plot(
            [], [], color=colour, linewidth=0.9, transform=self.ax.transAxes, clip_on=False,
            zorder=zorder,
        )  # fmt: skip
        return line

    def _mark_data_artists(self) -> None:
        super()._mark_data_artists()
        # The margins are for the frame (scales, names at the line ends). Words and
        # leaders that move with the data stay out of the layout: with them in, a
        # value near the left edge widened the margin, which moved it inside, and the
        # next full redraw laid the axes out elsewhere (a jump, and a frame out of date).
        names = set(self.end_labels.values())
        for artist in [*self.data_artists(), *self.mark_artists()]:
            if artist not in names:
                artist.set_in_layout(False)

    def data_artists(self) -> list[Artist]:
        artists: list[Artist] = list(self.lines.values())
        artists += [end for end, _at in self.leaders.values()]
        artists += self.break_even_marks.artists()
        return artists

    def mark_artists(self) -> list[Artist]:
        if self.now_line is None:
            return []
        marks: list[Artist] = [self.now_line, self.now_text]
        for dot, value in self.crossings.values():
            marks += [dot, value]
        marks += [at for _end, at in self.leaders.values()]
        return marks

    def data_state(self) -> object:
        notes = self.break_even_marks.state()
        series = tuple((m, tuple(v)) for m, v in self.series.items())
        return tuple(self.lines), series, notes, self.highlighted

    def layout_texts(self) -> tuple[str, ...]:
        return tuple(label.get_text() for label in self.end_labels.values())

    # --- labels -----------------------------------------------------------------------

    def _fraction(self, cost: float) -> float:
        """Where a cost sits on the y axis, 0 at the bottom and 1 at the top."""
        lo, hi = self.ax.get_ylim()
        return (math.log10(cost) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))

    def _label_gap(self, lines: int = 1, height: float | None = None) -> float:
        """The height of a label of so many lines, as a share of the axes' height
        (``height`` pixels; default: as drawn last)."""
        height = height or self.ax.get_window_extent().height or 1.0
        return (lines * 1.2 + 0.3) * LABEL_PT * self.figure.dpi / 72 / height

    def _place_names(self) -> None:
        """Names at the line ends, moved apart so none overlap, on whole pixel rows.

        The names belong to the frame: a small edit moves a line's end by less than
        a pixel, so the names stay put and the frame is reused; only a real move
        redraws it (``frame_state`` holds where they are).
        """
        if self.curves is None:
            return
        # The axes' height is known only once the figure is laid out, after the frame
        # is drawn: the names are spaced for a little less than it can be (the figure
        # less 0.8 inch of margins), so they stay apart, and the same figure size
        # always places them the same way.
        height = max(self.figure.bbox.height - 0.8 * self.figure.dpi, 40.0)
        ends = [m for m, label in self.end_labels.items() if label.get_visible()]
        wanted = [self._fraction(self.end_labels[m].xy[1]) for m in ends]
        sizes = [
            self._label_gap(self.end_labels[m].get_text().count("\n") + 1, height) + 1 / height
            for m in ends
        ]
        for m, y in zip(ends, spread(wanted, sizes, 0.0, 1.0), strict=True):
            self.end_labels[m].set_position((1.0, round(y * height) / height))

    def frame_state(self) -> tuple[object, ...]:
        names = tuple(
            (a.get_text(), a.get_position(), a.get_alpha(), a.get_visible())
            for a in self.end_labels.values()
        )
        return (*super().frame_state(), names)

    def place_labels(self) -> None:
        """Leaders to the names, and the values at "your volume" moved apart so none
        overlap (the values move with the mark, so they are placed as it is drawn)."""
        if self.curves is None:
            return
        gap = self._label_gap()
        to_axes = self.ax.transAxes.inverted()
        box = self.ax.get_window_extent()
        pt = self.figure.dpi / 72 / (box.width or 1.0)  # one point, as a share of the width
        for m, (end, _at) in self.leaders.items():
            label = self.end_labels[m]
            end.set_visible(label.get_visible())
            fx, fy = to_axes.transform(self.ax.transData.transform(label.xy))
            end.set_data([fx, 1.0 + 7 * pt], [fy, label.get_position()[1]])
        # Lines that cost the same at your volume share one value, a leader from each dot.
        yours = self.curves.at_your_volume
        groups: dict[str, list[str]] = {}
        for m in self.crossings:
            cost = yours.get(m)
            if cost is not None and cost > 0:
                groups.setdefault(text.usd(cost), []).append(m)
        wanted = [self._fraction(yours[ms[0]]) for ms in groups.values()]
        x = self.curves.images or 1
        # The top stays free for the words on the "your volume" line.
        for ms, y in zip(groups.values(), spread(wanted, gap, 0.0, 1.0 - 1.8 * gap), strict=True):
            lit = self.highlighted is None or self.highlighted in ms
            for i, m in enumerate(ms):
                _dot, value = self.crossings[m]
                value.set_visible(i == 0)
                value.set_alpha(1.0 if lit else 0.45)
                value.set_position((x, y))
                fx, fy = to_axes.transform(self.ax.transData.transform(value.xy))
                self.leaders[m][1].set_data([fx - 1.5 * pt, fx - 4 * pt], [fy, y])
        for m, (_end, at) in self.leaders.items():
            at.set_visible(m in yours and yours[m] > 0)
        self._place_notes()

    def _place_notes(self) -> None:
        if self.now_line is None or self.curves is None:
            return
        line = float(self.ax.transData.transform((self.curves.images or 1, 1))[0])
        words = [self.now_text, *(value for _dot, value in self.crossings.values())]
        pt = self.figure.dpi / 72
        self.break_even_marks.place(self.ax, line, words, pt, around=0.2 * LABEL_PT * pt)

    def _mark_now(self, curves: VolumeCurves) -> None:
        x = curves.images or 1
        if self.now_line is None:
            self.now_line, self.now_text = marker_line(
                self.ax, x, "", self.style_.text, linestyle="-", zorder=4
            )
            self.now_line.set_linewidth(1.4)
            self.now_text.set_fontsize(LABEL_PT)
            self.now_text.set_zorder(4.4)
            self.now_text.set_bbox(
                {"boxstyle": "round,pad=0.2", "facecolor": self.style_.axes,
                 "edgecolor": self.style_.text, "linewidth": 0.8}
            )  # fmt: skip
        self.now_line.set_xdata([x, x])
        self.now_text.xy = (x, 1)
        self.now_text.set_text(curves.volume_words)
        # Near the right edge the words go left of the line, so they stay inside.
        lo, hi = curves.x_range
        right_half = math.log10(x / lo) > 0.6 * math.log10(hi / lo)
        self.now_text.set_horizontalalignment("right" if right_half else "left")
        self.now_text.set_position((-4, -4) if right_half else (4, -4))
        for m, (dot, value) in self.crossings.items():
            cost = curves.at_your_volume.get(m)
            shown = cost is not None and cost > 0
            dot.set_visible(shown)
            value.set_visible(shown)
            if cost is not None and shown:
                dot.set_data([x], [cost])
                value.xy = (x, cost)
                value.set_text(text.usd(cost))

    @property
    def break_evens(self) -> list[tuple[Line2D, Annotation]]:
        """Each break-even's dot and note."""
        return self.break_even_marks.marks

    # --- highlight --------------------------------------------------------------------

    def line_at(self, x: float, y: float) -> str | None:
        """The model whose line, name or value is under a point in display pixels."""
        event = MouseEvent("motion_notify_event", self.canvas, round(x), round(y))
        for m, line in self.lines.items():
            _dot, value = self.crossings[m]
            for artist in (line, self.end_labels[m], value):
                if artist.get_visible() and artist.contains(event)[0]:
                    return m
        return None

    def highlight(self, model: str | None) -> None:
        """Bring one line forward and fade the others (None: all as normal)."""
        if model == self.highlighted:
            return
        self.highlighted = model
        self._show_highlight()
        self.refresh_data()

    def _show_highlight(self) -> None:
        chosen = self.highlighted
        for m, line in self.lines.items():
            on = chosen is None or m == chosen
            alpha = 1.0 if on else FADED
            line.set_alpha(alpha)
            line.set_linewidth(3.0 if m == chosen else 1.8)
            line.set_zorder(2.5 if m == chosen else 2)
            self.end_labels[m].set_alpha(1.0 if on else 0.45)
            dot, value = self.crossings[m]
            dot.set_alpha(alpha)
            value.set_alpha(1.0 if on else 0.45)
            for leader in self.leaders[m]:
                leader.set_alpha(alpha)

    def _hover(self, event: MouseEvent) -> None:
        if event.x is None or event.y is None:
            return
        self.highlight(self.line_at(event.x, event.y))

    # --- look -------------------------------------------------------------------------

    def restyle_artists(self, style: ChartStyle) -> None:
        for i, (m, line) in enumerate(self.lines.items()):
            colour = style.series(i)
            line.set_color(colour)
            self.end_labels[m].set_color(style.text)
            for leader in self.leaders[m]:
                leader.set_color(colour)
            dot, value = self.crossings[m]
            dot.set_color(colour)
            dot.set_markeredgecolor(style.axes)
            value.set_color(style.text)
            box = value.get_bbox_patch()
            if box is not None:
                box.set_facecolor(style.axes)
        if self.now_line is not None:
            self.now_line.set_color(style.text)
            self.now_text.set_color(style.text)
            box = self.now_text.get_bbox_patch()
            if box is not None:
                box.set_facecolor(style.axes)
                box.set_edgecolor(style.text)
        self.break_even_marks.restyle(style)
        if self.lines:
            self.ax.grid(True, which="major", color=style.grid, linewidth=0.6)
