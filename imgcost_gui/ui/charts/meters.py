"""Cost per model, stacked by meter: where each model's money goes."""

from __future__ import annotations

from matplotlib.container import BarContainer
from matplotlib.text import Text

from imgcost_gui.core import METER_LABELS, METERS, ModelEstimate

from .. import text
from .base import ChartInputs, ChartStyle, ChartView, money_axis

#: Bars beyond this many get too thin to read at 1280x800.
MAX_MODELS = 12
#: Pixels one bar needs, and what the legend and the axis take.
BAR_PX, FRAME_PX = 19, 135


def capacity(height_px: int) -> int:
    """How many bars fit in a canvas this tall."""
    return max(3, min(MAX_MODELS, (height_px - FRAME_PX) // BAR_PX))


def models_to_show(inputs: ChartInputs, limit: int = MAX_MODELS) -> list[ModelEstimate]:
    """The cheapest models that can run the scenario, plus the baseline."""
    priced = sorted(
        (r for r in inputs.rows if r.ranked.position is not None),
        key=lambda r: r.ranked.position or 0,
    )
    shown = [r.estimate for r in priced[:limit]]
    baseline = next((r.estimate for r in priced if r.is_baseline), None)
    if baseline is not None and baseline not in shown:
        shown[-1:] = [baseline]
    return shown


class MeterChart(ChartView):
    title = "Cost by meter"
    explanation = "What each model charges for, per period. Cheapest first; hover the table for exact numbers."

    def __init__(self, parent=None):  # noqa: ANN001
        self.bars: dict[str, BarContainer] = {}
        self.totals: list[Text] = []
        self._layout: tuple[tuple[str, ...], tuple[str, ...]] | None = None
        self._capacity = MAX_MODELS
        super().__init__(parent)
        money_axis(self.ax, "x")

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802
        super().resizeEvent(event)
        if self.inputs is not None and capacity(self.canvas.height()) != self._capacity:
            self.set_inputs(self.inputs)

    def update_chart(self, inputs: ChartInputs) -> None:
        self._capacity = capacity(self.canvas.height())
        shown = models_to_show(inputs, self._capacity)
        meters_by_model = [e.meter_totals() for e in shown]
        used = tuple(m for m in METERS if any(mt.get(m, 0) > 0 for mt in meters_by_model))
        layout = (tuple(e.model for e in shown), used)
        if layout != self._layout:
            self._rebuild(shown, used)
            self._layout = layout
        left = [0.0] * len(shown)
        for meter in used:
            widths = [mt.get(meter, 0.0) for mt in meters_by_model]
            for rect, x, w in zip(self.bars[meter].patches, left, widths, strict=True):
                rect.set_x(x)
                rect.set_width(w)
            left = [a + b for a, b in zip(left, widths, strict=True)]
        top = max(left, default=0.0) or 1.0
        for label, total in zip(self.totals, left, strict=True):
            label.set_position((total + top * 0.01, label.get_position()[1]))
            label.set_text(text.usd(total))
        self.ax.set_xlim(0, top * 1.16)
        period = text.PERIOD_WORDS[inputs.scenario.period]
        self.ax.set_xlabel(f"Cost per {period} (USD)")
        if not shown:
            self.ax.set_title(
                "No selected model can run this scenario", color=self.style_.muted, fontsize=9
            )
        else:
            self.ax.set_title("")

    def _rebuild(self, shown: list[ModelEstimate], used: tuple[str, ...]) -> None:
        ax = self.ax
        for container in self.bars.values():
            container.remove()
        for label in self.totals:
            label.remove()
        self.bars, self.totals = {}, []
        y = list(range(len(shown)))
        for meter in used:
            colour = self.style_.series(METERS.index(meter))
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
            ax.text(0, yi, "", va="center", ha="left", fontsize=8, color=self.style_.text)
            for yi in y
        ]
        ax.set_yticks(y, [e.name for e in shown])
        ax.set_ylim(len(shown) - 0.5, -0.5)  # cheapest on top
        ax.grid(axis="x", color=self.style_.grid, linewidth=0.6, zorder=0)
        ax.set_axisbelow(True)
        self.legend(ax, ncols=min(len(used), 4))

    def restyle_artists(self, style: ChartStyle) -> None:
        for meter, container in self.bars.items():
            for rect in container.patches:
                rect.set_facecolor(style.series(METERS.index(meter)))
        for label in self.totals:
            label.set_color(style.text)
        if self.bars:
            self.ax.grid(axis="x", color=style.grid, linewidth=0.6)
            self.legend(self.ax, ncols=min(len(self.bars), 4))

    def data(self) -> dict[str, list[float]]:
        """Bar widths by meter, as drawn (for tests and for curious users)."""
        return {m: [r.get_width() for r in c.patches] for m, c in self.bars.items()}
