"""Status follows the date (issue 8, part 1).

A model's lifecycle is dates; its status is worked out for the day an estimate
is for: ``as_of``, else the scenario's ``plan_from``, else today (pinned to
2026-12-01 in conftest). As of that day a retired model is not ranked, not in
``all``, not in the cheapest cells or the volume lines; named, it is shown
apart with the date. A shutdown inside the period or within 90 days warns.

Catalogs are built by hand with known dates; the shipped catalog is used only
for its shutdown dates, each checked on both sides.
"""

from __future__ import annotations

import datetime as dt

import pytest

from imgcost_gui.core import (
    PriceCatalog,
    Scenario,
    Stage,
    cheapest_by_cell,
    cost_vs_volume,
    estimate,
    estimate_model,
    load_shipped_catalog,
    rank,
)
from imgcost_gui.core.calendar import SHUTDOWN_WARNING_DAYS, period_end, plan_day
from imgcost_gui.core.catalog import Lifecycle, ModelEntry

D = dt.date.fromisoformat
ONE_DAY = dt.timedelta(days=1)
SOURCE = {"title": "hand-made for this test", "official": True, "checked": "2026-11-01"}

SHIPPED = load_shipped_catalog()


def entry(
    model_id: str,
    usd: str = "0.04",
    *,
    lifecycle: dict | None = None,
    family: str | None = None,
    sizes: tuple[str, ...] = ("1024x1024",),
) -> ModelEntry:
    """A model billed a flat ``usd`` per image, any quality."""
    data = {
        "id": model_id,
        "name": f"Model {model_id}",
        "vendor": "Vendor",
        "provider": "Vendor",
        "family": family,
        "sizes": {"kind": "list", "sizes": list(sizes)},
        "pricing": {"scheme": "per_image", "prices": [{"usd": usd}], "source": SOURCE},
    }
    if lifecycle is not None:
        data["lifecycle"] = lifecycle
    return ModelEntry.model_validate(data)


def catalog(*entries: ModelEntry) -> PriceCatalog:
    return PriceCatalog(checked=D("2026-11-01"), models=list(entries))


def scenario(images: int = 1000, **kw) -> Scenario:
    stage = Stage(requests=images, prompt_tokens=0, width=1024, height=1024)
    return Scenario(stages=[stage], **kw)


def codes(est) -> list[str]:
    return [n.code for n in est.all_notices]


def only(est, code: str):
    found = [n for n in est.all_notices if n.code == code]
    assert len(found) == 1, f"{code!r} notices: {[n.code for n in est.all_notices]}"
    return found[0]


# --- the shipped catalog: every shutdown date, on both sides ---------------------------

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


# --- a lifecycle's status on a day -------------------------------------------------------

FULL = Lifecycle(
    announced_on=D("2027-01-10"), deprecated_on=D("2027-03-01"), retired_on=D("2027-06-01")
)


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2027-01-09", "upcoming"),
        ("2027-01-10", "active"),
        ("2027-02-28", "active"),
        ("2027-03-01", "deprecated"),
        ("2027-05-31", "deprecated"),
        ("2027-06-01", "retired"),
        ("2030-01-01", "retired"),
    ],
)
def test_status_on_each_side_of_every_date(day, status):
    assert FULL.status_on(D(day)) == status


@pytest.mark.parametrize(
    ("day", "available"),
    [("2027-01-09", False), ("2027-01-10", True), ("2027-03-01", True), ("2027-06-01", False)],
)
def test_a_model_is_available_from_its_announcement_to_the_day_before_shutdown(day, available):
    m = entry("m", lifecycle=FULL.model_dump())
    cat = catalog(m)
    assert cat.available(m, D(day)) is available
    assert (m in cat.active(D(day))) is available


def test_a_stated_status_without_dates():
    assert Lifecycle().status_on(D("2026-12-01")) == "active"
    assert Lifecycle(status="deprecated").status_on(D("2026-12-01")) == "deprecated"
    assert Lifecycle(status="retired").status_on(D("2026-12-01")) == "retired"


def test_a_model_stated_retired_with_its_shutdown_still_ahead_is_deprecated_until_then():
    lc = Lifecycle(status="retired", retired_on=D("2027-02-01"))
    assert lc.status_on(D("2027-01-31")) == "deprecated"
    assert lc.status_on(D("2027-02-01")) == "retired"


def test_a_deprecation_date_ahead_overrides_a_stated_deprecated():
    lc = Lifecycle(status="deprecated", deprecated_on=D("2027-02-01"))
    assert lc.status_on(D("2027-01-31")) == "active"
    assert lc.status_on(D("2027-02-01")) == "deprecated"


# --- resellers -----------------------------------------------------------------------------

VENDOR_LC = {"retired_on": "2027-02-01"}


