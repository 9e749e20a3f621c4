"""Tests that kill mutants of the pricing schemes (billing.py, schemes/, tokens.py)
that survived a mutation run: each pins a figure a user reads, worked out by hand
from the catalog's prices or from a model made for the test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from imgcost_gui.core import Scenario, Stage, estimate_model
from imgcost_gui.core.catalog import BatchTerms, ModelEntry, Plan
from imgcost_gui.core.scenario import ReferenceImages, ResponsesOverhead

from .helpers import CATALOG, codes, notice, stage


def priced(entry: ModelEntry, *stages: Stage, **scenario_kw):
    return estimate_model(Scenario(stages=list(stages), **scenario_kw), entry)


def custom(model_id: str, **update) -> ModelEntry:
    """A shipped entry changed as a user's own model could be."""
    return CATALOG.get(model_id).model_copy(update={"id": f"my-{model_id}", **update})


def with_pricing(model_id: str, **update) -> ModelEntry:
    entry = CATALOG.get(model_id)
    return custom(model_id, pricing=entry.pricing.model_copy(update=update))


def meter(est, name: str):
    m = est.stages[0].meter(name)
    assert m is not None, f"no {name!r} meter"
    return m


RESPONSES = ResponsesOverhead(
    input_tokens=1000,
    output_tokens=200,
    input_usd_per_m=Decimal("5"),
    output_usd_per_m=Decimal("10"),
)


# --- qualities ---------------------------------------------------------------------------


def test_auto_assuming_below_every_offered_level_prices_the_lowest_offered():
    # A model that offers only medium and high; 'auto' assuming low is priced as medium.
    # gpt-image-2 medium square is $0.05268 an image (worked out in test_compare.py).
    entry = custom("gpt-image-2", qualities=["medium", "high"])
    est = priced(entry, stage(quality="auto", auto_assumes="low"))
    assert est.stages[0].quality == "medium"
    assert est.per_image_usd == pytest.approx(0.05268)


def test_a_quality_the_model_lacks_is_not_priced_even_by_a_catch_all_price():
    # flux-pro-1.1 has one $0.04 price for any image; as a model offering only low and
    # high it must refuse 'medium' instead of pricing it at $0.04.
    entry = custom("flux-pro-1.1", qualities=["low", "high"])
    est = priced(entry, stage(quality="medium"))
    assert est.total_usd is None
    assert "unsupported_quality" in codes(est)


def test_auto_range_of_a_per_image_model_scales_with_the_images():
    # ideogram-3.0 maps low/medium/high to turbo $0.03 / default $0.06 / quality $0.09.
    est = priced(CATALOG.get("ideogram-3.0"), stage(quality="auto", requests=10))
    s = est.stages[0]
    assert s.total_usd == pytest.approx(0.60)
    assert (s.low_usd, s.high_usd) == (pytest.approx(0.30), pytest.approx(0.90))


# --- tiers -----------------------------------------------------------------------------------


def test_a_size_inside_the_tiers_has_no_size_error():
    est = priced(CATALOG.get("gemini-3-pro-image"), stage("1024x1024"))
    assert est.stages[0].tier == "1K"
    assert "unsupported_size" not in codes(est)
    assert est.worst_severity != "error"


def test_a_size_past_the_biggest_tier_is_refused_and_bills_nothing():
    # gemini-3-pro-image takes 2048x2048, but a copy with only the 1K tier cannot bill it.
    entry = CATALOG.get("gemini-3-pro-image")
    one_tier = with_pricing("gemini-3-pro-image", tiers=entry.pricing.tiers[:1])
    est = priced(one_tier, stage("2048x2048"))
    assert est.total_usd is None
    assert "larger than its biggest tier" in notice(est, "unsupported_size").message
    assert est.stages[0].billed_images == 0


@pytest.mark.parametrize(("tiers", "says_tier"), [(1, False), (2, True), (3, True)])
def test_the_tier_is_named_only_when_the_model_has_more_than_one(tiers, says_tier):
    entry = CATALOG.get("gemini-3-pro-image")
    model = with_pricing("gemini-3-pro-image", tiers=entry.pricing.tiers[:tiers])
    est = priced(model, stage("1024x1024"))
    assert ("tier" in codes(est)) is says_tier


# --- GPT Image -------------------------------------------------------------------------------


def test_published_per_image_prices_scale_with_images_and_partial_images():
    # gpt-image-1-mini medium square is published at $0.011; 2 partial images add
    # 2 x 100 tokens at $8/M = $0.0016 each. 10 images: 10 x $0.0126 = $0.126, and the
    # meter counts the 2,000 partial-image tokens.
    est = priced(CATALOG.get("gpt-image-1-mini"), stage(requests=10, partial_images=2))
    out = meter(est, "image_out")
    assert out.usd == pytest.approx(0.126)
    assert out.tokens == 2000
    plain = priced(CATALOG.get("gpt-image-1-mini"), stage(requests=10))
    assert meter(plain, "image_out").usd == pytest.approx(0.11)
    assert meter(plain, "image_out").tokens is None


