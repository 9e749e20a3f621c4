"""The table models on their own, and under pytest-qt's model tester."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from imgcost_gui.core import Scenario, Stage, UserCatalog, load_shipped_catalog
from imgcost_gui.ui.catalog.catalog_document import CatalogDocument
from imgcost_gui.ui.catalog.catalog_model import (
    COL_VALUE,
    CatalogFilter,
    CatalogTableModel,
    parse_price,
)
from imgcost_gui.ui.comparison.comparison_model import (
    COL_MODEL,
    COL_TOTAL,
    SORT_ROLE,
    ComparisonModel,
    ComparisonProxy,
)
from imgcost_gui.workspace.comparison import compare


def _rows(budget: str | None = "100"):
    scenario = Scenario(
        stages=[Stage(requests=500, width=3840, height=2160, quality="high")],
        baseline="gpt-image-2",
        budget_usd=Decimal(budget) if budget else None,
    )
    return scenario, compare(scenario, load_shipped_catalog(), None)


def test_comparison_model_passes_modeltester(qtmodeltester):
    scenario, rows = _rows()
    model = ComparisonModel()
    model.set_rows(rows, scenario.period, True)
    qtmodeltester.check(model)
    proxy = ComparisonProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_TOTAL)
    qtmodeltester.check(proxy)


def test_comparison_rows_carry_the_core_estimate_and_sort_unavailable_last():
    scenario, rows = _rows()
    model = ComparisonModel()
    model.set_rows(rows, scenario.period, True)
    estimate = model.index(0, COL_MODEL).data(Qt.ItemDataRole.UserRole)
    assert estimate is rows[0].estimate
    proxy = ComparisonProxy()
    proxy.setSourceModel(model)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        proxy.sort(COL_TOTAL, order)
        last = proxy.index(proxy.rowCount() - 1, COL_MODEL).data(Qt.ItemDataRole.UserRole)
        assert not last.complete  # 4K is not offered by every model
    proxy.sort(COL_TOTAL, Qt.SortOrder.AscendingOrder)
    first = proxy.index(0, COL_TOTAL).data(SORT_ROLE)
    second = proxy.index(1, COL_TOTAL).data(SORT_ROLE)
    assert first <= second


def test_same_models_update_in_place(qtbot):
    scenario, rows = _rows()
    model = ComparisonModel()
    model.set_rows(rows, scenario.period, True)
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.set_rows(rows, scenario.period, True)


def test_catalog_model_passes_modeltester(qtmodeltester):
    doc = CatalogDocument(UserCatalog(load_shipped_catalog()))
    model = CatalogTableModel(doc)
    qtmodeltester.check(model)
    proxy = CatalogFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(needle="flux")
    assert 0 < proxy.rowCount() < model.rowCount()
    qtmodeltester.check(proxy)


def test_catalog_model_refuses_bad_prices_and_marks_overrides(qtbot):
    doc = CatalogDocument(UserCatalog(load_shipped_catalog()))
    model = CatalogTableModel(doc)
    index = model.index(0, COL_VALUE)
    shipped = index.data()
    # "1e400000" is a number, but no price: the core refuses it and the cell keeps its price
    for bad in ("-1", "abc", "", "nan", "inf", "1e400000"):
        assert not model.setData(index, bad)
    assert index.data() == shipped
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(index, "1.25")
    assert model.index(0, COL_VALUE).data() == "1.25"
    assert model.index(0, COL_VALUE).data(Qt.ItemDataRole.FontRole).bold()
    assert shipped in model.index(0, COL_VALUE).data(Qt.ItemDataRole.ToolTipRole)


def test_parse_price():
    assert parse_price("0.04") == Decimal("0.04")
    assert parse_price("0,12") == Decimal("0.12")  # a decimal comma is a decimal mark
    assert parse_price("1,234.50") == parse_price("1.234,50") == Decimal("1234.50")
    assert parse_price("1,000,000") == Decimal("1000000")
    assert parse_price("-0.01") is None
    assert parse_price("1e400000") == Decimal(
        "1E+400000"
    )  # a number; whether a price, the core's call
    assert parse_price("snan") is None
