"""The Edit menu names each step as the form does: "Undo Change OpenAI tier",
never "Undo Change openai tier" (a vendor's name is not a word to lower-case),
and "Undo Change quality" for a plain label."""

from __future__ import annotations


def said(action) -> str:
    return action.text().replace("&", "")  # as the menu shows it (the mnemonic's mark aside)


def test_a_tier_step_keeps_the_vendors_name(window):
    box = window.scenario_panel.time.tier_boxes["OpenAI"]
    box.setCurrentIndex(box.findText("Tier 3"))
    assert said(window.undo_action) == "Undo Change OpenAI tier"
    window.undo_action.trigger()
    assert said(window.redo_action) == "Redo Change OpenAI tier"


def test_a_plain_label_reads_in_lower_case_inside_the_sentence(window):
    combo = window.scenario_panel.form.quality
    combo.setCurrentIndex(combo.findText("High"))
    assert window.doc.scenario.stages[0].quality == "high"
    assert said(window.undo_action) == "Undo Change quality"


def test_requests_at_once_reads_as_a_phrase(window):
    window.scenario_panel.time.parallel.setValue(8)
    assert said(window.undo_action) == "Undo Change requests at once"
