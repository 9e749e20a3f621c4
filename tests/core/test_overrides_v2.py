"""The user's prices, version 2 (issue 8 part 2, issue 9 items 3-5).

A stored price names what it prices (``1024x1024/high``, ``image_out``), not
where it sits, so a catalog that reorders a model's cells moves nothing. A
price may hold from a day on. Version 1 files (positions) are upgraded with
the catalog they were written against and kept as ``.v1-backup``. Imports are
all or nothing; a save that fails leaves memory as it was.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
from decimal import Decimal

import pytest

from imgcost_gui.core import FileProblem, PriceCatalog, Scenario, Stage, UserCatalog, estimate_model
from imgcost_gui.core import overrides as overrides_module
from imgcost_gui.core.catalog import ModelEntry
from imgcost_gui.core.overrides import load_shipped_catalog

D = dt.date.fromisoformat
SOURCE = {"title": "hand-made for this test", "official": True, "checked": "2026-11-01"}
SHIPPED = load_shipped_catalog()

#: (size, quality, USD) of a per-image model that prices low and high apart.
CELLS = [
    ("1024x1024", "low", "0.01"),
    ("1024x1024", "high", "0.05"),
    ("1536x1024", "low", "0.02"),
    ("1536x1024", "high", "0.07"),
]


def cells_model(cells=CELLS) -> ModelEntry:
    return ModelEntry.model_validate(
        {
            "id": "cells",
            "name": "Cells",
            "vendor": "Vendor",
            "provider": "Vendor",
            "sizes": {"kind": "list", "sizes": ["1024x1024", "1536x1024"]},
            "qualities": ["low", "high"],
            "pricing": {
                "scheme": "per_image",
                "prices": [{"size": s, "quality": q, "usd": u} for s, q, u in cells],
                "source": SOURCE,
            },
        }
    )


def token_model(changes=()) -> ModelEntry:
    """gpt-image-2's closed form; image_out $30/1M, text in $5/1M."""
    return ModelEntry.model_validate(
        {
            "id": "tok",
            "name": "Tok",
            "vendor": "Vendor",
            "provider": "Vendor",
            "sizes": {"kind": "list", "sizes": ["1024x1024"]},
            "qualities": ["low", "medium", "high"],
            "pricing": {
                "scheme": "tokens",
                "rates": {"text_in": "5", "image_in": "8", "image_out": "30", "source": SOURCE},
                "output": {"kind": "gpt-image-2", "source": SOURCE},
                "input_images": {"kind": "tiles", "source": SOURCE},
            },
            "price_changes": [
                {"effective": day, "prices": prices, "source": SOURCE} for day, prices in changes
            ],
        }
    )


def catalog(*entries: ModelEntry) -> PriceCatalog:
    return PriceCatalog(checked=D("2026-11-01"), models=list(entries))


#: tok's image_out goes from $30 to $20 on 2027-01-15 in the shipped catalog.
HAND = catalog(cells_model(), token_model([("2027-01-15", {"image_out": "20"})]))

# 1000 images of 1024x1024 medium: 1756 tokens each (q=48, s=48,
# ceil(48*48*3_048_576/4e6) = ceil(1755.98)), no prompt text.
MEDIUM_1000 = 1756 * 1000 / 1e6  # dollars per $1/1M of image_out


def per_image(cat: PriceCatalog, model_id: str, size: str, quality: str, day="2026-12-01"):
    w, _, h = size.partition("x")
    stage = Stage(requests=1, prompt_tokens=0, width=int(w), height=int(h), quality=quality)
    return estimate_model(Scenario(stages=[stage]), cat.get(model_id), day=D(day)).per_image_usd


def tok_total(cat: PriceCatalog, day: str) -> float:
    stage = Stage(requests=1000, prompt_tokens=0, quality="medium")
    sc = Scenario(stages=[stage], period="day")
    return estimate_model(sc, cat.get("tok"), day=D(day)).total_usd


@pytest.fixture
def path(tmp_path):
    return tmp_path / "price-overrides.json"


@pytest.fixture
def user(path):
    return UserCatalog(HAND, path)


