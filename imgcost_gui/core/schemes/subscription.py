"""Subscription (Midjourney): a monthly plan with fast GPU hours, chosen for the
whole scenario's hours, its fee shared across the stages by their hours."""

from __future__ import annotations

from ..billing import MONTHS_PER_PERIOD, as_float, billed_requests, size_and_edit_notices
from ..catalog import ModelEntry, SubscriptionPricing
from ..results import MeterCost, ModelEstimate, Notice, StageEstimate
from ..scenario import Scenario


def subscription_cost(
    p: SubscriptionPricing, gpu_hours_per_month: float
) -> tuple[str, float, bool]:
    """Cheapest plan for a month's GPU hours: (plan, monthly USD, fits in fast time).

    When no plan holds the hours and extra time cannot be bought, the plan
    with the most fast hours is the one to plan on (the least short of it),
    not the cheapest.
    """
    best: tuple[str, float, bool] | None = None
    best_key: tuple[bool, float] | None = None
    for plan in p.plans:
        hours = float(plan.fast_hours)
        extra = max(0.0, gpu_hours_per_month - hours)
        if extra and p.extra_hour_usd is None:
            cost, fits = float(plan.monthly_usd), False
        else:
            cost, fits = float(plan.monthly_usd) + extra * as_float(p.extra_hour_usd), True
        key = (True, -cost) if fits else (False, hours)
        if best_key is None or key > best_key:
            best, best_key = (plan.name, cost, fits), key
    assert best is not None, "a subscription needs at least one plan"
    return best


def subscription_estimate(
    entry: ModelEntry, p: SubscriptionPricing, scenario: Scenario
) -> ModelEstimate:
    months = MONTHS_PER_PERIOD[scenario.period]
    hours_by_stage = []
    stage_results = []
    notices: list[Notice] = []
    for stage in scenario.stages:
        ok, sn = size_and_edit_notices(entry, stage)
        billed = billed_requests(entry, stage) * stage.outputs_per_request
        hours = p.gpu_hours(billed)
        hours_by_stage.append(hours if ok else 0.0)
        stage_results.append((stage, ok, sn, billed))
    if any(stage.batch for stage in scenario.stages):
        notices.append(
            Notice("no_batch", f"{entry.name} has no batch discount; priced at the standard rate")
        )
    total_hours = sum(hours_by_stage)
    plan, monthly, fits = subscription_cost(p, total_hours / months)
    cost = monthly * months
    if not fits:
        notices.append(
            Notice(
                "subscription_cap",
                f"{entry.name}: the workload needs more fast GPU time than any plan includes",
            )
        )
    notices.append(
        Notice(
            "subscription",
            f"{entry.name}: {plan} plan, {total_hours / months:.1f} fast GPU hours a month",
            "info",
        )
    )
    stages = []
    for (stage, ok, sn, billed), hours in zip(stage_results, hours_by_stage, strict=True):
        share = hours / total_hours if total_hours else 1.0 / len(stage_results)
        meters = (MeterCost("subscription", cost * share, None),) if ok else ()
        stages.append(
            StageEstimate(stage.name, stage.images, billed, ok, meters, notices=tuple(sn))
        )
    return ModelEstimate(
        entry.id, entry.name, entry.vendor, entry.provider, tuple(stages), tuple(notices), plan=plan
    )
