"""What the comparison's cells read once an assumption makes a range, a tier makes a
time, a stage cannot run, or a price is the user's own: figures by hand from the
shipped catalog's published prices (see conftest.py)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from imgcost_gui.core import Scenario, Stage, UserCatalog
from imgcost_gui.workspace.columns import (
    BUDGET,
    MODEL,
    NOTES,
    PER_IMAGE,
    PROVIDER,
    TIME,
    TOTAL,
)
from imgcost_gui.workspace.comparison import compare
from imgcost_gui.workspace.export import table_text
from imgcost_gui.workspace.tips import detail_html, total_tooltip

from .conftest import drafts_then_edits, scenario


def _by_id(rows):
    return {r.estimate.model: r for r in rows}


def _csv(rows, period="month", budget=False):
    return list(csv.DictReader(io.StringIO(table_text(rows, period, budget))))


def test_auto_quality_reads_as_a_range_and_sorts_on_the_assumed_quality(catalog):
    # Ideogram 3.0 at 1,000 images: $0.03 low, $0.06 medium (assumed), $0.09 high
    rows = compare(scenario(quality="auto"), catalog, None)
    ideogram = _by_id(rows)["ideogram-3.0"]
    assert TOTAL.text_of(ideogram) == "$30–$90"
    assert PER_IMAGE.text_of(ideogram) == "$0.030–$0.090"
    assert TOTAL.sort_of(ideogram) == 60  # the central value, medium
    flux = _by_id(rows)["flux-pro-1.1"]
    assert TOTAL.text_of(flux) == "$40.00"  # one price whatever the quality: no range
    exported = {r["Model id"]: r for r in _csv(rows)}
    assert exported["ideogram-3.0"]["Per month low (USD)"] == "30"
    assert exported["ideogram-3.0"]["Per month high (USD)"] == "90"
    assert exported["flux-pro-1.1"]["Per month low (USD)"] == "40"


def test_no_range_no_low_and_high_columns(catalog):
    header = table_text(compare(scenario(), catalog, None), "month", False).splitlines()[0]
    assert "low" not in header and "Time" not in header


def test_an_assumed_token_rule_reads_approximately(catalog):
    sc = Scenario(stages=[Stage(requests=100, quality="medium")], models=["gpt-image-2.6-flare"])
    (row,) = compare(sc, catalog, None)
    assert row.estimated and row.status == "warning"
    assert TOTAL.text_of(row).startswith("≈ $")
    assert PER_IMAGE.text_of(row).startswith("≈ $")


def test_the_time_at_a_tier_is_the_binding_limit_plus_the_last_latency(catalog):
    # tier 3: 50 images a minute, so 10,000 images take 200 minutes, plus the last
    # request's typical latency
    latency = float(catalog.get("gpt-image-2").throughput.latency_p50_s)
    seconds = 10_000 / 50 * 60 + latency
    sc = Scenario(
        stages=[Stage(requests=10_000, quality="low")],
        models=["gpt-image-2", "flux-pro-1.1"],
        tiers={"OpenAI": "3"},
    )
    rows = _by_id(compare(sc, catalog, None))
    gpt = rows["gpt-image-2"]
    minutes = round(seconds / 60)
    assert TIME.text_of(gpt) == f"{minutes // 60} h {minutes % 60} min"  # 3 h 21 min
    assert "images per minute" in (TIME.hover_of(gpt) or "")
    exported = {r["Model id"]: r for r in _csv(list(rows.values()))}
    assert float(exported["gpt-image-2"]["Time (s)"]) == seconds
    assert TIME.sort_of(gpt) == seconds


def test_without_a_tier_the_time_says_how_to_get_one(catalog):
    (row, *_) = compare(scenario(), catalog, None)
    assert TIME.text_of(row) == "—"
    assert "usage tier" in (TIME.hover_of(row) or "")
    assert TIME.sort_of(row) == float("inf")


def test_each_stage_has_its_cells_and_a_model_that_cannot_run_one_says_so(catalog):
    rows = _by_id(compare(drafts_then_edits(), catalog, None))
    flux = rows["flux-pro-1.1"]
    # the drafts it can make: 1,000 x $0.04
    assert TOTAL.text_of(flux) == "$40.00 partial"
    assert NOTES.text_of(flux).endswith("runs only Drafts")
    assert MODEL.stage(flux, 0) == "Drafts" and PROVIDER.stage(flux, 0) == "1,000 images"
    assert TOTAL.stage(flux, 0) == "$40.00" and PER_IMAGE.stage(flux, 0) == "$0.040"
    assert TOTAL.stage(flux, 1) == "cannot run"
    assert "edit" in NOTES.stage(flux, 1).lower()
    assert "cannot run" in (TOTAL.hover_of(flux) or "")
    exported = {r["Model id"]: r for r in _csv(list(rows.values()))}
    assert exported["flux-pro-1.1"]["Drafts (USD)"] == "40"
    assert exported["flux-pro-1.1"]["Edits (USD)"] == ""
    assert float(exported["ideogram-3.0"]["Drafts (USD)"]) == 1000 * 0.06


def test_the_budget_column_says_what_it_is(catalog):
    rows = _by_id(compare(scenario(budget="30"), catalog, None))
    assert BUDGET.table_heading("month", 30.0) == "Within $30\nbudget"
    assert BUDGET.heading("month") == "In budget"  # the export keeps its title
    assert BUDGET.text_of(rows["flux-pro-1.1"]) == "over by $10.00"  # $40 against $30
    assert "buys 750 images" in (BUDGET.hover_of(rows["flux-pro-1.1"]) or "")


def test_the_status_mark_by_severity(catalog):
    rows = _by_id(compare(scenario(), catalog, None))
    assert rows["dall-e-3"].status == "unavailable"
    assert rows["midjourney"].status == "warning"  # no public API


def test_a_price_the_user_changed_is_labelled_theirs(catalog, tmp_path):
    user = UserCatalog(catalog, tmp_path / "overrides.json", load=False)
    user.set_price("gpt-image-2", "image_out", Decimal("25"))
    sc = Scenario(stages=[Stage(requests=100, quality="medium")], models=["gpt-image-2"])
    (row,) = compare(sc, user.catalog, None)
    shipped = user.base.get("gpt-image-2")
    rates = shipped.pricing.rates
    tip = total_tooltip(row.estimate, "month", row.entry, shipped)
    assert "your own price" in tip
    detail = detail_html(row.estimate, "month", row.entry, shipped)
    assert "Your price for Image output: $25 / 1M tokens" in detail
    assert f"shipped: ${rates.image_out} / 1M tokens, {rates.source.title}" in detail


def test_the_cost_tooltip_lists_each_stage(catalog):
    rows = _by_id(compare(drafts_then_edits(), catalog, None))
    tip = TOTAL.hover_of(rows["ideogram-3.0"]) or ""
    # $0.06 an image at medium, for 1,000 drafts and 100 edits
    assert "By stage: Drafts $60.00 · Edits $6.00" in tip


def test_a_resellers_name_drops_the_provider_the_next_column_shows():
    from imgcost_gui.workspace.columns import short_name

    assert (
        short_name("GPT Image 2.5 Flare on Azure OpenAI", "Azure OpenAI") == "GPT Image 2.5 Flare"
    )
    assert short_name("FLUX.2 [pro] on fal", "fal") == "FLUX.2 [pro]"
    assert short_name("GPT Image 2", "OpenAI") == "GPT Image 2"  # nothing to drop
    assert short_name("on fal", "fal") == "on fal"  # never an empty name


def test_the_table_shows_the_short_name_and_exports_the_whole_one():
    from imgcost_gui.core import Scenario, Stage, load_shipped_catalog
    from imgcost_gui.workspace.columns import MODEL
    from imgcost_gui.workspace.comparison import compare

    catalog = load_shipped_catalog()
    sc = Scenario(stages=[Stage(requests=10)])
    (row,) = compare(sc, catalog, ["azure/gpt-image-2.5-flare"]) or [None]
    assert MODEL.text_of(row) == "GPT Image 2.5 Flare"
    assert MODEL.export(row) == "GPT Image 2.5 Flare on Azure OpenAI"