def test_a_reseller_with_no_lifecycle_follows_its_familys():
    vendor = entry("vm", lifecycle=VENDOR_LC, family="vm")
    resold = entry("shop/vm", family="vm")
    cat = catalog(vendor, resold)
    assert cat.lifecycle_of(resold).retired_on == D("2027-02-01")
    assert cat.status(resold, D("2027-01-31")) == "active"
    assert cat.status(resold, D("2027-02-01")) == "retired"
    est = estimate_model(scenario(), resold, day=D("2027-02-01"), catalog=cat)
    assert est.status == "retired"
    assert est.shuts_down == D("2027-02-01")
    assert "2027-02-01" in only(est, "retired").message
    assert [e.model for e in estimate(scenario(), cat, ["all"], as_of=D("2027-01-31"))] == [
        "vm",
        "shop/vm",
    ]
    assert estimate(scenario(), cat, ["all"], as_of=D("2027-02-01")) == []


@pytest.mark.parametrize(
    ("own", "running_until"),
    [
        ({"retired_on": "2027-03-01"}, "2027-02-28"),  # serves it from its own stock longer
        ({"retired_on": "2027-01-15"}, "2027-01-14"),  # stops before the vendor does
        ({"status": "active"}, "2099-12-31"),  # says it has no end
    ],
)
def test_a_reseller_with_its_own_lifecycle_keeps_it(own, running_until):
    vendor = entry("vm", lifecycle=VENDOR_LC, family="vm")
    resold = entry("shop/vm", family="vm", lifecycle=own)
    cat = catalog(vendor, resold)
    last = D(running_until)
    assert cat.available(resold, last)
    if "retired_on" in own:
        assert cat.status(resold, last + ONE_DAY) == "retired"
    assert estimate_model(scenario(), resold, day=last, catalog=cat).available


def test_a_reseller_whose_family_is_not_in_the_catalog_is_always_available():
    resold = entry("shop/gone", family="gone")
    assert catalog(resold).available(resold, D("2099-01-01"))


# --- the day an estimate is for --------------------------------------------------------------

RETIRES = entry("r", "0.01", lifecycle={"retired_on": "2027-02-01"})
CHEAP = entry("b", "0.02")
DEAR = entry("a", "0.04")
ODD_SIZES = entry("c", "0.03", sizes=("512x512",))  # usable, but not at 1024x1024
UPCOMING = entry("u", "0.005", lifecycle={"announced_on": "2027-03-01"})
CAT = catalog(RETIRES, CHEAP, DEAR, ODD_SIZES, UPCOMING)


def test_plan_day_takes_as_of_then_the_plan_then_today(monkeypatch):
    assert plan_day(D("2027-01-01"), D("2027-05-05")) == D("2027-05-05")
    assert plan_day(D("2027-01-01")) == D("2027-01-01")
    assert plan_day(None) == D("2026-12-01")
    monkeypatch.setenv("IMGCOST_TODAY", "2027-02-01")
    assert plan_day(None) == D("2027-02-01")


def test_as_of_beats_the_scenarios_plan_from():
    sc = scenario(plan_from=D("2027-03-01"))
    (late,) = estimate(sc, CAT, ["r"])
    assert (late.as_of, late.status) == (D("2027-03-01"), "retired")
    (early,) = estimate(sc, CAT, ["r"], as_of=D("2027-01-31"))
    assert (early.as_of, early.status) == (D("2027-01-31"), "active")
    assert early.to_dict()["as_of"] == "2027-01-31"


def test_without_a_date_the_estimate_is_for_today(monkeypatch):
    (est,) = estimate(scenario(), CAT, ["r"])
    assert (est.as_of, est.status) == (D("2026-12-01"), "active")
    monkeypatch.setenv("IMGCOST_TODAY", "2027-02-01")
    (est,) = estimate(scenario(), CAT, ["r"])
    assert (est.as_of, est.status) == (D("2027-02-01"), "retired")


def test_estimate_model_defaults_to_the_scenarios_plan_from():
    est = estimate_model(scenario(plan_from=D("2027-02-01")), RETIRES)
    assert (est.as_of, est.status) == (D("2027-02-01"), "retired")


@pytest.mark.parametrize("models", [["all"], None])
def test_all_leaves_out_models_retired_or_not_yet_out_on_the_day(models):
    def ids(day: str) -> list[str]:
        return [e.model for e in estimate(scenario(), CAT, models, as_of=D(day))]

    assert ids("2027-01-31") == ["r", "b", "a", "c"]
    assert ids("2027-02-01") == ["b", "a", "c"]
    assert ids("2027-03-01") == ["b", "a", "c", "u"]


def test_all_beside_a_named_retired_model_keeps_the_named_one():
    ids = [e.model for e in estimate(scenario(), CAT, ["r", "all"], as_of=D("2027-02-01"))]
    assert ids == ["r", "b", "a", "c"]


def test_a_retired_model_named_is_estimated_apart_with_the_date():
    (est,) = estimate(scenario(), CAT, ["r"], as_of=D("2027-02-01"))
    assert est.status == "retired"
    assert not est.available
    notice = only(est, "retired")
    assert notice.severity == "error"
    assert "retired on 2027-02-01" in notice.message
    assert "shuts_down" not in codes(est)
    data = est.to_dict()
    assert data["status"] == "retired"
    assert data["shuts_down"] == "2027-02-01"
    assert notice.message in data["warnings"]


