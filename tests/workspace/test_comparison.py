"""The comparison rows and the summary: the figures and words a user reads in the table."""

from __future__ import annotations

import pytest

from imgcost_gui.workspace.columns import (
    BUDGET,
    MODEL,
    NOTES,
    PER_IMAGE,
    PROVIDER,
    TOTAL,
    VS_BASELINE,
    VS_CHEAPEST,
)
from imgcost_gui.workspace.comparison import (
    GROUP_RANKED,
    GROUP_UNAVAILABLE,
    compare,
    ranked_rows,
    summary_text,
)
from imgcost_gui.workspace.export import table_text

from .conftest import scenario

#: Midjourney at 1,000 images: 1000/240 = 4.1667 h; Basic $10 + (4.1667 - 3.3) h x $4.
MIDJOURNEY_1000 = 10 + (1000 / 240 - 3.3) * 4  # $13.4667, under Standard's $30


def _by_id(rows):
    return {r.estimate.model: r for r in rows}


def test_rows_keep_the_named_order_and_rank_cheapest_first(catalog):
    rows = compare(scenario(), catalog, None)
    assert [r.estimate.model for r in rows] == [
        "ideogram-3.0", "flux-pro-1.1", "midjourney", "dall-e-3", "recraft-v3",
    ]  # fmt: skip
    by = _by_id(rows)
    assert by["ideogram-3.0"].estimate.total_usd == pytest.approx(1000 * 0.06)
    assert by["flux-pro-1.1"].estimate.total_usd == pytest.approx(1000 * 0.04)
    assert by["midjourney"].estimate.total_usd == pytest.approx(MIDJOURNEY_1000)
    # $40 twice: the tie goes to the id first in the alphabet
    assert [r.estimate.model for r in ranked_rows(rows)] == [
        "midjourney", "flux-pro-1.1", "recraft-v3", "ideogram-3.0",
    ]  # fmt: skip
    assert by["dall-e-3"].ranked.position is None
    assert by["dall-e-3"].group == GROUP_UNAVAILABLE
    assert by["flux-pro-1.1"].group == GROUP_RANKED
    assert by["ideogram-3.0"].is_baseline and by["ideogram-3.0"].stands_out
    assert by["midjourney"].stands_out and not by["flux-pro-1.1"].stands_out


def test_cells_read_as_a_user_sees_them(catalog):
    by = _by_id(compare(scenario(), catalog, None))
    flux, ideogram, mj, dalle = (
        by[m] for m in ("flux-pro-1.1", "ideogram-3.0", "midjourney", "dall-e-3")
    )
    assert MODEL.text_of(ideogram) == "Ideogram 3.0 (baseline)"
    assert MODEL.text_of(flux) == "FLUX1.1 [pro]"
    assert PROVIDER.hover_of(flux) == "Billed by Black Forest Labs; model made by Black Forest Labs"
    assert PER_IMAGE.text_of(flux) == "$0.040"
    assert PER_IMAGE.text_of(mj) == "$0.013"  # $13.47 / 1,000
    assert TOTAL.text_of(ideogram) == "$60.00"
    assert TOTAL.text_of(mj) == "$13.47"
    # negative = you save: FLUX costs $20 less than the baseline's $60, a third less
    assert VS_BASELINE.text_of(flux) == "\u2212$20.00 (\u221233%)"
    assert VS_BASELINE.tone_of(flux) == "saving"
    assert VS_BASELINE.text_of(ideogram) == "baseline" and VS_BASELINE.tone_of(ideogram) is None
    assert VS_CHEAPEST.text_of(mj) == "cheapest"
    assert VS_CHEAPEST.text_of(flux) == "+$26.53"  # $40 - $13.47
    assert NOTES.text_of(mj) == "no public API"
    assert BUDGET.text_of(flux) == ""  # no budget, no figure
    # retired: one line instead of the figures, greyed, and no figure to export
    assert PER_IMAGE.text_of(dalle) == "retired on 2026-05-12 · not ranked"
    assert TOTAL.text_of(dalle) == "" and TOTAL.value_of(dalle) is None
    assert NOTES.text_of(dalle) == "retired"
    assert TOTAL.tone_of(dalle) == "muted" and not TOTAL.aligned_right(dalle)
    assert TOTAL.aligned_right(flux)
    assert "listed apart and not ranked" in (MODEL.hover_of(dalle) or "")


