"""What the comparison's tooltips and detail strip say, at the spots issue 10's mutation
run found unchecked: each meter summed over the stages, the source of a price, the
subscription's plan, warnings apart from notes, each stage's cost and time, a partial
total, the budget's verdict, a user's own price.

Shipped prices: gpt-image-2 1024x1024 low 196 output tokens, high 7,024, medium 1,756,
at $30 / 1M (OpenAI API pricing, official); OpenAI tier 3: 50 images a minute and a
45.3 s latency; FLUX1.1 [pro] $0.04 an image and cannot edit; Midjourney Basic $10 a
month (see conftest.py and test_answer_summary.py).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from imgcost_gui.core import Scenario, Stage, UserCatalog
from imgcost_gui.workspace.columns import BUDGET, MODEL, NOTES, PER_IMAGE, TIME, TOTAL
from imgcost_gui.workspace.comparison import compare
from imgcost_gui.workspace.tips import detail_html, stage_tip

from .conftest import drafts_then_edits

FLUX_EDITS = "FLUX1.1 [pro] cannot edit images, and stage 'Edits' is an edit"


def _by_id(rows):
    return {r.estimate.model: r for r in rows}


def _drafts_and_finals(**update: object) -> Scenario:
    # 100 low drafts and 10 high finals, no prompt text, at OpenAI's tier 3, $2 a month
    return Scenario(
        stages=[
            Stage(name="Drafts", requests=100, quality="low", prompt_tokens=0),
            Stage(name="Finals", requests=10, quality="high", prompt_tokens=0),
        ],
        models=["gpt-image-2", "midjourney"],
        tiers={"OpenAI": "3"},
        **{"budget_usd": Decimal("2"), **update},
    )


def _cells(tip: str | None) -> list[str]:
    """The cost tooltip's table, cell by cell, as it reads."""
    return re.findall(r"<td[^>]*>(.*?)</td>", tip or "")


def _official(catalog, model: str) -> str:
    source = catalog.get(model).pricing.rates.source
    return f"{source.title} (official, checked {source.checked.isoformat()})"


def test_a_token_meter_sums_its_tokens_over_the_stages(catalog):
    gpt = _by_id(compare(_drafts_and_finals(), catalog, None))["gpt-image-2"]
    tip = TOTAL.hover_of(gpt) or ""
    # 100 x 196 + 10 x 7,024 = 89,840 tokens x $30 / 1M = $2.6952
    assert _cells(tip)[:3] == ["Image output tokens", "89,840 tokens × $30.00 / 1M", "$2.70"]
    assert "<b>GPT Image 2</b>: $2.70 per month" in tip
    assert f"Price: {_official(catalog, 'gpt-image-2')}" in tip
    # Drafts 100 x $0.00588 = $0.588; Finals 10 x $0.21072 = $2.1072
    assert "By stage: Drafts $0.59 · Finals $2.11" in tip
    assert "If the model picks the quality" not in tip  # no 'auto': no range


def test_a_subscription_names_its_plan_and_a_secondary_source(catalog):
    mj = _by_id(compare(_drafts_and_finals(), catalog, None))["midjourney"]
    tip = TOTAL.hover_of(mj) or ""
    assert _cells(tip)[:3] == ["Subscription (Basic plan)", "", "$10.00"]
    assert "(secondary source, checked " in tip


def test_meters_that_share_a_source_name_it_once_after_them(catalog):
    sc = Scenario(stages=[Stage(requests=1000, quality="medium")], models=["gpt-image-2"])
    (row,) = compare(sc, catalog, None)
    # 1,000 x 50 prompt tokens at $5 / 1M = $0.25; 1,000 x 1,756 at $30 / 1M = $52.68
    assert _cells(TOTAL.hover_of(row)) == [
        "Prompt text", "50,000 tokens × $5.00 / 1M", "$0.25",
        "Image output tokens", "1,756,000 tokens × $30.00 / 1M", "$52.68",
        f"<small>Price: {_official(catalog, 'gpt-image-2')}</small>",
    ]  # fmt: skip


def test_each_source_follows_the_meters_it_prices(catalog, tmp_path):
    # an edit: prompt text and the reference image at OpenAI's rates, the output at
    # the user's own price
    user = UserCatalog(catalog, tmp_path / "overrides.json", load=False)
    user.set_price("gpt-image-2", "image_out", Decimal("25"))
    sc = Scenario(
        stages=[
            Stage(
                name="Edits",
                requests=100,
                quality="medium",
                mode="edit",
                references={"count": 1, "width": 1024, "height": 1024},
            )
        ],
        models=["gpt-image-2"],
    )
    (row,) = compare(sc, user.catalog, None)
    labels = ("Prompt text", "Reference images", "Image output tokens")
    seen = [c for c in _cells(TOTAL.hover_of(row)) if c in labels or c.startswith("<small>")]
    assert seen == [
        "Prompt text",
        "Reference images",
        f"<small>Price: {_official(catalog, 'gpt-image-2')}</small>",
        "Image output tokens",
        "<small>Price: your own price, set in ImgCost (not a published one)</small>",
    ]


