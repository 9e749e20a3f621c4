"""What the charts draw, worked out from the comparison's estimates.

``ChartInputs`` is one set of estimates (the table's rows) with the scenario and
catalog they were priced from; every chart's data comes from it: the meter bars
here, the cheapest-by-size cells (``cells.py``) and the volume curves with their
break-evens (``volume.py``). Charts only draw these numbers: no chart prices
anything. Where a chart needs prices the estimates do not hold (other sizes,
other volumes), the workspace asks the core once and hands the chart the answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from imgcost_gui.core import METERS, ModelEstimate, PriceCatalog, Scenario, Stage
from imgcost_gui.core.calendar import plan_day

from . import text
from .comparison import ComparisonRow, ranked_rows


@dataclass(frozen=True)
class ChartInputs:
    """Everything a chart needs; the estimates in ``rows`` are the table's, so no
    chart re-prices them."""

    scenario: Scenario
    catalog: PriceCatalog
    model_ids: list[str] | None
    rows: list[ComparisonRow]
    stage_index: int

    @property
    def stage(self) -> Stage:
        """The selected stage (the last one if the selection is past the end)."""
        stages = self.scenario.stages
        return stages[min(self.stage_index, len(stages) - 1)]

    @property
    def day(self) -> dt.date:
        return plan_day(self.scenario.plan_from)

    @property
    def period_word(self) -> str:
        return text.PERIOD_WORDS[self.scenario.period]

    @cached_property
    def ranked(self) -> list[ComparisonRow]:
        """Rows of the models that can run the scenario, cheapest first."""
        return ranked_rows(self.rows)

    @cached_property
    def names(self) -> dict[str, str]:
        return {m.id: m.name for m in self.catalog.models}


# --- cost by meter --------------------------------------------------------------------

#: Bars beyond this many get too thin to read at 1280x800.
MAX_BARS = 12
#: A budget up to this many times the dearest bar is drawn as a line on the scale.
BUDGET_REACH = 1.6


@dataclass(frozen=True)
class MeterBars:
    """One stacked bar per model shown: its dollars per meter, cheapest on top."""

    shown: list[ModelEstimate]
    #: The meters any shown model bills, in the core's order.
    meters: tuple[str, ...]
    #: Each meter's dollars, one per model shown.
    widths: dict[str, list[float]]
    #: Where each meter's segment starts: after the meters before it.
    starts: dict[str, list[float]]
    #: Each bar's length: its meters added up in order.
    totals: list[float]
    budget: float | None
    period: str
    #: Each bar's (low, high) when an assumption makes its cost a range ('auto' quality).
    ranges: list[tuple[float, float] | None]
    #: Models that can run the scenario but have no bar (the table lists them).
    more: int = 0

    def value_label(self, i: int) -> str:
        """The words after bar ``i``: its total, or its range ('$29.44–$173.05')."""
        span = self.ranges[i]
        if span is not None:
            return f"{text.usd(span[0])}–{text.usd(span[1])}"
        return text.usd(self.totals[i])

    def value_end(self, i: int) -> float:
        """Where bar ``i`` ends, its range included (its label goes after it)."""
        span = self.ranges[i]
        return max(self.totals[i], span[1]) if span is not None else self.totals[i]

    @property
    def more_words(self) -> str:
        """'+12 more in the table' under the bars ('' when every model has a bar)."""
        return f"+{self.more} more in the table" if self.more else ""

    @property
    def layout(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What the bars are: the models and the meters (a change rebuilds them)."""
        return tuple(e.model for e in self.shown), self.meters

    @property
    def budget_on_scale(self) -> bool:
        """A budget far beyond every bar (and range) would squash them: it gets a note
        at the edge."""
        return self.budget is not None and self.budget <= self._longest * BUDGET_REACH

    @property
    def _longest(self) -> float:
        return max((self.value_end(i) for i in range(len(self.totals))), default=0.0) or 1.0

    @property
    def extent(self) -> float:
        """How far the scale must reach: the longest bar or range, and the budget on the scale."""
        top = self._longest
        if self.budget_on_scale and self.budget is not None:
            top = max(top, self.budget)
        return top

    @property
    def over_budget(self) -> list[bool]:
        """For each bar: the budget rules the model out."""
        budget = self.budget
        return [budget is not None and t > budget + 1e-9 for t in self.totals]


def models_to_show(inputs: ChartInputs, limit: int = MAX_BARS) -> list[ModelEstimate]:
    """The cheapest models that can run the scenario, plus the baseline."""
    priced = inputs.ranked
    shown = [r.estimate for r in priced[:limit]]
    baseline = next((r.estimate for r in priced if r.is_baseline), None)
    if baseline is not None and baseline not in shown:
        shown[-1:] = [baseline]
    return shown


def meter_bars(inputs: ChartInputs, limit: int = MAX_BARS) -> MeterBars:
    """The bars of the ``limit`` cheapest models (and the baseline), by meter."""
    shown = models_to_show(inputs, limit)
    by_model = [e.meter_totals() for e in shown]
    used = tuple(m for m in METERS if any(mt.get(m, 0) > 0 for mt in by_model))
    widths = {m: [mt.get(m, 0.0) for mt in by_model] for m in used}
    starts = {}
    totals = [0.0] * len(shown)
    for m in used:
        starts[m] = totals
        totals = [a + b for a, b in zip(totals, widths[m], strict=True)]
    budget = inputs.scenario.budget_usd
    ranges = [
        (e.low_usd, e.high_usd) if e.low_usd is not None and e.high_usd is not None else None
        for e in shown
    ]
    return MeterBars(
        shown,
        used,
        widths,
        starts,
        totals,
        float(budget) if budget else None,
        inputs.period_word,
        ranges,
        len(inputs.ranked) - len(shown),
    )
