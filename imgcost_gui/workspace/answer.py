"""The answer at a glance: the best API option, the runners-up, and apart from
them the subscriptions and models without a public API.

ImgCost is for API workloads: a flat monthly fee (Midjourney) or a model with
no public API can be cheaper on paper, and is shown beside the answer, never as
it. A cost that an assumption makes a range ("auto" quality, measured tokens)
reads as the range. With a time limit, the answer is the cheapest option that
finishes within it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from imgcost_gui.core.catalog import PriceCatalog
from imgcost_gui.core.results import ModelEstimate

from . import text


@dataclass(frozen=True, slots=True)
class Pick:
    """One model in the answer, with the figures the summary shows."""

    estimate: ModelEstimate

    @property
    def model(self) -> str:
        return self.estimate.model

    @property
    def cost(self) -> str:
        """'$173.35', or '$67.00–$191.00' when an assumption makes it a range."""
        e = self.estimate
        if e.low_usd is not None and e.high_usd is not None and e.low_usd != e.high_usd:
            return f"{text.usd(e.low_usd)}–{text.usd(e.high_usd)}"
        return text.usd(e.total_usd)

    @property
    def is_range(self) -> bool:
        e = self.estimate
        return e.low_usd is not None and e.high_usd is not None and e.low_usd != e.high_usd


@dataclass(frozen=True, slots=True)
class Answer:
    best: Pick | None
    runners_up: tuple[Pick, ...]
    #: Subscriptions and models without a public API, cheapest first.
    apart: tuple[Pick, ...]
    #: Why there is no best option (nothing can run the scenario, nothing in time).
    why_none: str | None = None
    #: The time limit the answer honours, in hours, if one was asked.
    within_hours: float | None = None

    def headline(self, period: str) -> str:
        """The answer in one line of plain text."""
        if self.best is None:
            return self.why_none or "No compared model can run this scenario"
        per = text.PERIOD_WORDS.get(period, period)
        approx = "≈ " if self.best.is_range else ""
        return f"{self.best.estimate.name}: {approx}{self.best.cost} a {per}"


def _api_option(e: ModelEstimate, catalog: PriceCatalog) -> bool:
    entry = catalog.by_id.get(e.model)
    return entry is not None and entry.api and not entry.pricing.flat_fee


def answer(
    estimates: Sequence[ModelEstimate],
    catalog: PriceCatalog,
    *,
    within_hours: float | None = None,
    runners: int = 2,
) -> Answer:
    """The best API option among ``estimates`` (cheapest usable one that can run
    the whole scenario, and finishes within ``within_hours`` when given)."""
    usable = sorted(
        (e for e in estimates if e.available and e.total_usd is not None),
        key=lambda e: (e.total_usd, e.model),
    )
    api = [e for e in usable if _api_option(e, catalog)]
    apart = tuple(Pick(e) for e in usable if not _api_option(e, catalog))
    why = None
    if within_hours is not None:
        limit = within_hours * 3600
        timed = [e for e in api if e.duration_s is not None and e.duration_s <= limit]
        if not timed:
            why = (
                f"No API option finishes within {within_hours:g} h"
                if any(e.duration_s is not None for e in api)
                else "No API option has a known time: set your usage tier"
            )
        api = timed
    if not api and why is None:
        why = "No API option can run this scenario" if usable else None
    best = Pick(api[0]) if api else None
    rest = tuple(Pick(e) for e in api[1 : 1 + runners])
    return Answer(best, rest, apart, why, within_hours)
