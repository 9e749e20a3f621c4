"""Status follows the date (issue 8, part 1): the day an estimate is for.

That day is ``as_of``, else the scenario's ``plan_from``, else today (pinned to
2026-12-01 in conftest). As of that day a retired model is not ranked, not in
``all``, not in the cheapest cells or the volume lines; named, it is shown
apart with the date. The models of ``CAT`` are in dated_catalog.py.
"""

from __future__ import annotations

import pytest

from imgcost_gui.core import Stage, cheapest_by_cell, cost_vs_volume, estimate, estimate_model, rank
from imgcost_gui.core.calendar import plan_day

from .dated_catalog import CAT, DEAR, RETIRES, SHIPPED, D, catalog, codes, entry, only, scenario

# --- the day an estimate is for --------------------------------------------------------------


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
