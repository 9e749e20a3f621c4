"""Questions across models: ranking, the cheapest per cell, cost against volume,
what a budget buys, and when a Midjourney subscription pays off.

Midjourney (catalog, secondary source): one fast GPU minute per four-image job,
plans Basic $10 / 3.3 h, Standard $30 / 15 h, Pro $60 / 30 h, Mega $120 / 60 h,
extra fast time $4 an hour. So an image costs 1/240 GPU hour, and a plan
holds 240 * hours images: Basic 792, Standard 3600, Pro 7200, Mega 14400.
"""

import datetime as dt

import pytest

from imgcost_gui.core import (
    Scenario,
    cheapest_by_cell,
    cost_vs_volume,
    estimate,
    images_within_budget,
    rank,
)
from imgcost_gui.core.compare import break_even, cheaper_window

from .helpers import CATALOG, notice, run, stage

NOV_1 = dt.date(2026, 11, 1)


def scenario(*stages, **kw):
    return Scenario(stages=list(stages), **kw)


# --- rank ------------------------------------------------------------------------


def test_rank_cheapest_first_with_differences_to_the_baseline():
    # 10 images at 1536x1024 high:
    # gpt-image-2   10 * 5488 * 30/1e6 = $1.6464
    # gpt-image-1.5 10 * 6208 * 32/1e6 = $1.98656
    # dall-e-3 does not offer 1536x1024 (and is retired): listed last, unranked
    # Planned for 2026-11-01, while GPT Image 1.5 still ran.
    sc = scenario(stage("1536x1024", "high", requests=10))
    ests = estimate(sc, CATALOG, ["dall-e-3", "gpt-image-1.5", "gpt-image-2"], as_of=NOV_1)
    ranked = rank(ests, baseline="gpt-image-1.5")
    assert [r.estimate.model for r in ranked] == ["gpt-image-2", "gpt-image-1.5", "dall-e-3"]
    assert [r.position for r in ranked] == [1, 2, None]
    first, second, last = ranked
    assert first.vs_baseline_usd == pytest.approx(1.6464 - 1.98656)  # saves $0.34016
    assert first.vs_baseline_pct == pytest.approx((1.6464 - 1.98656) / 1.98656 * 100)  # -17.1%
    assert second.vs_baseline_usd == pytest.approx(0)
    assert second.vs_cheapest_usd == pytest.approx(0.34016)
    assert first.vs_cheapest_usd == 0
    assert last.vs_baseline_usd is None and last.vs_cheapest_usd is None


def test_rank_without_a_priced_baseline_gives_no_differences():
    sc = scenario(stage("1536x1024", "high", requests=10))
    ests = estimate(sc, CATALOG, ["gpt-image-2", "dall-e-3"])
    ranked = rank(ests, baseline="dall-e-3")  # the baseline cannot run this size
    assert ranked[0].position == 1
    assert ranked[0].vs_baseline_usd is None and ranked[0].vs_baseline_pct is None


# --- cheapest by cell -------------------------------------------------------------


def test_cheapest_model_for_each_size_and_quality():
    # per image, no prompt text:
    #                  gpt-image-2      gpt-image-1.5       dall-e-3   flux-pro-1.1
    # 1024x1024 low    196*30/1e6=.00588  272*32/1e6=.008704  .04        .04
    # 1024x1024 high   7024*30/1e6=.21072 4160*32/1e6=.13312  .08 (hd)   .04
    # 1536x1024 low    158*30/1e6=.00474  400*32/1e6=.0128    (no size)  (edge > 1440)
    # 1536x1024 high   5488*30/1e6=.16464 6208*32/1e6=.198656 (no size)  (edge > 1440)
    # On 2026-05-01, before DALL-E 3 and GPT Image 1.5 were shut down.
    models = ["gpt-image-2", "gpt-image-1.5", "dall-e-3", "flux-pro-1.1", "midjourney"]
    cells = cheapest_by_cell(
        stage(),
        CATALOG,
        models,
        [(1024, 1024), (1536, 1024)],
        qualities=("low", "high"),
        day=dt.date(2026, 5, 1),
    )
    by_key = {(c.size, c.quality): c for c in cells}
    assert list(by_key) == [
        ("1024x1024", "low"),
        ("1024x1024", "high"),
        ("1536x1024", "low"),
        ("1536x1024", "high"),
    ]
    assert by_key["1024x1024", "low"].cheapest == "gpt-image-2"
    assert by_key["1024x1024", "high"].cheapest == "flux-pro-1.1"
    assert by_key["1536x1024", "low"].cheapest == "gpt-image-2"
    assert by_key["1536x1024", "high"].cheapest == "gpt-image-2"
    assert by_key["1024x1024", "high"].per_image["dall-e-3"] == pytest.approx(0.08)
    assert by_key["1536x1024", "high"].per_image["gpt-image-1.5"] == pytest.approx(0.198656)
    # models that cannot make the size are left out, and a subscription has no per-image price
    assert set(by_key["1536x1024", "low"].per_image) == {"gpt-image-2", "gpt-image-1.5"}
    assert all("midjourney" not in c.per_image for c in cells)