def test_an_upcoming_model_named_says_when_it_is_out():
    (est,) = estimate(scenario(), CAT, ["u"], as_of=D("2027-02-28"))
    assert est.status == "upcoming"
    assert not est.available
    assert "2027-03-01" in only(est, "upcoming").message
    assert est.to_dict()["status"] == "upcoming"


def test_rank_puts_retired_models_last_unranked_after_unpriced_usable_ones():
    # r is the cheapest ($0.01) but retired; c cannot do 1024x1024 so has no total.
    # u ($0.005) is not out until 2027-03-01: unranked beside r.
    ests = estimate(scenario(), CAT, ["r", "c", "u", "a", "b"], as_of=D("2027-02-01"))
    ranked = rank(ests, baseline="a")
    assert [(r.estimate.model, r.position) for r in ranked] == [
        ("b", 1),
        ("a", 2),
        ("c", None),
        ("r", None),
        ("u", None),
    ]
    # b: 1000 x $0.02 = $20; a: 1000 x $0.04 = $40
    assert ranked[0].estimate.total_usd == pytest.approx(20.0)
    assert ranked[0].vs_baseline_usd == pytest.approx(-20.0)
    assert ranked[0].vs_baseline_pct == pytest.approx(-50.0)
    assert ranked[1].vs_cheapest_usd == pytest.approx(20.0)
    assert ranked[3].vs_cheapest_usd is None
    assert ranked[3].vs_baseline_usd is None


def test_the_day_before_shutdown_the_model_ranks_by_price():
    ests = estimate(scenario(), CAT, ["r", "a", "b"], as_of=D("2027-01-31"))
    assert [(r.estimate.model, r.position) for r in rank(ests)] == [
        ("r", 1),
        ("b", 2),
        ("a", 3),
    ]


# --- shutdown warnings ---------------------------------------------------------------------------


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


# --- charts skip models retired on the day, even when named ------------------------------------


def test_cheapest_by_cell_skips_a_retired_model_even_when_named():
    stage = Stage(requests=1, prompt_tokens=0)
    named = ["r", "a", "b"]
    before = cheapest_by_cell(stage, CAT, named, [(1024, 1024)], ("medium",), D("2027-01-31"))
    assert before[0].per_image == pytest.approx({"r": 0.01, "b": 0.02, "a": 0.04})
    assert before[0].cheapest == "r"
    after = cheapest_by_cell(stage, CAT, named, [(1024, 1024)], ("medium",), D("2027-02-01"))
    assert after[0].per_image == pytest.approx({"b": 0.02, "a": 0.04})
    assert after[0].cheapest == "b"


def test_cheapest_by_cell_is_for_today_by_default():
    gone_today = entry("t", "0.001", lifecycle={"retired_on": "2026-12-01"})
    cat = catalog(gone_today, DEAR)
    (cell,) = cheapest_by_cell(Stage(requests=1), cat, ["t", "a"], [(1024, 1024)], ("low",))
    assert cell.per_image == pytest.approx({"a": 0.04})


def test_the_shipped_cheapest_cells_today_recommend_no_model_that_has_shut_down():
    gone = {m.id for m in SHIPPED.models if not SHIPPED.available(m, D("2026-12-01"))}
    assert {"gpt-image-1.5", "gpt-image-1-mini"} <= gone
    cells = cheapest_by_cell(Stage(requests=1), SHIPPED, None, [(1024, 1024), (1536, 1024)])
    for cell in cells:
        assert not set(cell.per_image) & gone
        assert cell.cheapest not in gone


def assert_lines(got: dict, expected: dict) -> None:
    assert list(got) == list(expected)
    for model_id, values in expected.items():
        assert got[model_id] == pytest.approx(values), model_id


def test_cost_vs_volume_skips_a_retired_model_even_when_named():
    sc = scenario()
    # 100 and 1000 images at $0.01 (r) and $0.04 (a)
    before = cost_vs_volume(sc, CAT, ["r", "a"], [100, 1000], as_of=D("2027-01-31"))
    assert_lines(before, {"r": [1.0, 10.0], "a": [4.0, 40.0]})
    after = cost_vs_volume(sc, CAT, ["r", "a"], [100, 1000], as_of=D("2027-02-01"))
    assert_lines(after, {"a": [4.0, 40.0]})


def test_cost_vs_volume_follows_the_scenarios_plan_from():
    sc = scenario(plan_from=D("2027-02-01"))
    assert list(cost_vs_volume(sc, CAT, ["r", "a", "u"], [10])) == ["a"]
    sc = scenario(plan_from=D("2027-03-01"))
    assert_lines(cost_vs_volume(sc, CAT, ["r", "a", "u"], [10]), {"a": [0.4], "u": [0.05]})
