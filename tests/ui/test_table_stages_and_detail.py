"""The comparison table as a designer reads it: a mark by each name, the strip under
the table with the selected model in full, and each model opened to its stages."""

from __future__ import annotations

import csv
import html
import io

import pytest
from PySide6.QtCore import QPoint, Qt

from imgcost_gui.ui.comparison.comparison_model import (
    COL_MODEL,
    COL_PROVIDER,
    COL_TIME,
    COL_TOTAL,
    STAGE_ROLE,
    STATUS_ROLE,
)


def _money(text: str) -> float:
    return float(text.replace("$", "").replace(",", "").replace("≈", "").strip())


def _view_row(panel, model_id: str) -> int:
    line = panel.model.row_of(model_id)
    return panel.proxy.mapFromSource(panel.model.index(line, 0)).row()


def test_each_name_carries_a_mark_by_what_it_needs_you_to_know(window):
    panel = window.comparison
    marks = {r.estimate.model: r for r in panel.model.rows}
    assert panel.model.index(panel.model.row_of("midjourney"), COL_MODEL).data(STATUS_ROLE) == (
        "warning"  # no public API
    )
    for model_id, row in marks.items():
        mark = panel.model.index(panel.model.row_of(model_id), COL_MODEL).data(STATUS_ROLE)
        if not row.estimate.available:
            assert mark == "unavailable"
        elif any(n.severity != "info" for n in row.estimate.all_notices):
            assert mark == "warning"


def test_the_strip_under_the_table_tells_the_selected_model_in_full(window):
    panel = window.comparison
    strip = panel.detail.text
    assert "Select a model" in strip.text()
    assert strip.wordWrap()
    assert strip.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    warned = next(
        r
        for r in panel.model.rows
        if r.estimate.available and any(len(w) > 40 for w in r.estimate.warnings)
    )
    panel.select_model(warned.estimate.model)
    shown = strip.text()
    for message in warned.estimate.warnings:  # in full, not cut to a few words
        assert html.escape(message, quote=False) in shown
    for stage in warned.estimate.stages:
        assert html.escape(stage.stage, quote=False) in shown
    panel.table.clearSelection()
    assert "Select a model" in strip.text()


def test_a_model_opens_to_its_stages_which_stay_under_it_whatever_the_sort(window, qtbot):
    panel = window.comparison
    table, proxy = panel.table, panel.proxy
    stages = [s.name for s in window.doc.scenario.stages]
    assert len(stages) > 1
    panel.select_model("gpt-image-2")
    table.setFocus()
    table.setCurrentIndex(proxy.index(_view_row(panel, "gpt-image-2"), COL_TOTAL))
    qtbot.keyClick(table, Qt.Key.Key_Right)
    for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
        table.sortByColumn(COL_TOTAL, order)
        top = _view_row(panel, "gpt-image-2")
        lines = [proxy.index(top + 1 + j, COL_MODEL) for j in range(len(stages))]
        assert [i.data() for i in lines] == stages
        assert [i.data(STAGE_ROLE) for i in lines] == list(range(len(stages)))
        # what the stages cost per month adds up to the model's total
        total = _money(proxy.index(top, COL_TOTAL).data())
        parts = [_money(proxy.index(top + 1 + j, COL_TOTAL).data()) for j in range(len(stages))]
        assert abs(sum(parts) - total) <= 0.005 * len(stages)
        assert proxy.index(top + 1, COL_PROVIDER).data().endswith("images")
    # Left on a stage goes back to its model; Left again closes it
    table.setCurrentIndex(proxy.index(_view_row(panel, "gpt-image-2") + 2, COL_MODEL))
    qtbot.keyClick(table, Qt.Key.Key_Left)
    assert table.currentIndex().row() == _view_row(panel, "gpt-image-2")
    qtbot.keyClick(table, Qt.Key.Key_Left)
    below = proxy.index(_view_row(panel, "gpt-image-2") + 1, COL_MODEL)
    assert below.data(STAGE_ROLE) is None


