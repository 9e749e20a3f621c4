"""The scenario's Time group: usage tier per vendor, requests at once, finish within (issue 12)."""

from __future__ import annotations

from imgcost_gui.core import Scenario

#: OpenAI's usage tiers as its rate-limits page names them.
OPENAI_TIERS = ["Free", "Tier 1", "Tier 2", "Tier 3", "Tier 4", "Tier 5"]


def _items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_openai_tier_offers_the_vendors_tier_names(window):
    time = window.scenario_panel.time
    box = time.tier_boxes["OpenAI"]
    assert _items(box) == ["Not set", *OPENAI_TIERS]
    assert box.currentText() == "Not set"
    label = time.tier_labels["OpenAI"]
    assert label.text().replace("&", "") == "OpenAI tier:"
    assert label.buddy() is box
    assert "how long the work takes" in box.toolTip()
    assert "Free, Tier 1, Tier 2, Tier 3, Tier 4, Tier 5" in box.toolTip()


def test_setting_a_tier_changes_the_scenario_and_undo_takes_it_back(window):
    box = window.scenario_panel.time.tier_boxes["OpenAI"]
    box.setCurrentIndex(box.findText("Tier 3"))
    assert window.doc.scenario.tiers == {"OpenAI": "3"}
    assert window.isWindowModified()
    window.undo_action.trigger()
    assert window.doc.scenario.tiers == {}
    assert box.currentText() == "Not set"
    window.redo_action.trigger()
    assert box.currentText() == "Tier 3"
    box.setCurrentIndex(box.findText("Not set"))  # back to unknown: the vendor is dropped
    assert window.doc.scenario.tiers == {}


def test_a_tier_written_another_way_in_a_file_is_shown_and_replaced(window):
    window.doc.load(Scenario(tiers={"openai": "tier 2", "Acme": "gold"}), None)
    box = window.scenario_panel.time.tier_boxes["OpenAI"]
    assert box.currentText() == "Tier 2"
    box.setCurrentIndex(box.findText("Tier 4"))
    assert window.doc.scenario.tiers == {"Acme": "gold", "OpenAI": "4"}


def test_requests_at_once_reads_as_many_as_allowed_until_set(window):
    spin = window.scenario_panel.time.parallel
    assert window.doc.scenario.parallel_requests is None
    assert spin.text() == "As many as allowed"
    spin.setValue(8)
    assert window.doc.scenario.parallel_requests == 8
    assert spin.text() == "8 at once"
    spin.setValue(0)
    assert window.doc.scenario.parallel_requests is None
    assert "latency" in spin.toolTip()


def test_finish_within_is_unset_by_default_and_undoable(window):
    spin = window.scenario_panel.time.finish_within
    assert window.doc.scenario.finish_within_hours is None
    assert spin.text() == "No limit"
    spin.setValue(36)
    assert window.doc.scenario.finish_within_hours == 36.0
    assert spin.text() == "36.0 hours"
    window.undo_action.trigger()
    assert window.doc.scenario.finish_within_hours is None
    assert spin.text() == "No limit"
    assert "cheapest option that finishes in time" in spin.toolTip()


def test_without_a_vendor_that_has_tiers_the_group_says_so(window):
    time = window.scenario_panel.time
    flux = [e for e in window.model_picker.entries() if e.vendor == "Black Forest Labs"]
    window.scenario_panel.set_entries(flux)
    assert time.tier_boxes == {}
    assert not time.no_tiers.isHidden()
    assert time.no_tiers.text() == "None of the compared models publishes usage tiers."
    window.scenario_panel.set_entries(window.model_picker.entries())
    assert list(time.tier_boxes) == ["OpenAI"]
    assert time.no_tiers.isHidden()


def test_a_refused_stage_value_is_named_in_the_users_words(window):
    form = window.scenario_panel.form
    window.scenario_panel.select_stage(1)
    name = window.doc.scenario.stages[1].name
    form.b.edit(("quality",), "ultra", "Quality")
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Stage 2 ({name}): quality: ")
    assert "stages" not in message and "." not in message.split(":")[0]


def test_what_the_compared_models_cannot_run_is_said_per_field(window):
    panel = window.scenario_panel
    panel.select_stage(1)
    stage = ("stages", 1)
    window.doc.set_many([((*stage, "quality"), "max"), ((*stage, "mode"), "edit")], "max edits")
    window.recompute()
    form = panel.form
    entries = window.model_picker.entries()
    # counted by hand from the catalog's own fields, not from the form
    no_max = [e for e in entries if e.quality_levels and "max" not in e.quality_levels]
    no_edit = [e for e in entries if not e.edits]
    assert no_max and no_edit
    n = len(entries)
    assert form.quality_note.text() == (
        f"Quality “Max”: offered by {n - len(no_max)} of {n} models · hover for the others"
    )
    levels = ", ".join(no_max[0].quality_levels)
    assert f"• {no_max[0].name}: offers {levels}" in form.quality_note.toolTip()
    assert form.edit_note.text() == (
        f"Editing: offered by {n - len(no_edit)} of {n} models · hover for the others"
    )
    assert f"• {no_edit[0].name}: cannot edit images" in form.edit_note.toolTip()
    for note in (form.accepted, form.quality_note, form.edit_note):
        assert "stages" not in note.text() + note.toolTip()
    window.doc.set_many([((*stage, "quality"), "low"), ((*stage, "mode"), "generate")], "back")
    assert not form.quality_note.isVisibleTo(window)
    assert not form.edit_note.isVisibleTo(window)
