"""The volume chart's break-even marks: a dot where a subscription becomes cheaper
than paying per use, and a note saying over which volumes, placed where it hides
neither the "your volume" line, its words and values, nor another note.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from imgcost_gui.workspace.labels import Box, place_note
from imgcost_gui.workspace.volume import VolumeCurves

from .style import ChartStyle

#: Points of text in a break-even note, and the padding of its box (in font sizes).
NOTE_PT = 8
NOTE_PAD = 0.3
#: Where a note sits as a rule: this many points right of its dot and below it
#: (``place`` moves it where that would hide something).
NOTE_FROM_DOT = (10, 26)


class BreakEvenMarks:
    """The dots and notes of one chart's break-evens, made again only when they change."""

    def __init__(self) -> None:
        #: (dot, note) per break-even, in the order the curves list them.
        self.marks: list[tuple[Line2D, Annotation]] = []
        #: What the marks show (they are made again only when it changes).
        self._shown: tuple[object, ...] = ()

    def show(
        self, ax: Axes, curves: VolumeCurves, colours: dict[str, str], style: ChartStyle
    ) -> None:
        """Mark each break-even of ``curves`` on ``ax`` in its subscription's line colour."""
        # Typing a count seldom moves a break-even: the dots and notes stay as they are.
        shown = tuple((f, curves.note(f), colours[f.subscription]) for f in curves.break_evens)
        if shown == self._shown and all(dot.figure is ax.figure for dot, _n in self.marks):
            return
        self._shown = shown
        for dot, note in self.marks:
            dot.remove()
            note.remove()
        self.marks = []
        for found, words, colour in shown:
            n, cost = found.images, found.cost
            # Data, so under the marks (your volume and its values, zorder 4+) as a quick
            # redraw puts them: a full draw then looks the same where they overlap.
            (dot,) = ax.plot([n], [cost], "o", color=colour, markersize=6, zorder=3.5)
            note = ax.annotate(
                words,
                (n, cost),
                xytext=(NOTE_FROM_DOT[0], -NOTE_FROM_DOT[1]),
                textcoords="offset points",
                va="top",
                multialignment="left",
                fontsize=NOTE_PT,
                color=style.text,
                zorder=3.5,
                bbox={
                    "boxstyle": f"round,pad={NOTE_PAD}",
                    "facecolor": style.axes,
                    "edgecolor": colour,
                    "alpha": 0.92,
                },
                # Not clipped to the box nor shrunk (both cost more than the words):
                # the leader runs from the box's corner to the dot.
                arrowprops={"arrowstyle": "-", "color": colour, "linewidth": 0.8,
                            "patchA": None, "shrinkA": 0, "shrinkB": 0},
            )  # fmt: skip
            self.marks.append((dot, note))

    def place(
        self, ax: Axes, line: float, words: Sequence[Annotation], pt: float, around: float
    ) -> None:
        """Each note where it hides neither the upright line at x = ``line`` (display
        pixels) nor ``words`` (with their boxes, ``around`` pixels round them) nor
        another note, inside ``ax`` (``pt``: pixels a point)."""
        if not self.marks:
            return
        frame = _box(ax.get_window_extent())
        renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas's
        taken: list[Box] = []
        for t in words:
            if t.get_visible():
                # Where the words are now: an annotation works out its place only as it
                # is drawn, and they may just have moved (``set_position``).
                t.update_positions(renderer)
                taken.append(_box(Text.get_window_extent(t), around))
        pad = NOTE_PAD * NOTE_PT * pt
        for _dot, note in self.marks:
            size = Text.get_window_extent(note)
            dot_x, dot_y = (float(v) for v in ax.transData.transform(note.xy))
            place = place_note(
                (dot_x, dot_y),
                (size.width + 2 * pad, size.height + 2 * pad),
                line,
                frame,
                taken,
                pt=pt,
                pad=pad,
                offset=NOTE_FROM_DOT,
            )
            note.set_horizontalalignment(place.ha)
            note.set_verticalalignment(place.va)
            # On a whole pixel: its glyphs are then drawn from matplotlib's cache, not
            # rendered again at a new fraction of a pixel each time the line moves.
            note.xyann = (
                (round(dot_x + place.dx * pt) - dot_x) / pt,
                (round(dot_y + place.dy * pt) - dot_y) / pt,
            )
            taken.append(place.box)

    def artists(self) -> list[Artist]:
        return [a for mark in self.marks for a in mark]

    def state(self) -> tuple[object, ...]:
        """What the notes show and where: the data is drawn again when it changes."""
        return tuple(
            (n.get_text(), n.xy, n.xyann, n.get_horizontalalignment(), n.get_verticalalignment())
            for _dot, n in self.marks
        )

    def restyle(self, style: ChartStyle) -> None:
        for _dot, note in self.marks:
            note.set_color(style.text)
            box = note.get_bbox_patch()
            if box is not None:
                box.set_facecolor(style.axes)


def _box(extent: Bbox, pad: float = 0.0) -> Box:
    """A matplotlib extent (display pixels) as a Box, ``pad`` pixels bigger all round."""
    return Box(extent.x0 - pad, extent.y0 - pad, extent.x1 + pad, extent.y1 + pad)
