"""Questions asked across models: who is cheapest, by how much, where the
lines cross, and how far a budget goes."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence

from .billing import as_float
from .calendar import plan_day
from .catalog import BASIC_QUALITIES, ModelEntry, PriceCatalog, SubscriptionPricing
from .estimate import MONTHS_PER_PERIOD, estimate_model, resolve_models, subscription_cost
from .records import record
from .results import ModelEstimate
from .scenario import Scenario, Stage


@record
class Ranked:
    estimate: ModelEstimate
    position: int | None
    vs_baseline_usd: float | None
    vs_baseline_pct: float | None
    vs_cheapest_usd: float | None


def rank(estimates: Sequence[ModelEstimate], baseline: str | None = None) -> list[Ranked]:
    """Cheapest first; models that cannot run the scenario after, unranked; models
    retired (or not yet out) on the estimate's day last, unranked.

    Differences are this model minus the baseline (negative = saves money).
    """
    usable = [e for e in estimates if e.available]
    priced = sorted(
        (e for e in usable if e.total_usd is not None), key=lambda e: (e.total_usd, e.model)
    )
    unpriced = [e for e in usable if e.total_usd is None]
    unpriced += [e for e in estimates if not e.available]
    base = next((e.total_usd for e in estimates if e.model == baseline), None)
    cheapest = priced[0].total_usd if priced else None
    out = []
    for i, e in enumerate(priced):
        total = e.total_usd
        assert total is not None
        diff = None if base is None else total - base
        pct = None if base is None or base == 0 or diff is None else diff / base * 100
        out.append(Ranked(e, i + 1, diff, pct, None if cheapest is None else total - cheapest))
    out += [Ranked(e, None, None, None, None) for e in unpriced]
    return out


@record
class Cell:
    size: str
    quality: str
    per_image: dict[str, float]

    @property
    def cheapest(self) -> str | None:
        if not self.per_image:
            return None
        return min(self.per_image.items(), key=lambda kv: (kv[1], kv[0]))[0]


def cheapest_by_cell(
    stage: Stage,
    catalog: PriceCatalog,
    models: Iterable[str] | None,
    sizes: Sequence[tuple[int, int]],
    qualities: Sequence[str] = BASIC_QUALITIES,
    day: dt.date | None = None,
) -> list[Cell]:
    """Per-image cost of every model usable on ``day`` (default today) at every
    size x quality, ``stage`` otherwise."""
    day = plan_day(None, day)
    entries = [m for m in resolve_models(catalog, models, day) if catalog.available(m, day)]
    cells = []
    for w, h in sizes:
        for q in qualities:
            probe = Scenario(
                stages=[stage.model_copy(update={"width": w, "height": h, "quality": q})]
            )
            per_image = {}
            for entry in entries:
                if entry.pricing.flat_fee:
                    continue  # a flat fee has no per-image price apart from a volume
                value = estimate_model(probe, entry, day=day, catalog=catalog).per_image_usd
                if value is not None:
                    per_image[entry.id] = value
            cells.append(Cell(f"{w}x{h}", q, per_image))
    return cells


def _subscription_total(
    entry: ModelEntry, base: ModelEstimate, scenario: Scenario, images: float
) -> float | None:
    p = entry.pricing
    assert isinstance(p, SubscriptionPricing)
    if not base.complete or base.images == 0:
        return None
    months = MONTHS_PER_PERIOD[scenario.period]
    billed = sum(s.billed_images for s in base.stages) * images / base.images
    _, monthly, _ = subscription_cost(p, p.gpu_hours(billed) / months)
    return monthly * months


def total_at_volume(
    entry: ModelEntry, base: ModelEstimate, scenario: Scenario, images: float
) -> float | None:
    """Period cost if the scenario's mix of stages ran at ``images`` images."""
    if entry.pricing.flat_fee:
        return _subscription_total(entry, base, scenario, images)
    per_image = base.per_image_usd
    return None if per_image is None else per_image * images


def cost_vs_volume(
    scenario: Scenario,
    catalog: PriceCatalog,
    models: Iterable[str] | None,
    volumes: Sequence[float],
    as_of: dt.date | None = None,
) -> dict[str, list[float | None]]:
    """Each usable model's period cost at each total image volume (the scenario's mix)."""
    day = plan_day(scenario.plan_from, as_of)
    out = {}
    for entry in resolve_models(catalog, models, day):
        if not catalog.available(entry, day):
            continue
        base = estimate_model(scenario, entry, day=day, catalog=catalog)
        out[entry.id] = [total_at_volume(entry, base, scenario, v) for v in volumes]
    return out


