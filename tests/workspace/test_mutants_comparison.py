"""What the table, its export and the summary line say, at the spots issue 10's mutation
run found unchecked: a model shutting down or not out yet, a stage's range, the colour
of a difference, a total right on the budget, the export's column order. Figures by
hand from the shipped catalog's published prices (see conftest.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from imgcost_gui.core import Scenario, Stage
from imgcost_gui.workspace.columns import (
    BUDGET,
    MODEL,
    NOTES,
    PER_IMAGE,
    TIME,
    TOTAL,
    VS_BASELINE,
)
from imgcost_gui.workspace.comparison import compare, summary_text
from imgcost_gui.workspace.export import table_text

from .conftest import drafts_then_edits, scenario


def _by_id(rows):
    return {r.estimate.model: r for r in rows}


def _header(rows, budget=False):
    return next(csv.reader(io.StringIO(table_text(rows, "month", budget))))


# --- planned for 2026-11-01: GPT Image 1.5 shuts down 2026-12-01, GPT Image 2.6 Flare
# --- comes out 2026-11-04, DALL-E 3 retired 2026-05-12


def _november(models):
    return Scenario(
        stages=[Stage(requests=1000, quality="medium")],
        models=models,
        plan_from=dt.date(2026, 11, 1),
    )


def test_a_model_shutting_down_says_how_many_days_are_left(catalog):
    sc = _november(["gpt-image-1.5", "flux-pro-1.1"])
    rows = _by_id(compare(sc, catalog, None))
    # 2026-11-01 to 2026-12-01: 30 days
    assert NOTES.text_of(rows["gpt-image-1.5"]) == "shuts down in 30 days, 2026-12-01"
    assert NOTES.text_of(rows["flux-pro-1.1"]) == ""


def test_a_model_not_out_yet_says_when_and_only_that(catalog):
    rows = _by_id(compare(_november(["gpt-image-2.6-flare", "flux-pro-1.1"]), catalog, None))
    flare = rows["gpt-image-2.6-flare"]
    assert PER_IMAGE.text_of(flare) == "not out until 2026-11-04 · not ranked"
    # its assumed token rule does not matter on a day it cannot run
    assert NOTES.text_of(flare) == "not out yet"
    assert PER_IMAGE.short_of(flare) == "not out until 2026-11-04 · not ranked"


def test_the_notes_of_a_retired_model_say_retired_on_hover_too(catalog):
    dalle = _by_id(compare(scenario(), catalog, None))["dall-e-3"]
    assert NOTES.text_of(dalle) == "retired"
    assert (NOTES.hover_of(dalle) or "").split("<br>")[0] == "retired"


def test_the_summary_names_the_shutdown_and_counts_the_models_not_out(catalog):
    sc = _november(["gpt-image-1.5", "gpt-image-2.6-flare", "dall-e-3"])
    rows = compare(sc, catalog, None)
    line = summary_text(rows, sc)
    assert "<b>it shuts down in 30 days, 2026-12-01</b>" in line
    assert "2 not available on the day, not ranked" in line
    # the window names the answer itself: the rest still says the shutdown
    shown = summary_text(rows, sc, answer_shown=True)
    assert "it shuts down in 30 days" in shown
    assert "best API option" not in shown


def test_the_summary_says_nothing_of_models_not_available_when_all_are(catalog):
    sc = scenario(budget="100")
    sc = sc.model_copy(update={"models": ["flux-pro-1.1", "recraft-v3"]})
    line = summary_text(compare(sc, catalog, None), sc)
    # $40 each against $100: none over
    assert "not available" not in line
    assert "over budget" not in line
    assert "cannot run it" not in line


def test_the_summary_gives_the_range_auto_quality_makes(catalog):
    sc = scenario(quality="auto").model_copy(update={"models": ["ideogram-3.0"]})
    line = summary_text(compare(sc, catalog, None), sc)
    # 1,000 images at $0.03 (low) to $0.09 (high)
    assert "<b>≈ $30.00–$90.00</b>" in line


def test_a_stage_with_auto_quality_reads_as_a_range_in_its_sub_row(catalog):
    sc = Scenario(
        stages=[
            Stage(name="Drafts", requests=1000, quality="auto"),
            Stage(name="Finals", requests=500, quality="medium"),
        ],
        models=["ideogram-3.0", "dall-e-3"],
    )
    row, dalle = compare(sc, catalog, None)
    # Drafts: 1,000 x $0.03..$0.09; Finals: 500 x $0.06 = $30
    assert TOTAL.stage(row, 0) == "$30–$90"
    assert TOTAL.stage(row, 1) == "$30.00"
    assert PER_IMAGE.stage(row, 0) == "$0.030–$0.090"
    assert PER_IMAGE.stage(row, 1) == "$0.060"
    assert PER_IMAGE.stage_short(row, 0) == "≈ $0.060"  # medium, the quality assumed
    assert PER_IMAGE.stage_short(row, 1) == "$0.060"
    assert PER_IMAGE.short_of(row) == "≈ $0.060"
    flux = compare(scenario(), catalog, None)[1]
    assert PER_IMAGE.short_of(flux) == "$0.040"  # one price: not approximate
    assert TIME.stage(row, 0) == "—"  # no usage tier: no time
    # one model, two stages: each stage's cost is exported, after the range's ends
    exported = list(csv.reader(io.StringIO(table_text([row, dalle], "month", False))))
    assert exported[2][-2:] == ["", ""]  # retired: no stage costs either
    assert _header([row]) == [
        "Model", "Model id", "Provider", "Per image (USD)", "Per month (USD)",
        "Per month low (USD)", "Per month high (USD)", "vs baseline (USD)",
        "vs cheapest (USD)", "Notes", "Drafts (USD)", "Finals (USD)",
    ]  # fmt: skip


def test_a_model_dearer_than_the_baseline_reads_as_extra_even_by_cents(catalog):
    # 10 images: Ideogram 10 x $0.06 = $0.60 against FLUX1.1 [pro] 10 x $0.04 = $0.40
    sc = Scenario(
        stages=[Stage(requests=10, quality="medium")],
        models=["ideogram-3.0", "flux-pro-1.1"],
        baseline="flux-pro-1.1",
    )
    rows = _by_id(compare(sc, catalog, None))
    assert VS_BASELINE.text_of(rows["ideogram-3.0"]) == "+$0.20 (+50%)"
    assert VS_BASELINE.short_of(rows["ideogram-3.0"]) == "+$0.20"
    assert VS_BASELINE.tone_of(rows["ideogram-3.0"]) == "extra"
    assert VS_BASELINE.tone_of(rows["flux-pro-1.1"]) is None


def test_a_total_right_on_the_budget_is_within_it(catalog):
    # FLUX1.1 [pro]: 1,000 x $0.04 = $40, the budget exactly; Ideogram $60 is $20 over
    sc = scenario(budget="40").model_copy(update={"models": ["flux-pro-1.1", "ideogram-3.0"]})
    rows = compare(sc, catalog, None)
    by = _by_id(rows)
    assert BUDGET.text_of(by["flux-pro-1.1"]) == "1,000 images"
    assert not by["flux-pro-1.1"].over_budget
    assert BUDGET.text_of(by["ideogram-3.0"]) == "over by $20.00"
    assert "<b>1 over budget</b>" in summary_text(rows, sc)


def test_a_model_that_cannot_run_every_stage_buys_nothing_and_sorts_last(catalog):
    # FLUX1.1 [pro] cannot edit; Ideogram: 1,000 drafts + 100 edits at $0.06 = $66 of $100
    sc = drafts_then_edits(
        models=["flux-pro-1.1", "ideogram-3.0", "midjourney"], budget_usd=Decimal("100")
    )
    rows = _by_id(compare(sc, catalog, None))
    flux, ideogram = rows["flux-pro-1.1"], rows["ideogram-3.0"]
    assert BUDGET.text_of(flux) == "—"
    assert flux.status == "warning"
    assert " · 1 cannot run it" in summary_text(list(rows.values()), sc)
    most_first = sorted(rows.values(), key=BUDGET.sort_of, reverse=True)
    assert most_first[-1] is flux
    assert most_first.index(ideogram) < most_first.index(flux)


def test_a_model_with_nothing_to_say_has_no_mark(catalog):
    rows = _by_id(compare(scenario(), catalog, None))
    assert rows["flux-pro-1.1"].status is None
    assert rows["flux-pro-1.1"].severity is None
    assert rows["ideogram-3.0"].status == "info"  # a note: its quality is mapped
    assert rows["dall-e-3"].severity == "error"  # retired
    assert rows["midjourney"].severity == "warning"  # no public API


def test_headings_and_alignment():
    assert TOTAL.table_heading("month", 40.0) == "Per\nmonth"  # no budget in its title
    assert BUDGET.table_heading("month") == "In\nbudget"  # no budget to name
    assert not MODEL.aligned_right()
    assert PER_IMAGE.aligned_right()


def test_with_the_answer_shown_and_no_api_option_the_line_still_says_what_is_left_out(catalog):
    sc = scenario().model_copy(update={"models": ["midjourney", "dall-e-3"]})
    line = summary_text(compare(sc, catalog, None), sc, answer_shown=True)
    assert line == "<b>1,000 images</b> per month · DALL-E 3 retired on 2026-05-12, not ranked"
