"""Cost against volume: how each model scales, and where a subscription pays off."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.ticker import NullLocator

from imgcost_gui.core import cost_vs_volume
from imgcost_gui.core.compare import break_even

from .. import text
from .base import ChartInputs, ChartStyle, ChartView, marker_line, money_axis

#: Lines beyond this many turn the chart into spaghetti.
MAX_LINES = 6
POINTS = 48


def decades_around(lo: float, hi: float) -> tuple[float, float]:
    """The powers of ten around lo..hi, at least one decade apart (so a log axis
    always has two labels, even when every value is the same)."""
    low = 10.0 ** math.floor(math.log10(lo))
    high = 10.0 ** math.ceil(math.log10(hi))
    return low, high if high > low else low * 10


def volume_range(
    current: tuple[float, float] | None, images: int, marks: Sequence[float] = ()
) -> tuple[float, float]:
    """Whole decades from about a twentieth to twenty times the scenario's volume,
    wide enough for every break-even volume in ``marks``.

    The range holds still while the volume stays a decade inside either end, so
    typing a request count moves the "your volume" mark, not the whole chart.
    """
    centre = max(images, 10)
    lo, hi = max(1.0, centre / 20), centre * 20.0
    shown = [n for n in marks if n > 0]
    fresh = decades_around(min([lo, *shown]), max([hi, *shown]))
    if current is None:
        return fresh
    lo_now, hi_now = current
    keep = (
        fresh[0] <= lo_now and hi_now <= fresh[1]  # not wider than a fresh range
        and lo_now * 10 <= centre <= hi_now / 10  # the volume a decade inside either end
        and all(lo_now <= n <= hi_now for n in shown)
    )  # fmt: skip
    return current if keep else fresh


def volumes_across(lo: float, hi: float) -> list[float]:
    step = (hi / lo) ** (1 / (POINTS - 1))
    return [lo * step**i for i in range(POINTS)]


class BreakEven(NamedTuple):
    subscription: str
    cheapest: str
    images: float
    cost: float


class VolumeChart(ChartView):
    title = "Cost vs volume"
    explanation = (
        "Cost per period if the same mix of stages ran at more or fewer images. "
        "Dots mark where a subscription becomes cheaper than the cheapest pay-per-use model."
    )

    def __init__(self, parent=None):  # noqa: ANN001
        self.lines: dict[str, Line2D] = {}
        self.now_line: Line2D | None = None
        self.break_evens: list[tuple[Line2D, Annotation]] = []
        self.series: dict[str, list[float | None]] = {}
        self.volumes: list[float] = []
        self.x_range: tuple[float, float] | None = None
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

    def _models(self, inputs: ChartInputs) -> list[str]:
        priced = sorted(
            (r for r in inputs.rows if r.ranked.position is not None),
            key=lambda r: r.ranked.position or 0,
        )
        subs = [
            r.estimate.model
            for r in priced
            if inputs.catalog.get(r.estimate.model).pricing.scheme == "subscription"
        ]
        others = [r.estimate.model for r in priced if r.estimate.model not in subs]
        chosen = others[: MAX_LINES - min(len(subs), 2)]
        baseline = inputs.scenario.baseline
        if baseline in others and baseline not in chosen and len(chosen) > 1:
            chosen[-1] = baseline  # the cheapest stays first: break-evens are measured against it
        return chosen + subs[:2]

    def update_chart(self, inputs: ChartInputs) -> None:
        ax = self.ax
        models = self._models(inputs)
        images = inputs.scenario.images
        break_evens = self._break_evens(inputs, models)
        self.x_range = volume_range(self.x_range, images, [b.images for b in break_evens])
        self.volumes = volumes_across(*self.x_range)
        self.series = (
            cost_vs_volume(inputs.scenario, inputs.catalog, models, self.volumes) if models else {}
        )
        if list(self.lines) != models:
            for line in self.lines.values():
                line.remove()
            names = {m.id: m.name for m in inputs.catalog.models}
            self.lines = {
                m: ax.plot(
                    [], [], label=names.get(m, m), color=self.style_.series(i), linewidth=1.8
                )[0]
                for i, m in enumerate(models)
            }
            for m, line in self.lines.items():
                if inputs.catalog.get(m).pricing.scheme == "subscription":
                    line.set_linestyle("--")
            self.legend(ax, ncols=3)
        for m, line in self.lines.items():
            pts = [
                (v, c)
                for v, c in zip(self.volumes, self.series.get(m, []), strict=False)
                if c is not None and c > 0
            ]
            line.set_data([p[0] for p in pts], [p[1] for p in pts])
        self._mark_now(images)
        self._mark_break_evens(inputs, break_evens)
        ax.set_xlim(*self.x_range)
        costs = [c for cs in self.series.values() for c in cs if c is not None and c > 0]
        ax.set_ylim(*decades_around(min(costs), max(costs)) if costs else (1.0, 10.0))
        period = text.PERIOD_WORDS[inputs.scenario.period]
        ax.set_xlabel(f"Images per {period}")
        ax.set_ylabel(f"Cost per {period}")

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

    def _break_evens(self, inputs: ChartInputs, models: list[str]) -> list[BreakEven]:
        """Where each subscription becomes cheaper than the cheapest pay-per-use model."""
        catalog = inputs.catalog
        subs = [m for m in models if catalog.get(m).pricing.scheme == "subscription"]
        others = [m for m in models if m not in subs]
        if not others:
            return []
        found = []
        for sub in subs:
            n = break_even(inputs.scenario, catalog, sub, others[0])
            if n is None:
                continue
            cost = cost_vs_volume(inputs.scenario, catalog, [sub], [n])[sub][0]
            if cost is not None:
                found.append(BreakEven(sub, others[0], n, cost))
        return found

    def _mark_break_evens(self, inputs: ChartInputs, found: list[BreakEven]) -> None:
        for dot, note in self.break_evens:
            dot.remove()
            note.remove()
        self.break_evens = []
        catalog = inputs.catalog
        for sub, cheapest, n, cost in found:
            colour = self.lines[sub].get_color()
            (dot,) = self.ax.plot([n], [cost], "o", color=colour, markersize=6, zorder=5)
            note = self.ax.annotate(
                f"{catalog.get(sub).name} cheaper than\n{catalog.get(cheapest).name} above {text.count(n)}",
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
            note.get_bbox_patch().set_facecolor(style.axes)
        if self.lines:
            self.ax.grid(True, which="major", color=style.grid, linewidth=0.6)
            self.legend(self.ax, ncols=3)