def test_show_stages_opens_every_model_and_the_export_has_a_column_per_stage(window, tmp_path):
    panel = window.comparison
    models = panel.model.rowCount()
    available = sum(r.estimate.available for r in panel.model.rows)
    stages = [s.name for s in window.doc.scenario.stages]
    panel.detail.show_stages.setChecked(True)
    assert panel.model.rowCount() == models + available * len(stages)
    window.recompute()  # a recompute keeps them open
    assert panel.model.rowCount() == models + available * len(stages)
    path = tmp_path / "comparison.csv"
    panel.export_csv(path)
    table = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(table) == models  # a row per model, its stages as columns
    gpt = next(r for r in table if r["Model id"] == "gpt-image-2")
    per_stage = [float(gpt[f"{name} (USD)"]) for name in stages]
    assert abs(sum(per_stage) - float(gpt["Per month (USD)"])) < 1e-6
    panel.detail.show_stages.setChecked(False)
    assert panel.model.rowCount() == models


def test_time_sits_beside_the_cost_and_says_how_to_get_one(window):
    panel = window.comparison
    header = panel.table.horizontalHeader()
    assert header.visualIndex(COL_TIME) == header.visualIndex(COL_TOTAL) + 1
    index = panel.model.index(panel.model.row_of("gpt-image-2"), COL_TIME)
    assert index.data() == "—"
    assert "usage tier" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_a_click_on_the_arrow_opens_a_model_and_the_selection_follows_a_reorder(window, qtbot):
    panel = window.comparison
    table, proxy = panel.table, panel.proxy
    line = _view_row(panel, "gpt-image-2")
    rect = table.visualRect(proxy.index(line, COL_MODEL))
    qtbot.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 6, rect.center().y())
    )
    assert proxy.index(line + 1, COL_MODEL).data(STAGE_ROLE) == 0
    panel.select_model("gpt-image-2")
    # a change that reorders the models: the selection stays on its model
    quality = window.scenario_panel.form.quality
    quality.setCurrentIndex(quality.findData("high"))
    window.recompute()
    (selected,) = panel.selected_estimates()
    assert selected.model == "gpt-image-2"
    assert "GPT Image 2" in panel.detail.text.text()


def test_the_model_with_its_stages_open_passes_the_model_tester(window, qtmodeltester):
    panel = window.comparison
    panel.detail.show_stages.setChecked(True)
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)


def test_time_sorts_by_duration_with_the_unknown_last_either_way(qtbot):
    from imgcost_gui.core import Scenario, Stage, load_shipped_catalog
    from imgcost_gui.ui.comparison.comparison_model import ComparisonModel, ComparisonProxy
    from imgcost_gui.workspace.comparison import GROUP_RANKED, compare

    sc = Scenario(stages=[Stage(requests=2000, quality="low")], tiers={"OpenAI": "2"})
    model = ComparisonModel()
    model.set_rows(compare(sc, load_shipped_catalog(), None), sc.period, False)
    proxy = ComparisonProxy()
    proxy.setSourceModel(model)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        proxy.sort(COL_TIME, order)
        ranked = [
            model.rows[i].estimate.duration_s
            for i in range(len(model.rows))
            if model.rows[i].group == GROUP_RANKED
        ]
        known = [d for d in ranked if d is not None]
        assert known and len(known) < len(ranked)  # some times known, some not
        assert ranked[: len(known)] == sorted(known, reverse=order == Qt.SortOrder.DescendingOrder)
        assert all(d is None for d in ranked[len(known) :])  # the unknown last


def test_the_detail_strip_shows_whole_lines_never_the_top_of_the_next(window):
    strip = window.comparison.detail
    label = strip.text

    def height(lines: int) -> int:
        label.setText("<br>".join(["Xg"] * lines))
        return label.heightForWidth(400)

    pitch = height(4) - height(3)
    shown = (strip.area.viewport().height() - label.contentsMargins().top()) / pitch
    assert shown == pytest.approx(3, abs=0.1)  # three whole lines; the rest scrolls
