"""A scenario can say the work must be done within some hours; the file keeps it."""

import pytest
from pydantic import ValidationError

from imgcost_gui.core.scenario import Scenario


def test_finish_within_hours_round_trips_through_the_file_text():
    s = Scenario(finish_within_hours=36)
    again = Scenario.model_validate_json(s.model_dump_json())
    assert again.finish_within_hours == 36


def test_no_limit_by_default():
    assert Scenario().finish_within_hours is None


@pytest.mark.parametrize("bad", [0, -1, 200_000])
def test_a_limit_must_be_positive_and_sane(bad):
    with pytest.raises(ValidationError):
        Scenario(finish_within_hours=bad)


# --- the cheapest option that finishes in time (core.compare.cheapest_in_time) ------------
# 1,000 images, 1024x1024 low, no prompt. gpt-image-2 at tier 3: 1,000 / 50 a minute = 20 min
# + 45.3 s = 1,245.3 s; 196 tokens x $30/M = $0.00588, $5.88. FLUX.2 [pro]: ceil(1000/24) = 42
# rounds of 11.8 s + the last one's = 507.4 s; $0.03 x 1,000 = $30.00.


def _in_time(hours, models, tier="3", size="1024x1024"):
    from imgcost_gui.core import estimate
    from imgcost_gui.core.compare import cheapest_in_time
    from imgcost_gui.core.duration import Team

    from .helpers import CATALOG, stage

    team = Team({"OpenAI": tier}) if tier else Team()
    found = estimate(
        Scenario(stages=[stage(size, "low", requests=1000)]), CATALOG, models, team=team
    )
    return cheapest_in_time(found, CATALOG, hours)


def test_the_cheapest_that_finishes_in_time_is_not_always_the_cheapest():
    both = ["gpt-image-2", "flux-2-pro"]
    at_once = _in_time(1245.3 / 3600, both)  # exactly gpt-image-2's time: it counts
    assert at_once.best is not None and at_once.best.model == "gpt-image-2"
    assert at_once.best.total_usd == pytest.approx(5.88)
    sooner = _in_time(1245 / 3600, both)  # 0.3 s short: FLUX.2 [pro] is the answer
    assert sooner.best is not None and sooner.best.model == "flux-2-pro"
    assert sooner.best.total_usd == pytest.approx(30.00)
    # 0.1 h is 360 s, shorter than either.
    assert _in_time(0.1, both).why_none == "no compared API option finishes within 0.1 h"


def test_no_time_known_asks_for_the_tier_and_nothing_runnable_says_so():
    unknown = _in_time(10, ["gpt-image-2"], tier=None)
    assert unknown.best is None and unknown.needs_tier
    assert unknown.why_none == "no compared API option has a known time"
    # A subscription is no API option, and no model takes a 16x16 image.
    for models, size in ((["midjourney"], "1024x1024"), (["gpt-image-2"], "16x16")):
        nothing = _in_time(10, models, size=size)
        assert nothing.best is None and not nothing.needs_tier
        assert nothing.why_none == "no compared API option can run this scenario"
