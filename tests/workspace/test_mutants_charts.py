"""The charts' data on the shipped catalog, pinned where mutation testing found it
loose (scripts/mutate, issue 10). Prices are the vendors' (see conftest): Ideogram
$0.06 medium, FLUX1.1 [pro] and Recraft V3 $0.04, Midjourney Basic $10 a month."""

from __future__ import annotations

import pytest

from imgcost_gui.core import Scenario, Stage
from imgcost_gui.workspace.cells import cheapest_cells
from imgcost_gui.workspace.charts import ChartInputs, meter_bars
from imgcost_gui.workspace.comparison import compare
from imgcost_gui.workspace.cost_time import CostTimePoints, TimePoint, cost_time_points
from imgcost_gui.workspace.volume import volume_curves

from .conftest import scenario

PRESETS = [("Square 1024×1024", 1024, 1024), ("2K 2048×2048", 2048, 2048)]
IDS = ["flux-pro-1.1", "ideogram-3.0", "recraft-v3"]


def inputs(catalog, sc, ids=None, stage_index=0):
    return ChartInputs(sc, catalog, ids, compare(sc, catalog, ids), stage_index)


# --- the selected stage -----------------------------------------------------------------


def test_the_charts_show_the_selected_stage_or_the_last():
    sc = Scenario(stages=[Stage(name="Drafts", requests=10), Stage(name="Finals", requests=5)])
    assert ChartInputs(sc, None, None, [], 0).stage.name == "Drafts"  # type: ignore[arg-type]
    assert ChartInputs(sc, None, None, [], 5).stage.name == "Finals"  # type: ignore[arg-type]


# --- cost by meter ----------------------------------------------------------------------


def test_a_bar_under_a_dollar_still_has_its_segment(catalog):
    # 10 images: FLUX and Recraft $0.40, Ideogram $0.60, Midjourney's Basic plan $10
    bars = meter_bars(inputs(catalog, scenario(requests=10)))
    totals = {e.model: t for e, t in zip(bars.shown, bars.totals, strict=True)}
    assert totals == pytest.approx(
        {"flux-pro-1.1": 0.40, "recraft-v3": 0.40, "ideogram-3.0": 0.60, "midjourney": 10.0}
    )


def test_a_total_exactly_at_the_budget_is_within_it(catalog):
    # FLUX and Recraft cost exactly 1,000 x $0.04 = $40; Ideogram's $60 is over
    bars = meter_bars(inputs(catalog, scenario(budget="40")))
    over = {e.model: o for e, o in zip(bars.shown, bars.over_budget, strict=True)}
    assert over["flux-pro-1.1"] is False and over["recraft-v3"] is False
    assert over["ideogram-3.0"] is True


def test_the_baseline_takes_the_last_bar_when_it_is_not_among_the_cheapest(catalog):
    # Midjourney 10 + (1000/240 - 3.3) x 4 = $13.47, FLUX $40, Recraft $40, Ideogram $60
    bars = meter_bars(inputs(catalog, scenario()), limit=3)
    assert [e.model for e in bars.shown] == ["midjourney", "flux-pro-1.1", "ideogram-3.0"]
    assert bars.more_words == "+1 more in the table"


def test_without_a_baseline_the_bars_are_the_cheapest(catalog):
    sc = scenario().model_copy(update={"baseline": None})
    bars = meter_bars(inputs(catalog, sc), limit=3)
    assert [e.model for e in bars.shown] == ["midjourney", "flux-pro-1.1", "recraft-v3"]


# --- the cheapest-by-size grid ----------------------------------------------------------


def test_the_note_explains_the_stages_own_cell_off_the_first_column(catalog):
    sc = scenario(quality="high")
    g = cheapest_cells(inputs(catalog, sc, IDS), PRESETS)
    assert g.outlined == (0, 2)
    assert g.outlined_why() == (
        "Your stage “Images”. Cheapest at 1024×1024, high quality: FLUX1.1 [pro], "
        "$0.040 per image; tied with Recraft V3 (raster) at the same price"
    )


def test_an_auto_quality_stage_outlines_the_quality_it_assumes(catalog):
    sc = scenario(quality="auto")  # assumes medium
    g = cheapest_cells(inputs(catalog, sc, IDS), PRESETS)
    assert g.outlined == (0, 1)
    assert g.outlined_why().startswith(
        "Your stage “Images”. Cheapest at 1024×1024, medium quality: FLUX1.1 [pro], $0.040"
    )


# --- cost against volume ----------------------------------------------------------------


def test_each_line_is_drawn_at_its_volumes(catalog):
    curves = volume_curves(inputs(catalog, scenario()))
    xs, ys = curves.points("flux-pro-1.1")
    assert xs == pytest.approx(curves.volumes)
    assert ys == pytest.approx([0.04 * v for v in curves.volumes])


def test_the_cost_axis_spans_every_line(catalog):
    curves = volume_curves(inputs(catalog, scenario()))
    # volumes 10 to 100,000 (1,000 x 20, to whole decades): FLUX's 10 x $0.04 = $0.40 at
    # the bottom, Ideogram's 100,000 x $0.06 = $6,000 at the top: $0.10 to $10,000
    assert curves.x_range == (10.0, 100_000.0)
    assert curves.y_range == (0.1, 10_000.0)


