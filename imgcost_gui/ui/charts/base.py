"""What every chart shares: a Figure on a FigureCanvasQTAgg (never pyplot),
colours taken from the Qt palette, and export to PNG, SVG and PDF.

While the user types, a chart's frame (axes, ticks, names, legend) mostly
stays as it is and only the data moves. Each chart names the artists that
carry its data (``data_artists``); they are drawn over a saved picture of the
frame ("blitting"), and the whole figure is redrawn only when something in the
frame changed (``frame_state``). A chart may also name marks that move on
their own (``mark_artists``: the outlined cell, the "your volume" line); when
only they moved (``data_state`` unchanged), the data is not redrawn either.
Text is most of what matplotlib spends its time on, and the frame and the data
hold nearly all of it.

This package imports matplotlib; the window imports it only after it is shown.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.ticker import FuncFormatter, NullLocator
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QMessageBox,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.ui.common import ask_save_path, safe_file_name
from imgcost_gui.workspace.charts import ChartInputs
from imgcost_gui.workspace.scales import round_up, steady_limit
from imgcost_gui.workspace.text import usd_tick

from .note import ChartNote
from .style import ChartStyle, mix

# FreeType hinting costs about a quarter of every redraw (text is most of what
# a chart draws) and buys little at these sizes on today's screens; without it
# a redraw fits the 50 ms the charts have while the user types.
matplotlib.rcParams["text.hinting"] = "no_hinting"
# Chart text is prices and model names: "$" is a dollar, never the start of TeX
# math (a custom model "Acme $5 plan" beside "$0.04" would turn italic). This
# also means the frozen app needs no math fonts.
matplotlib.rcParams["text.parse_math"] = False

__all__ = [
    "ChartInputs",
    "ChartStyle",
    "ChartView",
    "log_log_axes",
    "mix",
    "money_axis",
    "marker_line",
    "round_up",
    "steady_limit",
]

EXPORT_FILTERS = "PNG image (*.png);;SVG vector image (*.svg);;PDF document (*.pdf)"
EXPORT_SUFFIXES = (".png", ".svg", ".pdf")


def marker_line(
    ax: Axes, x: float, label: str, colour: str, **line: Any
) -> tuple[Line2D, Annotation]:
    """A vertical line at data ``x`` with a small label at its top, inside the axes."""
    drawn = ax.axvline(x, color=colour, linewidth=1.2, **line)
    text = ax.annotate(
        label,
        (x, 1),
        xycoords=("data", "axes fraction"),
        xytext=(3, -3),
        textcoords="offset points",
        va="top",
        fontsize=8,
        color=colour,
        visible=drawn.get_visible(),
    )
    return drawn, text


def log_log_axes(ax: Axes, grid: str) -> None:
    """Two log axes, dollars up the y axis, a grid at the major ticks. Set once: a
    scale change rebuilds every locator and tick. No minor ticks: on two log axes
    they were most of the artists drawn (two Line2D each)."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.xaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_minor_locator(NullLocator())
    money_axis(ax, "y")
    ax.grid(True, which="major", color=grid, linewidth=0.6)


def money_axis(ax: Axes, axis: str = "x") -> None:
    """Dollar labels on an axis (the workspace's money formatter)."""
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_formatter(FuncFormatter(lambda v, _pos: usd_tick(v)))


