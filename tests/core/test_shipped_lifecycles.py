"""The shipped catalog's lifecycle dates (issue 8, part 1): every shutdown,
deprecation and announcement is checked on both sides of its day, and today's
estimates offer no model that has shut down."""

from __future__ import annotations

import pytest

from imgcost_gui.core import estimate
from imgcost_gui.core.catalog import ModelEntry

from .dated_catalog import ONE_DAY, SHIPPED, D, only, scenario

RETIRING = [m for m in SHIPPED.models if SHIPPED.lifecycle_of(m).retired_on is not None]
DEPRECATING = [m for m in SHIPPED.models if SHIPPED.lifecycle_of(m).deprecated_on is not None]
ANNOUNCED = [m for m in SHIPPED.models if SHIPPED.lifecycle_of(m).announced_on is not None]


def _ids(entries: list[ModelEntry]) -> list[str]:
    return [m.id for m in entries]


def test_the_shipped_catalog_has_shutdown_dates_to_check():
    # Guards the parametrized tests below against silently checking nothing.
    assert {"gpt-image-1", "gpt-image-1.5", "gpt-image-1-mini", "dall-e-3"} <= set(_ids(RETIRING))


@pytest.mark.parametrize("model", RETIRING, ids=_ids(RETIRING))
def test_a_shipped_model_is_retired_on_its_shutdown_day_and_not_the_day_before(model):
    shut = SHIPPED.lifecycle_of(model).retired_on
    assert SHIPPED.status(model, shut - ONE_DAY) != "retired"
    assert SHIPPED.available(model, shut - ONE_DAY)
    assert SHIPPED.status(model, shut) == "retired"
    assert not SHIPPED.available(model, shut)
    assert SHIPPED.status(model, shut + ONE_DAY) == "retired"


@pytest.mark.parametrize("model", RETIRING, ids=_ids(RETIRING))
def test_all_means_the_shipped_models_still_running_on_the_day(model):
    shut = SHIPPED.lifecycle_of(model).retired_on
    before = [e.model for e in estimate(scenario(), SHIPPED, ["all"], as_of=shut - ONE_DAY)]
    on_the_day = [e.model for e in estimate(scenario(), SHIPPED, ["all"], as_of=shut)]
    assert model.id in before
    assert model.id not in on_the_day


@pytest.mark.parametrize("model", DEPRECATING, ids=_ids(DEPRECATING))
def test_a_shipped_model_is_deprecated_from_its_deprecation_day(model):
    lc = SHIPPED.lifecycle_of(model)
    day = lc.deprecated_on
    if lc.retired_on is not None and lc.retired_on <= day:
        pytest.skip("shut down no later than deprecated")
    assert SHIPPED.status(model, day - ONE_DAY) != "deprecated"
    assert SHIPPED.status(model, day) == "deprecated"
    assert SHIPPED.available(model, day)


@pytest.mark.parametrize("model", ANNOUNCED, ids=_ids(ANNOUNCED))
def test_a_shipped_model_is_upcoming_until_its_announced_day(model):
    day = SHIPPED.lifecycle_of(model).announced_on
    assert SHIPPED.status(model, day - ONE_DAY) == "upcoming"
    assert not SHIPPED.available(model, day - ONE_DAY)
    assert SHIPPED.available(model, day)


@pytest.mark.parametrize(
    ("model_id", "shut"),
    [
        ("gpt-image-1", "2026-10-23"),
        ("gpt-image-1.5", "2026-12-01"),
        ("gpt-image-1-mini", "2026-12-01"),
        ("dall-e-3", "2026-05-12"),
    ],
)
def test_published_shutdowns_are_retired_today(model_id, shut):
    model = SHIPPED.get(model_id)
    assert SHIPPED.lifecycle_of(model).retired_on == D(shut)
    assert SHIPPED.status(model, D("2026-12-01")) == "retired"
    assert model not in SHIPPED.active(D("2026-12-01"))
    assert model in SHIPPED.active(D(shut) - ONE_DAY)


def test_today_the_example_gpt_image_models_that_shut_down_are_not_offered():
    # The first complaint: on 2026-12-01 these ranked #2 and #3.
    ids = {e.model for e in estimate(scenario(), SHIPPED)}
    assert not ids & {"gpt-image-1.5", "gpt-image-1-mini", "gpt-image-1", "dall-e-3"}
    assert "gpt-image-2" in ids


def test_gpt_image_1_5_warns_16_days_ahead_inside_a_month_from_2026_11_15():
    est = estimate(scenario(plan_from=D("2026-11-15")), SHIPPED, ["gpt-image-1.5"])[0]
    assert est.status == "deprecated"
    assert "2026-12-01 (16 days left, inside this month)" in only(est, "shuts_down").message
