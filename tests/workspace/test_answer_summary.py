"""The words of the summary a designer reads first: the answer with its cost per
image and time, the runners-up and how much more they cost, the options shown
apart and why, and the mixed plan when it saves money.

Shipped prices, per image: Ideogram 3.0 $0.03 low / $0.09 high; FLUX1.1 [pro]
and Recraft V3 $0.04 at any quality; FLUX.2 [pro] $0.03 a 1 MP image;
gpt-image-2 1024x1024 low 196 output tokens, high 7,024, at $30/M ($0.00588 and
$0.21072). Midjourney Basic: $10 a month with 3.3 fast GPU hours, extra hours
$4, 1/240 hour an image. OpenAI tier 3: 50 images a minute, gpt-image-2's
latency 45.3 s; FLUX.2 [pro] 24 requests in flight at 11.8 s.
"""

import pytest

from imgcost_gui.core import PriceCatalog, Scenario, Stage, estimate, load_shipped_catalog
from imgcost_gui.core.duration import Team
from imgcost_gui.workspace.answer import answer, plain, time_words

CATALOG = load_shipped_catalog()
PER_IMAGE = ["ideogram-3.0", "flux-pro-1.1", "recraft-v3", "midjourney"]


def drafts_and_finals(drafts: int, finals: int) -> Scenario:
    return Scenario(
        stages=[
            Stage(name="Drafts", requests=drafts, quality="low", prompt_tokens=0),
            Stage(name="Finals", requests=finals, quality="high", prompt_tokens=0),
        ]
    )


def at_tier_3(drafts: int, finals: int, models: list[str]) -> list:
    """Estimates with their times, for a team at OpenAI's usage tier 3."""
    return estimate(drafts_and_finals(drafts, finals), CATALOG, models, team=Team({"OpenAI": "3"}))


def test_the_answer_its_runners_up_the_subscription_apart_and_the_mixed_plan():
    # 1,000 low drafts and 100 high finals a month:
    # Ideogram 3.0: 1,000 x $0.03 + 100 x $0.09 = $39.00, 1,100 images: $0.0355 each;
    # FLUX1.1 [pro] and Recraft V3: 1,100 x $0.04 = $44.00 (+$5.00);
    # Midjourney: 1,100 / 240 = 4.583 h, 1.283 h over Basic's 3.3: $10 + $5.13 = $15.13.
    # Mixed: drafts on Ideogram $30, finals on FLUX1.1 [pro] (ties Recraft, first by id)
    # $4: $34.00, $5.00 less than Ideogram alone.
    ests = estimate(drafts_and_finals(1000, 100), CATALOG, PER_IMAGE)
    a = answer(ests, CATALOG)
    assert a.caption == "Best API option"
    assert a.best.cost_words("month") == "$39.00 a month"
    assert a.best.facts == ("$0.035 per image",)  # no tier: no time
    assert plain(a.runners_line()) == (
        "then FLUX1.1 [pro] $44.00 (+$5.00), Recraft V3 (raster) $44.00 (+$5.00)"
    )
    assert plain(a.apart_line()) == (
        "Midjourney (subscription) $15.13 — subscription, no public API; not ranked as the answer"
    )
    assert plain(a.plan.line("month")) == (
        "Mixed plan: Drafts → Ideogram 3.0; Finals → FLUX1.1 [pro] — $34.00, saves $5.00 a month"
    )
    assert a.plan.total_usd == pytest.approx(34.0)
    assert a.plan.saving_usd == pytest.approx(5.0)


def test_names_in_the_lines_carry_the_model_they_name():
    ests = estimate(drafts_and_finals(1000, 100), CATALOG, PER_IMAGE)
    a = answer(ests, CATALOG)
    named = [
        p.model for line in (a.runners_line(), a.apart_line(), a.plan.line("year")) for p in line
    ]
    assert [m for m in named if m] == [
        "flux-pro-1.1",
        "recraft-v3",
        "midjourney",
        "ideogram-3.0",
        "flux-pro-1.1",
    ]
    assert plain(a.plan.line("year")).endswith("saves $5.00 a year")


def test_no_mixed_plan_when_one_model_is_cheapest_at_every_stage():
    # Finals at low quality: Ideogram $0.03 beats $0.04 on both stages.
    sc = Scenario(
        stages=[
            Stage(name="Drafts", requests=1000, quality="low"),
            Stage(name="Finals", requests=100, quality="low"),
        ]
    )
    assert answer(estimate(sc, CATALOG, PER_IMAGE), CATALOG).plan is None


