"""Shutdown warnings (issue 8, part 1): a shutdown inside the estimate's period or
within 90 days warns with the days left; the JSON says when a model shuts down
either way."""

from __future__ import annotations

from imgcost_gui.core import estimate_model
from imgcost_gui.core.calendar import SHUTDOWN_WARNING_DAYS, period_end
from imgcost_gui.core.catalog import ModelEntry

from .dated_catalog import DEAR, D, codes, entry, only, scenario


def _shutting(shut: str, status: str = "active") -> ModelEntry:
    return entry("s", lifecycle={"status": status, "retired_on": shut})


def test_a_shutdown_inside_the_period_warns_with_the_days_left():
    m = _shutting("2026-12-01")
    est = estimate_model(scenario(plan_from=D("2026-11-15"), period="month"), m)
    assert period_end(D("2026-11-15"), "month") == D("2026-12-15")
    notice = only(est, "shuts_down")
    assert notice.severity == "warning"
    assert notice.message == "Model s shuts down on 2026-12-01 (16 days left, inside this month)"
    data = est.to_dict()
    assert data["status"] == "active"
    assert data["shuts_down"] == "2026-12-01"
    assert notice.message in data["warnings"]


def test_a_shutdown_inside_a_year_long_period_warns_beyond_90_days():
    # 2027-01-01 -> 2027-07-20: 31+28+31+30+31+30 = 181 days to 07-01, +19 = 200
    m = _shutting("2027-07-20")
    est = estimate_model(scenario(plan_from=D("2027-01-01"), period="year"), m)
    assert "(200 days left, inside this year)" in only(est, "shuts_down").message


def test_a_shutdown_90_days_ahead_after_the_period_warns_without_inside():
    # 2026-09-01 + 90 days: 29 left in September, 31 in October, 30 in November = 2026-11-30.
    assert SHUTDOWN_WARNING_DAYS == 90
    m = _shutting("2026-11-30")
    est = estimate_model(scenario(plan_from=D("2026-09-01"), period="month"), m)
    assert only(est, "shuts_down").message.endswith("shuts down on 2026-11-30 (90 days left)")
    assert est.to_dict()["shuts_down"] == "2026-11-30"


def test_a_shutdown_91_days_ahead_after_the_period_gives_no_warning():
    m = _shutting("2026-12-01")
    est = estimate_model(scenario(plan_from=D("2026-09-01"), period="month"), m)
    assert "shuts_down" not in codes(est)
    assert est.warnings == []
    # ... but the JSON still says when it shuts down.
    assert est.to_dict()["status"] == "active"
    assert est.to_dict()["shuts_down"] == "2026-12-01"


def test_a_shutdown_on_the_first_day_after_the_period_is_not_inside_it():
    m = _shutting("2026-11-16")
    est = estimate_model(scenario(plan_from=D("2026-11-15"), period="day"), m)
    assert only(est, "shuts_down").message.endswith("(1 day left)")


def test_a_shutdown_on_the_day_a_year_long_period_ends_is_not_inside_it():
    # A year from 2027-01-01 ends (exclusive) on 2028-01-01, 365 days on: past 90, not inside.
    m = _shutting("2028-01-01")
    est = estimate_model(scenario(plan_from=D("2027-01-01"), period="year"), m)
    assert "shuts_down" not in codes(est)
    # One day earlier it is the period's last day: inside.
    m = _shutting("2027-12-31")
    est = estimate_model(scenario(plan_from=D("2027-01-01"), period="year"), m)
    assert "(364 days left, inside this year)" in only(est, "shuts_down").message


def test_a_deprecated_model_far_from_shutdown_says_deprecated_not_shuts_down():
    m = _shutting("2027-12-01", status="deprecated")
    est = estimate_model(scenario(plan_from=D("2027-01-01"), period="month"), m)
    assert est.status == "deprecated"
    assert "shuts_down" not in codes(est)
    assert "2027-12-01" in only(est, "deprecated").message


def test_a_deprecated_model_close_to_shutdown_gets_the_shutdown_warning():
    m = _shutting("2027-01-20", status="deprecated")
    est = estimate_model(scenario(plan_from=D("2027-01-01"), period="month"), m)
    assert "(19 days left, inside this month)" in only(est, "shuts_down").message
    assert "deprecated" not in codes(est)


def test_a_model_with_no_shutdown_has_null_shuts_down_in_json():
    data = estimate_model(scenario(), DEAR).to_dict()
    assert data["status"] == "active"
    assert data["shuts_down"] is None