# --- Midjourney plans ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("images", "plan", "usd"),
    [
        (792, "Basic", 10.0),  # 3.3 h: exactly Basic's fast time
        (1000, "Basic", 10 + (1000 / 240 - 3.3) * 4),  # 4.17 h: $13.47 beats Standard's $30
        (2400, "Standard", 30.0),  # 10 h: Basic would be 10 + 6.7 * 4 = $36.80
        (6000, "Pro", 60.0),  # 25 h: Standard would be 30 + 10 * 4 = $70
        (12000, "Mega", 120.0),  # 50 h: Pro would be 60 + 20 * 4 = $140
        (20000, "Mega", 120 + (20000 / 240 - 60) * 4),  # 83.3 h: $213.33
    ],
)
def test_midjourney_picks_the_cheapest_plan_for_the_month(images, plan, usd):
    est = run("midjourney", stage(requests=images))
    assert est.plan == plan
    assert est.total_usd == pytest.approx(usd)
    assert plan in notice(est, "subscription").message


def test_midjourney_over_a_year_pays_twelve_monthly_fees():
    # 28,800 images a year = 2,400 a month = 10 h: Standard, 12 * $30
    est = run("midjourney", stage(requests=28_800), period="year")
    assert est.plan == "Standard"
    assert est.total_usd == pytest.approx(360.0)


def test_midjourney_splits_the_fee_over_stages_by_gpu_time():
    # 600 + 1800 images = 2400 = 10 h -> Standard $30, split 1:3
    est = run("midjourney", stage(name="a", requests=600), stage(name="b", requests=1800))
    assert [s.total_usd for s in est.stages] == [pytest.approx(7.5), pytest.approx(22.5)]


def test_break_even_against_a_flat_price_reseller():
    # gptimage2/gpt-image-1 sells at $0.034 an image. Below 792 images Midjourney
    # costs Basic's flat $10: 0.034 * 294 = $9.996 < $10, 0.034 * 295 = $10.03 >= $10.
    sc = scenario(stage(requests=100))
    assert break_even(sc, CATALOG, "midjourney", "gptimage2/gpt-image-1") == 295


def test_break_even_never_when_the_other_model_is_cheaper_per_image_than_any_plan():
    # gpt-image-2 low square costs $0.00588 an image. The cheapest a subscription
    # image gets is $30 / 3600 = $0.00833 (Standard, Pro and Mega alike) and extra
    # time costs $4 / 240 = $0.0167 an image: Midjourney never costs no more.
    sc = scenario(stage("1024x1024", "low", requests=100))
    assert break_even(sc, CATALOG, "midjourney", "gpt-image-2") is None


def test_break_even_finds_a_narrow_window_at_the_end_of_a_plan():
    # gpt-image-2 low square with a 500-token prompt:
    #   196 * 30/1e6 + 500 * 5/1e6 = 0.00588 + 0.0025 = $0.00838 an image.
    # Midjourney Standard is flat $30 up to 3600 images; 30 / 0.00838 = 3579.95, so at
    # 3580 images gpt-image-2 costs $30.0004 >= $30. Below that Midjourney is dearer
    # (Basic is $10 + extra time at $0.0167 an image, always above $0.00838 * n here).
    sc = scenario(stage("1024x1024", "low", requests=100, prompt_tokens=500))
    assert break_even(sc, CATALOG, "midjourney", "gpt-image-2") == 3580


def test_a_subscription_is_cheaper_only_until_its_plan_runs_out():
    # As above: from 3,580 images Standard's flat $30 costs no more than gpt-image-2
    # at $0.00838 an image. Past 3,600 images Standard bills extra time:
    #   30 + (n/240 - 15) * 4 = n/60 - 30, which overtakes 0.00838 * n where
    #   n * (1/60 - 0.00838) = 30, n = 3620.3:
    #   3,620 images: 3620/60 - 30 = $30.3333 <= 3620 * 0.00838 = $30.3356 (still cheaper)
    #   3,621 images: 3621/60 - 30 = $30.3500 >  3621 * 0.00838 = $30.3440 (dearer)
    sc = scenario(stage("1024x1024", "low", requests=100, prompt_tokens=500))
    assert cheaper_window(sc, CATALOG, "midjourney", "gpt-image-2") == (3580, 3621)