def test_responses_overhead_is_billed_for_every_retry():
    # 10 requests, each tried twice: 20 calls of 1000 input tokens at $5/M ($0.10) and
    # 200 output tokens at $10/M ($0.04).
    s = stage(requests=10, retry_multiplier=2.0, responses=RESPONSES)
    est = priced(CATALOG.get("gpt-image-2"), s)
    assert meter(est, "responses_in").tokens == 20_000
    assert meter(est, "responses_in").usd == pytest.approx(0.10)
    assert meter(est, "responses_out").usd == pytest.approx(0.04)


@pytest.mark.parametrize("model_id", ["flux-pro-1.1", "flux-2-pro", "gemini-3-pro-image"])
def test_responses_overhead_is_billed_only_for_models_the_responses_api_calls(model_id):
    # Per image, per megapixel and fixed-token models: the shipped one is not called
    # through the Responses API (a note says so); a user's copy that is gets billed
    # 10 x 1000 tokens at $5/M = $0.05 and 10 x 200 at $10/M = $0.02.
    s = stage(requests=10, responses=RESPONSES)
    shipped = priced(CATALOG.get(model_id), s)
    assert shipped.stages[0].meter("responses_in") is None
    assert "no_responses_api" in codes(shipped)
    called = priced(custom(model_id, responses_api=True), s)
    assert meter(called, "responses_in").usd == pytest.approx(0.05)
    assert meter(called, "responses_out").usd == pytest.approx(0.02)
    assert called.total_usd == pytest.approx(shipped.total_usd + 0.07)
    assert "no_responses_api" not in codes(called)


# --- reference images ------------------------------------------------------------------------


def test_a_very_wide_reference_is_first_fitted_inside_2048_px():
    # 4096x512 fits in 2048x256 (never enlarged to a 512 px short side): 4 x 1 tiles,
    # 65 + 4 x 129 = 581 tokens (unfitted it would be 8 tiles, 1097 tokens).
    refs = ReferenceImages(count=1, width=4096, height=512)
    est = priced(CATALOG.get("gpt-image-1.5"), stage(references=refs))
    assert est.stages[0].input_image_tokens_per_request == 581


def test_a_small_reference_is_never_enlarged():
    # 300x900 stays 300x900: 1 x 2 tiles, 65 + 2 x 129 = 323 tokens (enlarged to a
    # 512 px short side it would be 512x1536, 3 tiles).
    refs = ReferenceImages(count=1, width=300, height=900)
    est = priced(CATALOG.get("gpt-image-1.5"), stage(references=refs))
    assert est.stages[0].input_image_tokens_per_request == 323


# --- per megapixel (FLUX.2) --------------------------------------------------------------------


def test_megapixels_bill_every_output_of_a_request():
    # flux-2-pro: 1024x1024 is one megapixel, $0.03; 3 requests x 2 outputs = 6 images.
    est = priced(CATALOG.get("flux-2-pro"), stage(requests=3, outputs_per_request=2))
    assert est.total_usd == pytest.approx(0.18)


def test_reference_megapixels_are_billed_for_every_retry():
    # One request tried twice with one 1 MP reference: output 2 x $0.03, input
    # 2 x 1 MP x $0.015.
    refs = ReferenceImages(count=1, width=1024, height=1024)
    est = priced(CATALOG.get("flux-2-pro"), stage(retry_multiplier=2.0, references=refs))
    assert meter(est, "megapixels").usd == pytest.approx(0.06)
    assert meter(est, "image_in").usd == pytest.approx(0.03)
    assert meter(est, "image_in").tokens == 2


def test_unpriced_reference_megapixels_are_mentioned_only_with_references():
    flux_dev = CATALOG.get("fal/flux-dev")  # no input megapixel price
    refs = ReferenceImages(count=1)
    assert "references_unpriced" in codes(priced(flux_dev, stage(references=refs)))
    assert "references_unpriced" not in codes(priced(flux_dev, stage()))


@pytest.mark.parametrize(("edit_extra", "usd"), [(None, 0.065), (Decimal("0.02"), 0.07)])
def test_edits_use_the_edit_prices_where_a_model_has_them(edit_extra, usd):
    # A 2 MP edit at first $0.05 + 1 extra MP (the edit extra price, else $0.015).
    entry = with_pricing(
        "flux-2-pro", edit_first_mp_usd=Decimal("0.05"), edit_extra_mp_usd=edit_extra
    )
    edit = priced(entry, stage("2048x1024", mode="edit", references=ReferenceImages()))
    assert meter(edit, "megapixels").usd == pytest.approx(usd)
    assert "edit_price" in codes(edit)
    generate = priced(entry, stage("2048x1024"))
    assert generate.total_usd == pytest.approx(0.045)
    assert "edit_price" not in codes(generate)