def test_a_published_per_image_output_price_names_its_own_source(catalog):
    # GPT Image 1 mini (still out on 2026-11-01): token rates from its model page, the
    # image output from the per-image table of the image generation guide
    sc = Scenario(
        stages=[Stage(requests=100, quality="medium")],
        models=["gpt-image-1-mini"],
        plan_from=dt.date(2026, 11, 1),
    )
    (row,) = compare(sc, catalog, None)
    pricing = catalog.get("gpt-image-1-mini").pricing
    sources = [c for c in _cells(TOTAL.hover_of(row)) if c.startswith("<small>")]
    assert [s.split(" (official")[0] for s in sources] == [
        f"<small>Price: {pricing.rates.source.title}",
        f"<small>Price: {pricing.output.source.title}",
    ]


def test_a_megapixel_price_counts_megapixels(catalog):
    # FLUX.2 [pro]: 1,000 images of 1 MP at $0.03
    sc = Scenario(stages=[Stage(requests=1000, quality="medium")], models=["flux-2-pro"])
    (row,) = compare(sc, catalog, None)
    assert _cells(TOTAL.hover_of(row))[:3] == ["Megapixels", "1,000 megapixels", "$30.00"]


def test_a_batch_stage_shows_both_rates(catalog):
    # 100 medium images now and 100 by batch at half the rate: 351,200 tokens,
    # 175,600 x $30 / 1M + 175,600 x $15 / 1M = $5.268 + $2.634 = $7.902
    sc = Scenario(
        stages=[
            Stage(name="Now", requests=100, quality="medium", prompt_tokens=0),
            Stage(name="Overnight", requests=100, quality="medium", prompt_tokens=0, batch=True),
        ],
        models=["gpt-image-2", "ideogram-3.0"],
    )
    rows = _by_id(compare(sc, catalog, None))
    assert _cells(TOTAL.hover_of(rows["gpt-image-2"]))[:3] == [
        "Image output tokens",
        "351,200 tokens at $15.00 / 1M to $30.00 / 1M (batch discount on some stages)",
        "$7.90",
    ]
    ideogram = rows["ideogram-3.0"]
    assert NOTES.stage(ideogram, 0) == ""  # a note (info) is not a warning
    assert NOTES.stage(ideogram, 1) == "no batch discount"


def test_the_detail_strip_says_each_stage_and_the_time(catalog):
    rows = _by_id(compare(_drafts_and_finals(), catalog, None))
    gpt = rows["gpt-image-2"]
    detail = detail_html(gpt.estimate, "month", gpt.entry)
    assert "<b>Per stage, per month:</b> Drafts $0.59 ($0.0059 per image)" in detail
    assert "Finals $2.11 ($0.211 per image)" in detail
    # 100 images at 50 a minute: 120 s + 45.3 s; 10: 12 s + 45.3 s; 222.6 s in all
    assert "<b>Time:</b> 4 min, limited by images per minute" in detail
    assert "Warnings" not in detail and "Notes" not in detail  # nothing to heed
    mj = rows["midjourney"]
    detail = detail_html(mj.estimate, "month", mj.entry)
    warnings, notes = detail.split("<b>Warnings:</b>")[1].split("<b>Notes:</b>")
    assert "no public API" in warnings and "secondary sources" not in warnings
    assert "secondary sources" in notes and "no public API" not in notes
    assert "<b>Time:</b> unknown: " in detail
    assert "• Midjourney (subscription) has no public API" in (MODEL.hover_of(mj) or "")
    assert "• Midjourney (subscription) has no public API" in (NOTES.hover_of(mj) or "")
    assert (PER_IMAGE.hover_of(gpt) or "").split("<br>") == [
        "Per image by stage",
        "Drafts: $0.0059",
        "Finals: $0.211",
    ]
    one = Scenario(stages=[Stage(requests=100, quality="low")], models=["gpt-image-2"])
    (row,) = compare(one, catalog, None)
    assert "Per stage" not in detail_html(row.estimate, "month", row.entry)  # the total says it


