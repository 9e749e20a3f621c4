"""Whole-scenario arithmetic: batch, stages, retries, several outputs per
request, streaming partial images, jobs, lifecycle and model choice.

Expected figures are worked out by hand from the catalog's published rates:
gpt-image-1 $5/M text, $10/M image in, $40/M image out; gpt-image-1.5 $5/M,
$8/M, $32/M; gpt-image-2 $5/M, $8/M, $30/M.
"""

import datetime as dt
from decimal import Decimal

import pytest

from imgcost_gui.core import (
    ResponsesOverhead,
    Scenario,
    UnknownModel,
    estimate,
)

from .helpers import CATALOG, codes, notice, one_image, run, stage


def test_batch_halves_every_openai_meter():
    batched = dict(
        prompt_tokens=1000,
        cached_text_share=0.3,
        cached_image_share=0.2,
        mode="edit",
        references={"count": 2, "width": 1024, "height": 1536},
    )
    normal = one_image("gpt-image-2", "1536x1024", "high", **batched).stages[0]
    half = one_image("gpt-image-2", "1536x1024", "high", batch=True, **batched).stages[0]
    assert {m.meter for m in normal.meters} == {m.meter for m in half.meters}
    for m in normal.meters:
        assert half.meter(m.meter).usd == pytest.approx(m.usd / 2), m.meter
    assert half.total_usd == pytest.approx(normal.total_usd / 2)


def test_gpt_image_1_batch_medium_square_is_half_of_0_042():
    # 1056 tokens at $20/M = $0.02112
    assert one_image("gpt-image-1", batch=True).per_image_usd == pytest.approx(0.02112)


def test_gpt_image_1_mini_batch_halves_its_published_per_image_price():
    # $0.011 medium square -> $0.0055
    assert one_image("gpt-image-1-mini", batch=True).per_image_usd == pytest.approx(0.0055)


NO_BATCH = [m.id for m in CATALOG.models if m.batch is None]


@pytest.mark.parametrize("model", NO_BATCH)
def test_batch_on_a_model_without_batch_terms_is_standard_price_with_a_notice(model):
    plain = run(model, stage(requests=100))
    batched = run(model, stage(requests=100, batch=True))
    assert plain.total_usd is not None
    assert batched.total_usd == pytest.approx(plain.total_usd)
    assert "no_batch" in codes(batched)
    assert "no_batch" not in codes(plain)


def test_two_stages_add_up():
    # drafts: 100 x gpt-image-2 1024x1024 low  = 100 * 196 * 30/1e6  = $0.588
    # finals:  20 x gpt-image-2 1536x1024 high =  20 * 5488 * 30/1e6 = $3.2928
    est = run(
        "gpt-image-2",
        stage("1024x1024", "low", name="Drafts", requests=100),
        stage("1536x1024", "high", name="Finals", requests=20),
    )
    drafts, finals = est.stages
    assert drafts.total_usd == pytest.approx(0.588)
    assert finals.total_usd == pytest.approx(3.2928)
    assert est.total_usd == pytest.approx(3.8808)
    assert est.images == 120
    assert est.per_image_usd == pytest.approx(3.8808 / 120)


def test_one_unsupported_stage_leaves_the_model_without_a_total():
    est = run(
        "gpt-image-1.5",
        stage("1024x1024", name="Drafts", requests=10),
        stage("2048x2048", name="Finals", requests=10),
    )
    assert est.stages[0].total_usd is not None
    assert est.total_usd is None


def test_retries_and_failures_bill_more_attempts_than_kept_images():
    # 100 kept requests, 1.2 tries each, 20% of attempts fail but still bill:
    # attempts = 100 * 1.2 / (1 - 0.2) = 150
    # gpt-image-1.5 medium square: 150 * 1056 * 32/1e6 = $5.0688, over 100 kept images
    est = run("gpt-image-1.5", stage(requests=100, retry_multiplier=1.2, failure_rate=0.2))
    st = est.stages[0]
    assert st.billed_images == pytest.approx(150)
    assert st.images == 100
    assert est.total_usd == pytest.approx(5.0688)
    assert est.per_image_usd == pytest.approx(0.050688)