# --- batch -----------------------------------------------------------------------------------


def test_batch_discounts_a_users_per_image_and_megapixel_models():
    half = BatchTerms(discount=Decimal("0.5"))
    flux = custom("flux-pro-1.1", batch=half)
    assert priced(flux, stage(requests=10, batch=True)).total_usd == pytest.approx(0.20)
    mp = custom("flux-2-pro", batch=half)
    refs = ReferenceImages(count=1, width=1024, height=1024)
    est = priced(mp, stage(batch=True, references=refs))
    assert meter(est, "megapixels").usd == pytest.approx(0.015)
    assert meter(est, "image_in").usd == pytest.approx(0.0075)
    ideogram = custom("ideogram-3.0", batch=half)
    s = priced(ideogram, stage(quality="auto", requests=10, batch=True)).stages[0]
    assert (s.low_usd, s.high_usd) == (pytest.approx(0.15), pytest.approx(0.45))


def test_batch_halves_gemini_thinking_tokens_too():
    # gemini-3-pro-image bills 800 thinking tokens an image at $12/M; batch halves it:
    # 800 x 12 / 1e6 x 0.5 = $0.0048 (and 1120 output tokens at $120/M: $0.0672).
    est = priced(CATALOG.get("gemini-3-pro-image"), stage(batch=True))
    assert meter(est, "thinking").usd == pytest.approx(0.0048)
    assert meter(est, "image_out").usd == pytest.approx(0.0672)


# --- fixed tokens (Gemini) -------------------------------------------------------------------------


def test_measured_reference_tokens_replace_gemini_fixed_count():
    # gemini-3-pro-image counts 560 tokens a reference; measured 1000 at $2/M = $0.002.
    model = CATALOG.get("gemini-3-pro-image")
    measured = priced(model, stage(references=ReferenceImages(count=1, measured_tokens=1000)))
    assert meter(measured, "image_in").tokens == 1000
    assert meter(measured, "image_in").usd == pytest.approx(0.002)
    assert measured.stages[0].input_tokens_measured
    edit = priced(
        model, stage(mode="edit", references=ReferenceImages(count=0, measured_tokens=1000))
    )
    assert meter(edit, "image_in").tokens == 1000
    estimated = priced(model, stage(references=ReferenceImages(count=1)))
    assert meter(estimated, "image_in").tokens == 560
    assert not estimated.stages[0].input_tokens_measured


def test_reference_tokens_fall_back_to_the_text_rate_without_an_image_rate():
    # mai-image-2.6 charges $5/M for text; a copy without an image-input rate bills
    # 1000 measured reference tokens at the text rate: $0.005.
    entry = CATALOG.get("mai-image-2.6")
    rates = entry.pricing.rates.model_copy(update={"image_in": None})
    model = with_pricing("mai-image-2.6", rates=rates)
    est = priced(model, stage(references=ReferenceImages(count=1, measured_tokens=1000)))
    assert meter(est, "image_in").usd == pytest.approx(0.005)


# --- subscription ------------------------------------------------------------------------------


def test_a_workload_that_buys_extra_time_is_not_over_the_cap():
    # 20,000 images = 83.3 h: Mega plus extra hours at $4; nothing is capped.
    est = priced(CATALOG.get("midjourney"), stage(requests=20_000))
    assert est.plan == "Mega"
    assert "subscription_cap" not in codes(est)


def test_a_workload_past_every_plan_without_extra_time_is_flagged():
    entry = with_pricing("midjourney", extra_hour_usd=None)
    est = priced(entry, stage(requests=20_000))
    assert "subscription_cap" in codes(est)
    # 83.3 h a month fits no plan and no extra time can be bought: plan on the
    # biggest one (Mega, 60 h, $120), not the cheapest (Basic, $10 for 3.3 h).
    assert est.plan == "Mega"
    assert est.total_usd == pytest.approx(120)


def test_a_batch_stage_on_a_subscription_says_there_is_no_batch_discount():
    est = priced(CATALOG.get("midjourney"), stage(name="a"), stage(name="b", batch=True))
    assert "no_batch" in codes(est)


def test_gpu_minutes_per_job_scale_the_hours():
    # 792 images = 198 jobs at 2 minutes = 6.6 h: Basic $10 + 3.3 h x $4 = $23.20
    # (Standard would be $30).
    entry = with_pricing("midjourney", gpu_minutes_per_job=Decimal(2))
    est = priced(entry, stage(requests=792))
    assert est.plan == "Basic"
    assert est.total_usd == pytest.approx(23.2)


