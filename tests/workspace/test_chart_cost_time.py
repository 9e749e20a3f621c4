"""Cost against time: each model a point at the time its work takes, the answer
in the fast and cheap corner, the limit, and the models without a known time."""

from __future__ import annotations

import math

import pytest

from imgcost_gui.core import Scenario, Stage
from imgcost_gui.workspace.charts import ChartInputs
from imgcost_gui.workspace.comparison import compare
from imgcost_gui.workspace.cost_time import cost_time_points, hours_words

MODELS = ["gpt-image-2", "flux-2-pro", "ideogram-3.0"]
# gpt-image-2 at tier 3: 50 images a minute, 45.3 s typical latency (OpenAI; ImageBench)
GPT_TIER_3_H = (10_000 / 50 * 60 + 45.3) / 3600  # 200 min plus the last image: 3.35 h
# FLUX.2 [pro]: 24 requests in flight, 11.8 s each; 10,000 requests in 417 rounds
FLUX_H = (math.ceil(10_000 / 24) * 11.8 + 11.8) / 3600  # 1.37 h


def points(catalog, **scenario):
    sc = Scenario(stages=[Stage(requests=10_000, quality="medium")], models=MODELS, **scenario)
    return cost_time_points(ChartInputs(sc, catalog, None, compare(sc, catalog, None), 0))


def test_each_model_is_a_point_at_the_time_its_work_takes(catalog):
    pts = points(catalog, tiers={"OpenAI": "3"})
    by_model = {p.model: p for p in pts.points}
    assert by_model["gpt-image-2"].hours == pytest.approx(GPT_TIER_3_H)
    assert by_model["flux-2-pro"].hours == pytest.approx(FLUX_H)
    # Ideogram publishes no limits: no point, named in the caption instead
    assert "ideogram-3.0" not in by_model
    assert pts.caption() == (
        "Time unknown for 1 model (Ideogram 3.0): their vendors publish no rate limits or latency"
    )
    assert pts.unit == "USD per month" and pts.time_axis == "Time to do a month's work"


def test_the_costs_are_the_tables(catalog):
    sc = Scenario(stages=[Stage(requests=10_000, quality="medium")], models=MODELS,
                  tiers={"OpenAI": "3"})  # fmt: skip
    rows = compare(sc, catalog, None)
    pts = cost_time_points(ChartInputs(sc, catalog, None, rows, 0))
    table = {r.estimate.model: r.estimate.total_usd for r in rows}
    assert {p.model: p.cost for p in pts.points} == {
        m: table[m] for m in ("gpt-image-2", "flux-2-pro")
    }


def test_a_time_limit_draws_a_line_and_the_answer_is_the_cheapest_in_time(catalog):
    pts = points(catalog, tiers={"OpenAI": "3"}, finish_within_hours=2)
    slow = {p.model for p in pts.points if not p.in_time}
    assert slow == {"gpt-image-2"}  # 3.35 h is past 2 h; FLUX's 1.37 h is in time
    assert pts.answer == "flux-2-pro" and pts.limit_hours == 2
    flux = pts.point("flux-2-pro")
    assert pts.answer_words() == (
        f"Cheapest that finishes within 2 h: FLUX.2 [pro], ${flux.cost:,.2f} in 82 min"
    )
    # the corner reaches the limit and a little above the answer's cost
    assert pts.corner == pytest.approx((2.0, flux.cost * 1.35))
    assert pts.x_range[0] <= FLUX_H and pts.x_range[1] >= 2.0


def test_without_a_tier_openai_models_say_how_to_get_a_time(catalog):
    pts = points(catalog)
    # FLUX's time needs no tier (its cap and latency are all there is); OpenAI's does
    assert [p.model for p in pts.points] == ["flux-2-pro"]
    assert pts.point("flux-2-pro").hours == pytest.approx(FLUX_H)
    assert pts.caption() == (
        "Time unknown for 2 models (GPT Image 2, Ideogram 3.0): 1 needs your usage tier "
        "(set it in the scenario); no rate limits or latency are published for 1"
    )


def test_only_models_needing_a_tier_ask_for_it():
    # (the words when every model left out needs a tier)
    from imgcost_gui.workspace.cost_time import CostTimePoints

    pts = CostTimePoints([], [("GPT Image 2", "say your OpenAI usage tier (free, 1, 2)")],
                         None, None, "month", (1, 10), (1, 10))  # fmt: skip
    assert pts.caption() == (
        "Time unknown for 1 model (GPT Image 2): set your usage tier in the scenario"
    )


@pytest.mark.parametrize(
    ("hours", "words"),
    [(10 / 3600, "10 s"), (1 / 60, "1 min"), (0.25, "15 min"), (1.0, "1 h"), (GPT_TIER_3_H, "3.3 h"),
     (36.0, "1.5 days"), (7 * 24.0, "7 days")],
)  # fmt: skip
def test_times_read_in_the_unit_that_suits_them(hours, words):
    assert hours_words(hours) == words


def test_the_axes_hold_still_while_the_points_move_a_little():
    from imgcost_gui.workspace.scales import steady_log_range

    # 0.27 h to 8 h, with half as much again at both ends: 0.18 to 12, whole decades 0.1 to 100
    assert steady_log_range(None, 0.27, 8.0) == (0.1, 100.0)
    assert steady_log_range((0.1, 100.0), 0.3, 9.0) == (0.1, 100.0)  # held
    assert steady_log_range((0.1, 100.0), 0.05, 9.0) == (0.01, 100.0)  # outgrown
