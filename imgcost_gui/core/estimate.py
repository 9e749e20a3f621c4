"""Turn a scenario into dollars, model by model and stage by stage.

``estimate()`` is the one entry point. Each pricing scheme has its own stage
estimator (``schemes/``); they share the counting of billed attempts and
the notices about size and quality (``billing.py``). Every estimate is for a
day (``calendar.plan_day``): the prices in force and the model's lifecycle on
that day decide it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from typing_extensions import assert_never

from .billing import MONTHS_PER_PERIOD, StagePlan
from .calendar import SHUTDOWN_WARNING_DAYS, period_end, plan_day
from .catalog import (
    NO_LIFECYCLE,
    FixedTokenPricing,
    Lifecycle,
    ModelEntry,
    PerImagePricing,
    PerMegapixelPricing,
    PriceCatalog,
    Status,
    SubscriptionPricing,
    TokenPricing,
)
from .duration import Team, stage_duration
from .memo import EstimateMemo, StageKeys
from .prices import changes_between, entry_on, price_fields
from .results import ModelEstimate, Notice, StageEstimate
from .scenario import Scenario, Stage
from .schemes import (
    fixed_token_plan,
    megapixels_billed,
    per_image_plan,
    per_megapixel_plan,
    subscription_cost,
    subscription_estimate,
    token_plan,
)

__all__ = [
    "MONTHS_PER_PERIOD",
    "UnknownModel",
    "estimate",
    "estimate_model",
    "megapixels_billed",
    "resolve_models",
    "subscription_cost",
]


class UnknownModel(KeyError):
    """A model id that is not in the catalog."""

    def __str__(self) -> str:
        return f"unknown model {self.args[0]!r}; run 'imgcost catalog list' to see the ids"


# --- lifecycle and dated prices ---------------------------------------------------------


def _lifecycle_notices(
    entry: ModelEntry, lc: Lifecycle, status: Status, day: dt.date, end: dt.date, period: str
) -> tuple[Notice, ...]:
    """What the model's ``status`` on ``day`` means for the period, and what it lacks."""
    out: list[Notice] = []
    if status == "retired":
        when = f" on {lc.retired_on.isoformat()}" if lc.retired_on else ""
        out.append(
            Notice("retired", f"{entry.name} was retired{when}; it can no longer be used", "error")
        )
    elif status == "upcoming":
        assert lc.announced_on is not None
        out.append(
            Notice(
                "upcoming",
                f"{entry.name} is not available until {lc.announced_on.isoformat()}",
                "error",
            )
        )
    else:
        shut = lc.retired_on
        if shut is not None and (shut < end or (shut - day).days <= SHUTDOWN_WARNING_DAYS):
            left = (shut - day).days
            inside = f", inside this {period}" if shut < end else ""
            days = "1 day" if left == 1 else f"{left} days"
            out.append(
                Notice(
                    "shuts_down",
                    f"{entry.name} shuts down on {shut.isoformat()} ({days} left{inside})",
                )
            )
        elif status == "deprecated":
            when = f"; shuts down {shut.isoformat()}" if shut else ""
            out.append(Notice("deprecated", f"{entry.name} is deprecated{when}"))
    if not entry.api:
        out.append(
            Notice("no_api", f"{entry.name} has no public API; estimate for interactive use")
        )
    if entry.only_secondary:
        out.append(
            Notice(
                "secondary_prices",
                f"{entry.name}: prices from secondary sources only (no vendor page checked)",
                "info",
            )
        )
    return tuple(out)


def _price_change_notices(
    scenario: Scenario, entry: ModelEntry, day: dt.date, end: dt.date, first: ModelEstimate
) -> list[Notice]:
    """One warning per price change inside the period, with what it does to the total."""
    out = []
    before = {f.path: f for f in price_fields(entry_on(entry, day))}
    for change_day in changes_between(entry, day, end):
        later = entry_on(entry, change_day)
        moved = [
            f"{f.label} ${before[f.path].value} → ${f.value}"
            for f in price_fields(later)
            if f.path in before and f.value != before[f.path].value
        ]
        if not moved:
            continue
        effect = ""
        then = _priced(scenario, later)
        if first.total_usd is not None and then.total_usd is not None:
            diff = then.total_usd - first.total_usd
            pct = f" ({diff / first.total_usd * 100:+.0f}%)" if first.total_usd else ""
            effect = (
                f"; at the new prices this {scenario.period} would cost ${then.total_usd:,.2f}{pct}"
            )
        out.append(
            Notice(
                "price_change",
                f"{entry.name}: prices change on {change_day.isoformat()} "
                f"({'; '.join(moved)}){effect}. This estimate uses the prices of "
                f"{day.isoformat()}",
            )
        )
        before = {f.path: f for f in price_fields(later)}
    return out


# --- entry point ---------------------------------------------------------------------


def _priced(
    scenario: Scenario,
    entry: ModelEntry,
    memo: EstimateMemo | None = None,
    keys: StageKeys | None = None,
) -> ModelEstimate:
    """Cost of a whole scenario on one entry at the prices it carries."""
    stages, notices, plan = _priced_parts(scenario, entry, memo, keys)
    return ModelEstimate(
        entry.id, entry.name, entry.vendor, entry.provider, stages, notices, plan=plan
    )


