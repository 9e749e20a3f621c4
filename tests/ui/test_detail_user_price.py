"""A price the user changed is labelled as theirs in the detail strip, with the
shipped value beside it (issue 11)."""

from __future__ import annotations

from decimal import Decimal


def test_the_detail_strip_names_the_shipped_price_a_users_price_replaces(window):
    # OpenAI publishes $30 per 1M image output tokens for gpt-image-2 (catalog.json).
    window.catalog_doc.set_price("gpt-image-2", "image_out", Decimal("20"))
    window.recompute()
    window.comparison.select_model("gpt-image-2")
    words = window.comparison.detail.text.text()
    assert "Your price for" in words and "$20 / 1M tokens" in words
    assert "shipped: $30.00 / 1M tokens, OpenAI API pricing (official" in words