def on_disk(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write(path, data: dict) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


def key_of(cell) -> str:
    """A per-image cell's key as the file format says: tier, size, quality joined by '/'."""
    return "/".join(p for p in (cell.tier, cell.size, cell.quality) if p) or "image"


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


# --- dated prices of the user's -----------------------------------------------------------


def test_a_dated_user_price_holds_from_its_day(user, path):
    user.set_price("tok", "image_out", Decimal("12"), effective=D("2027-01-01"))
    assert tok_total(user.catalog, "2026-12-31") == pytest.approx(MEDIUM_1000 * 30)  # $52.68
    assert tok_total(user.catalog, "2027-01-01") == pytest.approx(MEDIUM_1000 * 12)  # $21.072
    # The shipped change to $20 on 2027-01-15 comes after the user's price: the user's holds.
    assert tok_total(user.catalog, "2027-01-15") == pytest.approx(MEDIUM_1000 * 12)
    assert user.is_overridden("tok", "image_out")
    assert user.overrides.prices == {}


def test_a_dated_user_price_after_a_shipped_change_follows_it(user):
    user.set_price("tok", "image_out", Decimal("12"), effective=D("2027-02-01"))
    assert tok_total(user.catalog, "2027-01-14") == pytest.approx(MEDIUM_1000 * 30)
    assert tok_total(user.catalog, "2027-01-15") == pytest.approx(MEDIUM_1000 * 20)
    assert tok_total(user.catalog, "2027-02-01") == pytest.approx(MEDIUM_1000 * 12)


def test_a_dated_user_price_straddled_by_the_period_is_warned_about(user):
    # A month from 2026-12-20 ends 2027-01-20: both the user's 01-01 and the shipped 01-15.
    user.set_price("tok", "image_out", Decimal("12"), effective=D("2027-01-01"))
    stage = Stage(requests=1000, prompt_tokens=0, quality="medium")
    sc = Scenario(stages=[stage], plan_from=D("2026-12-20"))
    est = estimate_model(sc, user.catalog.get("tok"))
    (notice,) = [n for n in est.all_notices if n.code == "price_change"]
    assert "2027-01-01" in notice.message
    assert "$30 → $12" in notice.message
    assert "$21.07" in notice.message  # 1756 x 1000 x $12/1M


def test_a_dated_user_price_on_the_day_of_a_shipped_change_wins(user):
    user.set_price("tok", "image_out", Decimal("12"), effective=D("2027-01-15"))
    assert tok_total(user.catalog, "2027-01-14") == pytest.approx(MEDIUM_1000 * 30)
    assert tok_total(user.catalog, "2027-01-15") == pytest.approx(MEDIUM_1000 * 12)


def test_user_and_shipped_changes_in_one_period_are_told_in_date_order(path):
    # Shipped: text_in $5 -> $4 on 2027-01-20. The user's: image_out $12 from 2027-01-10.
    shipped = catalog(token_model([("2027-01-20", {"text_in": "4"})]))
    user = UserCatalog(shipped, path)
    user.set_price("tok", "image_out", Decimal("12"), effective=D("2027-01-10"))
    stage = Stage(requests=1000, prompt_tokens=100, quality="medium")
    est = estimate_model(
        Scenario(stages=[stage], plan_from=D("2027-01-01")), user.catalog.get("tok")
    )
    first, second = [n.message for n in est.all_notices if n.code == "price_change"]
    # 01-10: 1756 x 1000 x $12/1M = $21.072, + 100 x 1000 x $5/1M = $0.50 -> $21.57
    assert "2027-01-10" in first and "$30 → $12" in first and "$21.57" in first
    # 01-20: text at $4/1M: $21.072 + $0.40 -> $21.47
    assert "2027-01-20" in second and "$5 → $4" in second and "$21.47" in second


def test_an_undated_user_price_beats_a_shipped_dated_change(user):
    user.set_price("tok", "image_out", Decimal("12"))
    for day in ("2026-12-01", "2027-01-14", "2027-01-15", "2028-01-01"):
        assert tok_total(user.catalog, day) == pytest.approx(MEDIUM_1000 * 12), day
    stage = Stage(requests=1000, prompt_tokens=0, quality="medium")
    est = estimate_model(
        Scenario(stages=[stage], plan_from=D("2027-01-01")), user.catalog.get("tok")
    )
    assert not [n for n in est.all_notices if n.code == "price_change"]


def test_an_undated_and_a_dated_user_price_together(user):
    user.set_price("tok", "image_out", Decimal("12"))
    user.set_price("tok", "image_out", Decimal("8"), effective=D("2027-01-01"))
    assert tok_total(user.catalog, "2026-12-31") == pytest.approx(MEDIUM_1000 * 12)
    assert tok_total(user.catalog, "2027-01-01") == pytest.approx(MEDIUM_1000 * 8)
    assert tok_total(user.catalog, "2027-01-15") == pytest.approx(MEDIUM_1000 * 8)


def test_reset_price_drops_the_undated_and_the_dated_price(user, path):
    user.set_price("tok", "image_out", Decimal("12"))
    user.set_price("tok", "image_out", Decimal("8"), effective=D("2027-01-01"))
    user.reset_price("tok", "image_out")
    assert not user.is_overridden("tok", "image_out")
    assert user.dated("tok", "image_out") == []
    assert tok_total(user.catalog, "2026-12-31") == pytest.approx(MEDIUM_1000 * 30)
    assert tok_total(user.catalog, "2027-01-01") == pytest.approx(MEDIUM_1000 * 30)
    assert tok_total(user.catalog, "2027-01-15") == pytest.approx(MEDIUM_1000 * 20)
    data = on_disk(path)
    assert data["prices"] == {} and data["dated_prices"] == {}


def test_reset_price_from_one_day_keeps_the_others(user):
    user.set_price("tok", "image_out", Decimal("12"), effective=D("2027-01-01"))
    user.set_price("tok", "image_out", Decimal("8"), effective=D("2027-03-01"))
    user.reset_price("tok", "image_out", effective=D("2027-01-01"))
    assert [(d.effective, d.usd) for d in user.dated("tok", "image_out")] == [
        (D("2027-03-01"), Decimal("8"))
    ]
    assert tok_total(user.catalog, "2027-01-01") == pytest.approx(MEDIUM_1000 * 30)
    assert tok_total(user.catalog, "2027-01-15") == pytest.approx(MEDIUM_1000 * 20)
    assert tok_total(user.catalog, "2027-03-01") == pytest.approx(MEDIUM_1000 * 8)


# --- imports: all or nothing --------------------------------------------------------------

GOOD = {"tok": {"text_in": "4"}, "cells": {"1024x1024/high": "0.5"}}


@pytest.mark.parametrize(
    "bad",
    [
        {"prices": {**GOOD, "cells": {"1024x1024/high": "0.5", "1024x1024/ultra": "0.9"}}},
        {"prices": {**GOOD, "cells": {"1024x1024/high": "0.5", "1536x1024/low": "-1"}}},
        {"prices": {**GOOD, "no-such-model": {"image_out": "1"}}},
        {
            "prices": GOOD,
            "dated_prices": {"tok": {"nonsense": [{"from": "2027-01-01", "usd": "1"}]}},
        },
        {
            "prices": GOOD,
            "dated_prices": {"tok": {"image_out": [{"from": "2027-01-01", "usd": "-1"}]}},
        },
    ],
    ids=["unknown-key", "negative", "unknown-model", "dated-unknown-key", "dated-negative"],
)
def test_a_refused_import_changes_nothing_in_memory_or_on_disk(user, path, tmp_path, bad):
    user.set_price("tok", "image_out", Decimal("15"))
    before_text = path.read_text(encoding="utf-8")
    before = user.overrides.model_copy(deep=True)
    incoming = tmp_path / "team.json"
    write(incoming, {"schema_version": 2, **bad})

    with pytest.raises(FileProblem):
        user.import_file(incoming)

    assert user.overrides == before
    assert path.read_text(encoding="utf-8") == before_text
    assert per_image(user.catalog, "cells", "1024x1024", "high") == pytest.approx(0.05)
    assert tok_total(user.catalog, "2026-12-01") == pytest.approx(MEDIUM_1000 * 15)
    stage = Stage(requests=1000, prompt_tokens=100, quality="medium")
    text = estimate_model(Scenario(stages=[stage]), user.catalog.get("tok"), day=D("2026-12-01"))
    assert text.stages[0].meter("text_in").rate_usd_per_m == pytest.approx(5.0)
    # The next unrelated change saves only what was there and that change.
    user.set_price("tok", "image_in", Decimal("7"))
    assert on_disk(path)["prices"] == {"tok": {"image_out": "15", "image_in": "7"}}
    assert on_disk(path)["dated_prices"] == {}


def test_an_imported_v1_file_is_read_by_the_positions_of_this_catalog(user, tmp_path):
    incoming = tmp_path / "old-team.json"
    write(incoming, {"schema_version": 1, "prices": {"cells": {"pricing.prices.3.usd": "0.7"}}})
    user.import_file(incoming)
    assert user.overrides.prices == {"cells": {"1536x1024/high": Decimal("0.7")}}
    assert per_image(user.catalog, "cells", "1536x1024", "high") == pytest.approx(0.7)


def test_a_good_import_takes_every_price(user, tmp_path):
    incoming = tmp_path / "team.json"
    write(incoming, {"schema_version": 2, "prices": GOOD})
    user.import_file(incoming)
    assert per_image(user.catalog, "cells", "1024x1024", "high") == pytest.approx(0.5)
    assert user.overrides.prices["tok"] == {"text_in": Decimal("4")}


# --- a save that fails -------------------------------------------------------------------------


def _changes(tmp_path):
    incoming = tmp_path / "team.json"
    write(incoming, {"schema_version": 2, "prices": GOOD})
    return {
        "set": lambda u: u.set_price("cells", "1024x1024/high", Decimal("0.5")),
        "set-dated": lambda u: u.set_price(
            "tok", "image_out", Decimal("9"), effective=D("2027-01-01")
        ),
        "reset": lambda u: u.reset_price("tok", "image_out"),
        "reset-all": lambda u: u.reset_all(),
        "import": lambda u: u.import_file(incoming),
    }


CHANGES = ["set", "set-dated", "reset", "reset-all", "import"]


def _assert_as_before(user, path, before, before_text):
    assert user.overrides == before
    assert path.read_text(encoding="utf-8") == before_text
    assert tok_total(user.catalog, "2026-12-01") == pytest.approx(MEDIUM_1000 * 15)
    assert per_image(user.catalog, "cells", "1024x1024", "high") == pytest.approx(0.05)
    assert user.dated("tok", "image_out") == []


@pytest.mark.parametrize("what", CHANGES)
def test_a_save_into_a_read_only_folder_raises_and_changes_nothing(user, path, tmp_path, what):
    user.set_price("tok", "image_out", Decimal("15"))
    before, before_text = user.overrides.model_copy(deep=True), path.read_text(encoding="utf-8")
    change = _changes(tmp_path)[what]
    folder = path.parent
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user can write to a read-only folder (root)")
        with pytest.raises(OSError):
            change(user)
    finally:
        folder.chmod(0o755)
    _assert_as_before(user, path, before, before_text)


@pytest.mark.parametrize("what", CHANGES)
def test_a_save_that_fails_on_a_full_disk_raises_and_changes_nothing(
    user, path, tmp_path, monkeypatch, what
):
    user.set_price("tok", "image_out", Decimal("15"))
    before, before_text = user.overrides.model_copy(deep=True), path.read_text(encoding="utf-8")
    change = _changes(tmp_path)[what]

    def full_disk(target, text):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    room = overrides_module.atomic_write_text
    monkeypatch.setattr(overrides_module, "atomic_write_text", full_disk)
    with pytest.raises(OSError):
        change(user)
    _assert_as_before(user, path, before, before_text)
    monkeypatch.setattr(overrides_module, "atomic_write_text", room)
    change(user)  # the same change goes through once the disk has room
    assert user.overrides != before