def test_several_outputs_per_request_bill_the_input_once_per_request():
    # gpt-image-1.5, 10 requests of 4 images, 1000-token prompt, one 1024x1024 reference:
    # text  10 * 1000 * 5/1e6        = $0.05
    # image 10 * 194 * 8/1e6         = $0.01552
    # out   40 * 1056 * 32/1e6       = $1.35168
    est = run(
        "gpt-image-1.5",
        stage(
            requests=10,
            outputs_per_request=4,
            prompt_tokens=1000,
            mode="edit",
            references={"count": 1},
        ),
    )
    st = est.stages[0]
    assert st.images == 40
    assert st.meter("text_in").usd == pytest.approx(0.05)
    assert st.meter("image_in").usd == pytest.approx(0.01552)
    assert st.meter("image_out").usd == pytest.approx(1.35168)
    assert est.total_usd == pytest.approx(1.4172)


def test_partial_images_add_100_output_tokens_each():
    # gpt-image-1.5 medium square with 2 partials: (1056 + 200) * 32/1e6 = $0.040192
    assert one_image("gpt-image-1.5", partial_images=2).per_image_usd == pytest.approx(0.040192)
    # gpt-image-1-mini bills a published price per image; 3 partials add 300 tokens at $8/M:
    # 0.011 + 300 * 8/1e6 = $0.0134
    assert one_image("gpt-image-1-mini", partial_images=3).per_image_usd == pytest.approx(0.0134)


def test_jobs_times_images_per_job_sets_the_requests():
    # 25 jobs of 4 images = 100 requests; gpt-image-2 low square 100 * $0.00588 = $0.588
    est = run("gpt-image-2", stage("1024x1024", "low", requests=7, jobs=25, images_per_job=4))
    assert est.images == 100
    assert est.total_usd == pytest.approx(0.588)


def test_responses_api_overhead_is_billed_per_attempt():
    # 10 requests; each bills 2000 input tokens at $2/M and 300 output at $8/M on the main model
    overhead = ResponsesOverhead(
        input_tokens=2000, output_tokens=300, input_usd_per_m="2", output_usd_per_m="8"
    )
    st = run("gpt-image-2", stage("1024x1024", "low", requests=10, responses=overhead)).stages[0]
    assert st.meter("responses_in").usd == pytest.approx(10 * 2000 * 2 / 1e6)
    assert st.meter("responses_out").usd == pytest.approx(10 * 300 * 8 / 1e6)
    assert st.total_usd == pytest.approx(0.0588 + 0.04 + 0.024)


def test_auto_quality_on_dall_e_3_ranges_from_standard_to_hd():
    est = one_image("dall-e-3", "1024x1024", "auto")  # priced as medium = standard
    assert est.per_image_usd == pytest.approx(0.04)
    assert (est.low_usd, est.high_usd) == (pytest.approx(0.04), pytest.approx(0.08))
    assert "auto_quality" in codes(est)


def test_a_flat_priced_model_has_no_quality_range():
    est = one_image("flux-pro-1.1", "1024x1024", "auto")
    assert est.per_image_usd == pytest.approx(0.04)
    assert est.low_usd is None and est.high_usd is None


def test_all_means_every_model_usable_today():
    # Today is pinned to 2026-12-01 (tests/conftest.py).
    est = estimate(Scenario(stages=[stage()]), CATALOG, ["all"])
    ids = [e.model for e in est]
    assert ids == [m.id for m in CATALOG.models if CATALOG.available(m, dt.date(2026, 12, 1))]
    for retired in ("gpt-image-1", "dall-e-3", "dall-e-2", "imagen-4.0-generate-001"):
        assert retired not in ids
    # GPT Image 1.5 shuts down on 2026-12-01: on that day it is retired.
    assert "gpt-image-1.5" not in ids
    day_before = estimate(Scenario(stages=[stage()], plan_from=dt.date(2026, 11, 30)), CATALOG)
    assert "gpt-image-1.5" in [e.model for e in day_before]


def test_models_are_estimated_in_the_order_named_without_duplicates():
    est = estimate(Scenario(stages=[stage()]), CATALOG, ["dall-e-3", "gpt-image-2", "dall-e-3"])
    assert [e.model for e in est] == ["dall-e-3", "gpt-image-2"]


