"""A stage's plan (its checks, notices and unit prices) is made once per shape,
and typing a new volume only multiplies it out again (core/schemes, core/memo).

The plan must not depend on the counts: made at one volume and used at another,
it gives exactly what pricing the stage from scratch gives, for every model."""

import datetime as dt
from decimal import Decimal

import pytest

from imgcost_gui.core import ReferenceImages, ResponsesOverhead, Scenario, estimate
from imgcost_gui.core.catalog import MeasuredOutput
from imgcost_gui.core.estimate import _plan, _stage
from imgcost_gui.core.memo import EstimateMemo

from .helpers import CATALOG, stage

DAY = dt.date(2026, 12, 1)

#: Stage shapes that reach every branch a count could hide in: auto quality and
#: its range, references and edits, batch, retries and billed failures, partial
#: images, cached input, the Responses overhead, and sizes some models refuse.
SHAPES = [
    stage("1024x1024", "low", prompt_tokens=120),
    stage("1536x1024", "high", batch=True, retry_multiplier=1.5),
    stage("1024x1024", "auto", auto_assumes="high", failure_rate=0.2),
    stage(
        "1024x1536",
        "medium",
        mode="edit",
        references=ReferenceImages(count=2, width=2048, height=2048, high_fidelity=True),
        cached_image_share=0.5,
        cached_text_share=0.25,
        prompt_tokens=300,
    ),
    stage("1024x1024", "medium", mode="edit"),
    stage("2048x2048", "medium", partial_images=2, outputs_per_request=3),
    stage(
        "1024x1024",
        "high",
        responses=ResponsesOverhead(
            input_tokens=900,
            output_tokens=80,
            input_usd_per_m=Decimal("2.5"),
            output_usd_per_m=Decimal("10"),
        ),
    ),
    stage("4096x4096", "low"),
    stage("1000x999", "medium"),
]

#: Volumes to price a plan at, as the user types them: plain requests, and jobs
#: of several images each.
VOLUMES = [
    {"requests": 1},
    {"requests": 7},
    {"requests": 123_457},
    {"jobs": 30, "images_per_job": 4},
]

STAGE_PRICED = [m for m in CATALOG.models if m.pricing.scheme != "subscription"]


@pytest.mark.parametrize("shape", range(len(SHAPES)))
def test_a_plan_made_at_one_volume_prices_every_other_volume_as_from_scratch(shape):
    made_at = SHAPES[shape].model_copy(update={"requests": 3})
    for entry in STAGE_PRICED:
        plan = _plan(entry, made_at)
        for volume in VOLUMES:
            now = SHAPES[shape].model_copy(update=volume)
            assert plan(now) == _stage(entry, now), (entry.id, volume)


def test_measured_output_tokens_keep_their_range_at_any_volume():
    # gpt-image-1 with its 1024x1024 high output measured: 4,000 tokens an image,
    # 3,500 at p5 and 4,800 at p95, at $40 per million output tokens.
    entry = CATALOG.get("gpt-image-1")
    measured = MeasuredOutput(
        tokens=4000, low=3500, high=4800, responses=40, measured_on=DAY, file="usage.csv"
    )
    entry = entry.model_copy(update={"measured_output": {"1024x1024/high": measured}})
    plan = _plan(entry, stage("1024x1024", "high", requests=1))
    at_50 = plan(stage("1024x1024", "high", requests=50))
    assert at_50.total_usd == pytest.approx(50 * 4000 * 40 / 1e6)
    assert at_50.low_usd == pytest.approx(50 * 3500 * 40 / 1e6)
    assert at_50.high_usd == pytest.approx(50 * 4800 * 40 / 1e6)
    assert "measured_output" in {n.code for n in at_50.notices}


def test_typing_a_new_volume_makes_no_new_plan_and_follows_the_volume():
    sc = Scenario(stages=[stage("1024x1024", "low", name="Drafts"), stage("1536x1024", "high")])
    memo = EstimateMemo()
    models = ["gpt-image-2", "flux-2-pro", "gemini-3-pro-image", "dall-e-3"]
    estimate(sc, CATALOG, models, as_of=DAY, memo=memo)
    made = memo.plans_made
    assert made == len(models) * 2
    for n in (2, 25, 250, 2500):
        sc.stages[0].requests = n
        after = estimate(sc, CATALOG, models, as_of=DAY, memo=memo)
        assert memo.plans_made == made
        fresh = estimate(sc, CATALOG, models, as_of=DAY)
        assert [r.total_usd for r in after] == [r.total_usd for r in fresh]
    # gpt-image-2 drafts: 196 low-quality output tokens an image at $30 per million.
    drafts = after[0].stages[0]
    assert drafts.total_usd == pytest.approx(2500 * 196 * 30 / 1e6)


