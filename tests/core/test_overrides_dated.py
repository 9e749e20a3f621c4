"""The user's prices, version 2 (issue 8 part 2): a price may hold from a day on,
beside the shipped catalog's own dated changes; a period that straddles one
says so; resetting drops one day's price or all of them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from imgcost_gui.core import Scenario, Stage, UserCatalog, estimate_model

from .hand_prices import MEDIUM_1000, D, catalog, on_disk, tok_total, token_model


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
