"""Every estimate is for a day: the scenario's "Plan from" date, else today.

Today is pinned where the core reads it (``imgcost_gui.core.calendar.today``),
so these tests say the same thing on any day they run.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel

from imgcost_gui.core import Scenario, Stage, UserCatalog, calendar, load_shipped_catalog
from imgcost_gui.core.catalog import Lifecycle, PriceCatalog
from imgcost_gui.ui.catalog.catalog_model import COL_CHECKED, COL_STATUS
from imgcost_gui.ui.comparison.comparison_model import (
    COL_MODEL,
    COL_PER_IMAGE,
    COL_TOTAL,
    COL_VS_CHEAPEST,
    COL_WARNINGS,
)
from imgcost_gui.ui.files import templates
from imgcost_gui.ui.scenario.stage_form import QUALITY_ITEMS

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    monkeypatch.setattr(calendar, "today", lambda: TODAY)
    return TODAY


def _view_rows(window) -> list[tuple[str, int | None, str, str]]:
    """(model id, rank, the figures' first cell, Notes) in the order the table shows them.

    A model not available on the day has one line over its figures, in "Per image".
    """
    proxy = window.comparison.proxy
    out = []
    for r in range(proxy.rowCount()):
        e = proxy.index(r, COL_MODEL).data(Qt.ItemDataRole.UserRole)
        row = window.comparison.model.rows[window.comparison.model.row_of(e.model)]
        out.append(
            (
                e.model,
                row.ranked.position,
                proxy.index(r, COL_PER_IMAGE).data(),
                proxy.index(r, COL_WARNINGS).data(),
            )
        )
    return out


def _cell(window, model_id: str, col: int, role=Qt.ItemDataRole.DisplayRole):
    model = window.comparison.model
    return model.index(model.row_of(model_id), col).data(role)


def _named(window, ids: list[str], plan_from: dt.date | None = None) -> None:
    window.doc.load(
        Scenario(
            name="Named models",
            stages=[Stage(requests=1000, quality="low")],
            models=ids,
            plan_from=plan_from,
        ),
        None,
    )
    _redraw(window)


def _redraw(window) -> None:
    window.recompute()
    window.flush_charts()
    if window.charts.tabs is not None:
        window.charts.tabs.update_all()  # every chart, not only the visible one


# --- 5. the example and the templates on 2026-12-01 -----------------------------------------


def test_the_example_does_not_rank_models_retired_today(today, window_factory):
    window = window_factory(charts=True)
    _redraw(window)
    catalog = window.catalog_doc.catalog
    rows = _view_rows(window)
    ranked = [model for model, rank, _, _ in rows if rank is not None]
    assert ranked, "the example ranks the models usable today"
    # GPT Image 1.5 and 1 Mini shut down on 2026-12-01: on that day they are not ranked at all
    for gone in ("gpt-image-1.5", "gpt-image-1-mini"):
        assert catalog.status(catalog.get(gone), TODAY) == "retired"
        assert gone not in ranked
    assert all(catalog.available(catalog.get(m), TODAY) for m in ranked)
    best = next(catalog.get(m) for m in ranked if catalog.get(m).api)
    assert window.comparison.summary.answer_words().startswith(f"Best API option: {best.name} ")
    words = window.comparison.summary.answer_words()
    assert "GPT Image 1 Mini " not in words and "GPT Image 1.5 " not in words
    # nor recommended in any cell of the cheapest-by-size chart
    cells = window.charts.tabs.cells.data()
    assert cells and not {best for _, _, best in cells} & {"gpt-image-1.5", "gpt-image-1-mini"}
    assert "Estimates as of today, 2026-12-01" in window.plan_status.text()


def test_no_template_ranks_a_model_retired_today(today, window_factory):
    window = window_factory()
    catalog = window.catalog_doc.catalog
    for name, path in templates():
        window.files.new_from_template(path)
        window.recompute()
        ranked = [m for m, rank, _, _ in _view_rows(window) if rank is not None]
        assert ranked, name
        retired = [m for m in ranked if not catalog.available(catalog.get(m), TODAY)]
        assert retired == [], name
        best = next(
            catalog.get(m)
            for m in ranked
            if catalog.get(m).api and not catalog.get(m).pricing.flat_fee
        )
        assert window.comparison.summary.answer_words().startswith(
            f"Best API option: {best.name} "
        ), name


# --- 2. a retired model named by the user is shown apart --------------------------------------


def test_a_named_retired_model_is_listed_apart_greyed_and_unranked(today, window_factory):
    window = window_factory()
    _named(window, ["gpt-image-1.5", "gpt-image-2", "gpt-image-1-mini"])
    rows = _view_rows(window)
    assert [m for m, _, _, _ in rows[:1]] == ["gpt-image-2"]
    assert rows[0][1] == 1
    apart = {m: (rank, figures) for m, rank, figures, _ in rows[1:]}
    assert apart == {
        "gpt-image-1.5": (None, "retired on 2026-12-01 · not ranked"),
        "gpt-image-1-mini": (None, "retired on 2026-12-01 · not ranked"),
    }
    table = window.comparison.table
    for r in (1, 2):  # one line over the figures, where a rank's numbers would be
        assert table.columnSpan(r, COL_PER_IMAGE) == COL_WARNINGS - COL_PER_IMAGE
    assert table.columnSpan(0, COL_PER_IMAGE) == 1
    grey = QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    for model in apart:
        assert _cell(window, model, COL_MODEL, Qt.ItemDataRole.ForegroundRole) == grey
        assert _cell(window, model, COL_TOTAL) == _cell(window, model, COL_VS_CHEAPEST) == ""
        assert "was retired on 2026-12-01" in _cell(
            window, model, COL_MODEL, Qt.ItemDataRole.ToolTipRole
        )
    # sorted either way, on any column, they stay after the ranked rows
    for column in (COL_TOTAL, COL_MODEL):
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            window.comparison.table.sortByColumn(column, order)
            assert [m for m, _, _, _ in _view_rows(window)][0] == "gpt-image-2"
            assert (
                table.columnSpan(2, COL_PER_IMAGE) > 1 and table.columnSpan(0, COL_PER_IMAGE) == 1
            )
    summary = window.comparison.summary.text()
    assert window.comparison.summary.answer_words().startswith("Best API option: GPT Image 2 ")
    assert "2 not available on the day, not ranked" in summary


def test_plan_from_the_day_before_ranks_them_with_a_shutdown_warning(today, window_factory):
    window = window_factory(charts=True)
    _named(window, ["gpt-image-1.5", "gpt-image-2", "gpt-image-1-mini"], dt.date(2026, 11, 30))
    rows = {m: (rank, notes) for m, rank, _, notes in _view_rows(window)}
    assert all(rank is not None for rank, _ in rows.values())
    assert "shuts down in 1 day, 2026-12-01" in rows["gpt-image-1-mini"][1]
    tip = _cell(window, "gpt-image-1-mini", COL_MODEL, Qt.ItemDataRole.ToolTipRole)
    assert "shuts down on 2026-12-01 (1 day left, inside this month)" in tip
    tip = _cell(window, "gpt-image-1-mini", COL_WARNINGS, Qt.ItemDataRole.ToolTipRole)
    assert "shuts down on 2026-12-01" in tip
    summary = window.comparison.summary.text()
    assert "per month from 2026-11-30" in summary
    assert window.comparison.summary.answer_words().startswith("Best API option: GPT Image 1 Mini ")
    assert "<b>it shuts down in 1 day, 2026-12-01</b>" in summary
    assert window.plan_status.text() == "Estimates as of 2026-11-30"
    # the charts follow the day: on 2026-11-30 the cheaper mini wins cells and has a line
    cells = window.charts.tabs.cells.data()
    assert "gpt-image-1-mini" in {best for _, _, best in cells}
    assert "gpt-image-1-mini" in window.charts.tabs.volume.lines
    # and on the shutdown day itself it is gone from both
    window.doc.set(("plan_from",), None)
    _redraw(window)
    assert "gpt-image-1-mini" not in {best for _, _, best in window.charts.tabs.cells.data()}
    assert set(window.charts.tabs.volume.lines) == {"gpt-image-2"}


# --- 1. the "Plan from" field -------------------------------------------------------------------


def test_plan_from_reads_today_until_set_and_undoes_like_any_field(today, window_factory):
    window = window_factory()
    panel = window.scenario_panel
    edit = panel.plan_from
    assert edit.text() == "Today (2026-12-01)"
    assert window.doc.scenario.plan_from is None
    assert not panel.plan_today.isEnabled()
    labels = [w for w in panel.findChildren(QLabel) if w.buddy() is edit]
    assert [w.text() for w in labels] == ["P&lan from:"]  # Alt+L (Alt+P is the Prices menu)

    edit.setDate(QDate(2027, 1, 15))
    assert window.doc.scenario.plan_from == dt.date(2027, 1, 15)
    assert edit.text() == "2027-01-15"
    assert panel.plan_today.isEnabled()
    assert window.plan_status.text() == "Estimates as of 2027-01-15"
    window.undo_action.trigger()
    assert window.doc.scenario.plan_from is None
    assert edit.text() == "Today (2026-12-01)"
    assert window.plan_status.text() == "Estimates as of today, 2026-12-01"
    window.redo_action.trigger()
    assert edit.text() == "2027-01-15"
    panel.plan_today.click()  # clearing it returns to today
    assert window.doc.scenario.plan_from is None
    assert edit.text() == "Today (2026-12-01)"
    # a step from "today" starts at today, not at the stand-in date behind it
    edit.stepBy(1)
    assert window.doc.scenario.plan_from == TODAY


def test_the_models_tab_shows_status_as_of_the_plan_day(today, window_factory):
    window = window_factory()
    picker = window.model_picker

    def item(model_id):
        tree = picker.tree
        for i in range(tree.topLevelItemCount()):
            it = tree.topLevelItem(i)
            if it.data(0, Qt.ItemDataRole.UserRole) == model_id:
                return it
        raise KeyError(model_id)

    assert item("gpt-image-1-mini").isHidden()  # retired today, not asked for
    picker.show_retired.setChecked(True)
    assert item("gpt-image-1-mini").text(2) == "retired 2026-12-01"
    window.doc.set(("plan_from",), dt.date(2026, 11, 1))
    mini = item("gpt-image-1-mini")
    assert mini.text(2) == "until 2026-12-01"
    assert "Shuts down on 2026-12-01 (30 days left)" in mini.toolTip(2)
    assert mini.checkState(0) == Qt.CheckState.Checked  # available then: compared


# --- 3. the quality ladder -----------------------------------------------------------------------


def test_quality_offers_the_five_levels_and_auto_with_tips(window):
    form = window.scenario_panel.form
    texts = [form.quality.itemText(i) for i in range(form.quality.count())]
    values = [form.quality.itemData(i) for i in range(form.quality.count())]
    assert values == ["low", "medium", "high", "xhigh", "max", "auto"]
    assert texts[3] == "Extra high (xhigh)" and texts[4] == "Max"
    for combo in (form.quality, form.auto_assumes):
        for level in ("xhigh", "max"):
            tip = combo.itemData(combo.findData(level), Qt.ItemDataRole.ToolTipRole)
            assert "GPT Image 2.5 and later" in tip
    assert [form.auto_assumes.itemData(i) for i in range(form.auto_assumes.count())] == values[:-1]
    form.quality.setCurrentIndex(form.quality.findData("xhigh"))
    assert window.doc.scenario.stages[0].quality == "xhigh"


def test_the_size_grid_has_xhigh_and_max_only_for_models_that_offer_them(today, charted_window):
    window = charted_window
    cells = window.charts.tabs.cells
    window.charts.tabs.setCurrentWidget(cells)

    def columns():
        _redraw(window)
        return [t.get_text() for t in cells.ax.get_xticklabels()]

    window.doc.set(("models",), ["gpt-image-2", "flux-2-pro"])
    assert columns() == ["low quality", "medium quality", "high quality"]
    assert window.catalog_doc.catalog.get("gpt-image-2.5-flare").quality_levels[-2:] == (
        "xhigh",
        "max",
    )
    window.doc.set(("models",), ["gpt-image-2", "flux-2-pro", "gpt-image-2.5-flare"])
    assert columns() == [
        "low quality",
        "medium quality",
        "high quality",
        "xhigh quality",
        "max quality",
    ]
    assert {q for _, q, _ in cells.data()} == {"low", "medium", "high", "xhigh", "max"}


# --- 4. the Prices page: status and the age of each price -------------------------------------


def _small_catalog() -> PriceCatalog:
    """Three shipped models, with dates set here so the expected text is known."""
    shipped = load_shipped_catalog()
    gpt = shipped.get("gpt-image-2")
    old = gpt.pricing.rates.source.model_copy(update={"checked": dt.date(2026, 7, 1)})
    rates = gpt.pricing.rates.model_copy(update={"source": old})
    gpt = gpt.model_copy(update={"pricing": gpt.pricing.model_copy(update={"rates": rates})})
    flux = shipped.get("flux-2-pro")
    fresh = flux.pricing.source.model_copy(update={"checked": dt.date(2026, 11, 20)})
    flux = flux.model_copy(
        update={
            "lifecycle": Lifecycle(
                deprecated_on=dt.date(2026, 11, 1), retired_on=dt.date(2027, 1, 20)
            ),
            "pricing": flux.pricing.model_copy(update={"source": fresh}),
        }
    )
    gone = shipped.get("gpt-image-1-mini")  # retired today, its old prices not counted
    return PriceCatalog(checked=dt.date(2026, 11, 20), models=[gpt, flux, gone])


def test_old_prices_are_marked_and_counted(today, window_factory):
    window = window_factory(user=UserCatalog(_small_catalog()))
    model = window.catalog_editor.model
    gpt_rows = [i for i, r in enumerate(model.rows) if r.entry.id == "gpt-image-2"]
    assert len(gpt_rows) == 5
    for i in gpt_rows:
        assert model.index(i, COL_CHECKED).data() == "⚠ 2026-07-01"
        tip = model.index(i, COL_CHECKED).data(Qt.ItemDataRole.ToolTipRole)
        assert "Checked 2026-07-01, 153 days ago" in tip  # July to November: 31 + 31 + 30 + 31 + 30
    flux = next(i for i, r in enumerate(model.rows) if r.entry.id == "flux-2-pro")
    assert model.index(flux, COL_CHECKED).data() == "2026-11-20"
    assert window.old_prices_status.text() == "⚠ 5 prices checked over 90 days ago"
    # a price the user set is the user's: nobody else checks it
    key = model.rows[gpt_rows[0]].field.path
    window.catalog_doc.set_price("gpt-image-2", key, model.rows[gpt_rows[0]].field.value + 1)
    assert window.old_prices_status.text() == "⚠ 4 prices checked over 90 days ago"


def test_the_prices_page_shows_status_and_dates(today, window_factory):
    window = window_factory(user=UserCatalog(_small_catalog()))
    model = window.catalog_editor.model
    flux = next(i for i, r in enumerate(model.rows) if r.entry.id == "flux-2-pro")
    assert model.index(flux, COL_STATUS).data() == "shuts down 2027-01-20"
    tip = model.index(flux, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Deprecated on 2026-11-01" in tip
    assert "Shuts down on 2027-01-20 (50 days left)" in tip
    gpt = next(i for i, r in enumerate(model.rows) if r.entry.id == "gpt-image-2")
    assert model.index(gpt, COL_STATUS).data() == ""
    mini = next(i for i, r in enumerate(model.rows) if r.entry.id == "gpt-image-1-mini")
    assert model.index(mini, COL_STATUS).data() == "retired 2026-12-01"


def test_quality_items_cover_the_core_ladder():
    from imgcost_gui.core.catalog import QUALITIES

    assert [v for _, v in QUALITY_ITEMS] == [*QUALITIES, "auto"]
