"""The id a custom model gets from the name typed for it: readable, unique, and only
the characters an id may hold (what a scenario file and the CLI name it by)."""

from __future__ import annotations

from imgcost_gui.ui.catalog.sharing import custom_id


def test_the_name_in_lower_case_with_dashes_for_the_rest():
    assert custom_id("Acme (negotiated)", set()) == "custom-acme-negotiated"
    assert custom_id("  GPT Image 2 @ Acme  ", set()) == "custom-gpt-image-2-acme"
    assert custom_id("flux_2.pro", set()) == "custom-flux_2.pro"  # dots and underscores stay


def test_a_taken_id_is_numbered_from_two():
    taken = {"custom-acme", "custom-acme-2"}
    assert custom_id("Acme", taken) == "custom-acme-3"
    assert custom_id("Acme", {"custom-acme"}) == "custom-acme-2"


def test_a_name_with_no_letters_still_gives_an_id():
    assert custom_id("(!)", set()) == "custom-custom"
    assert custom_id("—", {"custom-custom"}) == "custom-custom-2"