def break_even(
    scenario: Scenario,
    catalog: PriceCatalog,
    subscription_id: str,
    other_id: str,
    max_images: int = 10_000_000,
    as_of: dt.date | None = None,
) -> int | None:
    """Fewest images per period at which the subscription costs no more than ``other``.

    None when it never does below ``max_images``.
    """
    window = cheaper_window(scenario, catalog, subscription_id, other_id, max_images, as_of)
    return window[0] if window is not None else None


def cheaper_window(
    scenario: Scenario,
    catalog: PriceCatalog,
    subscription_id: str,
    other_id: str,
    max_images: int = 10_000_000,
    as_of: dt.date | None = None,
) -> tuple[int, int | None] | None:
    """The first volumes at which the subscription costs no more than ``other``:
    (the fewest images, the fewest above them at which it costs more again, or None
    when it stays no dearer up to ``max_images``). None when it never is.

    A plan's flat fee covers its fast hours only: past them the subscription can
    cost more again (Midjourney Standard is cheaper than $0.00838 an image from
    3,580 images, and dearer from 3,621, when extra hours bill $4 each).
    """
    sub, other = catalog.get(subscription_id), catalog.get(other_id)
    day = plan_day(scenario.plan_from, as_of)
    sub_base = estimate_model(scenario, sub, day=day, catalog=catalog)
    other_base = estimate_model(scenario, other, day=day, catalog=catalog)

    def sub_cheaper(n: int) -> bool:
        a = total_at_volume(sub, sub_base, scenario, n)
        b = total_at_volume(other, other_base, scenario, n)
        return a is not None and b is not None and a <= b

    def first_dearer(lo: int, hi: int) -> int:
        """Fewest images in (lo, hi] at which the subscription costs more (it is no
        dearer at ``lo`` and dearer at ``hi``, crossing once between)."""
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if sub_cheaper(mid) else (lo, mid)
        return hi

    # Where the lines can cross: on each plan, the subscription is flat up to its
    # fast hours and linear after, so a crossing is where a piece starts or where
    # a line meets the other model's line. Check those counts exactly, then walk
    # up in small steps in case the other model is not linear.
    candidates: set[int] = set()
    p = sub.pricing
    per_image = other_base.per_image_usd
    if isinstance(p, SubscriptionPricing) and per_image and sub_base.images:
        months = MONTHS_PER_PERIOD[scenario.period]
        billed_per_image = sum(s.billed_images for s in sub_base.stages) / sub_base.images
        hours_per_image = p.gpu_hours(billed_per_image) / months
        extra = as_float(p.extra_hour_usd)
        for plan in p.plans:
            fee = float(plan.monthly_usd) * months
            edge = float(plan.fast_hours) / hours_per_image
            points = [fee / per_image, edge]
            slope = per_image - hours_per_image * extra * months
            if slope > 0:
                points.append((fee - float(plan.fast_hours) * extra * months) / slope)
            for x in points:
                base = math.floor(x)
                candidates.update(
                    n for n in (base - 1, base, base + 1, base + 2) if 1 <= n <= max_images
                )
    ordered = sorted(candidates)
    cheaper = [sub_cheaper(n) for n in ordered]
    if any(cheaper):
        # Between two neighbouring candidates the lines do not cross: the run of
        # cheaper volumes ends just after the last cheaper candidate before a dearer one.
        first = cheaper.index(True)
        for i in range(first + 1, len(ordered)):
            if not cheaper[i]:
                return ordered[first], first_dearer(ordered[i - 1], ordered[i])
        return ordered[first], None
    n, prev = 1, 0
    while n <= max_images:
        if sub_cheaper(n):
            lo, hi = prev, n
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (lo, mid) if sub_cheaper(mid) else (mid, hi)
            return hi, None
        prev, n = n, max(n + 1, math.ceil(n * 1.01))
    return None