def test_the_time_tooltip_gives_each_stage(catalog):
    rows = _by_id(compare(_drafts_and_finals(), catalog, None))
    tip = TIME.hover_of(rows["gpt-image-2"]) or ""
    # 165.3 s reads 3 min, 57.3 s reads 57 s; 222.6 s in all
    assert tip.startswith("<b>4 min</b> for the month's work, stage after stage")
    assert tip.split("<br>")[1:] == ["Drafts: 3 min", "Finals: 57 s"]
    mj = TIME.hover_of(rows["midjourney"]) or ""
    assert mj.split("<br>")[1].startswith("Drafts: — (")  # the time unknown, and why
    one = Scenario(
        stages=[Stage(requests=100, quality="low")], models=["gpt-image-2"], tiers={"OpenAI": "3"}
    )
    (row,) = compare(one, catalog, None)
    assert "<br>" not in (TIME.hover_of(row) or "")  # one stage: its line is the total


def test_over_budget_says_so_on_the_name_and_the_budget_cell(catalog):
    rows = _by_id(compare(_drafts_and_finals(), catalog, None))
    gpt = rows["gpt-image-2"]  # $2.70 against $2
    assert "<b>Over budget:</b>" in (MODEL.hover_of(gpt) or "")
    tip = BUDGET.hover_of(gpt) or ""
    # $2.6952 for 110 images: $2 buys 81 of them
    assert "The budget buys 81 images in this scenario's mix (the plan: 110 images)" in tip
    assert "<b>Over budget:</b>" in tip
    within = _by_id(compare(_drafts_and_finals(budget_usd=Decimal("5")), catalog, None))
    assert "fits in the budget" in (BUDGET.hover_of(within["gpt-image-2"]) or "")
    assert "Over budget" not in (MODEL.hover_of(within["gpt-image-2"]) or "")


def test_a_model_that_cannot_run_a_stage_says_which_and_why(catalog):
    flux = _by_id(compare(drafts_then_edits(), catalog, None))["flux-pro-1.1"]
    # 1,000 drafts x $0.04
    expected = [
        "<b>FLUX1.1 [pro]</b> cannot run every stage: it is not ranked.",
        "The stages it runs cost $40.00 per period (partial):",
        "• Drafts: $40.00",
        f"• Edits: cannot run it ({FLUX_EDITS})",
    ]
    assert (TOTAL.hover_of(flux) or "").split("<br>") == expected
    assert (PER_IMAGE.hover_of(flux) or "").split("<br>") == expected
    assert NOTES.stage(flux, 1) == FLUX_EDITS
    detail = detail_html(flux.estimate, "month", flux.entry)
    assert "$40.00 per month for the stages it runs (partial, not ranked)" in detail
    assert f"Drafts $40.00 ($0.040 per image) · Edits: cannot run it ({FLUX_EDITS})" in detail
    assert (
        stage_tip(flux, 0)
        == "<b>FLUX1.1 [pro]</b>, stage <b>Drafts</b>: $40.00 per month for 1,000 images"
    )
    assert stage_tip(flux, 1).startswith(
        f"<b>FLUX1.1 [pro]</b>, stage <b>Edits</b>: cannot run it: {FLUX_EDITS}"
    )


def test_auto_quality_gives_the_range_in_the_tooltip_and_the_detail(catalog):
    # 100 images: 100 x 196 x $30 / 1M = $0.588 (low) to 100 x 7,024 x $30 / 1M = $21.072
    sc = Scenario(
        stages=[Stage(requests=100, quality="auto", prompt_tokens=0)], models=["gpt-image-2"]
    )
    (row,) = compare(sc, catalog, None)
    assert (TOTAL.hover_of(row) or "").endswith("If the model picks the quality: $0.59 – $21.07")
    detail = detail_html(row.estimate, "month", row.entry)
    assert "$0.59–$21.07 per month ('auto' quality)" in detail


def test_a_model_not_available_says_so_in_the_detail(catalog):
    sc = Scenario(stages=[Stage(requests=100, quality="medium")], models=["dall-e-3"])
    (row,) = compare(sc, catalog, None)
    assert "· not available on the day: not ranked" in detail_html(row.estimate, "month", row.entry)


def test_a_users_price_in_the_cost_tooltip_names_the_published_one_it_replaces(catalog, tmp_path):
    user = UserCatalog(catalog, tmp_path / "overrides.json", load=False)
    user.set_price("gpt-image-2", "image_out", Decimal("25"))
    sc = Scenario(stages=[Stage(requests=100, quality="medium")], models=["gpt-image-2"])
    (row,) = compare(sc, user.catalog, None)
    tip = TOTAL.hover_of(row) or ""
    # 100 x 1,756 tokens at the user's $25 / 1M = $4.39
    assert "175,600 tokens × $25.00 / 1M" in tip
    assert "Price: your own price, set in ImgCost (not a published one)" in tip
    assert (
        "Your price for Image output: $25 / 1M tokens "
        f"(instead of the published price: {_official(catalog, 'gpt-image-2')})"
    ) in tip
