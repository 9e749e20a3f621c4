"""The comparison: every model's estimate for the scenario, ranked, with how far
the budget goes, and the one line that sums it up.

``compare()`` asks the core once; each row then answers every cell of the table
(``columns.COLUMNS``) from that one estimate, and works each answer out once.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import field
from typing import Literal

from imgcost_gui.core import ModelEntry, ModelEstimate, PriceCatalog, Scenario, estimate
from imgcost_gui.core.compare import Ranked, images_within_budget, rank
from imgcost_gui.core.memo import EstimateMemo
from imgcost_gui.core.records import record

from . import text
from .lifecycle import shutdown_words, unavailable_text

#: Which group a row sorts in, whatever the order: the ranked models, then those
#: that cannot run the scenario, then those not available on the day.
GROUP_RANKED, GROUP_UNPRICED, GROUP_UNAVAILABLE = range(3)

Severity = Literal["warning", "error"]
#: The mark beside a model's name: something to heed, something to know, or not
#: available on the day at all.
Status = Literal["warning", "info", "unavailable"]
#: Notices that make a figure an estimate rather than a price (it reads "≈").
ESTIMATED = ("assumed_rule", "measured_tokens")


@record
class ComparisonRow:
    """What the comparison says about one model; every number comes from the core."""

    ranked: Ranked
    #: Images the budget buys in the scenario's mix (None: no budget, unknown or unlimited).
    within_budget: int | None = None
    over_budget: bool = False
    is_baseline: bool = False
    #: The scenario has a budget (its column shows).
    has_budget: bool = False
    #: The scenario's period ("month"), for the words of the cells.
    period: str = "month"
    #: The catalog entry priced (where each price comes from); None if not known.
    entry: ModelEntry | None = field(default=None, compare=False, repr=False)
    #: The scenario's budget per period (None: no budget).
    budget_usd: float | None = None
    #: Each cell's answers, worked out on first ask (``Column``).
    answers: dict[tuple[str, str], object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def estimate(self) -> ModelEstimate:
        return self.ranked.estimate

    @property
    def group(self) -> int:
        if not self.estimate.available:
            return GROUP_UNAVAILABLE
        return GROUP_RANKED if self.ranked.position is not None else GROUP_UNPRICED

    @property
    def severity(self) -> Severity | None:
        """The mark the Notes cell carries: an error when the model cannot run it all."""
        e = self.estimate
        worst = "error" if not e.complete else e.worst_severity
        return worst if worst in ("warning", "error") else None

    @property
    def status(self) -> Status | None:
        """The model cell's mark: not available, a warning (or worse), or a note."""
        e = self.estimate
        if not e.available:
            return "unavailable"
        worst = e.worst_severity
        if worst in ("warning", "error") or not e.complete:
            return "warning"
        return "info" if worst == "info" else None

    @property
    def estimated(self) -> bool:
        """Its figures rest on an assumption (a token rule, measured tokens): read "≈"."""
        return any(n.code in ESTIMATED for n in self.estimate.all_notices)

    @property
    def ranged(self) -> bool:
        """'auto' quality makes its cost a range (low and high differ)."""
        e = self.estimate
        return e.low_usd is not None and e.high_usd is not None and e.low_usd != e.high_usd

    @property
    def stands_out(self) -> bool:
        """The cheapest and the baseline: their names read in bold."""
        return self.ranked.position == 1 or self.is_baseline


def compare(
    scenario: Scenario,
    catalog: PriceCatalog,
    model_ids: list[str] | None,
    *,
    memo: EstimateMemo | None = None,
) -> list[ComparisonRow]:
    """Ask the core for every model's estimate, rank, and how far the budget goes.

    Every estimate is for the scenario's "plan from" day, else today; a model
    not available that day is ranked by the core after the others, unranked.
    Rows keep the order the core returned the estimates in. With ``memo`` (kept
    across edits) the core prices again only the stages an edit changed.
    """
    estimates = estimate(scenario, catalog, model_ids, memo=memo)
    ranked = rank(estimates, scenario.baseline)
    budget = float(scenario.budget_usd) if scenario.budget_usd else None
    by_model = {r.estimate.model: r for r in ranked}
    rows = []
    for e in estimates:
        entry = catalog.by_id.get(e.model)
        within = None
        over = False
        if budget is not None and e.complete and e.available and entry is not None:
            within = images_within_budget(entry, e, scenario, budget)
            over = e.total_usd is not None and e.total_usd > budget + 1e-9
        rows.append(
            ComparisonRow(
                by_model[e.model],
                within,
                over,
                e.model == scenario.baseline,
                budget is not None,
                scenario.period,
                entry,
                budget,
            )
        )
    return rows