def test_stages_on_the_same_model_are_named_together():
    # The two high-quality stages on FLUX1.1 [pro] ($0.04 < Ideogram's $0.09), the
    # low-quality one on Ideogram ($0.03 < $0.04).
    sc = Scenario(
        stages=[
            Stage(name="Hero", requests=100, quality="high"),
            Stage(name="Thumbnails", requests=1000, quality="low"),
            Stage(name="Banners", requests=50, quality="high"),
        ]
    )
    a = answer(estimate(sc, CATALOG, PER_IMAGE), CATALOG)
    # Ideogram: $9 + $30 + $4.50 = $43.50; FLUX1.1 [pro]: 1,150 x $0.04 = $46.00;
    # plan: $4 + $30 + $2 = $36.00, saves $7.50.
    assert plain(a.plan.line("month")) == (
        "Mixed plan: Hero + Banners → FLUX1.1 [pro]; Thumbnails → Ideogram 3.0"
        " — $36.00, saves $7.50 a month"
    )


def test_a_time_limit_names_itself_and_the_time_the_answer_takes():
    # 10,000 low drafts and 100 high finals at OpenAI tier 3.
    # gpt-image-2: drafts 200 min + 45.3 s, finals 2 min + 45.3 s: 12,210.6 s = 3 h 24 min;
    # $58.80 + 100 x $0.21072 = $79.87 for 10,100 images: $0.0079 each.
    # FLUX.2 [pro]: ceil(10,000 / 24) = 417 rounds x 11.8 s + 11.8 s, and
    # 5 x 11.8 + 11.8 s: 5,003.2 s = 83 min; $300 + $3 = $303.00.
    # Mixed: drafts on gpt-image-2 $58.80, finals on FLUX.2 [pro] $3.00: $61.80, saves
    # $18.07; one after the other 12,045.3 + 70.8 s = 3.37 h, within 4 h.
    ests = at_tier_3(10_000, 100, ["gpt-image-2", "flux-2-pro", "midjourney"])
    a = answer(ests, CATALOG, within_hours=4)
    assert a.caption == "Cheapest that finishes within 4 h"
    assert a.best.model == "gpt-image-2"
    assert a.best.facts == ("$0.0079 per image", "finishes in 3 h 24 min")
    assert plain(a.runners_line()) == "then FLUX.2 [pro] $303.00 (+$223.13)"
    assert plain(a.plan.line("month")).endswith("— $61.80, saves $18.07 a month")

    # Within 2 h only FLUX.2 [pro] finishes: one model, so no mixed plan.
    fast = answer(ests, CATALOG, within_hours=2)
    assert fast.caption == "Cheapest that finishes within 2 h"
    assert fast.best.model == "flux-2-pro"
    assert fast.best.time == "finishes in 83 min"
    assert fast.runners_line() == () and fast.plan is None

    # gpt-image-2 is cheaper than FLUX.2 [pro] but too slow for 2 h: said beside the answer.
    assert (
        plain(fast.slower_line())
        == "Cheaper, not known to finish within 2 h: GPT Image 2 $79.87 (takes 3 h 24 min)"
    )
    assert plain(a.slower_line()) == ""  # within 4 h the cheapest is the answer

    none = answer(ests, CATALOG, within_hours=0.5)
    assert none.best is None and none.plan is None
    assert none.nothing == "No API option finishes within 0.5 h"
    assert plain(none.slower_line()) == (
        "Not known to finish within 0.5 h: GPT Image 2 $79.87 (takes 3 h 24 min)"
        " · FLUX.2 [pro] $303.00 (takes 83 min)"
    )


def test_cheaper_options_with_no_known_time_are_named_beside_the_answer():
    # Ideogram 3.0 ($39.00) publishes no limits; gpt-image-2 at tier 3 does:
    # 1,000 low drafts: 20 min + 45.3 s; 100 high finals: 2 min + 45.3 s; 24 min in all;
    # $5.88 + $21.072 = $26.95 -- cheaper than Ideogram, so nothing cheaper is left out.
    ests = at_tier_3(1000, 100, ["ideogram-3.0", "gpt-image-2", "flux-pro-1.1"])
    a = answer(ests, CATALOG, within_hours=1)
    assert a.best.model == "gpt-image-2" and a.best.time == "finishes in 24 min"
    assert a.slower == ()
    # With 4,000 finals, gpt-image-2 costs $5.88 + $842.88 = $848.76 and takes over an
    # hour (80 min + 45.3 s for the finals alone): the answer is none, and the options
    # whose time is unknown are named so.
    slow = answer(at_tier_3(1000, 4000, ["ideogram-3.0", "gpt-image-2"]), CATALOG, within_hours=1)
    assert slow.best is None
    assert plain(slow.slower_line()) == (
        "Not known to finish within 1 h: Ideogram 3.0 $390.00 (time unknown)"
        " · GPT Image 2 $848.76 (takes 1 h 42 min)"
    )


