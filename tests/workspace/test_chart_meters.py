"""The meter chart's words: a range where 'auto' makes one, and how many models have no bar."""

from __future__ import annotations

import pytest

from imgcost_gui.workspace.charts import ChartInputs, meter_bars
from imgcost_gui.workspace.comparison import compare

from .conftest import scenario


def bars_for(catalog, sc, limit=12):
    return meter_bars(ChartInputs(sc, catalog, None, compare(sc, catalog, None), 0), limit)


def test_auto_quality_draws_a_range_with_both_ends_in_its_label(catalog):
    bars = bars_for(catalog, scenario(quality="auto"))
    ideogram = [e.model for e in bars.shown].index("ideogram-3.0")
    # 1,000 images at Ideogram's $0.03 (low) to $0.09 (high), priced as medium ($0.06)
    assert bars.ranges[ideogram] == pytest.approx((30.0, 90.0))
    assert bars.totals[ideogram] == pytest.approx(60.0)
    assert bars.value_label(ideogram) == "$30.00–$90.00"
    assert bars.value_end(ideogram) == pytest.approx(90.0)  # its label goes after the range
    assert bars.extent == pytest.approx(90.0)
    # FLUX has one price for every quality: no range, its total alone
    flux = [e.model for e in bars.shown].index("flux-pro-1.1")
    assert bars.ranges[flux] is None and bars.value_label(flux) == "$40.00"


def test_a_budget_inside_the_range_is_drawn_on_the_scale(catalog):
    # $130 is beyond 1.6 x the $60 point but within 1.6 x the $90 top of the range
    bars = bars_for(catalog, scenario(budget="130", quality="auto"))
    assert bars.budget_on_scale and bars.extent == pytest.approx(130)


def test_models_without_a_bar_are_counted(catalog):
    # four models can run it (DALL-E 3 is retired); two bars leave two in the table
    bars = bars_for(catalog, scenario(), limit=2)
    assert bars.more == 2 and bars.more_words == "+2 more in the table"
    assert bars_for(catalog, scenario()).more_words == ""
