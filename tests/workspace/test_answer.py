"""The answer at a glance names the best API option, never a subscription or a
model without a public API, and honours a time limit.

Shipped prices: FLUX.2 [pro] $0.03 a 1 MP image; gpt-image-2 1024x1024 low 196
tokens at $30/M = $0.00588; Midjourney a monthly subscription with no API.
OpenAI tier 3: 50 images a minute; gpt-image-2's latency 45.3 s; FLUX.2 [pro]
24 requests in flight at 11.8 s.
"""

import pytest

from imgcost_gui.core import Scenario, Stage, estimate, load_shipped_catalog
from imgcost_gui.core.duration import Team
from imgcost_gui.workspace.answer import answer

CATALOG = load_shipped_catalog()
MODELS = ["midjourney", "gpt-image-2", "flux-2-pro", "gpt-image-1"]


def scenario(requests, quality="low"):
    return Scenario(stages=[Stage(requests=requests, quality=quality, prompt_tokens=0)])


def test_the_best_api_option_is_named_and_the_subscription_shown_apart():
    # 10,000 images: gpt-image-2 $58.80, FLUX.2 [pro] $300; Midjourney is a flat fee.
    ests = estimate(scenario(10_000), CATALOG, MODELS)
    a = answer(ests, CATALOG)
    assert a.best.model == "gpt-image-2"
    assert a.best.cost == "$58.80"
    assert [p.model for p in a.runners_up] == ["flux-2-pro"]
    assert [p.model for p in a.apart] == ["midjourney"]
    # gpt-image-1 is retired today: in neither list.
    assert "gpt-image-1" not in [p.model for p in (*a.runners_up, *a.apart)]
    assert a.headline("month") == "GPT Image 2: $58.80 a month"


def test_auto_quality_reads_as_a_range_with_approx():
    # 100 images at auto on gpt-image-2: low 196 tokens, high 7,024 at $30/M:
    # $0.588 to $21.072; priced as medium (1,756 tokens) = $5.268.
    ests = estimate(scenario(100, "auto"), CATALOG, ["gpt-image-2"])
    a = answer(ests, CATALOG)
    assert a.best.cost == "$0.59–$21.07"
    assert a.headline("month") == "GPT Image 2: ≈ $0.59–$21.07 a month"


def test_a_time_limit_picks_the_cheapest_option_that_finishes_in_time():
    # 10,000 images at tier 3: gpt-image-2 200 min + 45.3 s = 3.35 h;
    # FLUX.2 [pro]: ceil(10,000 / 24) = 417 rounds x 11.8 s + 11.8 s = 1.37 h.
    ests = estimate(scenario(10_000), CATALOG, MODELS, team=Team({"OpenAI": "3"}))
    assert answer(ests, CATALOG, within_hours=4).best.model == "gpt-image-2"
    within_2 = answer(ests, CATALOG, within_hours=2)
    assert within_2.best.model == "flux-2-pro"
    nothing = answer(ests, CATALOG, within_hours=1)
    assert nothing.best is None
    assert nothing.headline("month") == "No API option finishes within 1 h"


def test_without_known_times_a_time_limit_asks_for_the_tier():
    ests = estimate(scenario(100), CATALOG, ["gpt-image-2"])
    a = answer(ests, CATALOG, within_hours=1)
    assert a.best is None and "usage tier" in a.why_none


def test_only_a_subscription_left_gives_no_best_api_option():
    ests = estimate(scenario(100), CATALOG, ["midjourney"])
    a = answer(ests, CATALOG)
    assert a.best is None and [p.model for p in a.apart] == ["midjourney"]
    assert a.headline("month") == "No API option can run this scenario"


@pytest.mark.parametrize("runners", [0, 1])
def test_runners_up_are_capped(runners):
    ests = estimate(scenario(10), CATALOG, ["gpt-image-2", "flux-2-pro", "flux-2-max"])
    assert len(answer(ests, CATALOG, runners=runners).runners_up) == runners
