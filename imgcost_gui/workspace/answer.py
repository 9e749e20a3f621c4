"""The answer at a glance: the best API option, the runners-up, and apart from
them the subscriptions and models without a public API; and the mixed plan
(the cheapest model for each stage) when it saves money.

ImgCost is for API workloads: a flat monthly fee (Midjourney) or a model with
no public API can be cheaper on paper, and is shown beside the answer, never as
it. A cost that an assumption makes a range ("auto" quality, measured tokens)
reads as the range. With a time limit, the answer is the cheapest option that
finishes within it.

Each line comes as ``Part``s, plain text with the model it names, so the
window can link the names and a test can read the words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from imgcost_gui.core.catalog import PriceCatalog
from imgcost_gui.core.compare import cheapest_plan
from imgcost_gui.core.duration import duration_words
from imgcost_gui.core.results import ModelEstimate

from . import text

#: How many options shown apart are named before "and N more".
APART_NAMED = 3


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a line; ``model`` is the id of the model the text names, if any."""

    text: str
    model: str | None = None
    #: A phrase the window keeps on one line ("$54.18 (+$5.18)", "saves $31.00 a month").
    whole: bool = False


Line = tuple[Part, ...]


def plain(line: Line) -> str:
    """A line as the plain words a user reads."""
    return "".join(p.text for p in line)


time_words = duration_words  # the words of a known time: "3 h 20 min"


@dataclass(frozen=True, slots=True)
class Pick:
    """One model in the answer, with the figures the summary shows."""

    estimate: ModelEstimate
    #: Why an option is shown apart ("subscription", "no public API"); None if ranked.
    why_apart: str | None = None

    @property
    def model(self) -> str:
        return self.estimate.model

    @property
    def name(self) -> str:
        return self.estimate.name

    @property
    def cost(self) -> str:
        """'$173.35', or '$67.00–$191.00' when an assumption makes it a range."""
        e = self.estimate
        if self.is_range:
            return f"{text.usd(e.low_usd)}–{text.usd(e.high_usd)}"
        return text.usd(e.total_usd)

    @property
    def is_range(self) -> bool:
        e = self.estimate
        return e.low_usd is not None and e.high_usd is not None and e.low_usd != e.high_usd

    def cost_words(self, period: str) -> str:
        """'$62.21 a month', or '≈ $67.00–$191.00 a month' for a range."""
        approx = "≈ " if self.is_range else ""
        return f"{approx}{self.cost} a {text.PERIOD_WORDS.get(period, period)}"

    @property
    def per_image(self) -> str | None:
        """'$0.0135 per image' ('≈' for a range); None when there are no images."""
        value = self.estimate.per_image_usd
        if value is None:
            return None
        approx = "≈ " if self.is_range else ""
        return f"{approx}{text.usd_per_image(value)} per image"

    @property
    def time(self) -> str | None:
        """'finishes in 3 h 20 min'; None when a limit or latency is unknown."""
        seconds = self.estimate.duration_s
        return None if seconds is None else f"finishes in {time_words(seconds)}"

    @property
    def facts(self) -> tuple[str, ...]:
        """What follows the headline's cost: per image, and how long when known."""
        return tuple(f for f in (self.per_image, self.time) if f)

    def more_than(self, other: Pick) -> str:
        """'+$7.29' (how much more this costs than ``other``), or 'same price'."""
        mine, theirs = self.estimate.total_usd, other.estimate.total_usd
        words = text.signed_usd(None if mine is None or theirs is None else mine - theirs)
        return "same price" if words == "same" else words


@dataclass(frozen=True, slots=True)
class PlanStep:
    """Stages of the mixed plan run on one model."""

    stages: tuple[str, ...]
    model: str
    name: str


@dataclass(frozen=True, slots=True)
class MixedPlan:
    """The cheapest model for each stage, when that saves money over one model."""

    steps: tuple[PlanStep, ...]
    total_usd: float
    saving_usd: float

    def line(self, period: str) -> Line:
        """'Mixed plan: Drafts → A; Finals → B — $54.10, saves $8.11 a month'."""
        parts = [Part("Mixed plan: ")]
        for i, step in enumerate(self.steps):
            parts += [Part("; " if i else ""), Part(" + ".join(step.stages) + " → ")]
            parts.append(Part(step.name, step.model))
        per = text.PERIOD_WORDS.get(period, period)
        saves = f"{text.usd(self.total_usd)}, saves {text.usd(self.saving_usd)} a {per}"
        parts += [Part(" — "), Part(saves, whole=True)]
        return tuple(p for p in parts if p.text)


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
    #: The cheapest model per stage, shown only when it saves money on several models.
    plan: MixedPlan | None = None
    #: With a time limit: API options cheaper than the answer (all of them when there
    #: is none) left out because they take longer or their time is unknown.
    slower: tuple[Pick, ...] = ()

    def headline(self, period: str) -> str:
        """The answer in one line of plain text."""
        if self.best is None:
            return self.nothing
        return f"{self.best.name}: {self.best.cost_words(period)}"

    @property
    def nothing(self) -> str:
        """What the summary says in the answer's place when there is none."""
        return self.why_none or "No compared model can run this scenario"

    @property
    def caption(self) -> str:
        """What the large line is: 'Best API option', or the time limit it meets."""
        if self.within_hours is None:
            return "Best API option"
        return f"Cheapest that finishes within {self.within_hours:g} h"

    def runners_line(self) -> Line:
        """'then FLUX.2 [klein] 4B $69.50 (+$7.29), …'; empty without runners-up."""
        if self.best is None or not self.runners_up:
            return ()
        parts = [Part("then ")]
        for i, pick in enumerate(self.runners_up):
            if i:
                parts.append(Part(", "))
            parts += [Part(pick.name, pick.model), Part(" ")]
            parts.append(Part(f"{pick.cost} ({pick.more_than(self.best)})", whole=True))
        return tuple(parts)

    def apart_line(self) -> Line:
        """'Midjourney $51.67 — subscription, no public API; not ranked as the answer'."""
        if not self.apart:
            return ()
        ending = "not ranked as the answer" if len(self.apart) == 1 else "none ranked as the answer"
        return (*_listed(self.apart, lambda p: f"{p.cost} — {p.why_apart}"), Part(f"; {ending}"))

    def slower_line(self) -> Line:
        """'Cheaper, not known to finish within 24 h: Muse Image 1.0 $49.00 (time unknown)'."""
        if not self.slower or self.within_hours is None:
            return ()
        lead = "Cheaper, not known" if self.best is not None else "Not known"
        return (
            Part(f"{lead} to finish within {self.within_hours:g} h: "),
            *_listed(self.slower, lambda p: f"{p.cost} ({_takes(p)})"),
        )