class ChartView(QWidget):
    """A titled chart with an Export button. Subclasses draw in ``update_chart``."""

    title = "Chart"
    explanation = ""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.style_ = ChartStyle.from_palette()
        self.figure = Figure(figsize=(8, 3.6), layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumHeight(200)
        self.ax = self.figure.add_subplot()
        # What the chart shows is its tab's tooltip (and in the guide), and Export… sits
        # beside the tabs: at 1280x800 the canvas needs the two lines they took.
        self.setToolTip(self.explanation)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 0)
        #: A line under the chart that says what it answers (why a cell wins, what is
        #: left out); hidden while empty. Qt text: changing it redraws no chart.
        self.note = ChartNote()
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.note)
        self.inputs: ChartInputs | None = None
        self._laid_out_for: tuple[object, ...] | None = None
        self._to_lay_out: tuple[object, ...] | None = None
        # The frame as last drawn in full, without the data artists, and what it showed.
        self._frame: Any = None
        self._frame_state: tuple[object, ...] | None = None
        # The frame with the data drawn on it, and the data it shows.
        self._content: Any = None
        self._content_state: object = None
        self._full_draw_pending = False
        #: How the last change reached the screen: "full", "blit" or "none" (tests, benchmarks).
        self.last_draw = "none"
        self.canvas.mpl_connect("resize_event", self._resized)
        self.canvas.mpl_connect("motion_notify_event", self._show_tooltip)
        self._draw_cid = self.canvas.mpl_connect("draw_event", self._after_draw)
        # Coloured, not drawn: there is nothing to show before the first inputs, and
        # at start-up three of the four charts are on hidden tabs (a draw each, wasted).
        self.apply_style(self.style_, draw=False)

    # --- data ---------------------------------------------------------------------

    def set_inputs(self, inputs: ChartInputs) -> None:
        self.inputs = inputs
        if self.update_chart(inputs) is False:
            self.last_draw = "none"
            return  # nothing on screen changed: skip the redraw
        self._mark_data_artists()
        if self._full_draw_pending:
            # The draw on its way shows the new data (asked again, in case the last
            # one never ran: a canvas of no size skips drawing).
            self.canvas.draw_idle()  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated
            return
        if self._frame is not None and self.frame_state() == self._frame_state:
            self._blit()
        else:
            self.redraw()

    def redraw(self) -> None:
        """Draw the whole figure (on the next turn of the event loop)."""
        self._choose_layout()
        self._full_draw_pending = True
        self.last_draw = "full"
        self.canvas.draw_idle()  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated

    def data_artists(self) -> list[Artist]:
        """The artists that show the data; subclasses list theirs."""
        return []

    def mark_artists(self) -> list[Artist]:
        """Marks drawn over the data that can move without it."""
        return []

    def data_state(self) -> object:
        """What the data artists show; None: not known, redraw them every time."""
        return None

    def set_note(self, words: str, headline: str = "") -> None:
        """The words under the chart; ``headline`` (the answer) goes first, in bold."""
        self.note.set_text(headline, words)
        self.note.setVisible(bool(words or headline))

    def place_labels(self) -> None:
        """Move labels apart where they would overlap; runs before the data is drawn,
        when the axes' size on screen is final."""

    def layout_texts(self) -> tuple[str, ...]:
        """Words a chart draws outside its axes (labels at line ends): the margins fit them."""
        return ()

    def refresh_data(self) -> None:
        """Show a change of the data artists' look (a highlight) without a full redraw."""
        current = self._frame is not None and not self._full_draw_pending
        if current and self.frame_state() == self._frame_state:
            self._blit()
        else:
            self.redraw()

    def frame_state(self) -> tuple[object, ...]:
        """Everything drawn around the data: while it stays equal, the frame is reused."""
        parts: list[object] = [self._layout_key(), self.style_, self.canvas.device_pixel_ratio]
        for ax in self.figure.axes:
            # Where the layout put the axes: a frame saved before it moved them is stale.
            parts += [ax.get_position().bounds, ax.get_xlim(), ax.get_ylim(), ax.title.get_color()]
            parts.append(tuple(t.get_color() for t in ax.get_yticklabels()))
        return tuple(parts)

    def _mark_data_artists(self) -> None:
        # Animated artists are left out of a full draw (but not of savefig): they
        # are drawn over the saved frame instead.
        for artist in [*self.data_artists(), *self.mark_artists()]:
            artist.set_animated(True)

    def _draw(self, artists: list[Artist]) -> None:
        # In the order a full draw uses (zorder, then the order the axes hold them):
        # where two lines of one zorder cross, the one drawn last shows on top.
        held = {id(a): i for ax in self.figure.axes for i, a in enumerate(ax.get_children())}
        for artist in sorted(artists, key=lambda a: (a.get_zorder(), held.get(id(a), 0))):
            if artist.get_visible() and artist.figure is self.figure:
                self.figure.draw_artist(artist)

    def _draw_data_and_marks(self) -> None:
        """Data over the frame (already in the canvas), saved as the content; marks on top.

        Data that belongs above the marks (a note box over the "your volume" line)
        stays out of the saved content and is drawn after them.
        """
        self.place_labels()
        marks = self.mark_artists()
        lowest_mark = min((m.get_zorder() for m in marks), default=math.inf)
        data = self.data_artists()
        above = [a for a in data if a.get_zorder() > lowest_mark]
        state = self.data_state()
        if state is not None and self._content is not None and state == self._content_state:
            self.canvas.restore_region(self._content)  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated
        else:
            self._draw([a for a in data if a.get_zorder() <= lowest_mark])
            self._content = (
                self.canvas.copy_from_bbox(self.figure.bbox)  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated
                if marks
                else None
            )
            self._content_state = state
        self._draw(marks)
        self._draw(above)

    def _blit(self) -> None:
        self.canvas.restore_region(self._frame)  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated
        self._draw_data_and_marks()
        # Painted with the rest of the window on this turn of the event loop, not at
        # once: matplotlib's blit repaints synchronously, which paints every other
        # widget waiting for it (the table, the summary) in a pass of its own.
        self.canvas.update()
        self.last_draw = "blit"

    def _layout_key(self) -> tuple[object, ...]:
        """What decides the margins: the canvas size and every label outside the axes."""
        parts: list[object] = [self.canvas.width(), self.canvas.height()]
        for ax in self.figure.axes:
            parts.append(tuple(t.get_text() for t in ax.get_yticklabels()))
            parts += [ax.get_xlabel(), ax.get_ylabel(), ax.get_title(), ax.get_title("left")]
        for leg in self.figure.legends:
            parts.append(tuple(t.get_text() for t in leg.get_texts()))
        parts.append(self.layout_texts())
        return tuple(parts)

    def _choose_layout(self) -> None:
        # Constrained layout is about a third of a redraw. While the labels and
        # the size stay the same, the margins it found last time still fit, so
        # keep them ('none' freezes the axes where they are) and redraw faster.
        key = self._layout_key()
        if key == self._laid_out_for:
            self.figure.set_layout_engine("none")
        else:
            self.figure.set_layout_engine("constrained")
            self._to_lay_out = key

    def _after_draw(self, event: Any) -> None:
        if event.canvas is not self.canvas or self.canvas.is_saving():
            return  # savefig: its draw holds every artist already (and may use another canvas)
        # Margins count as found only once a draw ran the layout: draw_idle coalesces,
        # and freezing before that would freeze the margins of an empty figure.
        if isinstance(self.figure.get_layout_engine(), ConstrainedLayoutEngine):
            self._laid_out_for = self._to_lay_out
            # Frozen at once: a draw that comes some other way than ``redraw`` (a test,
            # an export's own) would lay out again, and move the axes by a rounding
            # error from where the saved frame has them, the lines' edges with them.
            self.figure.set_layout_engine("none")
        # The figure was drawn without its data artists: keep that frame, then add them.
        self._full_draw_pending = False
        self._frame = self.canvas.copy_from_bbox(self.figure.bbox)
        self._frame_state = self.frame_state()
        self._content = None
        self._draw_data_and_marks()

    def _resized(self, _event: object) -> None:
        self.figure.set_layout_engine("constrained")
        self._laid_out_for = self._to_lay_out = None
        self._frame = self._content = None

    def update_chart(self, inputs: ChartInputs) -> bool | None:
        """Move the artists to the new data; return False if nothing visible changed."""
        raise NotImplementedError

    # --- look -----------------------------------------------------------------------

    def apply_style(self, style: ChartStyle, *, draw: bool = True) -> None:
        """Recolour without recomputing: the data stays, only colours change
        (``draw`` False: the next draw shows them)."""
        self.style_ = style
        self.figure.set_facecolor(style.background)
        for ax in self.figure.axes:
            ax.set_facecolor(style.axes)
            ax.tick_params(colors=style.text, labelsize=8.5)
            ax.xaxis.label.set_color(style.text)
            ax.yaxis.label.set_color(style.text)
            ax.title.set_color(style.text)
            for spine in ax.spines.values():
                spine.set_color(style.grid)
        self.restyle_artists(style)
        self._mark_data_artists()
        if draw:
            self.redraw()

    def restyle_artists(self, style: ChartStyle) -> None:
        """Subclasses recolour their own artists here."""

    # --- hover ------------------------------------------------------------------------

    def tooltip_at(self, x: float, y: float) -> str | None:
        """What hovering a point (display pixels) tells; None: nothing there."""
        return None

    def _show_tooltip(self, event: MouseEvent) -> None:
        tip = self.tooltip_at(event.x, event.y) if event.inaxes is self.ax else None
        if tip:
            QToolTip.showText(QCursor.pos(), tip, self.canvas)
        elif QToolTip.isVisible():
            QToolTip.hideText()

    def legend(
        self, ax: Axes, ncols: int, handles: Sequence[Artist] | None = None, below: bool = False
    ) -> None:
        """One legend above the axes (or ``below`` them), inside the
        figure (constrained layout makes room for it): the axes' labelled artists, or
        ``handles`` (each with its label)."""
        for old in list(self.figure.legends):
            old.remove()
        shown, labels = ax.get_legend_handles_labels() if handles is None else (list(handles), [])
        labels = labels or [str(h.get_label()) for h in shown]
        if not shown:
            return
        leg = self.figure.legend(
            shown,
            labels,
            loc="outside lower center" if below else "outside upper center",
            ncols=ncols,
            frameon=False,
            fontsize=8.5,
            handlelength=1.2,
            columnspacing=1.2,
        )
        for t in leg.get_texts():
            t.set_color(self.style_.text)

    # --- export -----------------------------------------------------------------------

    def export(self, path: Path) -> None:
        """Save the chart; the words under it (the note) go under it in the file too."""
        extra: dict[str, Any] = {}
        foot = None
        words = self.note.text()
        if words:
            # Under the figure, and the saved area grown to hold it: the chart's own
            # layout stays as it is on screen.
            per_line = int(self.figure.get_figwidth() * 72 / (8 * 0.55))
            wrapped = "\n".join(textwrap.fill(line, per_line) for line in words.splitlines())
            foot = self.figure.text(
                0.01, -0.01, wrapped, va="top", ha="left", fontsize=8, color=self.style_.text
            )
            extra = {"bbox_inches": "tight", "bbox_extra_artists": [foot], "pad_inches": 0.1}
        try:
            self.figure.savefig(path, facecolor=self.figure.get_facecolor(), dpi=200, **extra)
        finally:
            if foot is not None:
                foot.remove()
            self.redraw()  # savefig lays the figure out at its own size and dpi

    def export_dialog(self) -> None:
        scenario = self.inputs.scenario.name if self.inputs is not None else ""
        # No suffix in the suggestion: the format chosen in the dialog's filter adds its own.
        name = safe_file_name(f"{scenario} - {self.title}" if scenario else self.title)
        path = ask_save_path(self, f"Export {self.title}", name, EXPORT_FILTERS, EXPORT_SUFFIXES)
        if path is None:
            return
        try:
            self.export(path)
        except (OSError, ValueError) as e:
            QMessageBox.warning(self, "Export failed", f"The chart could not be saved:\n{e}")
