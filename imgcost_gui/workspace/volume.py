"""Cost against volume: each model's line, and where a subscription pays off.

Every line comes from the comparison's own estimates (``total_at_volume`` scales
an estimate to another volume without pricing it again). Where a subscription
first becomes cheaper than the cheapest pay-per-use model the workspace asks
the core (``cheaper_window``) once per set of estimates, with where it costs more again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from imgcost_gui.core.compare import cheaper_window, total_at_volume

from . import text
from .charts import ChartInputs
from .scales import decades_around, volume_range, volumes_across

#: Lines beyond this many turn the chart into spaghetti.
MAX_LINES = 6
#: Subscriptions drawn at most (each with its break-even).
MAX_SUBSCRIPTIONS = 2


class BreakEven(NamedTuple):
    """Fewest images per period at which ``subscription`` costs no more than ``cheapest``."""

    subscription: str
    cheapest: str
    images: float
    #: What the subscription costs at that volume.
    cost: float
    #: Fewest images above ``images`` at which it costs more again (its plan's fast
    #: hours run out); None: it stays no dearer.
    until: float | None = None


@dataclass(frozen=True)
class VolumeCurves:
    """The lines of the volume chart, the break-even dots and the axes' ranges."""

    #: Model ids, one line each: pay-per-use (cheapest first), then subscriptions.
    models: list[str]
    names: dict[str, str]
    subscriptions: tuple[str, ...]
    volumes: list[float]
    #: Each model's period cost at each volume (None where it cannot run it).
    series: dict[str, list[float | None]]
    break_evens: list[BreakEven]
    x_range: tuple[float, float]
    y_range: tuple[float, float]
    #: The scenario's own volume (the "your volume" mark).
    images: int
    period: str
    #: Each line's cost at the scenario's own volume: the table's figure.
    at_your_volume: dict[str, float]

    @property
    def unit(self) -> str:
        """What the y axis counts: 'USD per month'."""
        return f"USD per {self.period}"

    @property
    def volume_words(self) -> str:
        """'your volume: 4,600 images/month'."""
        return f"your volume: {text.count(self.images)} images/{self.period}"

    def points(self, model: str) -> tuple[list[float], list[float]]:
        """The (volumes, costs) a log-log line can draw: positive costs only."""
        pts = [
            (v, c)
            for v, c in zip(self.volumes, self.series.get(model, []), strict=False)
            if c is not None and c > 0
        ]
        return [p[0] for p in pts], [p[1] for p in pts]

    def note(self, b: BreakEven) -> str:
        """'Midjourney cheaper than\\nFLUX1.1 [pro] above 250 images/month', or
        'from 2,817 to 3,599 images/month' when it costs more again past that."""
        span = (
            f"above {text.count(b.images)}"
            if b.until is None
            else f"from {text.count(b.images)} to {text.count(b.until - 1)}"
        )
        return (
            f"{self.names.get(b.subscription, b.subscription)} cheaper than\n"
            f"{self.names.get(b.cheapest, b.cheapest)} {span} images/{self.period}"
        )


def _is_subscription(inputs: ChartInputs, model_id: str) -> bool:
    return inputs.catalog.get(model_id).pricing.scheme == "subscription"


def models_to_draw(inputs: ChartInputs) -> list[str]:
    """The cheapest pay-per-use models (the baseline among them), then up to two
    subscriptions; only models that can run the scenario on the day."""
    priced = [r.estimate.model for r in inputs.ranked]
    subs = [m for m in priced if _is_subscription(inputs, m)]
    others = [m for m in priced if m not in subs]
    chosen = others[: MAX_LINES - min(len(subs), MAX_SUBSCRIPTIONS)]
    baseline = inputs.scenario.baseline
    if baseline in others and baseline not in chosen and len(chosen) > 1:
        chosen[-1] = baseline  # the cheapest stays first: break-evens are measured against it
    return chosen + subs[:MAX_SUBSCRIPTIONS]


def break_evens(inputs: ChartInputs, models: list[str]) -> list[BreakEven]:
    """Where each subscription drawn becomes cheaper than the cheapest pay-per-use model."""
    subs = [m for m in models if _is_subscription(inputs, m)]
    others = [m for m in models if m not in subs]
    if not others:
        return []
    estimates = {r.estimate.model: r.estimate for r in inputs.rows}
    found = []
    for sub in subs:
        window = cheaper_window(inputs.scenario, inputs.catalog, sub, others[0])
        if window is None:
            continue
        n, until = window
        cost = total_at_volume(inputs.catalog.get(sub), estimates[sub], inputs.scenario, n)
        if cost is not None:
            found.append(BreakEven(sub, others[0], n, cost, until))
    return found


def volume_curves(
    inputs: ChartInputs, current_range: tuple[float, float] | None = None
) -> VolumeCurves:
    """The chart's data; ``current_range`` (the x range shown) holds while it still fits."""
    models = models_to_draw(inputs)
    images = inputs.scenario.images
    found = break_evens(inputs, models)
    x_range = volume_range(current_range, images, [b.images for b in found])
    volumes = volumes_across(*x_range)
    estimates = {r.estimate.model: r.estimate for r in inputs.rows}
    series = {
        m: [
            total_at_volume(inputs.catalog.get(m), estimates[m], inputs.scenario, v)
            for v in volumes
        ]
        for m in models
    }
    costs = [c for cs in series.values() for c in cs if c is not None and c > 0]
    y_range = decades_around(min(costs), max(costs)) if costs else (1.0, 10.0)
    subs = tuple(m for m in models if _is_subscription(inputs, m))
    yours = {m: estimates[m].total_usd for m in models}
    return VolumeCurves(
        models,
        inputs.names,
        subs,
        volumes,
        series,
        found,
        x_range,
        y_range,
        images,
        inputs.period_word,
        {m: cost for m, cost in yours.items() if cost is not None},
    )