def test_sort_keys_put_what_cannot_be_known_last(catalog):
    by = _by_id(compare(scenario(), catalog, None))
    assert TOTAL.sort_of(by["midjourney"]) < TOTAL.sort_of(by["flux-pro-1.1"])
    assert VS_BASELINE.sort_of(by["dall-e-3"]) == float("inf")
    assert MODEL.sort_of(by["flux-pro-1.1"]) == "flux1.1 [pro]"
    assert (
        NOTES.sort_of(by["dall-e-3"])
        > NOTES.sort_of(by["midjourney"])
        > NOTES.sort_of(by["flux-pro-1.1"])
    )  # error > warning > nothing


def test_the_budget_buys_images_and_rules_models_out(catalog):
    rows = compare(scenario(budget="30"), catalog, None)
    by = _by_id(rows)
    assert by["flux-pro-1.1"].within_budget == 750  # $30 / $0.04
    assert by["ideogram-3.0"].within_budget == 500  # $30 / $0.06
    # Standard plan: $30 for 15 fast hours = 3,600 images; one more goes over
    assert by["midjourney"].within_budget == 3600
    assert [m for m, r in by.items() if r.over_budget] == [
        "ideogram-3.0", "flux-pro-1.1", "recraft-v3",
    ]  # fmt: skip
    assert by["dall-e-3"].within_budget is None and not by["dall-e-3"].over_budget
    # numbers with their units (issue 11): $60 planned against a $30 budget
    assert BUDGET.text_of(by["ideogram-3.0"]) == "over by $30.00"
    assert BUDGET.tone_of(by["ideogram-3.0"]) == "extra"
    assert BUDGET.text_of(by["midjourney"]) == "3,600 images"
    assert BUDGET.value_of(by["midjourney"]) == 3600
    assert "3 over budget" in summary_text(rows, scenario(budget="30"))


def test_each_answer_is_worked_out_once(catalog):
    row = _by_id(compare(scenario(), catalog, None))["flux-pro-1.1"]
    first = TOTAL.hover_of(row)
    assert first is TOTAL.hover_of(row)  # the same string: not built again
    assert ("total", "hover") in row.answers


def test_summary_names_the_best_api_option_and_what_is_left_out(catalog):
    # Midjourney ($13.47) is cheaper but a subscription with no public API: named
    # apart. FLUX1.1 [pro] and Recraft V3 tie at $40; the id first in the alphabet leads.
    sc = scenario()
    assert summary_text(compare(sc, catalog, None), sc) == (
        "<b>1,000 images</b> per month · best API option: <b>FLUX1.1 [pro]</b> at "
        "<b>$40.00</b> ($0.040 per image) · DALL-E 3 retired on 2026-05-12, not ranked"
        " · apart: Midjourney (subscription) $13.47 (a subscription, no public API)"
    )
    only_mj = scenario().model_copy(update={"models": ["midjourney"], "baseline": None})
    words = summary_text(compare(only_mj, catalog, None), only_mj)
    assert "no selected API model can run this scenario" in words
    assert "apart: Midjourney (subscription) $13.47" in words
    only_retired = scenario().model_copy(update={"models": ["dall-e-3"], "baseline": None})
    words = summary_text(compare(only_retired, catalog, None), only_retired)
    assert "no selected model can run this scenario" in words


def test_export_has_raw_numbers_with_the_sign_of_a_saving(catalog):
    rows = compare(scenario(), catalog, None)
    lines = table_text(rows, "month", has_budget=False).splitlines()
    assert lines[0] == (
        "Model,Model id,Provider,Per image (USD),Per month (USD),vs baseline (USD),"
        "vs cheapest (USD),Notes"
    )
    assert lines[2] == "FLUX1.1 [pro],flux-pro-1.1,Black Forest Labs,0.04,40,-20,26.533333,"
    assert lines[4].startswith("DALL-E 3,dall-e-3,OpenAI,,,,,DALL-E 3 was retired")
    with_budget = table_text(compare(scenario(budget="30"), catalog, None), "week", True)
    assert with_budget.splitlines()[0].split(",")[4:8] == [
        "Per week (USD)", "vs baseline (USD)", "vs cheapest (USD)", "In budget",
    ]  # fmt: skip