def test_plans_are_priced_as_listed():
    # A made-up two-plan subscription: $5 for 1 h, $50 for 100 h, extra time $1/h.
    # 600 images = 150 jobs = 2.5 h: $5 + 1.5 h x $1 = $6.50 on the small plan.
    entry = with_pricing(
        "midjourney",
        plans=[
            Plan(name="Small", monthly_usd=Decimal(5), fast_hours=Decimal(1)),
            Plan(name="Big", monthly_usd=Decimal(50), fast_hours=Decimal(100)),
        ],
        extra_hour_usd=Decimal(1),
    )
    est = priced(entry, stage(requests=600))
    assert (est.plan, est.total_usd) == ("Small", pytest.approx(6.5))


def test_a_tiered_per_image_model_names_its_tier():
    est = priced(CATALOG.get("grok-imagine-image-2.0"), stage("1024x1024"))
    assert "tier" in codes(est)


def test_a_size_without_a_price_cell_is_refused_with_the_reason():
    # A copy of flux-pro-1.1 priced only for 1024x1024 cannot price 1024x768.
    entry = CATALOG.get("flux-pro-1.1")
    cell = entry.pricing.prices[0].model_copy(update={"size": "1024x1024"})
    est = priced(with_pricing("flux-pro-1.1", prices=[cell]), stage("1024x768"))
    assert est.total_usd is None
    assert "no price for 1024x768" in notice(est, "unsupported_size").message


def test_a_quality_without_a_published_price_is_refused_with_the_reason():
    # A copy of gpt-image-1-mini whose published prices lack 'medium'.
    entry = CATALOG.get("gpt-image-1-mini")
    usd = {q: row for q, row in entry.pricing.output.usd.items() if q != "medium"}
    output = entry.pricing.output.model_copy(update={"usd": usd})
    est = priced(with_pricing("gpt-image-1-mini", output=output), stage(quality="medium"))
    assert est.total_usd is None
    assert "no published price" in notice(est, "unsupported_size").message


def test_a_subscription_bills_every_output_of_a_request():
    # 1200 requests x 2 outputs = 2400 images = 10 h: Standard $30 (1200 images would
    # be 5 h: Basic $10 + 1.7 h x $4 = $16.80).
    est = priced(CATALOG.get("midjourney"), stage(requests=1200, outputs_per_request=2))
    assert est.stages[0].billed_images == 2400
    assert (est.plan, est.total_usd) == ("Standard", pytest.approx(30.0))


def test_a_subscription_with_nothing_to_make_splits_its_fee_evenly():
    # No images: the cheapest plan's $10 still has to be paid, half on each stage.
    est = priced(
        CATALOG.get("midjourney"), stage(name="a", requests=0), stage(name="b", requests=0)
    )
    assert [s.total_usd for s in est.stages] == [pytest.approx(5.0), pytest.approx(5.0)]
    assert est.total_usd == pytest.approx(10.0)


def test_an_edit_without_a_reference_image_is_flagged():
    est = priced(CATALOG.get("gpt-image-2"), stage(mode="edit"))
    assert "no_references" in codes(est)


def test_per_image_and_gemini_prices_bill_every_output_of_a_request():
    # flux-pro-1.1: 3 requests x 2 outputs x $0.04; gemini-3-pro-image: 2 x 1120 tokens.
    flux = priced(CATALOG.get("flux-pro-1.1"), stage(requests=3, outputs_per_request=2))
    assert flux.total_usd == pytest.approx(0.24)
    gemini = priced(CATALOG.get("gemini-3-pro-image"), stage(outputs_per_request=2))
    assert meter(gemini, "image_out").tokens == 2240


def test_a_subscription_stage_it_cannot_run_takes_no_gpu_time():
    # 2400 images = 10 h: Standard $30, all on the stage that runs (5000 px is too big).
    est = priced(
        CATALOG.get("midjourney"),
        stage(name="a", requests=2400),
        stage("5000x5000", name="b"),
    )
    assert est.stages[0].total_usd == pytest.approx(30.0)
    assert not est.stages[1].supported


def test_measured_tokens_of_an_edit_count_even_without_a_reference_count():
    # gpt-image-1.5 edit with 1000 measured input-image tokens at $8/M: $0.008.
    refs = ReferenceImages(count=0, measured_tokens=1000)
    est = priced(CATALOG.get("gpt-image-1.5"), stage(mode="edit", references=refs))
    assert est.stages[0].input_image_tokens_per_request == 1000
    assert meter(est, "image_in").usd == pytest.approx(0.008)
