"""The volume chart's words and values: units, where each line crosses your volume."""

from __future__ import annotations

import math

import pytest

from imgcost_gui.workspace.charts import ChartInputs
from imgcost_gui.workspace.comparison import compare
from imgcost_gui.workspace.volume import volume_curves

from .conftest import scenario

# Basic $10 with 3.3 fast hours; 1,000 images take 1,000/240 hours, the rest at $4 an hour
MIDJOURNEY_1000 = 10 + (1000 / 240 - 3.3) * 4


def curves_for(catalog, sc=None):
    sc = sc or scenario()
    return volume_curves(ChartInputs(sc, catalog, None, compare(sc, catalog, None), 0))


def test_each_line_crosses_your_volume_at_the_tables_figure(catalog):
    curves = curves_for(catalog)
    assert curves.images == 1000
    assert curves.at_your_volume == pytest.approx(
        {
            "flux-pro-1.1": 1000 * 0.04,
            "recraft-v3": 1000 * 0.04,
            "ideogram-3.0": 1000 * 0.06,
            "midjourney": MIDJOURNEY_1000,
        }
    )


def test_axis_and_marker_words_carry_their_units(catalog):
    curves = curves_for(catalog)
    assert curves.unit == "USD per month"
    assert curves.volume_words == "your volume: 1,000 images/month"
    weekly = curves_for(catalog, scenario().model_copy(update={"period": "week"}))
    assert weekly.unit == "USD per week"
    (dot,) = weekly.break_evens
    # Basic's $10 a month is $10 x 7 / 30.4375 = $2.30 a week: 57.5 images at $0.04
    assert math.ceil(10 * 7 / (365.25 / 12) / 0.04) == 58
    assert weekly.note(dot).endswith("above 58 images/week")
