"""Cost against time: each model a point, how long the period's work takes on it
and what it costs; the fast and cheap corner is the answer.

Times come from the core (``ModelEstimate.duration_s``: the binding rate limit
and latency for the team's usage tier). The table's estimates carry them when
the scenario states a tier or parallel requests; otherwise the workspace asks
the core once for the times it can know without a tier (a vendor's concurrency
cap x latency). A model whose time nobody publishes, or that needs a tier not
given, is not drawn and is named in the caption instead: a time is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from imgcost_gui.core import ModelEstimate
from imgcost_gui.core.duration import Team, UnknownTier
from imgcost_gui.core.estimate import team_of, with_durations

from . import text
from .answer import answer
from .charts import ChartInputs
from .scales import steady_log_range

#: Points that get a name beside them (the answer first, then the cheapest).
MAX_LABELLED = 10
#: Names the caption lists before "and N more".
LISTED = 4
#: Where the time axis may have a tick, in hours: 1 min, 5 min, 15 min, 1 h, 4 h, ...
TIME_TICKS = (1 / 60, 5 / 60, 0.25, 1.0, 4.0, 24.0, 7 * 24.0, 30 * 24.0, 365 * 24.0)

HOUR = 3600.0


def hours_words(hours: float) -> str:
    """A time axis tick, short: '40 s', '12 min', '1.6 h', '3 days' (a model's own
    time reads as in the table, ``text.duration``: '1 h 22 min')."""
    seconds = hours * HOUR
    if seconds < 59.5:
        return f"{seconds:.0f} s"
    if seconds < 59.5 * 60:
        return f"{seconds / 60:.0f} min"
    if hours < 36:
        return f"{hours:.1f} h".replace(".0 h", " h")
    days = hours / 24
    return f"{days:.1f} days".replace(".0 days", " days")


@dataclass(frozen=True)
class TimePoint:
    model: str
    name: str
    hours: float
    cost: float
    #: It finishes within the scenario's time limit (True when there is none).
    in_time: bool
    why: str


@dataclass(frozen=True)
class CostTimePoints:
    """The chart's points, the answer, the limit and what is left out."""

    #: Models with a known time, cheapest first.
    points: list[TimePoint]
    #: Models that can run the scenario but have no known time, and why.
    unknown: list[tuple[str, str]]
    #: The scenario's "finish within" hours, or None.
    limit_hours: float | None
    #: The answer: the cheapest API option drawn that finishes in time, or None.
    answer: str | None
    period: str
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    @property
    def unit(self) -> str:
        return f"USD per {self.period}"

    @property
    def time_axis(self) -> str:
        return f"Time to do a {self.period}'s work"

    @property
    def ticks(self) -> list[float]:
        """The time axis's ticks inside its range (hours)."""
        lo, hi = self.x_range
        return [t for t in TIME_TICKS if lo <= t <= hi]

    def point(self, model: str) -> TimePoint | None:
        return next((p for p in self.points if p.model == model), None)

    @property
    def labelled(self) -> list[TimePoint]:
        """The points named on the chart: the answer, then the cheapest."""
        first = [p for p in self.points if p.model == self.answer]
        rest = [p for p in self.points if p.model != self.answer]
        return (first + rest)[:MAX_LABELLED]

    def label(self, p: TimePoint) -> str:
        """'GPT Image 2: $62.21, 1.7 h'."""
        return f"{p.name}: {text.usd(p.cost)}, {text.duration(p.hours * HOUR)}"

    @property
    def corner(self) -> tuple[float, float] | None:
        """The top right of the fast and cheap corner (hours, cost): up to the time
        limit (else a bit past the answer's time) and a bit above the answer's cost."""
        best = self.point(self.answer) if self.answer else None
        if best is None:
            return None
        hours = self.limit_hours if self.limit_hours is not None else best.hours * 1.6
        return hours, best.cost * 1.35

    def answer_words(self) -> str:
        """'Cheapest that finishes within 8 h: GPT Image 2.5 Flare, $34.43 in 1.6 h'."""
        best = self.point(self.answer) if self.answer else None
        if best is None:
            if self.limit_hours is not None and self.points:
                return f"No API option drawn finishes within {hours_words(self.limit_hours)}"
            return ""
        head = (
            f"Cheapest that finishes within {hours_words(self.limit_hours)}"
            if self.limit_hours is not None
            else "Cheapest with a known time"
        )
        return f"{head}: {best.name}, {text.usd(best.cost)} in {text.duration(best.hours * HOUR)}"

    def caption(self) -> str:
        """Which models have no point, and what would give them one."""
        if not self.unknown:
            return ""
        n = len(self.unknown)
        names = [name for name, _ in self.unknown]
        listed = ", ".join(names[:LISTED]) + (f" and {n - LISTED} more" if n > LISTED else "")
        need_tier = sum(1 for _, why in self.unknown if _needs_tier(why))
        models = "model" if n == 1 else "models"
        if need_tier == n:
            reason = "set your usage tier in the scenario"
        elif need_tier:
            reason = (
                f"{need_tier} need{'s' if need_tier == 1 else ''} your usage tier (set it in "
                f"the scenario); no rate limits or latency are published for {n - need_tier}"
            )
        else:
            reason = "their vendors publish no rate limits or latency"
        return f"Time unknown for {n} {models} ({listed}): {reason}"


def _needs_tier(why: str) -> bool:
    return why.startswith("say your")


def _timed(inputs: ChartInputs, e: ModelEstimate) -> ModelEstimate:
    """``e`` with its times: the table's when it has them, else what the core can
    know without a tier."""
    if e.durations:
        return e
    entry = inputs.catalog.by_id.get(e.model)
    if entry is None:
        return e
    try:
        return with_durations(e, entry, inputs.scenario, team_of(inputs.scenario) or Team())
    except UnknownTier:
        return e


def cost_time_points(
    inputs: ChartInputs,
    current: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> CostTimePoints:
    """The chart's data, from the table's estimates (times asked of the core only
    where the table has none). ``current`` (the x and y ranges shown) holds while
    the points still fit in it, so typing moves the points, not the axes."""
    estimates = [_timed(inputs, r.estimate) for r in inputs.ranked]
    limit = inputs.scenario.finish_within_hours
    points: list[TimePoint] = []
    unknown: list[tuple[str, str]] = []
    timed: list[ModelEstimate] = []
    for e in estimates:
        seconds, cost = e.duration_s, e.total_usd
        if cost is None or cost <= 0:
            continue
        if seconds is None or seconds <= 0:
            unknown.append((e.name, e.duration_why or "no time known"))
            continue
        hours = seconds / HOUR
        in_time = limit is None or hours <= limit
        points.append(TimePoint(e.model, e.name, hours, cost, in_time, e.duration_why or ""))
        timed.append(e)
    best = answer(timed, inputs.catalog, within_hours=limit).best
    times = [p.hours for p in points] + ([limit] if limit is not None else [])
    costs = [p.cost for p in points]
    x_now, y_now = current if current is not None else (None, None)
    x_range = steady_log_range(x_now, min(times), max(times)) if times else (0.1, 10.0)
    y_range = steady_log_range(y_now, min(costs), max(costs)) if costs else (1.0, 100.0)
    return CostTimePoints(
        points,
        unknown,
        limit,
        best.model if best is not None else None,
        inputs.period_word,
        x_range,
        y_range,
    )