def test_the_scenario_models_are_used_when_none_are_named():
    est = estimate(Scenario(stages=[stage()], models=["gpt-image-1.5"]), CATALOG)
    assert [e.model for e in est] == ["gpt-image-1.5"]


def test_an_unknown_model_id_is_refused_with_a_hint():
    with pytest.raises(UnknownModel, match="gpt-image-9"):
        estimate(Scenario(stages=[stage()]), CATALOG, ["gpt-image-9"])


def test_lifecycle_is_told_to_the_user():
    retired = one_image("gpt-image-1")
    assert "2026-10-23" in notice(retired, "retired").message
    assert retired.total_usd is not None  # still priced, for comparison
    assert retired.status == "retired"
    day_before = run("gpt-image-1.5", stage(requests=1), plan_from=dt.date(2026, 11, 30))
    assert day_before.status == "deprecated"
    assert "2026-12-01 (1 day left" in notice(day_before, "shuts_down").message
    assert "no_api" in codes(one_image("midjourney"))


def test_zero_requests_cost_nothing():
    est = run("gpt-image-2", stage(requests=0, prompt_tokens=500))
    assert est.total_usd == 0
    assert est.per_image_usd is None  # no images to divide by


def test_to_dict_carries_the_figures_a_report_needs():
    d = one_image("gpt-image-2", "1024x1024", "low").to_dict()
    assert d["model"] == "gpt-image-2"
    assert d["per_image_usd"] == pytest.approx(0.00588)
    assert d["output_tokens_per_image"] == 196
    assert d["stages"][0]["meters"]


def test_failed_attempts_are_free_where_the_provider_bills_only_delivered_images():
    # The GPTImage2 gateway charges $0.034 per successful image; retries you ask for still cost.
    failing = run("gptimage2/gpt-image-1", stage(requests=100, failure_rate=0.2))
    assert failing.total_usd == pytest.approx(100 * 0.034)
    retried = run("gptimage2/gpt-image-1", stage(requests=100, retry_multiplier=1.5))
    assert retried.total_usd == pytest.approx(150 * 0.034)


def test_responses_api_overhead_is_added_only_where_that_api_can_call_the_model():
    # 10 requests, 2000 input tokens at $2/M + 300 output at $8/M through the Responses API.
    overhead = ResponsesOverhead(
        input_tokens=2000,
        output_tokens=300,
        input_usd_per_m=Decimal("2"),
        output_usd_per_m=Decimal("8"),
    )
    flux = run("flux-2-pro", stage("1024x1024", "low", requests=10, responses=overhead))
    assert flux.stages[0].meter("responses_in") is None
    assert flux.total_usd == pytest.approx(10 * 0.03)  # FLUX.2 [pro]: $0.03 a 1 MP image
    assert "no_responses_api" in codes(flux)
    gpt = run("gpt-image-2", stage("1024x1024", "low", requests=10, responses=overhead))
    assert gpt.stages[0].meter("responses_in").usd == pytest.approx(10 * 2000 * 2 / 1e6)


def test_a_model_that_cannot_run_every_stage_still_shows_what_the_rest_cost():
    # FLUX1.1 [pro] ($0.04 an image) makes 1024x1024 but not 2048x2048 (longest edge 1440).
    est = run(
        "flux-pro-1.1",
        stage("1024x1024", "low", name="Drafts", requests=100),
        stage("2048x2048", "low", name="Finals", requests=10),
    )
    assert est.total_usd is None
    assert est.partial_usd == pytest.approx(100 * 0.04)
    assert est.to_dict()["partial_usd"] == pytest.approx(4.0)
    assert run("flux-pro-1.1", stage(requests=5)).partial_usd is None  # complete: no partial


def test_a_model_priced_from_secondary_sources_only_says_so():
    # Meta's Muse Image 1.0 is priced from LiteLLM's file alone; GPT Image 2 from OpenAI's page.
    assert "secondary_prices" in codes(one_image("muse-image-1.0"))
    assert "secondary_prices" not in codes(one_image("gpt-image-2"))