def test_a_new_size_or_quality_makes_a_new_plan():
    sc = Scenario(stages=[stage("1024x1024", "low")])
    memo = EstimateMemo()
    estimate(sc, CATALOG, ["gpt-image-2"], as_of=DAY, memo=memo)
    sc.stages[0].quality = "high"
    (high,) = estimate(sc, CATALOG, ["gpt-image-2"], as_of=DAY, memo=memo)
    assert memo.plans_made == 2
    (fresh,) = estimate(sc, CATALOG, ["gpt-image-2"], as_of=DAY)
    assert high.total_usd == fresh.total_usd
    assert high.stages[0].quality == "high"


def test_measured_output_with_partial_images_adds_them_to_both_ends_of_the_range():
    # As above, with 2 partial images of 100 tokens each (gpt-image-1 bills a
    # partial image at its partial_image_tokens) added to every image's tokens.
    entry = CATALOG.get("gpt-image-1")
    partial = 2 * entry.pricing.partial_image_tokens
    measured = MeasuredOutput(
        tokens=4000, low=3500, high=4800, responses=40, measured_on=DAY, file="usage.csv"
    )
    entry = entry.model_copy(update={"measured_output": {"1024x1024/high": measured}})
    shape = stage("1024x1024", "high", requests=1, partial_images=2)
    at_10 = _plan(entry, shape)(shape.model_copy(update={"requests": 10}))
    assert at_10.low_usd == pytest.approx(10 * (3500 + partial) * 40 / 1e6)
    assert at_10.high_usd == pytest.approx(10 * (4800 + partial) * 40 / 1e6)


def test_gemini_reference_tokens_are_billed_on_every_attempt():
    # Gemini 3 Pro Image: 560 tokens per input image at $2 per million; a retry
    # multiplier of 2 bills each request's two references twice.
    entry = CATALOG.get("gemini-3-pro-image")
    refs = ReferenceImages(count=2)
    shape = stage("1024x1024", "medium", mode="edit", references=refs, retry_multiplier=2.0)
    at_100 = _plan(entry, shape)(shape.model_copy(update={"requests": 100}))
    image_in = at_100.meter("image_in")
    assert image_in is not None
    assert image_in.tokens == 2 * 560 * 2 * 100
    assert image_in.usd == pytest.approx(2 * 560 * 2 * 100 * 2 / 1e6)


def test_only_a_vendor_word_other_than_the_chosen_quality_is_called_mapped():
    # DALL-E 3 bills medium as "standard" (said); GPT Image 1 Mini bills its
    # qualities under their own names (nothing to say).
    dalle = _stage(CATALOG.get("dall-e-3"), stage("1024x1024", "medium"))
    assert "quality_mapped" in {n.code for n in dalle.notices}
    plain = [m for m in STAGE_PRICED if m.pricing.scheme == "per_image" and m.qualities]
    plain = [m for m in plain if not m.pricing.quality_map]
    assert plain, "the catalog has per-image models that name qualities their own way"
    for entry in plain:
        quality = entry.quality_levels[0]
        est = _stage(entry, stage("1024x1024", quality))
        assert "quality_mapped" not in {n.code for n in est.notices}, entry.id


def test_an_edit_to_a_reference_image_is_priced_again():
    # The references are a stage value nested one level down: a new count must not
    # hand back the estimate for the old one.
    sc = Scenario(stages=[stage("1024x1024", "medium", mode="edit", requests=10)])
    sc.stages[0].references = ReferenceImages(count=1)
    memo = EstimateMemo()
    estimate(sc, CATALOG, ["gpt-image-1"], as_of=DAY, memo=memo)
    sc.stages[0].references = ReferenceImages(count=3)
    (after,) = estimate(sc, CATALOG, ["gpt-image-1"], as_of=DAY, memo=memo)
    (fresh,) = estimate(sc, CATALOG, ["gpt-image-1"], as_of=DAY)
    assert after.total_usd == fresh.total_usd
    assert after.stages[0].input_image_tokens_per_request == (
        fresh.stages[0].input_image_tokens_per_request
    )


