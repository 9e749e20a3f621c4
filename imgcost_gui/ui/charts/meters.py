"""Cost per model, stacked by meter: where each model's money goes."""

from __future__ import annotations

import math

from matplotlib.artist import Artist
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from imgcost_gui.core import METER_LABELS, ModelEstimate
from imgcost_gui.workspace import text
from imgcost_gui.workspace.charts import MAX_BARS, MeterBars, meter_bars

from .base import ChartInputs, ChartStyle, ChartView, marker_line, money_axis, steady_limit

#: Pixels one bar needs, and what the legend and the axis take.
BAR_PX, FRAME_PX = 19, 135


def capacity(height_px: int) -> int:
    """How many bars fit in a canvas this tall."""
    return max(3, min(MAX_BARS, (height_px - FRAME_PX) // BAR_PX))


class MeterChart(ChartView):
    title = "Cost by meter"
    explanation = "What each model charges for, per period. Cheapest first; hover the table for exact numbers."

    def __init__(self, parent: QWidget | None = None) -> None:
        self.bars: dict[str, BarContainer] = {}
        self.totals: list[Text] = []
        self.shown: list[ModelEstimate] = []
        self.period = "month"
        self.budget: float | None = None
        #: For each bar: the budget rules its model out (its name reads in red).
        self._over: list[bool] = []
        self._layout: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._scale_end: float | None = None
        self._capacity = MAX_BARS
        self.budget_line: Line2D | None = None
        self.budget_text: Annotation | None = None
        #: A lighter extension from each bar's total to the top of its range ('auto').
        self.extensions: BarContainer | None = None
        #: The ranges as whiskers, low to high, with caps at both ends.
        self.whiskers: Line2D | None = None
        self.more_text: Text | None = None
        #: What the chart shows (None until the first draw).
        self.meter_bars: MeterBars | None = None
        super().__init__(parent)
        money_axis(self.ax, "x")
        self.budget_line, self.budget_text = marker_line(
            self.ax, 0, "", self.style_.text, linestyle="--", zorder=4, visible=False
        )
        # Above the axes, so it never runs into the values after the bars.
        self.budget_text.set_verticalalignment("bottom")
        self.budget_text.set_fontsize(8.5)
        self.budget_text.set_annotation_clip(False)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.inputs is not None and capacity(self.canvas.height()) != self._capacity:
            self.set_inputs(self.inputs)

    def update_chart(self, inputs: ChartInputs) -> None:
        self._capacity = capacity(self.canvas.height())
        bars: MeterBars = meter_bars(inputs, self._capacity)
        if bars.more:  # "+N more" takes a bar's row
            bars = meter_bars(inputs, self._capacity - 1)
        self.meter_bars = bars
        shown = bars.shown
        self.shown = shown
        self.period = bars.period
        self.budget = bars.budget
        if bars.layout != self._layout:
            self._rebuild(shown, bars.meters)
            self._layout = bars.layout
        for meter in bars.meters:
            for rect, x, w in zip(
                self.bars[meter].patches, bars.starts[meter], bars.widths[meter], strict=True
            ):
                rect.set_x(x)
                rect.set_width(w)
        # Room right of the longest bar for its total (a range takes more); a round end
        # that holds still.
        room = 1.34 if any(bars.ranges) else 1.16
        self._scale_end = end = steady_limit(self._scale_end, bars.extent * room)
        for i, label in enumerate(self.totals):
            label.set_position((bars.value_end(i) + end * 0.01, label.get_position()[1]))
            label.set_text(bars.value_label(i))
        self._show_ranges(bars)
        self.ax.set_xlim(0, end)
        self.ax.set_ylim(len(shown) - 0.5 + (1 if bars.more else 0), -0.5)  # cheapest on top
        assert self.more_text is not None
        self.more_text.set_text(bars.more_words)
        self.more_text.set_position((end * 0.005, len(shown)))
        self._over = bars.over_budget
        self._mark_budget(bars.budget_on_scale, end)
        self.ax.set_xlabel(f"Cost per {bars.period} (USD)")
        if not shown:
            self.ax.set_title(
                "No selected model can run this scenario", color=self.style_.muted, fontsize=9
            )
        else:
            self.ax.set_title("")

    def data_artists(self) -> list[Artist]:
        # Most models bill two or three meters of the five: their empty bars are not drawn.
        # (Not hidden: the legend copies its swatch from a meter's first bar, shown or not.)
        artists: list[Artist] = [
            r for c in self.bars.values() for r in c.patches if r.get_width() > 0
        ]
        artists += self.totals
        if self.extensions is not None and self.whiskers is not None:
            artists += [r for r in self.extensions.patches if r.get_width() > 0]
            artists.append(self.whiskers)
        if self.more_text is not None:
            artists.append(self.more_text)
        if self.budget_line is not None and self.budget_text is not None:
            artists += [self.budget_line, self.budget_text]
        return artists

    def _rebuild(self, shown: list[ModelEstimate], used: tuple[str, ...]) -> None:
        ax = self.ax
        for container in self.bars.values():
            container.remove()
        for label in self.totals:
            label.remove()
        self.bars, self.totals = {}, []
        y = list(range(len(shown)))
        for i, meter in enumerate(used):
            colour = self.style_.series(i)
            self.bars[meter] = ax.barh(
                y,
                [0.0] * len(shown),
                height=0.62,
                color=colour,
                label=METER_LABELS.get(meter, meter),
                gid=meter,
                zorder=2,
            )
        self.totals = [
            ax.text(0, yi, "", va="center", ha="left", fontsize=8.5, color=self.style_.text)
            for yi in y
        ]
        if self.extensions is not None:
            self.extensions.remove()
        self.extensions = ax.barh(
            y, [0.0] * len(shown), height=0.62, color=self._extension_colour(), zorder=1.9
        )
        if self.whiskers is None:
            (self.whiskers,) = ax.plot(
                [], [], color=self.style_.text, linewidth=1.1, marker="|", markersize=7, zorder=3
            )
        if self.more_text is None:
            self.more_text = ax.text(
                0, 0, "", va="center", ha="left", fontsize=8.5, style="italic",
                color=self.style_.muted,
            )  # fmt: skip
        ax.set_yticks(y, [e.name for e in shown])
        ax.grid(axis="x", color=self.style_.grid, linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        self.legend(ax, ncols=min(len(used), 4))

    def _extension_colour(self) -> str:
        return self.style_.faint(self.style_.muted, 0.35)

    def _show_ranges(self, bars: MeterBars) -> None:
        """A lighter bar from each total up to the top of its range, and a whisker
        from the bottom of the range to the top."""
        assert self.extensions is not None and self.whiskers is not None
        xs: list[float] = []
        ys: list[float] = []
        for i, (rect, span) in enumerate(zip(self.extensions.patches, bars.ranges, strict=True)):
            total = bars.totals[i]
            rect.set_x(total)
            rect.set_width(max(0.0, span[1] - total) if span is not None else 0.0)
            if span is not None:
                xs += [span[0], span[1], math.nan]
                ys += [i, i, math.nan]
        self.whiskers.set_data(xs, ys)

    def layout_texts(self) -> tuple[str, ...]:
        # The budget's words sit above the axes: the margin makes room while they show.
        shown = self.budget_text is not None and self.budget_text.get_visible()
        return ("budget",) if shown else ()

    def _mark_budget(self, on_scale: bool, right: float) -> None:
        """A dashed line at the budget; the names of models it rules out in red."""
        assert self.budget_line is not None and self.budget_text is not None
        self.budget_line.set_visible(on_scale)
        self.budget_text.set_visible(self.budget is not None)
        if self.budget is not None:
            amount = text.usd(self.budget, cents=False)
            self.budget_line.set_xdata([self.budget, self.budget])
            if on_scale:
                self.budget_text.xy = (self.budget, 1)
                self.budget_text.set_text(f"budget {amount}")
                # Centred over its line, but never past either end of the axes.
                share = self.budget / right if right else 0.0
                if share < 0.15:
                    self.budget_text.set_horizontalalignment("left")
                elif share > 0.85:
                    self.budget_text.set_horizontalalignment("right")
                else:
                    self.budget_text.set_horizontalalignment("center")
                self.budget_text.set_position((0, 2))
            else:
                self.budget_text.xy = (right, 1)
                self.budget_text.set_text(f"budget {amount}: every model shown fits")
                self.budget_text.set_horizontalalignment("right")
                self.budget_text.set_position((0, 2))
        self._colour_names()

    def _colour_names(self) -> None:
        over = self.over_colour()
        for label, ruled_out in zip(self.ax.get_yticklabels(), self._over, strict=False):
            label.set_color(over if ruled_out else self.style_.text)

    def over_colour(self) -> str:
        return "#ff8a80" if self.style_.dark else "#b3261e"

    def over_budget(self) -> list[str]:
        """Names of the models drawn as over the budget."""
        over = self.over_colour()
        return [t.get_text() for t in self.ax.get_yticklabels() if t.get_color() == over]

    # --- hover ------------------------------------------------------------------------

    def bar_at(self, x: float, y: float) -> tuple[ModelEstimate, str, float] | None:
        """The (model, meter, dollars) of the bar segment under a point in display pixels."""
        for meter, container in self.bars.items():
            for i, rect in enumerate(container.patches):
                if rect.get_width() > 0 and rect.contains_point((x, y)):
                    return self.shown[i], meter, rect.get_width()
        return None

    def tooltip_at(self, x: float, y: float) -> str | None:
        hit = self.bar_at(x, y)
        if hit is None:
            return None
        e, meter, usd = hit
        return (
            f"{e.name}\n{METER_LABELS.get(meter, meter)}: {text.usd(usd)} per {self.period}\n"
            f"Total: {text.usd(e.total_usd)}"
        )

    def restyle_artists(self, style: ChartStyle) -> None:
        for i, container in enumerate(self.bars.values()):
            for rect in container.patches:
                rect.set_facecolor(style.series(i))
        for label in self.totals:
            label.set_color(style.text)
        if self.extensions is not None and self.whiskers is not None:
            for rect in self.extensions.patches:
                rect.set_facecolor(self._extension_colour())
            self.whiskers.set_color(style.text)
        if self.more_text is not None:
            self.more_text.set_color(style.muted)
        if self.budget_line is not None and self.budget_text is not None:
            self.budget_line.set_color(style.text)
            self.budget_text.set_color(style.text)
        self._colour_names()
        if self.bars:
            self.ax.grid(axis="x", color=style.grid, linewidth=0.6)
            self.legend(self.ax, ncols=min(len(self.bars), 4))

    def data(self) -> dict[str, list[float]]:
        """Bar widths by meter, as drawn (for tests and for curious users)."""
        return {m: [r.get_width() for r in c.patches] for m, c in self.bars.items()}
