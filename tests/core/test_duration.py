"""How long the work takes (core/duration.py), by hand arithmetic.

Shipped figures: OpenAI's GPT Image rate limits by tier (official model pages):
tier 1 5 images/min, 100k tokens/min; tier 2 20 / 250k; tier 3 50 / 800k;
tier 4 150 / 3M; tier 5 250 / 8M. gpt-image-2's typical latency 45.3 s
(ImageBench, secondary). FLUX.2 [pro]: 24 requests in flight, 11.8 s a image
(secondary). Batch: within 24 h, 50,000 requests a batch file.
"""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imgcost_gui.core import Scenario, estimate
from imgcost_gui.core.duration import Team, UnknownTier

from .helpers import CATALOG, stage


def timed(model, team, *stages, **kw):
    (est,) = estimate(Scenario(stages=list(stages), **kw), CATALOG, [model], team=team)
    return est


def test_ten_thousand_gpt_image_2_images_at_tier_3_take_200_minutes_plus_one_latency():
    est = timed("gpt-image-2", Team({"OpenAI": "3"}), stage("1024x1024", "low", requests=10_000))
    assert est.duration_s == pytest.approx(10_000 / 50 * 60 + 45.3)
    assert est.limited_by == "images_per_minute"
    assert "images per minute" in est.duration_why and "45.3 s" in est.duration_why
    d = est.to_dict()
    assert d["duration_s"] == pytest.approx(12_045.3)
    assert d["limited_by"] == "images_per_minute"
    assert d["stages"][0]["duration_s"] == pytest.approx(12_045.3)


def test_tokens_per_minute_bind_before_images_per_minute_on_big_images():
    # 3840x2160 high, q=96: s = floor((2*96*2160 + 3840) / (2*3840)) = 54;
    # tokens = ceil(96*54*(2,000,000 + 8,294,400)/4,000,000) = ceil(13,341.5) = 13,342.
    # Tier 2: 250,000 tokens/min / 13,342 = 18.7 images a minute < 20 images/min.
    est = timed("gpt-image-2", Team({"OpenAI": "2"}), stage("3840x2160", "high", requests=1000))
    assert est.stages[0].output_tokens_per_image == 13_342
    assert est.limited_by == "tokens_per_minute"
    assert est.duration_s == pytest.approx(1000 * 13_342 / 250_000 * 60 + 45.3)


def test_a_concurrency_cap_times_latency():
    # 1,000 requests, 24 at a time: ceil(1000/24) = 42 rounds of 11.8 s, then the last one's.
    est = timed("flux-2-pro", Team(), stage("1024x1024", "low", requests=1000))
    assert est.limited_by == "concurrency"
    assert est.duration_s == pytest.approx(42 * 11.8 + 11.8)


def test_fewer_parallel_requests_than_the_cap_bind_instead():
    est = timed("flux-2-pro", Team(parallel_requests=4), stage("1024x1024", "low", requests=100))
    assert est.limited_by == "parallel_requests"
    assert est.duration_s == pytest.approx(25 * 11.8 + 11.8)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 50_000), size=st.sampled_from(["1024x1024", "3840x2160", "1536x1024"]))
def test_a_higher_tier_is_never_slower(n, size):
    times = [
        timed("gpt-image-2", Team({"OpenAI": t}), stage(size, "high", requests=n)).duration_s
        for t in ("1", "2", "3", "4", "5")
    ]
    assert all(a >= b for a, b in zip(times, times[1:], strict=False))


def test_a_batch_finishes_within_the_window_in_as_many_jobs_as_it_needs():
    est = timed(
        "gpt-image-2",
        Team({"OpenAI": "1"}),
        stage("1024x1024", "low", requests=120_000, batch=True),
    )
    assert est.duration_s == pytest.approx(24 * 3600)
    assert est.limited_by == "batch_window"
    assert est.durations[0].batch_jobs == math.ceil(120_000 / 50_000) == 3
    assert "within 24 h" in est.duration_why


def test_unknown_limits_stay_unknown_and_say_why():
    no_tier = timed("gpt-image-2", Team(), stage(requests=10))
    assert no_tier.duration_s is None
    assert "usage tier" in no_tier.duration_why and "1, 2, 3, 4, 5" in no_tier.duration_why
    nothing = timed("stable-image-core", Team(), stage(requests=10))
    assert nothing.duration_s is None and "publishes no rate limits" in nothing.duration_why
    assert nothing.to_dict()["duration_s"] is None
    free = timed("gpt-image-2", Team({"OpenAI": "free"}), stage(requests=10))
    assert free.duration_s is None and "not available on tier free" in free.duration_why


def test_stages_run_one_after_another():
    est = timed(
        "gpt-image-2",
        Team({"OpenAI": "5"}),
        stage("1024x1024", "low", name="Drafts", requests=2500),
        stage("1024x1024", "high", name="Finals", requests=250),
    )
    # 2,500 / 250 a minute = 10 min; 250 / 250 = 1 min; each plus 45.3 s.
    assert est.duration_s == pytest.approx(600 + 45.3 + 60 + 45.3)


def test_an_unknown_tier_names_the_tiers_there_are():
    with pytest.raises(UnknownTier, match="free, 1, 2, 3, 4, 5"):
        timed("gpt-image-2", Team({"OpenAI": "7"}), stage(requests=10))


def test_without_a_team_nothing_is_timed():
    (est,) = estimate(Scenario(stages=[stage(requests=10)]), CATALOG, ["gpt-image-2"])
    assert est.durations == () and est.duration_s is None


def test_a_scenarios_tier_the_vendor_lacks_leaves_the_time_unknown_with_the_reason():
    """A scenario file saying OpenAI tier 9 still prices every model; the CLI's --tier
    (a strict Team) refuses it instead."""
    from imgcost_gui.core import Scenario, Stage, estimate, load_shipped_catalog

    catalog = load_shipped_catalog()
    sc = Scenario(stages=[Stage(requests=100)], tiers={"OpenAI": "9"})
    (gpt,) = estimate(sc, catalog, ["gpt-image-2"])
    assert gpt.total_usd is not None and gpt.total_usd > 0
    assert gpt.duration_s is None
    assert "OpenAI has no tier '9'; its tiers are free, 1, 2, 3, 4, 5" in gpt.durations[0].why