def test_auto_quality_reads_as_an_approximate_range_and_per_image():
    # 100 auto images on gpt-image-2: low 196 tokens, high 7,024 at $30/M: $0.588 to
    # $21.072; priced as medium (1,756 tokens): $5.268, $0.0527 an image.
    sc = Scenario(stages=[Stage(requests=100, quality="auto", prompt_tokens=0)], period="week")
    a = answer(estimate(sc, CATALOG, ["gpt-image-2"]), CATALOG)
    assert a.best.cost_words("week") == "≈ $0.59–$21.07 a week"
    assert a.best.per_image == "≈ $0.053 per image"


def _catalog_with(changes: dict[str, dict[str, object]]) -> PriceCatalog:
    """The shipped catalog with some entries changed (by id)."""
    models = [m.model_copy(update=changes.get(m.id, {})) for m in CATALOG.models]
    return PriceCatalog(checked=CATALOG.checked, models=models)


def test_why_an_option_is_apart_names_each_reason():
    # A subscription one can call by API, and a per-image model with no public API.
    catalog = _catalog_with({"midjourney": {"api": True}, "ideogram-3.0": {"api": False}})
    ests = estimate(drafts_and_finals(1000, 100), catalog, PER_IMAGE)
    a = answer(ests, catalog)
    assert [(p.model, p.why_apart) for p in a.apart] == [
        ("midjourney", "subscription"),
        ("ideogram-3.0", "no public API"),
    ]
    assert plain(a.apart_line()).endswith("$39.00 — no public API; none ranked as the answer")
    assert a.best.model == "flux-pro-1.1"


def test_many_options_apart_are_counted_not_listed():
    catalog = _catalog_with({m: {"api": False} for m in PER_IMAGE})
    ests = estimate(drafts_and_finals(1000, 100), catalog, PER_IMAGE)
    a = answer(ests, catalog)
    assert a.best is None and a.nothing == "No API option can run this scenario"
    # Midjourney $15.13, Ideogram $39, FLUX1.1 [pro] $44, Recraft V3 $44: three named.
    assert plain(a.apart_line()).endswith(" · and 1 more; none ranked as the answer")
    assert a.runners_line() == () and a.plan is None


def test_equal_cost_runner_up_says_same_price():
    sc = Scenario(stages=[Stage(requests=10, quality="high")])
    a = answer(estimate(sc, CATALOG, ["flux-pro-1.1", "recraft-v3"]), CATALOG)
    assert plain(a.runners_line()) == "then Recraft V3 (raster) $0.40 (same price)"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (45.3, "45 s"),
        (89, "89 s"),
        (90, "2 min"),
        (12 * 60 + 10, "12 min"),
        (89 * 60, "89 min"),
        (3 * 3600 + 20 * 60, "3 h 20 min"),
        (5 * 3600, "5 h"),
        (47 * 3600 + 59 * 60, "47 h 59 min"),
        (2 * 86400 + 4 * 3600, "2 d 4 h"),
        (3 * 86400, "3 d"),
    ],
)
def test_time_words(seconds, words):
    assert time_words(seconds) == words


def test_with_a_time_limit_and_nothing_that_can_run_it_the_reason_is_that_nothing_can():
    """Only a subscription compared: no API option at all, whatever the time limit."""
    from imgcost_gui.core import Scenario, Stage, estimate, load_shipped_catalog
    from imgcost_gui.workspace.answer import answer

    catalog = load_shipped_catalog()
    sc = Scenario(stages=[Stage(requests=100)], tiers={"OpenAI": "3"})
    mj = [m.id for m in catalog.models if m.pricing.flat_fee][:1]
    result = estimate(sc, catalog, mj)
    got = answer(result, catalog, within_hours=1)
    assert got.best is None
    assert got.why_none == "No API option can run this scenario"
