"""The form edits one Scenario through undoable commands; the comparison and charts follow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from imgcost_gui.ui.scenario.document import ScenarioDocument


def test_a_stage_edit_changes_the_chart_data(charted_window, qtbot):
    window = charted_window
    chart = window.charts.tabs.meters
    before = chart.data()
    total_before = sum(sum(v) for v in before.values())
    spin = window.scenario_panel.form.requests
    spin.selectAll()
    qtbot.keyClicks(spin, "2000")
    assert window.doc.scenario.stages[0].requests == 2000
    qtbot.waitUntil(lambda: chart.data() != before, timeout=2000)
    assert sum(sum(v) for v in chart.data().values()) > total_before


def test_size_and_quality_move_the_cheapest_cell_marker(charted_window, qtbot):
    window = charted_window
    window.charts.tabs.setCurrentWidget(window.charts.tabs.cells)
    cells = window.charts.tabs.cells
    form = window.scenario_panel.form
    form.preset.setCurrentIndex(4)
    form.preset.activated.emit(4)  # as if the user picked "4K"
    assert (window.doc.scenario.stages[0].width, window.doc.scenario.stages[0].height) == (
        3840,
        2160,
    )
    window.recompute()
    window.flush_charts()
    first_4k = 4 * len(cells.qualities)  # the fifth row, low quality
    assert cells.data()[first_4k][:2] == ("3840x2160", "low")
    assert cells.marker.get_xy() == (-0.5, 3.5)
    assert "of" in form.accepted.text()  # 4K is not offered by every model


def test_undo_restores_field_and_widget(window, qtbot):
    form = window.scenario_panel.form
    start = window.doc.scenario.stages[0].quality
    form.quality.setCurrentIndex(form.quality.findData("high"))
    assert window.doc.scenario.stages[0].quality == "high"
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert window.doc.scenario.stages[0].quality == start
    assert form.quality.currentData() == start
    assert not window.isWindowModified()


def test_typing_merges_into_one_undo_step(window, qtbot):
    spin = window.scenario_panel.form.prompt
    spin.selectAll()
    qtbot.keyClicks(spin, "1234")
    assert window.doc.scenario.stages[0].prompt_tokens == 1234
    assert window.doc.undo_stack.count() == 1
    window.undo_action.trigger()
    assert window.doc.scenario.stages[0].prompt_tokens == 150


def test_stage_list_add_duplicate_rename_move_remove(window, qtbot):
    panel = window.scenario_panel
    stages = lambda: [s.name for s in window.doc.scenario.stages]  # noqa: E731
    start = stages()
    panel.duplicate_button.click()
    assert stages() == [start[0], f"{start[0]} copy", *start[1:]]
    assert panel.current_stage == 1
    panel.stages.item(1).setText("Retouch")
    assert stages()[1] == "Retouch"
    panel.stages.item(1).setText(start[0])  # a duplicate name is refused, not stored
    assert stages()[1] == "Retouch"
    assert panel.stages.item(1).text() == "Retouch"
    panel.up_button.click()
    assert stages()[:2] == ["Retouch", start[0]]
    panel.add_button.click()
    assert len(stages()) == len(start) + 2
    panel.remove_button.click()
    panel.remove_button.click()
    assert len(stages()) == len(start)
    for _ in range(
        6
    ):  # duplicate, rename, move, add, remove, remove (the refused rename is not a step)
        window.undo_action.trigger()
    assert stages() == start


def test_jobs_mode_and_advanced_fields_reach_the_core(window, qtbot):
    form = window.scenario_panel.form
    form.count_by.setCurrentIndex(1)
    stage = window.doc.scenario.stages[0]
    assert stage.jobs == 1000 and stage.images_per_job == 1
    form.per_job.setValue(3)
    assert window.doc.scenario.stages[0].requests_per_period == 3000
    form.advanced.set_open(True)
    form.advanced.cached_text.setValue(25)
    form.advanced.failures.setValue(10)
    form.advanced.responses_on.setChecked(True)
    form.advanced.resp_in.setValue(500)
    stage = window.doc.scenario.stages[0]
    assert stage.cached_text_share == 0.25 and stage.failure_rate == 0.1
    assert stage.responses is not None and stage.responses.input_tokens == 500
    form.measured_on.setChecked(True)
    assert window.doc.scenario.stages[0].references.measured_tokens == 0


def test_model_picker_and_baseline(window, qtbot):
    picker = window.model_picker
    picker.vendor.setCurrentText("Black Forest Labs")
    visible = [picker.tree.topLevelItem(i) for i in range(picker.tree.topLevelItemCount())]
    visible = [i for i in visible if not i.isHidden()]
    assert visible and all(
        window.catalog_doc.catalog.get(i.data(0, Qt.ItemDataRole.UserRole)).vendor
        == "Black Forest Labs"
        for i in visible
    )
    picker._check_shown(False)
    compared = {e.id for e in picker.entries()}
    assert not compared & {i.data(0, Qt.ItemDataRole.UserRole) for i in visible}
    window.recompute()
    assert window.comparison.model.row_of("flux-2-pro") is None
    picker.set_baseline("gemini-3-pro-image")
    window.recompute()
    row = window.comparison.model.rows[window.comparison.model.row_of("gemini-3-pro-image")]
    assert row.is_baseline and row.ranked.vs_baseline_usd == 0


def test_budget_shows_images_within_it(window, qtbot):
    window.comparison.budget.setValue(100)
    window.recompute()
    assert not window.comparison.table.isColumnHidden(6)
    rows = window.comparison.model.rows
    assert any(r.within_budget for r in rows)
    assert any(r.over_budget for r in rows)


def test_document_refuses_invalid_values_without_touching_history():
    doc = ScenarioDocument()
    with pytest.raises(ValueError):
        doc.set(("stages", 0, "width"), 0)
    with pytest.raises(ValueError):
        doc.set(("stages", 0, "name"), "")
    assert doc.undo_stack.count() == 0


def test_edits_that_change_nothing_leave_the_scenario_unmodified(window, qtbot):
    form = window.scenario_panel.form
    form.preset.activated.emit(form.preset.currentIndex())  # the preset already shown
    window.left_tabs.setCurrentWidget(window.model_picker)
    qtbot.mouseClick(window.model_picker.check_all, Qt.MouseButton.LeftButton)  # all are checked
    assert window.doc.undo_stack.count() == 0
    assert not window.isWindowModified()
    assert not window.undo_action.isEnabled()


def test_renaming_an_untitled_scenario_renames_the_window(window, qtbot):
    assert window.doc.path is None
    name = window.scenario_panel.name
    name.setFocus()
    name.end(False)
    qtbot.keyClicks(name, " v2")
    assert window.windowTitle().startswith("Campaign: drafts then finals v2")
    window.undo_action.trigger()
    assert window.windowTitle().startswith("Campaign: drafts then finals[*]")


def _wheel(widget, steps: int = 1) -> bool:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    event = QWheelEvent(
        QPointF(5, 5),
        QPointF(widget.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_the_wheel_scrolls_past_fields_it_is_not_focused_on(window, qtbot):
    form = window.scenario_panel.form
    stage = window.doc.scenario.stages[0]
    requests, size = stage.requests, (stage.width, stage.height)
    window.scenario_panel.name.setFocus()
    for field in (form.requests, form.preset, form.quality, window.scenario_panel.period):
        assert field.focusPolicy() == Qt.FocusPolicy.StrongFocus
        assert not _wheel(field, 3)  # handed on to the scroll area
    stage = window.doc.scenario.stages[0]
    assert (stage.requests, (stage.width, stage.height)) == (requests, size)
    assert window.doc.undo_stack.count() == 0
    form.requests.setFocus()
    qtbot.waitUntil(form.requests.hasFocus)
    assert _wheel(form.requests)
    assert window.doc.scenario.stages[0].requests > requests


def test_the_size_preset_always_names_the_actual_size(window, qtbot):
    form = window.scenario_panel.form
    assert form.preset.currentText().startswith("Square")
    form.preset.setCurrentIndex(form.preset.count() - 1)
    form.preset.activated.emit(form.preset.count() - 1)  # "Custom size": type one
    assert form.preset.currentText().startswith("Square")  # until the size changes
    form.width_.setValue(1200)
    assert form.preset.currentText() == "Custom size"
    form.width_.setValue(1536)
    assert form.preset.currentText().startswith("Landscape")
    window.undo_action.trigger()  # the two width edits merged into one step
    assert form.preset.currentText().startswith("Square")


def test_undo_shows_the_stage_it_changed(window, qtbot):
    panel = window.scenario_panel
    names = [s.name for s in window.doc.scenario.stages]
    panel.select_stage(0)
    panel.down_button.click()
    assert panel.current_stage == 1 and panel.stage_title.text() == f"Stage “{names[0]}”"
    window.undo_action.trigger()
    assert [s.name for s in window.doc.scenario.stages] == names
    assert panel.current_stage == 0 and panel.stages.currentRow() == 0
    assert panel.stage_title.text() == f"Stage “{names[0]}”"
    window.redo_action.trigger()
    assert panel.current_stage == 1 and panel.stage_title.text() == f"Stage “{names[0]}”"
    window.undo_action.trigger()
    # an edit to another stage brings that stage back into view when undone
    panel.select_stage(2)
    panel.form.requests.setValue(777)
    panel.select_stage(0)
    window.undo_action.trigger()
    assert panel.current_stage == 2 and panel.form.requests.value() != 777
