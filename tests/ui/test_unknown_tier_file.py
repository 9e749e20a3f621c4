"""A scenario whose tier the vendor does not have opens, and the table says why no time."""

from __future__ import annotations


def test_a_tier_the_vendor_lacks_keeps_the_comparison_and_says_why(window):
    window.doc.set(("tiers",), {"OpenAI": "9"}, "Set tier")
    window.recompute()
    rows = {r.estimate.model: r for r in window.comparison.model.rows}
    gpt = rows["gpt-image-2"].estimate
    assert gpt.total_usd is not None  # still priced: the table was rebuilt
    assert gpt.duration_s is None
    window.comparison.select_model("gpt-image-2")
    assert "OpenAI has no tier" in window.comparison.detail.text.text()
