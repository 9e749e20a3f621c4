"""Each chart's data, from the comparison's estimates: bars, cells, lines and break-evens."""

from __future__ import annotations

import math

import pytest

from imgcost_gui.core import compare as core_compare
from imgcost_gui.core import cost_vs_volume
from imgcost_gui.workspace.cells import cheapest_cells, fit_name
from imgcost_gui.workspace.charts import ChartInputs, meter_bars
from imgcost_gui.workspace.comparison import compare
from imgcost_gui.workspace.volume import volume_curves

from .conftest import MODELS, scenario

PRESETS = [("Square 1024×1024", 1024, 1024), ("2K 2048×2048", 2048, 2048)]
MIDJOURNEY_1000 = 10 + (1000 / 240 - 3.3) * 4


def inputs(catalog, sc=None, ids=None, stage=0) -> ChartInputs:
    sc = sc or scenario()
    return ChartInputs(sc, catalog, ids, compare(sc, catalog, ids), stage)


@pytest.fixture
def pricing_calls(monkeypatch):
    """How often the core prices a model (any chart asking it again shows here)."""
    calls = []
    real = core_compare.estimate_model

    def counted(*args, **kwargs):
        calls.append(args[1].id)
        return real(*args, **kwargs)

    monkeypatch.setattr(core_compare, "estimate_model", counted)
    return calls


def test_meter_bars_stack_each_models_meters_cheapest_first(catalog, pricing_calls):
    bars = meter_bars(inputs(catalog))
    assert [e.model for e in bars.shown] == [
        "midjourney", "flux-pro-1.1", "recraft-v3", "ideogram-3.0",
    ]  # fmt: skip
    assert bars.meters == ("images", "subscription")
    assert bars.widths["images"] == pytest.approx([0, 40, 40, 60])
    assert bars.widths["subscription"] == pytest.approx([MIDJOURNEY_1000, 0, 0, 0])
    assert bars.starts["subscription"] == pytest.approx([0, 40, 40, 60])  # after images
    assert bars.totals == pytest.approx([MIDJOURNEY_1000, 40, 40, 60])
    assert bars.budget is None and bars.extent == pytest.approx(60)
    assert pricing_calls == []  # drawn from the table's estimates


def test_the_baseline_keeps_a_bar_when_few_fit(catalog):
    bars = meter_bars(inputs(catalog), limit=2)
    assert [e.model for e in bars.shown] == ["midjourney", "ideogram-3.0"]


def test_a_budget_on_the_scale_and_the_bars_it_rules_out(catalog):
    bars = meter_bars(inputs(catalog, scenario(budget="30")))
    assert bars.budget == 30 and bars.budget_on_scale  # $30 is within 1.6 x $60
    assert bars.over_budget == [False, True, True, True]
    far = meter_bars(inputs(catalog, scenario(budget="1000")))
    assert not far.budget_on_scale and far.extent == pytest.approx(60)  # not squashed


def test_volume_lines_leave_out_a_retired_model_and_mark_where_a_plan_pays_off(
    catalog, pricing_calls
):
    curves = volume_curves(inputs(catalog))
    # pay-per-use cheapest first, then the subscription; DALL-E 3 is retired: no line
    assert curves.models == ["flux-pro-1.1", "recraft-v3", "ideogram-3.0", "midjourney"]
    assert "dall-e-3" not in curves.series and curves.subscriptions == ("midjourney",)
    # 1,000 images: a twentieth to twenty times it, in whole decades
    assert curves.x_range == (10.0, 100_000.0) and curves.images == 1000
    assert curves.volumes[0] == pytest.approx(10) and curves.volumes[-1] == pytest.approx(1e5)
    assert curves.series["flux-pro-1.1"][0] == pytest.approx(10 * 0.04)
    assert curves.series["midjourney"][0] == pytest.approx(10.0)  # Basic's fee
    # Basic's $10 buys what FLUX charges for 250 images ($0.04 each): the dot is there
    (dot,) = curves.break_evens
    assert (dot.subscription, dot.cheapest) == ("midjourney", "flux-pro-1.1")
    assert dot.images == 250 and dot.cost == pytest.approx(10.0)
    assert curves.note(dot) == (
        "Midjourney (subscription) cheaper than\nFLUX1.1 [pro] above 250 images/month"
    )
    # Basic's extra time ($4 / 240 an image) never overtakes $0.04 an image: no end
    assert dot.until is None
    # Where the plan runs out and it costs more again, the note says up to where
    assert curves.note(dot._replace(until=3621.0)) == (
        "Midjourney (subscription) cheaper than\nFLUX1.1 [pro] from 250 to 3,620 images/month"
    )
    xs, ys = curves.points("ideogram-3.0")
    assert len(xs) == len(curves.volumes) and ys[-1] == pytest.approx(1e5 * 0.06)
    # the lines are the table's estimates scaled; only the break-even asks the core,
    # about the two models it compares
    assert sorted(pricing_calls) == ["flux-pro-1.1", "midjourney"]
    fresh = cost_vs_volume(scenario(), catalog, curves.models, curves.volumes)
    assert curves.series == fresh  # the same figures the core gives when asked afresh