def test_dated_prices_through_the_memo_are_those_of_each_day():
    # A flat $0.04 an image that drops to $0.03 on 2027-01-15: 1,000 images cost
    # $40 on 2026-12-01 and $30 on 2027-02-01, remembered or not.
    from imgcost_gui.core import PriceCatalog

    from .test_price_history import change, flat_model

    entry = flat_model("0.04", [change("2027-01-15", **{"1024x1024": "0.03"})])
    catalog = PriceCatalog(checked=DAY, models=[entry])
    sc = Scenario(stages=[stage("1024x1024", "medium", requests=1000)])
    memo = EstimateMemo()
    for _ in range(2):
        for day, usd in ((DAY, 40.0), (dt.date(2027, 2, 1), 30.0)):
            (est,) = estimate(sc, catalog, ["flat"], as_of=day, memo=memo)
            assert est.total_usd == pytest.approx(usd)
    # Each day's entry is kept once, with its one priced stage: counted as held.
    assert memo._count == remembered(memo)[0] == 2 + 2
    assert memo._plan_count == remembered(memo)[1] == 2


def remembered(memo: EstimateMemo) -> tuple[int, int]:
    """What the memo really holds: (stage and scenario estimates and dated entries,
    plans)."""
    estimates = sum(len(slot) for _entry, slot, _plans in memo._by_entry.values())
    plans = sum(len(plans) for _entry, _slot, plans in memo._by_entry.values())
    return estimates, plans


def test_while_typing_the_memo_counts_what_it_holds_and_holds_little():
    from imgcost_gui.core.memo import RECENT, SWEEP_EVERY

    memo = EstimateMemo()
    sc = Scenario(stages=[stage("1024x1024", "low", name="A"), stage("1536x1024", "high")])
    models = ["gpt-image-2", "flux-2-pro", "dall-e-3", "midjourney"]
    for n in range(1, 200):
        sc.stages[0].requests = n  # a count: the plan is kept
        sc.stages[1].width = 1024 + 16 * (n % 50)  # a shape: a new plan each time
        estimate(sc, CATALOG, models, as_of=DAY, memo=memo)
        estimates, plans = remembered(memo)
        assert memo._count == estimates
        assert memo._plan_count == plans
    # Per model: two stages in use, RECENT earlier values, and those since its trim.
    assert estimates <= len(models) * (2 + RECENT + SWEEP_EVERY)
    assert plans <= len(models) * (2 + RECENT + SWEEP_EVERY)
    # Every plan in use is kept: the last count edit made none.
    made = memo.plans_made
    sc.stages[0].requests = 5000
    estimate(sc, CATALOG, models, as_of=DAY, memo=memo)
    assert memo.plans_made == made


def test_the_stage_numbers_are_forgotten_past_the_limit_too():
    memo = EstimateMemo(max_entries=50)
    sc = Scenario(stages=[stage("1024x1024", "low")])
    for n in range(1, 300):
        sc.stages[0].requests = n
        sc.stages[0].width = 1024 + 16 * (n % 60)  # a new shape too, most edits
        estimate(sc, CATALOG, ["gpt-image-2"], as_of=DAY, memo=memo)
        assert len(memo._stage_ids) <= 50
        assert len(memo._plan_from) <= 50
        assert remembered(memo) == (memo._count, memo._plan_count)
    sc.stages[0].width = 1024
    (last,) = estimate(sc, CATALOG, ["gpt-image-2"], as_of=DAY, memo=memo)
    assert last.total_usd == pytest.approx(299 * 196 * 30 / 1e6)


def test_hits_and_misses_count_each_stage_once():
    memo = EstimateMemo()
    sc = Scenario(stages=[stage("1024x1024", "low", name="A"), stage("1536x1024", "high")])
    estimate(sc, CATALOG, ["gpt-image-2", "flux-2-pro"], as_of=DAY, memo=memo)
    assert (memo.hits, memo.misses) == (0, 4)
    sc.stages[0].requests = 2
    estimate(sc, CATALOG, ["gpt-image-2", "flux-2-pro"], as_of=DAY, memo=memo)
    assert (memo.hits, memo.misses) == (2, 6)
    # A subscription is one whole-scenario estimate: a miss, then a hit.
    estimate(sc, CATALOG, ["midjourney"], as_of=DAY, memo=memo)
    estimate(sc, CATALOG, ["midjourney"], as_of=DAY, memo=memo)
    assert (memo.hits, memo.misses) == (3, 7)