def test_the_baseline_keeps_its_line_among_many_models(catalog):
    sc = Scenario(stages=[Stage(requests=1000, quality="medium")], models=["all"])
    ins = inputs(catalog, sc)
    subs = [r.estimate.model for r in ins.ranked
            if catalog.get(r.estimate.model).pricing.scheme == "subscription"]  # fmt: skip
    others = [r.estimate.model for r in ins.ranked if r.estimate.model not in subs]
    assert len(others) > 6 and subs  # enough models to need a choice
    drawn = volume_curves(ins).models
    n_subs = min(len(subs), 2)
    # six lines: the cheapest pay-per-use models, then up to two subscriptions
    assert drawn == others[: 6 - n_subs] + subs[:2]
    dearest = others[-1]
    with_baseline = volume_curves(inputs(catalog, sc.model_copy(update={"baseline": dearest})))
    # the baseline takes the last pay-per-use line; the cheapest stays first
    assert with_baseline.models == others[: 5 - n_subs] + [dearest] + subs[:2]


# --- cost against time ------------------------------------------------------------------


def _points(answer, limit=None, unknown=()):
    pts = [
        TimePoint("cheap", "Cheap", 2.0, 10.0, True, ""),
        TimePoint("fast", "Fast", 0.5, 20.0, True, ""),
    ]
    return CostTimePoints(pts, list(unknown), limit, answer, "month", (1 / 60, 1.0), (1.0, 100.0))


def test_the_corner_reaches_a_bit_past_the_answers_time_without_a_limit():
    # 2 h x 1.6 = 3.2 h; $10 x 1.35 = $13.50
    assert _points("cheap").corner == pytest.approx((3.2, 13.5))


def test_the_answer_is_named_first_then_the_cheapest():
    assert [p.model for p in _points("fast").labelled] == ["fast", "cheap"]


def test_the_time_ticks_include_both_ends_of_the_axis():
    assert _points(None).ticks == pytest.approx([1 / 60, 5 / 60, 0.25, 1.0])


def test_without_an_answer_the_words_say_why():
    assert _points(None).answer_words() == ""
    assert _points(None, limit=0.25).answer_words() == "No API option drawn finishes within 15 min"


def test_four_models_without_a_time_are_all_listed():
    unknown = [(n, "no rate limits published") for n in ("A", "B", "C", "D")]
    assert _points(None, unknown=unknown).caption() == (
        "Time unknown for 4 models (A, B, C, D): their vendors publish no rate limits or latency"
    )


def test_every_point_sits_inside_the_axes_with_room(catalog):
    sc = Scenario(stages=[Stage(requests=10_000, quality="medium")],
                  models=["gpt-image-2", "flux-2-pro", "ideogram-3.0"], tiers={"OpenAI": "3"})  # fmt: skip
    pts = cost_time_points(inputs(catalog, sc))
    assert len(pts.points) == 2
    for p in pts.points:
        assert pts.x_range[0] <= p.hours / 1.5 and p.hours * 1.5 <= pts.x_range[1]
        assert pts.y_range[0] <= p.cost / 1.5 and p.cost * 1.5 <= pts.y_range[1]


def test_the_time_axis_reaches_the_limit_and_the_cost_axis_every_point(catalog):
    sc = Scenario(stages=[Stage(requests=100_000, quality="low")],
                  models=["gpt-image-2", "flux-2-pro"], tiers={"OpenAI": "3"},
                  finish_within_hours=200)  # fmt: skip
    pts = cost_time_points(inputs(catalog, sc))
    flux, gpt = pts.point("flux-2-pro"), pts.point("gpt-image-2")
    # FLUX.2 [pro]: 1024x1024 is its first megapixel, $0.03; 4,167 rounds of 24 at 11.8 s: 13.7 h
    assert flux.cost == pytest.approx(100_000 * 0.03)
    assert flux.hours == pytest.approx((4167 * 11.8 + 11.8) / 3600)
    # times 13.7 h to the 200 h limit, half again at both ends: 9.1 to 300 h, 1 to 1,000
    assert pts.x_range == (1.0, 1000.0)
    # GPT Image 2 at low is under a cent an image: $3,000 x 1.5 and its cost / 1.5 span
    # the decades 100 to 10,000
    assert 150 < gpt.cost < 1000
    assert pts.y_range == (100.0, 10_000.0)


def test_a_model_costing_under_a_dollar_is_still_a_point(catalog):
    sc = Scenario(stages=[Stage(requests=10, quality="medium")], models=["flux-2-pro"])
    (p,) = cost_time_points(inputs(catalog, sc)).points
    assert p.cost == pytest.approx(10 * 0.03)  # its first megapixel, $0.03 an image
    # the point's tooltip says what its time rests on: FLUX's published cap and latency
    assert "24 requests in flight" in p.why and "11.8 s" in p.why


# --- the grid's columns and cells -----------------------------------------------------


def test_the_grid_has_the_higher_qualities_only_when_a_model_offers_them(catalog):
    from imgcost_gui.core.calendar import plan_day
    from imgcost_gui.workspace.cells import grid_qualities

    day = plan_day(None)
    assert grid_qualities(catalog, IDS, day) == ("low", "medium", "high")
    assert grid_qualities(catalog, ["gpt-image-2.5-flare"], day) == (
        "low", "medium", "high", "xhigh", "max",
    )  # fmt: skip


def test_a_cells_name_is_cut_to_one_line(catalog):
    ids = ["sd3.5-large-turbo"]  # $0.04 an image (Stability credits of $0.01)
    g = cheapest_cells(inputs(catalog, scenario(), ids), PRESETS[:1])
    assert g.labels()[0] == "Stable Diffusion 3.5 Large…\n$0.040 / image"
