"""The user's prices, version 2 (issue 8 part 2, issue 9 items 3-5): keys by meaning.

A stored price names what it prices (``1024x1024/high``, ``image_out``), not
where it sits, so a catalog that reorders a model's cells moves nothing.
Version 1 files (positions) are upgraded with the catalog they were written
against and kept as ``.v1-backup``. The catalogs are in hand_prices.py; the
``path`` and ``user`` fixtures in conftest.py.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from imgcost_gui.core import PriceCatalog, UserCatalog
from imgcost_gui.core.catalog import ModelEntry

from .hand_prices import (
    CELLS,
    HAND,
    MEDIUM_1000,
    SHIPPED,
    D,
    catalog,
    cells_model,
    key_of,
    on_disk,
    per_image,
    tok_total,
    write,
)

# --- keys by meaning ----------------------------------------------------------------------


def test_prices_are_saved_by_what_they_price_and_read_back(user, path):
    user.set_price("cells", "1024x1024/high", Decimal("0.5"))
    user.set_price("tok", "image_out", Decimal("12"))
    user.set_price("tok", "text_in", Decimal("4"), effective=D("2027-03-01"))
    data = on_disk(path)
    assert data["schema_version"] == 2
    assert data["prices"] == {"cells": {"1024x1024/high": "0.5"}, "tok": {"image_out": "12"}}
    assert data["dated_prices"] == {"tok": {"text_in": [{"from": "2027-03-01", "usd": "4"}]}}

    again = UserCatalog(HAND, path)
    assert again.problems == []
    assert again.overrides == user.overrides
    assert per_image(again.catalog, "cells", "1024x1024", "high") == pytest.approx(0.5)
    assert per_image(again.catalog, "cells", "1024x1024", "low") == pytest.approx(0.01)
    assert tok_total(again.catalog, "2026-12-01") == pytest.approx(MEDIUM_1000 * 12)
    assert again.dated("tok", "text_in")[0].usd == Decimal("4")


def test_a_reordered_catalog_prices_each_user_cell_at_the_same_size_and_quality(path):
    write(path, {"schema_version": 2, "prices": {"cells": {"1024x1024/high": "0.5"}}})
    reordered = catalog(cells_model(list(reversed(CELLS))))
    assert reordered.get("cells").pricing.prices[0].size == "1536x1024"  # really reversed
    for cat in (catalog(cells_model()), reordered):
        user = UserCatalog(cat, path)
        assert user.problems == []
        assert per_image(user.catalog, "cells", "1024x1024", "high") == pytest.approx(0.5)
        assert per_image(user.catalog, "cells", "1024x1024", "low") == pytest.approx(0.01)
        assert per_image(user.catalog, "cells", "1536x1024", "low") == pytest.approx(0.02)
        assert per_image(user.catalog, "cells", "1536x1024", "high") == pytest.approx(0.07)


def test_a_reordered_shipped_model_keeps_a_users_price_on_its_cell(path):
    dalle = SHIPPED.get("dall-e-3")
    first, last = dalle.pricing.prices[0], dalle.pricing.prices[-1]
    assert (first.size, first.quality) != (last.size, last.quality)
    write(path, {"schema_version": 2, "prices": {"dall-e-3": {key_of(first): "0.031"}}})
    data = dalle.model_dump(mode="json")
    data["pricing"]["prices"].reverse()
    # A new catalog, not model_copy: that would carry over the cached ``by_id``.
    reordered = PriceCatalog(
        checked=SHIPPED.checked,
        models=[
            ModelEntry.model_validate(data) if m.id == "dall-e-3" else m for m in SHIPPED.models
        ],
    )
    assert reordered.get("dall-e-3").pricing.prices[0] == last
    for cat in (SHIPPED, reordered):
        user = UserCatalog(cat, path)
        prices = {key_of(c): c.usd for c in user.catalog.get("dall-e-3").pricing.prices}
        assert prices[key_of(first)] == Decimal("0.031")
        assert prices[key_of(last)] == last.usd


# --- version 1 files ----------------------------------------------------------------------


def test_a_v1_positional_price_is_migrated_to_the_key_of_that_cell(path):
    v1 = {"schema_version": 1, "prices": {"dall-e-3": {"pricing.prices.0.usd": "0.03"}}}
    text = json.dumps(v1)
    path.write_text(text, encoding="utf-8")
    cell = SHIPPED.get("dall-e-3").pricing.prices[0]  # what position 0 is in this catalog

    user = UserCatalog(SHIPPED, path)
    assert user.problems == []
    assert user.overrides.prices == {"dall-e-3": {key_of(cell): Decimal("0.03")}}
    priced = user.catalog.get("dall-e-3").pricing.prices
    assert [c.usd for c in priced if key_of(c) == key_of(cell)] == [Decimal("0.03")]

    backup = path.with_name("price-overrides.json.v1-backup")
    user.set_price("gpt-image-2", "image_out", Decimal("15"))
    assert backup.read_text(encoding="utf-8") == text
    data = on_disk(path)
    assert data["schema_version"] == 2
    assert data["prices"] == {
        "dall-e-3": {key_of(cell): "0.03"},
        "gpt-image-2": {"image_out": "15"},
    }
    again = UserCatalog(SHIPPED, path)
    assert again.overrides == user.overrides
    assert backup.read_text(encoding="utf-8") == text


def test_a_v1_file_is_migrated_with_the_order_of_the_catalog_it_was_written_for(path):
    # Position 1 of the hand catalog is 1024x1024/high.
    write(path, {"schema_version": 1, "prices": {"cells": {"pricing.prices.1.usd": "0.5"}}})
    user = UserCatalog(catalog(cells_model()), path)
    assert user.overrides.prices == {"cells": {"1024x1024/high": Decimal("0.5")}}


def test_v1_token_rates_and_per_image_tables_get_their_meter_keys(path):
    write(path, {"schema_version": 1, "prices": {"tok": {"pricing.rates.image_out": "12"}}})
    user = UserCatalog(HAND, path)
    assert user.overrides.prices == {"tok": {"image_out": Decimal("12")}}
    assert tok_total(user.catalog, "2026-12-01") == pytest.approx(MEDIUM_1000 * 12)


def test_a_v1_price_that_matches_no_cell_is_reported_not_moved(path):
    write(path, {"schema_version": 1, "prices": {"cells": {"pricing.prices.9.usd": "0.5"}}})
    user = UserCatalog(HAND, path)
    assert user.overrides.prices == {}
    assert any("pricing.prices.9.usd" in p and "v1-backup" in p for p in user.problems)
    assert path.with_name("price-overrides.json.v1-backup").exists()