def images_within_budget(
    entry: ModelEntry, estimate: ModelEstimate, scenario: Scenario, budget_usd: float
) -> int | None:
    """How many images (in the scenario's mix) a period budget buys; None if unknown."""
    if budget_usd < 0:
        raise ValueError("a budget cannot be negative")
    if not entry.pricing.flat_fee:
        per_image = estimate.per_image_usd
        if per_image is None:
            return None
        if per_image == 0:
            return None
        return int(math.floor(budget_usd / per_image + 1e-9))
    cost0 = total_at_volume(entry, estimate, scenario, 0)
    if cost0 is None or cost0 > budget_usd:
        return 0
    lo, hi = 0, 1
    while (c := total_at_volume(entry, estimate, scenario, hi)) is not None and c <= budget_usd:
        lo, hi = hi, hi * 2
        if hi > 10**9:
            return None  # flat fee with no cap: unlimited within this budget
    while hi - lo > 1:
        mid = (lo + hi) // 2
        c = total_at_volume(entry, estimate, scenario, mid)
        lo, hi = (mid, hi) if c is not None and c <= budget_usd else (lo, mid)
    return lo


# --- the cheapest plan: a model per stage -------------------------------------------------


@record
class StagePick:
    """The cheapest model for one stage, or none (``model`` None) with the reason."""

    stage: str
    model: str | None
    total_usd: float | None
    why_none: str | None = None


@record
class CheapestPlan:
    stages: tuple[StagePick, ...]
    #: Total of the per-stage picks; None when a stage has no model that can run it.
    total_usd: float | None
    best_single: ModelEstimate | None
    #: What the plan saves over the best single model (positive = cheaper).
    saving_usd: float | None

    def to_dict(self) -> dict[str, object]:
        best = self.best_single
        return {
            "stages": [
                {"stage": p.stage, "model": p.model, "total_usd": p.total_usd}
                | ({"why_none": p.why_none} if p.why_none else {})
                for p in self.stages
            ],
            "total_usd": self.total_usd,
            "best_single": None
            if best is None
            else {"model": best.model, "total_usd": best.total_usd},
            "saving_usd": self.saving_usd,
        }


def _plannable(e: ModelEstimate, catalog: PriceCatalog) -> bool:
    """Usable that day, reachable by API, and billed per stage (not a flat fee)."""
    entry = catalog.by_id.get(e.model)
    return e.available and entry is not None and entry.api and not entry.pricing.flat_fee


def cheapest_plan(estimates: Sequence[ModelEstimate], catalog: PriceCatalog) -> CheapestPlan:
    """The cheapest model for each stage (models may differ between stages), its
    total, and what it saves over the cheapest model that runs every stage.

    Subscriptions and models without a public API are left out: a flat fee
    cannot be split between stages, and the plan is for API workloads.
    """
    usable = [e for e in estimates if _plannable(e, catalog)]
    names = [s.stage for s in usable[0].stages] if usable else []
    picks = []
    for i, name in enumerate(names):
        # (a stage has a total exactly when it can be priced)
        priced = [(t, e.model) for e in usable if (t := e.stages[i].total_usd) is not None]
        if priced:
            usd, model = min(priced)
            picks.append(StagePick(name, model, usd))
        else:
            picks.append(StagePick(name, None, None, "no compared model can run this stage"))
    total = (
        None
        if any(p.model is None for p in picks) or not picks
        else sum(p.total_usd or 0.0 for p in picks)
    )
    complete = [e for e in usable if e.total_usd is not None]
    best = min(complete, key=lambda e: (e.total_usd, e.model)) if complete else None
    saving = None
    if best is not None and best.total_usd is not None and total is not None:
        saving = best.total_usd - total
    return CheapestPlan(tuple(picks), total, best, saving)


@record
class InTime:
    """The cheapest option that finishes within a time limit, or why there is none."""

    hours: float
    best: ModelEstimate | None
    why_none: str | None = None
    #: No option's time is known: the usage tier would tell.
    needs_tier: bool = False


def cheapest_in_time(
    estimates: Sequence[ModelEstimate], catalog: PriceCatalog, hours: float
) -> InTime:
    """The cheapest API option (as ``cheapest_plan`` counts them) that runs the whole
    scenario and is known to finish within ``hours``. A model whose time is not
    known (no usage tier given, no limits published) is not counted."""
    api = [e for e in estimates if _plannable(e, catalog) and e.total_usd is not None]
    timed = [e for e in api if e.duration_s is not None]
    in_time = [e for e in timed if e.duration_s is not None and e.duration_s <= hours * 3600]
    if in_time:
        return InTime(hours, min(in_time, key=lambda e: (e.total_usd or 0.0, e.model)))
    if timed:
        why = f"no compared API option finishes within {hours:g} h"
    elif api:
        return InTime(hours, None, "no compared API option has a known time", needs_tier=True)
    else:
        why = "no compared API option can run this scenario"
    return InTime(hours, None, why)
