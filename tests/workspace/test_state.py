"""The workspace: one state object, one change callback, and an edit re-prices only
what it changed."""

from __future__ import annotations

import pytest

from imgcost_gui.core import Stage
from imgcost_gui.workspace.state import Workspace

from .conftest import MODELS, scenario


def test_an_edit_tells_the_listener_and_prices_again_only_the_stage_it_changed(catalog):
    heard = []
    sc = scenario()
    sc.stages.append(Stage(name="Finals", requests=200, quality="high"))
    ws = Workspace(sc, catalog, on_change=heard.append)
    first = ws.rows
    assert ws.rows is first  # asked twice, priced once
    priced = ws.memo.misses
    edited = sc.model_copy(deep=True)
    edited.stages[1].requests = 400
    ws.set_scenario(edited)
    assert heard == ["scenario"]
    rows = ws.rows
    # one stage changed on four stage-priced models; the subscription prices the whole scenario
    assert ws.memo.misses - priced == 4 + 1
    finals = {r.estimate.model: r.estimate.stages[1].total_usd for r in rows}
    assert finals["flux-pro-1.1"] == pytest.approx(400 * 0.04)
    assert finals["ideogram-3.0"] == pytest.approx(400 * 0.09)


def test_selecting_a_stage_moves_the_charts_not_the_table(catalog):
    heard = []
    sc = scenario()
    sc.stages.append(Stage(name="Finals", requests=200, quality="high"))
    ws = Workspace(sc, catalog, on_change=heard.append)
    rows, charts = ws.rows, ws.charts
    ws.select_stage(1)
    assert heard == ["stage"]
    assert ws.rows is rows
    assert ws.charts is not charts and ws.charts.stage.name == "Finals"
    assert ws.charts.rows is rows  # the charts draw the table's estimates
    ws.select_stage(1)
    assert heard == ["stage"]  # no change, no call


def test_models_and_catalog_changes_reprice(catalog):
    heard = []
    ws = Workspace(scenario(), catalog, on_change=heard.append)
    assert [r.estimate.model for r in ws.rows] == MODELS
    ws.set_models(["flux-pro-1.1"])
    assert [r.estimate.model for r in ws.rows] == ["flux-pro-1.1"]
    ws.set_catalog(catalog)
    assert heard == ["models", "catalog"]
    assert "best API option: <b>FLUX1.1 [pro]</b> at <b>$40.00</b>" in ws.summary