def test_no_break_even_without_a_pay_per_use_model(catalog):
    sc = scenario().model_copy(update={"models": ["midjourney"], "baseline": None})
    curves = volume_curves(inputs(catalog, sc))
    assert curves.models == ["midjourney"] and curves.break_evens == []


def test_volume_range_holds_while_the_volume_moves_a_little(catalog):
    first = volume_curves(inputs(catalog))
    nudged = volume_curves(inputs(catalog, scenario(requests=1200)), first.x_range)
    assert nudged.x_range == first.x_range and nudged.images == 1200


def test_cheapest_cells_by_size_and_quality(catalog):
    ids = ["flux-pro-1.1", "ideogram-3.0", "recraft-v3", "dall-e-3"]
    grid = cheapest_cells(inputs(catalog, ids=ids), PRESETS)
    assert grid.qualities == ("low", "medium", "high")
    assert grid.row_labels == ("Square 1024×1024", "2K 2048×2048")
    assert grid.winners() == [
        ("1024x1024", "low", "ideogram-3.0"),  # $0.03 turbo
        ("1024x1024", "medium", "flux-pro-1.1"),  # $0.04, ties Recraft: the id decides
        ("1024x1024", "high", "flux-pro-1.1"),  # $0.04 against Ideogram's $0.09
        # 2048x2048 is beyond FLUX's and Recraft's largest size: Ideogram alone
        ("2048x2048", "low", "ideogram-3.0"),
        ("2048x2048", "medium", "ideogram-3.0"),
        ("2048x2048", "high", "ideogram-3.0"),
    ]
    assert grid.values()[0] == pytest.approx([0.03, 0.04, 0.04])
    assert grid.values()[1] == pytest.approx([0.03, 0.06, 0.09])
    assert grid.labels()[0] == "Ideogram 3.0\n$0.030 / image"
    assert "dall-e-3" not in {m for c in grid.cells for m in c.per_image}  # retired
    assert grid.outlined == (0, 1)  # 1024x1024, medium


def test_a_size_off_the_presets_gets_its_own_row_and_no_model_reads_as_such(catalog):
    ids = ["flux-pro-1.1", "recraft-v3"]
    grid = cheapest_cells(inputs(catalog, scenario(width=1536, height=1024), ids), PRESETS)
    assert grid.row_labels[-1] == "Your size 1536×1024" and grid.outlined == (2, 1)
    assert grid.labels()[3:6] == ["no model"] * 3  # 2048x2048: neither makes it
    assert all(math.isnan(v) for v in grid.values()[1])


def test_cells_are_priced_again_only_when_their_prices_can_change(catalog, pricing_calls):
    ids = ["flux-pro-1.1", "ideogram-3.0"]
    grid = cheapest_cells(inputs(catalog, ids=ids), PRESETS)
    priced = len(pricing_calls)
    assert priced == 2 * 2 * 3  # two models, two sizes, three qualities
    # the stage's quality only moves the outline
    high = cheapest_cells(inputs(catalog, scenario(quality="high"), ids), PRESETS, grid)
    assert len(pricing_calls) == priced and high.cells is grid.cells
    assert high.outlined == (0, 2) and high.shown != grid.shown
    wider = cheapest_cells(inputs(catalog, scenario(width=2048, height=2048), ids), PRESETS, grid)
    assert len(pricing_calls) > priced and wider.outlined == (1, 1)


def test_long_names_wrap_on_two_lines_at_most():
    assert fit_name("Ideogram 3.0", 3) == "Ideogram 3.0"
    wrapped = fit_name("Amazon Titan Image Generator v1 with a much longer name", 5)
    assert wrapped.count("\n") == 1 and wrapped.endswith("…")


def test_every_model_named_is_charted_or_said_to_be_apart(catalog):
    ci = inputs(catalog)
    drawn = {e.model for e in meter_bars(ci).shown}
    assert drawn == set(MODELS) - {"dall-e-3"}
