"""The tier field shows and stores tiers the way the core reads them: the "*" the
CLI writes for every vendor, and one undo step per vendor."""

from __future__ import annotations

from imgcost_gui.core import Scenario
from imgcost_gui.core.duration import Team


def test_a_wildcard_tier_from_the_cli_is_shown_as_the_tier_estimates_use(window):
    window.doc.load(Scenario(tiers={"*": "1"}), None)
    box = window.scenario_panel.time.tier_boxes["OpenAI"]
    assert box.currentText() == "Tier 1"


def test_picking_a_tier_over_a_wildcard_is_the_tier_the_core_uses(window):
    window.doc.load(Scenario(tiers={"*": "1"}), None)
    box = window.scenario_panel.time.tier_boxes["OpenAI"]
    box.setCurrentIndex(box.findText("Tier 3"))
    tiers = window.doc.scenario.tiers
    assert Team(dict(tiers)).tier_for("OpenAI") == "3"
    assert Team(dict(tiers)).tier_for("Acme") == "1"  # other vendors keep the wildcard's
    assert box.currentText() == "Tier 3"
    window.undo_action.trigger()
    assert window.doc.scenario.tiers == {"*": "1"}
    assert box.currentText() == "Tier 1"


def test_not_set_over_a_wildcard_leaves_the_vendor_without_a_tier(window):
    window.doc.load(Scenario(tiers={"*": "2"}), None)
    box = window.scenario_panel.time.tier_boxes["OpenAI"]
    box.setCurrentIndex(box.findText("Not set"))
    assert Team(dict(window.doc.scenario.tiers)).tier_for("OpenAI") is None
    assert box.currentText() == "Not set"


def test_two_vendors_tiers_set_at_once_are_two_undo_steps(window):
    entries = window.model_picker.entries()
    gpt = next(e for e in entries if e.vendor == "OpenAI" and e.throughput)
    flux = next(e for e in entries if e.vendor == "Black Forest Labs")
    flux = flux.model_copy(update={"throughput": gpt.throughput})
    time = window.scenario_panel.time
    window.scenario_panel.set_entries([gpt, flux])
    assert list(time.tier_boxes) == ["OpenAI", "Black Forest Labs"]
    openai, bfl = time.tier_boxes["OpenAI"], time.tier_boxes["Black Forest Labs"]
    openai.setCurrentIndex(openai.findText("Tier 3"))
    bfl.setCurrentIndex(bfl.findText("Tier 2"))  # well within the 2 s that merge typing
    assert window.doc.scenario.tiers == {"OpenAI": "3", "Black Forest Labs": "2"}
    assert "black forest labs tier" in window.undo_action.text().lower()
    window.undo_action.trigger()
    assert window.doc.scenario.tiers == {"OpenAI": "3"}
    assert bfl.currentText() == "Not set" and openai.currentText() == "Tier 3"
    window.undo_action.trigger()
    assert window.doc.scenario.tiers == {}