def _takes(pick: Pick) -> str:
    seconds = pick.estimate.duration_s
    return "time unknown" if seconds is None else f"takes {time_words(seconds)}"


def _listed(picks: Sequence[Pick], words: Callable[[Pick], str]) -> Line:
    """The first few picks, each its name and ``words`` (kept on one line), then how
    many more."""
    parts: list[Part] = []
    for i, pick in enumerate(picks[:APART_NAMED]):
        parts += [Part(" · ")] if i else []
        parts += [Part(pick.name, pick.model), Part(" "), Part(words(pick), whole=True)]
    more = len(picks) - APART_NAMED
    if more > 0:
        parts.append(Part(f" · and {more} more"))
    return tuple(parts)


def why_apart(e: ModelEstimate, catalog: PriceCatalog) -> str | None:
    """Why a model is not an API option: 'subscription', 'no public API', or both."""
    entry = catalog.by_id.get(e.model)
    if entry is None:
        return "not in the catalog"
    reasons = [
        word
        for word, applies in (
            ("subscription", entry.pricing.flat_fee),
            ("no public API", not entry.api),
        )
        if applies
    ]
    return ", ".join(reasons) or None


def answer(
    estimates: Sequence[ModelEstimate],
    catalog: PriceCatalog,
    *,
    within_hours: float | None = None,
    runners: int = 2,
) -> Answer:
    """The best API option among ``estimates`` (cheapest usable one that can run
    the whole scenario, and finishes within ``within_hours`` when given), and the
    mixed plan among the same options."""
    usable = sorted(
        (e for e in estimates if e.available and e.total_usd is not None),
        key=lambda e: (e.total_usd, e.model),
    )
    reasons = [(e, why_apart(e, catalog)) for e in usable]
    api = [e for e, why in reasons if why is None]
    apart = tuple(Pick(e, why) for e, why in reasons if why)
    why = None
    planned: Sequence[ModelEstimate] = estimates
    every_api = api
    if within_hours is not None and api:
        limit = within_hours * 3600
        timed = [e for e in api if e.duration_s is not None and e.duration_s <= limit]
        if not timed:
            why = (
                f"No API option finishes within {within_hours:g} h"
                if any(e.duration_s is not None for e in api)
                else "No API option has a known time: set your usage tier"
            )
        api = planned = timed
    if not api and why is None:
        why = "No API option can run this scenario" if usable else None
    best = Pick(api[0]) if api else None
    rest = tuple(Pick(e) for e in api[1 : 1 + runners])
    plan = mixed_plan(planned, catalog, within_hours) if best is not None else None
    chosen = {e.model for e in api}
    cheaper_than = best.estimate.total_usd if best is not None else None
    slower = tuple(
        Pick(e)
        for e in every_api
        if e.model not in chosen and (cheaper_than is None or (e.total_usd or 0.0) < cheaper_than)
    )
    return Answer(best, rest, apart, why, within_hours, plan, slower)


def mixed_plan(
    estimates: Sequence[ModelEstimate], catalog: PriceCatalog, within_hours: float | None = None
) -> MixedPlan | None:
    """The core's cheapest plan, when it uses more than one model and saves at
    least a cent over the best single model (and, with a time limit, its stages
    run one after another still finish in time)."""
    plan = cheapest_plan(estimates, catalog)
    if plan.total_usd is None or plan.saving_usd is None or plan.saving_usd < 0.005:
        return None
    by_id = {e.model: e for e in estimates}
    models = [p.model for p in plan.stages]
    if len(set(models)) < 2:
        return None
    if within_hours is not None:
        seconds = [by_id[m].durations[i].seconds for i, m in enumerate(models) if m]
        if any(s is None for s in seconds) or sum(s or 0.0 for s in seconds) > within_hours * 3600:
            return None
    steps: list[PlanStep] = []
    for pick in plan.stages:
        assert pick.model is not None  # a plan with a total has a model for every stage
        same = next((s for s in steps if s.model == pick.model), None)
        if same is None:
            steps.append(PlanStep((pick.stage,), pick.model, by_id[pick.model].name))
        else:
            steps[steps.index(same)] = PlanStep((*same.stages, pick.stage), same.model, same.name)
    return MixedPlan(tuple(steps), plan.total_usd, plan.saving_usd)