def _priced_parts(
    scenario: Scenario,
    entry: ModelEntry,
    memo: EstimateMemo | None,
    keys: StageKeys | None,
) -> tuple[tuple[StageEstimate, ...], tuple[Notice, ...], str | None]:
    """The stages, whole-scenario notices and plan of ``_priced``, unassembled: the
    caller builds its one ``ModelEstimate`` from them (500 models, every keystroke)."""
    p = entry.pricing
    if isinstance(p, SubscriptionPricing):
        if memo is None:
            est = subscription_estimate(entry, p, scenario)
        else:
            keys = keys if keys is not None else memo.keys(scenario)
            est = memo.scenario(
                entry,
                (scenario.period, *keys.numbers),
                lambda: subscription_estimate(entry, p, scenario),
            )
        return est.stages, est.notices, est.plan
    if memo is None:
        return tuple(_stage(entry, s) for s in scenario.stages), (), None
    keys = keys if keys is not None else memo.keys(scenario)
    return memo.stages(entry, keys, scenario.stages, _plan), (), None


def _stage(entry: ModelEntry, stage: Stage) -> StageEstimate:
    """One stage on a model whose scheme prices stage by stage."""
    return _plan(entry, stage)(stage)


def _plan(entry: ModelEntry, stage: Stage) -> StagePlan:
    """The plan for a stage's shape on a model whose scheme prices stage by stage."""
    p = entry.pricing
    match p:
        case TokenPricing():
            return token_plan(entry, p, stage)
        case PerImagePricing():
            return per_image_plan(entry, p, stage)
        case PerMegapixelPricing():
            return per_megapixel_plan(entry, p, stage)
        case FixedTokenPricing():
            return fixed_token_plan(entry, p, stage)
        case SubscriptionPricing():
            raise ValueError("a subscription prices the whole scenario, not a stage")
        case _:
            assert_never(p)


def estimate_model(
    scenario: Scenario,
    entry: ModelEntry,
    *,
    day: dt.date | None = None,
    catalog: PriceCatalog | None = None,
    memo: EstimateMemo | None = None,
    keys: StageKeys | None = None,
    end: dt.date | None = None,
) -> ModelEstimate:
    """Cost of a whole scenario on one model, as of ``day`` (default: the plan's day).

    ``catalog`` lets a reseller's entry follow its model family's lifecycle;
    ``memo`` hands back stages priced before on the same entry and values
    (``keys`` and ``end`` are worked out once by ``estimate`` for every model).
    """
    day = day or plan_day(scenario.plan_from)
    end = end or period_end(day, scenario.period)
    lc = catalog.lifecycle_of(entry) if catalog is not None else entry.lifecycle or NO_LIFECYCLE
    if memo is not None and entry.price_changes:
        priced = memo.on_day(entry, day, lambda: entry_on(entry, day))
    else:
        priced = entry_on(entry, day)
    stages, priced_notices, plan = _priced_parts(scenario, priced, memo, keys)
    status = lc.status_on(day)
    notices = _lifecycle_notices(entry, lc, status, day, end, scenario.period) + priced_notices
    if entry.price_changes:
        est = ModelEstimate(
            priced.id, priced.name, priced.vendor, priced.provider, stages, plan=plan
        )
        notices += tuple(_price_change_notices(scenario, entry, day, end, est))
    return ModelEstimate(
        priced.id,
        priced.name,
        priced.vendor,
        priced.provider,
        stages,
        notices,
        plan=plan,
        status=status,
        shuts_down=lc.retired_on,
        available_from=lc.announced_on,
        as_of=day,
    )


def resolve_models(
    catalog: PriceCatalog, models: Iterable[str] | None, day: dt.date
) -> list[ModelEntry]:
    """Catalog entries for ids; ``all`` (or nothing) means every model usable on ``day``.

    A model named by its id is kept even when it is retired, so that it can be
    shown apart with the reason.
    """
    ids = list(models or [])
    if not ids or ids == ["all"]:
        return catalog.active(day)
    out: dict[str, ModelEntry] = {}
    for model_id in ids:
        if model_id == "all":
            out.update((m.id, m) for m in catalog.active(day) if m.id not in out)
            continue
        entry = catalog.by_id.get(model_id)
        if entry is None:
            raise UnknownModel(model_id)
        out.setdefault(model_id, entry)
    return list(out.values())


def estimate(
    scenario: Scenario,
    catalog: PriceCatalog,
    models: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
    memo: EstimateMemo | None = None,
    team: Team | None = None,
) -> list[ModelEstimate]:
    """Cost of ``scenario`` on each model, in the order the models were named.

    ``models`` defaults to the scenario's own list, then to every model usable
    on the day. ``as_of`` overrides the scenario's "plan from" date. A window
    that re-estimates on every edit passes the same ``memo`` each time, so only
    the stages an edit changed are priced again. With ``team`` (its tiers and
    parallel requests) each estimate also says how long its work takes.
    """
    day = plan_day(scenario.plan_from, as_of)
    chosen = models if models is not None else (scenario.models or None)
    keys = memo.keys(scenario) if memo is not None else None
    end = period_end(day, scenario.period)
    out = [
        estimate_model(scenario, entry, day=day, catalog=catalog, memo=memo, keys=keys, end=end)
        for entry in resolve_models(catalog, chosen, day)
    ]
    team = team or team_of(scenario)
    if team is not None:
        out = [with_durations(e, catalog.by_id[e.model], scenario, team) for e in out]
    return out


def team_of(scenario: Scenario) -> Team | None:
    """The team's limits the scenario states, or None when it states none. A tier
    the vendor does not have leaves that vendor's times unknown, with the reason."""
    if not scenario.tiers and scenario.parallel_requests is None:
        return None
    return Team(dict(scenario.tiers), scenario.parallel_requests, strict=False)


def with_durations(
    est: ModelEstimate, entry: ModelEntry, scenario: Scenario, team: Team
) -> ModelEstimate:
    """``est`` with how long each stage takes for ``team``."""
    durations = tuple(
        stage_duration(entry, stage, s, team)
        for stage, s in zip(scenario.stages, est.stages, strict=True)
    )
    return dataclasses.replace(est, durations=durations)
