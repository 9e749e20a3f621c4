"""Tests that kill mutants of compare.py and results.py that survived a mutation run:
volumes, budgets, the cheapest plan, ranges and the notices a user reads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from imgcost_gui.core import Scenario, estimate, estimate_model
from imgcost_gui.core.compare import cheapest_plan, cost_vs_volume, images_within_budget, rank
from imgcost_gui.core.results import MeterCost, ModelEstimate, Notice, StageEstimate

from .helpers import CATALOG, run, stage


def scenario(*stages, **kw) -> Scenario:
    return Scenario(stages=list(stages), **kw)


# --- cost against volume ---------------------------------------------------------------------


def test_a_yearly_subscription_curve_pays_twelve_monthly_fees():
    # 28,800 images a year = 2,400 a month = 10 h: Standard, 12 x $30.
    sc = scenario(stage(requests=100), period="year")
    assert cost_vs_volume(sc, CATALOG, ["midjourney"], [28_800]) == {
        "midjourney": [pytest.approx(360.0)]
    }


def test_a_one_image_scenario_still_has_a_subscription_curve():
    # 2,400 images a month = 10 h: Standard $30.
    sc = scenario(stage(requests=1))
    assert cost_vs_volume(sc, CATALOG, ["midjourney"], [2400]) == {
        "midjourney": [pytest.approx(30.0)]
    }


def test_no_subscription_curve_for_a_scenario_it_cannot_run():
    # Midjourney's longest edge is 4096 px.
    sc = scenario(stage("5000x5000"))
    assert cost_vs_volume(sc, CATALOG, ["midjourney"], [100]) == {"midjourney": [None]}


# --- budgets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("budget", "images"),
    [
        (0.0, 0),  # a zero budget buys nothing, it is not refused
        (0.5, 12),  # 0.5 / 0.04 = 12.5
        (0.12, 3),  # 0.12 / 0.04 is 2.9999999999999996 in floats: still 3 images
    ],
)
def test_budget_for_a_per_image_model(budget, images):
    sc = scenario(stage(requests=10))
    est = run("flux-pro-1.1", stage(requests=10))  # $0.04 an image
    assert images_within_budget(CATALOG.get("flux-pro-1.1"), est, sc, budget) == images


def test_budget_for_a_subscription_between_plan_edges():
    # Standard $30 covers 3600 images; $0.50 more buys 0.125 h = 30 images.
    sc = scenario(stage(requests=100))
    est = run("midjourney", stage(requests=100))
    assert images_within_budget(CATALOG.get("midjourney"), est, sc, 30.5) == 3630


def test_a_free_model_has_no_budget_limit():
    entry = CATALOG.get("flux-pro-1.1")
    pricing = entry.pricing.model_copy(
        update={"prices": [entry.pricing.prices[0].model_copy(update={"usd": Decimal(0)})]}
    )
    free = entry.model_copy(update={"id": "free", "pricing": pricing})
    sc = scenario(stage(requests=10))
    est = estimate_model(sc, free)
    assert images_within_budget(free, est, sc, 10.0) is None


# --- the cheapest plan -----------------------------------------------------------------------------


def test_the_cheapest_plan_never_picks_a_subscription_even_when_it_is_cheaper():
    # 1000 images: Midjourney $13.47 (Basic + extra time), flux-pro-1.1 $40.
    sc = scenario(stage(requests=1000))
    plan = cheapest_plan(estimate(sc, CATALOG, ["midjourney", "flux-pro-1.1"]), CATALOG)
    assert [p.model for p in plan.stages] == ["flux-pro-1.1"]
    assert plan.total_usd == pytest.approx(40.0)


def test_a_free_stage_adds_nothing_to_the_plan():
    sc = scenario(stage(name="none", requests=0), stage(name="ten", requests=10))
    plan = cheapest_plan(estimate(sc, CATALOG, ["flux-pro-1.1"]), CATALOG)
    assert plan.total_usd == pytest.approx(0.4)


def test_savings_are_this_model_minus_the_baseline_and_the_cheapest():
    # 10 images: flux-pro-1.1 $0.40, flux-2-pro $0.30 (1 MP at $0.03).
    sc = scenario(stage(requests=10))
    ranked = rank(estimate(sc, CATALOG, ["flux-pro-1.1", "flux-2-pro"]), baseline="flux-pro-1.1")
    cheap, dear = ranked
    assert cheap.estimate.model == "flux-2-pro"
    assert cheap.vs_baseline_usd == pytest.approx(-0.10)  # saves 10 cents
    assert cheap.vs_baseline_pct == pytest.approx(-25.0)
    assert dear.vs_cheapest_usd == pytest.approx(0.10)


# --- what an estimate reports -------------------------------------------------------------------------


def test_a_stage_reports_its_price_per_image():
    est = run("flux-pro-1.1", stage(requests=10))
    assert est.stages[0].per_image_usd == pytest.approx(0.04)


def test_partial_cost_counts_only_what_the_supported_stages_cost():
    est = run(
        "flux-pro-1.1",
        stage(name="none", requests=0),
        stage(name="ten", requests=10),
        stage("5000x5000", name="poster"),
    )
    assert est.total_usd is None
    assert est.partial_usd == pytest.approx(0.4)


def test_the_auto_range_adds_the_stages_that_are_not_auto():
    # ideogram-3.0: 10 auto images range $0.03-$0.09 each; 5 medium ('default') at $0.06.
    est = run(
        "ideogram-3.0",
        stage(name="auto", quality="auto", requests=10),
        stage(name="fixed", quality="medium", requests=5),
    )
    assert est.low_usd == pytest.approx(0.30 + 0.30)
    assert est.high_usd == pytest.approx(0.90 + 0.30)


def _estimate(notices=(), stages=()) -> ModelEstimate:
    return ModelEstimate("m", "M", "V", "P", tuple(stages), tuple(notices))


def test_warnings_and_notes_are_told_apart():
    est = _estimate([Notice("a", "a note", "info"), Notice("b", "a warning")])
    assert est.warnings == ["a warning"]
    d = est.to_dict()
    assert (d["warnings"], d["notes"]) == (["a warning"], ["a note"])


@pytest.mark.parametrize(
    ("severities", "worst"),
    [
        (["info"], "info"),
        (["info", "warning"], "warning"),
        (["warning", "error"], "error"),
        (["error", "info"], "error"),
    ],
)
def test_the_worst_notice_decides_the_severity(severities, worst):
    est = _estimate([Notice(f"c{i}", f"m{i}", s) for i, s in enumerate(severities)])
    assert est.worst_severity == worst


def test_meter_totals_add_the_stages():
    stages = [
        StageEstimate("a", 1, 1, True, (MeterCost("images", 0.5),)),
        StageEstimate("b", 1, 1, True, (MeterCost("images", 0.25),)),
    ]
    assert _estimate(stages=stages).meter_totals() == {"images": 0.75}


def test_a_one_dollar_baseline_still_gets_a_percentage():
    # 25 images: flux-pro-1.1 exactly $1.00, flux-2-pro $0.75: 25% less.
    sc = scenario(stage(requests=25))
    ranked = rank(estimate(sc, CATALOG, ["flux-pro-1.1", "flux-2-pro"]), baseline="flux-pro-1.1")
    assert ranked[0].vs_baseline_pct == pytest.approx(-25.0)


def test_a_tie_for_the_cheapest_cell_goes_to_the_first_id():
    from imgcost_gui.core.compare import Cell

    assert Cell("1024x1024", "low", {"b": 0.04, "a": 0.04, "c": 0.05}).cheapest == "a"


def test_budget_for_a_subscription_one_image_past_a_search_step():
    # Standard $30 covers 3600 images; $0.52 more at $4/240 an image buys 31.2: 31.
    sc = scenario(stage(requests=100))
    est = run("midjourney", stage(requests=100))
    assert images_within_budget(CATALOG.get("midjourney"), est, sc, 30.52) == 3631


def test_a_one_image_stage_has_a_price_per_image():
    assert run("flux-pro-1.1", stage(requests=1)).stages[0].per_image_usd == pytest.approx(0.04)


def test_a_year_from_29_february_ends_on_28_february():
    from imgcost_gui.core.calendar import period_end

    assert period_end(dt.date(2028, 2, 29), "year") == dt.date(2029, 2, 28)


@pytest.mark.parametrize(
    ("start", "period", "end"),
    [
        (dt.date(2027, 1, 31), "month", dt.date(2027, 2, 28)),
        (dt.date(2027, 3, 15), "month", dt.date(2027, 4, 15)),
        (dt.date(2027, 11, 30), "month", dt.date(2027, 12, 30)),
        (dt.date(2028, 1, 1), "year", dt.date(2029, 1, 1)),
    ],
)
def test_months_and_years_follow_the_calendar(start, period, end):
    from imgcost_gui.core.calendar import period_end

    assert period_end(start, period) == end


def test_a_free_stage_adds_nothing_to_the_auto_range():
    est = run(
        "ideogram-3.0",
        stage(name="auto", quality="auto", requests=10),
        stage(name="none", quality="medium", requests=0),
    )
    assert (est.low_usd, est.high_usd) == (pytest.approx(0.30), pytest.approx(0.90))


def test_all_with_named_models_keeps_the_named_one_and_adds_the_rest():
    from imgcost_gui.core.estimate import resolve_models

    day = dt.date(2026, 12, 1)
    ids = [m.id for m in resolve_models(CATALOG, ["flux-2-pro", "all"], day)]
    assert ids[0] == "flux-2-pro"
    assert set(ids) == {m.id for m in CATALOG.active(day)} | {"flux-2-pro"}
    assert len(ids) == len(set(ids))