def ranked_rows(rows: Sequence[ComparisonRow]) -> list[ComparisonRow]:
    """The rows of models that can run the scenario, cheapest first."""
    priced = [r for r in rows if r.ranked.position is not None]
    return sorted(priced, key=lambda r: r.ranked.position or 0)


def _api_option(row: ComparisonRow) -> bool:
    """A model a team can call by API and pay per use: what the answer may name."""
    entry = row.entry
    return entry is None or (entry.api and not entry.pricing.flat_fee)


def summary_text(
    rows: Sequence[ComparisonRow], scenario: Scenario, *, answer_shown: bool = False
) -> str:
    """The line above the table (rich text): the volume, the best API option and
    what it costs (a range when an assumption makes one), and what is left out
    (cannot run it, not available, over budget). A subscription or a model with
    no public API that costs less is named apart, never as the answer.

    With ``answer_shown`` (the window's summary names the answer, the options
    apart and their costs in lines of their own) it says only the rest."""
    period = text.PERIOD_WORDS[scenario.period]
    priced = ranked_rows(rows)
    gone = [r.estimate for r in rows if not r.estimate.available]
    images = text.count(scenario.images, "images")
    when = f" from {scenario.plan_from.isoformat()}" if scenario.plan_from else ""
    tail = ""
    missing = len(rows) - len(priced) - len(gone)
    if missing:
        tail += f" · {missing} cannot run it"
    if len(gone) == 1:
        tail += f" · {html.escape(gone[0].name)} {unavailable_text(gone[0])}, not ranked"
    elif gone:
        tail += f" · {len(gone)} not available on the day, not ranked"
    api = [r for r in priced if _api_option(r)]
    if not api and answer_shown:
        return f"<b>{images}</b> per {period}{when}" + tail
    if not api:
        lead = (
            "no selected API model can run this scenario"
            if priced
            else ("no selected model can run this scenario")
        )
        apart = _apart(priced, None)
        return f"<b>{images}</b> per {period}{when} · {lead}{apart}" + tail
    best = api[0].estimate
    ending = shutdown_words(best)
    if ending:  # the answer is worth less if it stops answering soon
        tail = f" · <b>it {ending}</b>{tail}"
    over = sum(r.over_budget for r in rows)
    if scenario.budget_usd and over:
        tail += f" · <b>{over} over budget</b>"
    if answer_shown:
        return f"<b>{images}</b> per {period}{when}{tail}"
    cost = f"<b>{text.usd(best.total_usd)}</b>"
    if best.low_usd is not None and best.high_usd is not None and best.low_usd != best.high_usd:
        cost = f"<b>≈ {text.usd(best.low_usd)}–{text.usd(best.high_usd)}</b>"
    return (
        f"<b>{images}</b> per {period}{when} · best API option: <b>{html.escape(best.name)}</b>"
        f" at {cost} ({text.usd_per_image(best.per_image_usd)} per image)"
        f"{tail}{_apart(priced, best.total_usd)}"
    )


def _apart(priced: Sequence[ComparisonRow], best_usd: float | None) -> str:
    """The cheapest subscription or model without an API that beats the answer."""
    for r in priced:
        e = r.estimate
        if _api_option(r) or e.total_usd is None:
            continue
        if best_usd is not None and e.total_usd >= best_usd:
            return ""
        why = (
            "a subscription"
            if r.entry is not None and r.entry.pricing.flat_fee
            else ("no public API")
        )
        if r.entry is not None and r.entry.pricing.flat_fee and not r.entry.api:
            why = "a subscription, no public API"
        return f" · apart: {html.escape(e.name)} {text.usd(e.total_usd)} ({why})"
    return ""