def test_a_subscription_that_stays_cheaper_has_no_end_to_its_window():
    # $0.034 an image against Basic's extra time at $4 / 240 = $0.0167 an image:
    # once Midjourney costs no more (295 images), it never costs more again.
    sc = scenario(stage(requests=100))
    assert cheaper_window(sc, CATALOG, "midjourney", "gptimage2/gpt-image-1") == (295, None)


# --- cost against volume and budgets ----------------------------------------------------


def test_cost_vs_volume_is_linear_for_per_image_and_stepped_for_a_subscription():
    # gpt-image-2 medium square: $0.05268 an image.
    sc = scenario(stage(requests=100))
    volumes = [0, 1000, 3600, 3601]
    curves = cost_vs_volume(sc, CATALOG, ["gpt-image-2", "midjourney"], volumes)
    assert curves["gpt-image-2"] == [pytest.approx(0.05268 * v) for v in volumes]
    assert curves["midjourney"] == [
        pytest.approx(10.0),  # nothing generated still pays the cheapest plan
        pytest.approx(10 + (1000 / 240 - 3.3) * 4),  # Basic + 0.87 h extra = $13.47
        pytest.approx(30.0),  # Standard, exactly 15 h
        pytest.approx(30 + 4 / 240),  # one more image: 1/240 h extra at $4/h
    ]


def test_images_within_budget_for_a_per_image_model():
    # gpt-image-1.5 medium square: $0.033792 an image; $100 buys floor(2959.28) = 2959
    sc = scenario(stage(requests=100))
    entry = CATALOG.get("gpt-image-1.5")
    est = run("gpt-image-1.5", stage(requests=100))
    assert images_within_budget(entry, est, sc, 100.0) == 2959


@pytest.mark.parametrize(
    ("budget", "images"),
    [
        (5.0, 0),  # less than the cheapest plan
        (10.0, 792),  # Basic's 3.3 h
        (30.0, 3600),  # Standard's 15 h; the 3601st image would cost $30.02
        (31.0, 3600 + 60),  # Standard + $1 of extra time = 0.25 h = 60 images
    ],
)
def test_images_within_budget_for_midjourney(budget, images):
    sc = scenario(stage(requests=100))
    est = run("midjourney", stage(requests=100))
    assert images_within_budget(CATALOG.get("midjourney"), est, sc, budget) == images


def test_a_negative_budget_is_refused():
    sc = scenario(stage())
    est = run("gpt-image-2", stage())
    with pytest.raises(ValueError, match="negative"):
        images_within_budget(CATALOG.get("gpt-image-2"), est, sc, -1.0)


def test_a_model_that_cannot_run_the_scenario_has_no_budget_answer():
    sc = scenario(stage("2048x2048"))
    est = run("gpt-image-1.5", stage("2048x2048"))
    assert images_within_budget(CATALOG.get("gpt-image-1.5"), est, sc, 100.0) is None


def test_midjourney_for_a_week_pays_a_share_of_the_monthly_fee():
    # 600 images a week; a month is 30.4375 / 7 weeks, so 2608.9 images = 10.87 h a month:
    # Standard ($30; Basic would be 10 + 7.57 * 4 = $40.29). A week's share: 30 * 7 / 30.4375.
    est = run("midjourney", stage(requests=600), period="week")
    assert est.plan == "Standard"
    assert est.total_usd == pytest.approx(30 * 7 / 30.4375)


def test_the_cheapest_plan_leaves_out_subscriptions_and_says_when_no_model_runs_a_stage():
    from imgcost_gui.core.compare import cheapest_plan

    # Midjourney (a flat fee, no API) is never a pick; 5000x5000 is beyond every model here.
    sc = scenario(
        stage("1024x1024", "low", name="Drafts", requests=100),
        stage("5000x5000", "low", name="Posters", requests=1),
    )
    ests = estimate(sc, CATALOG, ["midjourney", "flux-pro-1.1"])
    plan = cheapest_plan(ests, CATALOG)
    drafts, posters = plan.stages
    assert (drafts.model, drafts.total_usd) == ("flux-pro-1.1", pytest.approx(100 * 0.04))
    assert posters.model is None and "no compared model" in posters.why_none
    assert plan.total_usd is None and plan.saving_usd is None
    assert plan.best_single is None  # no plannable model runs both stages
