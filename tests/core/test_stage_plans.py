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
