"""Prices as of a day (issue 8, parts 2 and 3): dated price changes, and the
five-level quality ladder of GPT Image 2.5.

A model's ``pricing`` is what it cost before its first change; each
``PriceChange`` holds its prices from its date on. An estimate uses the prices
in force on its day; a change inside the period is a warning naming the date,
the old and new price, and the total at the new prices.

Every catalog here is built by hand; every expected dollar is worked out in
the test.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from pydantic import ValidationError

from imgcost_gui.core import PriceCatalog, Scenario, Stage, estimate, estimate_model
from imgcost_gui.core.catalog import ModelEntry
from imgcost_gui.core.prices import (
    UnknownPrice,
    changes_between,
    entry_on,
    price_fields,
    prices_in_force,
)

D = dt.date.fromisoformat
SOURCE = {"title": "hand-made for this test", "official": True, "checked": "2026-11-01"}
GPT2_SIZES = {
    "kind": "rule",
    "edge_multiple": 16,
    "min_edge": 16,
    "max_edge": 3840,
    "max_aspect": 3.0,
    "min_pixels": 655360,
    "max_pixels": 8294400,
}
FIVE = {"low": 16, "medium": 24, "high": 48, "xhigh": 64, "max": 96}
THREE = {"low": 16, "medium": 48, "high": 96}


def change(day: str, **prices: str) -> dict:
    return {"effective": day, "prices": prices, "source": SOURCE}


def token_model(
    model_id: str = "tok",
    *,
    factors: dict[str, int] = THREE,
    image_out: str = "30",
    changes: list[dict] = (),
) -> ModelEntry:
    """gpt-image-2's closed form at ``image_out`` $/1M; text in at $5/1M."""
    return ModelEntry.model_validate(
        {
            "id": model_id,
            "name": f"Model {model_id}",
            "vendor": "Vendor",
            "provider": "Vendor",
            "sizes": GPT2_SIZES,
            "qualities": list(factors),
            "pricing": {
                "scheme": "tokens",
                "rates": {
                    "text_in": "5",
                    "image_in": "8",
                    "image_out": image_out,
                    "source": SOURCE,
                },
                "output": {"kind": "gpt-image-2", "quality_factor": factors, "source": SOURCE},
                "input_images": {"kind": "tiles", "source": SOURCE},
            },
            "price_changes": list(changes),
        }
    )


def flat_model(usd: str = "0.04", changes: list[dict] = ()) -> ModelEntry:
    """One price per 1024x1024 image, whatever the quality (key ``1024x1024``)."""
    return ModelEntry.model_validate(
        {
            "id": "flat",
            "name": "Flat",
            "vendor": "Vendor",
            "provider": "Vendor",
            "sizes": {"kind": "list", "sizes": ["1024x1024"]},
            "pricing": {
                "scheme": "per_image",
                "prices": [{"size": "1024x1024", "usd": usd}],
                "source": SOURCE,
            },
            "price_changes": list(changes),
        }
    )


def scenario(images: int = 1000, prompt_tokens: int = 0, quality: str = "medium", **kw):
    stage = Stage(requests=images, prompt_tokens=prompt_tokens, quality=quality)
    return Scenario(stages=[stage], **kw)


def one_image(entry: ModelEntry, size: str, quality: str, **stage_kw):
    w, _, h = size.partition("x")
    stage = Stage(requests=1, prompt_tokens=0, width=int(w), height=int(h), quality=quality)
    stage = stage.model_copy(update=stage_kw)
    return estimate_model(Scenario(stages=[stage]), entry, day=D("2026-12-01"))


def notices(est, code: str):
    return [n for n in est.all_notices if n.code == code]


# --- a dated price, on both sides of its date --------------------------------------------

CUT = token_model(changes=[change("2027-01-15", image_out="20")])
FLAT_CUT = flat_model("0.04", [change("2027-01-15", **{"1024x1024": "0.03"})])


def test_entry_on_gives_the_prices_in_force_on_the_day():
    assert entry_on(CUT, D("2027-01-14")).pricing.rates.image_out == Decimal("30")
    assert entry_on(CUT, D("2027-01-15")).pricing.rates.image_out == Decimal("20")
    assert entry_on(CUT, D("2027-06-01")).pricing.rates.image_out == Decimal("20")
    # The prices the change leaves alone stay.
    assert entry_on(CUT, D("2027-01-15")).pricing.rates.text_in == Decimal("5")
    assert entry_on(FLAT_CUT, D("2027-01-14")).pricing.prices[0].usd == Decimal("0.04")
    assert entry_on(FLAT_CUT, D("2027-01-15")).pricing.prices[0].usd == Decimal("0.03")


def test_a_token_price_change_changes_the_total_from_its_day():
    # 1000 images of 1024x1024 medium (q=48, s=48): ceil(48*48*3_048_576/4e6) = 1756 tokens.
    # Text: 100 tokens x 1000 x $5/1M = $0.50.
    # Before: 1756 x 1000 x $30/1M = $52.68 -> $53.18; from 01-15: x $20/1M = $35.12 -> $35.62.
    sc = scenario(prompt_tokens=100, period="day")
    (before,) = estimate(
        sc, PriceCatalog(checked=D("2026-11-01"), models=[CUT]), ["tok"], as_of=D("2027-01-14")
    )
    assert before.total_usd == pytest.approx(53.18)
    on_the_day = estimate_model(sc, CUT, day=D("2027-01-15"))
    assert on_the_day.total_usd == pytest.approx(35.62)
    assert on_the_day.stages[0].meter("image_out").rate_usd_per_m == pytest.approx(20.0)


def test_a_per_image_price_change_changes_the_total_from_its_day():
    # 1000 images: 1000 x $0.04 = $40 before; 1000 x $0.03 = $30 from 2027-01-15.
    sc = scenario(period="day")
    assert estimate_model(sc, FLAT_CUT, day=D("2027-01-14")).total_usd == pytest.approx(40.0)
    assert estimate_model(sc, FLAT_CUT, day=D("2027-01-15")).total_usd == pytest.approx(30.0)


def test_the_scenarios_plan_from_picks_the_prices():
    # 1000 x 1756 tokens: $52.68 at $30/1M, $35.12 at $20/1M.
    early = estimate_model(scenario(plan_from=D("2026-12-01"), period="day"), CUT)
    late = estimate_model(scenario(plan_from=D("2027-02-01"), period="day"), CUT)
    assert early.total_usd == pytest.approx(52.68)
    assert late.total_usd == pytest.approx(35.12)


def test_later_changes_win_and_each_names_only_its_prices():
    entry = token_model(
        changes=[
            change("2027-01-01", image_out="25", text_in="4"),
            change("2027-03-01", image_out="15"),
        ]
    )
    assert prices_in_force(entry, D("2026-12-31")) == {}
    assert prices_in_force(entry, D("2027-01-01")) == {
        "image_out": Decimal("25"),
        "text_in": Decimal("4"),
    }
    assert prices_in_force(entry, D("2027-03-01")) == {
        "image_out": Decimal("15"),
        "text_in": Decimal("4"),
    }


def test_price_changes_out_of_date_order_are_refused():
    with pytest.raises(ValidationError, match="date order"):
        token_model(
            changes=[change("2027-03-01", image_out="15"), change("2027-01-01", image_out="25")]
        )


def test_a_change_naming_a_price_the_model_lacks_is_refused_when_priced():
    entry = token_model(changes=[change("2027-01-01", **{"1024x1024/high": "0.1"})])
    with pytest.raises(UnknownPrice):
        entry_on(entry, D("2027-01-01"))


# --- a period that straddles a change --------------------------------------------------------


def test_a_change_inside_the_period_is_a_warning_with_the_date_prices_and_new_total():
    # Month from 2027-01-01 (ends 2027-02-01); image_out $30 -> $20 on 2027-01-15.
    # The estimate uses 2027-01-01's prices: $52.68 + $0.50 text = $53.18.
    # At the new prices: $35.12 + $0.50 = $35.62, (35.62 - 53.18) / 53.18 = -33.0%.
    est = estimate_model(scenario(prompt_tokens=100, plan_from=D("2027-01-01")), CUT)
    assert est.total_usd == pytest.approx(53.18)
    (notice,) = notices(est, "price_change")
    assert notice.severity == "warning"
    assert "2027-01-15" in notice.message
    assert "$30 → $20" in notice.message
    assert "$35.62" in notice.message
    assert "(-33%)" in notice.message
    assert "prices of 2027-01-01" in notice.message
    assert notice.message in est.to_dict()["warnings"]


def test_a_per_image_change_inside_the_period_names_the_cell_and_the_new_total():
    # 1000 x $0.04 = $40.00 now; 1000 x $0.03 = $30.00 (-25%) from 2027-01-15.
    est = estimate_model(scenario(plan_from=D("2027-01-10"), period="week"), FLAT_CUT)
    assert est.total_usd == pytest.approx(40.0)
    (notice,) = notices(est, "price_change")
    assert "2027-01-15" in notice.message
    assert "$0.04 → $0.03" in notice.message
    assert "$30.00 (-25%)" in notice.message


def test_two_changes_in_one_period_are_two_warnings_each_from_the_price_before_it():
    entry = token_model(
        changes=[change("2027-01-10", image_out="20"), change("2027-01-20", image_out="10")]
    )
    # 1000 x 1756 tokens: $52.68 at $30, $35.12 at $20, $17.56 at $10.
    est = estimate_model(scenario(plan_from=D("2027-01-01")), entry)
    first, second = notices(est, "price_change")
    assert "2027-01-10" in first.message
    assert "$30 → $20" in first.message
    assert "$35.12" in first.message
    assert "2027-01-20" in second.message
    assert "$20 → $10" in second.message
    assert "$17.56" in second.message


@pytest.mark.parametrize(
    ("plan_from", "period", "total"),
    [
        ("2026-11-01", "month", 52.68),  # the change is after the period (ends 12-01)
        ("2026-12-15", "month", 52.68),  # the period ends on 01-15, the day of the change
        ("2027-01-14", "day", 52.68),  # the day before: a one-day period ends on 01-15
        ("2027-01-15", "month", 35.12),  # on the day it is simply the price in force
        ("2027-02-01", "year", 35.12),  # after it
    ],
)
def test_no_warning_for_a_change_outside_the_period(plan_from, period, total):
    est = estimate_model(scenario(plan_from=D(plan_from), period=period), CUT)
    assert notices(est, "price_change") == []
    assert est.total_usd == pytest.approx(total)


def test_a_change_on_the_last_day_of_the_period_warns():
    # A week from 2027-01-08 runs to 01-14; it ends (exclusive) on 01-15: no warning.
    # From 2027-01-09 it ends on 01-16, so 01-15 is inside.
    assert changes_between(CUT, D("2027-01-08"), D("2027-01-15")) == []
    est = estimate_model(scenario(plan_from=D("2027-01-09"), period="week"), CUT)
    assert len(notices(est, "price_change")) == 1


def test_a_change_that_moves_no_price_gives_no_warning():
    entry = token_model(changes=[change("2027-01-15", image_out="30")])
    est = estimate_model(scenario(plan_from=D("2027-01-01")), entry)
    assert notices(est, "price_change") == []


# --- the quality ladder ----------------------------------------------------------------------

LADDER = token_model("five", factors=FIVE)
BASIC = token_model("three", factors=THREE)


def test_a_five_level_model_offers_every_level_in_order():
    assert LADDER.quality_levels == ("low", "medium", "high", "xhigh", "max")
    assert BASIC.quality_levels == ("low", "medium", "high")


@pytest.mark.parametrize(
    ("quality", "tokens"),
    [
        # s = floor((2*q*1024 + 1024) / 2048) = floor(q + 0.5) = q;
        # tokens = ceil(q*q*(2_000_000 + 1_048_576)/4_000_000) = ceil(q*q*0.762144)
        ("low", 196),  # 256 x 0.762144 = 195.11
        ("medium", 439),  # 576 x 0.762144 = 438.99
        ("high", 1756),  # 2304 x 0.762144 = 1755.98
        ("xhigh", 3122),  # 4096 x 0.762144 = 3121.74
        ("max", 7024),  # 9216 x 0.762144 = 7023.92
    ],
)
def test_the_five_level_ladder_at_1024_square(quality, tokens):
    est = one_image(LADDER, "1024x1024", quality)
    assert est.output_tokens_per_image == tokens
    assert est.per_image_usd == pytest.approx(tokens * 30 / 1e6)
    assert est.stages[0].quality == quality


@pytest.mark.parametrize(
    ("size", "quality", "tokens"),
    [
        # 1536x1024: L=1536, S=1024, W*H = 1_572_864, (2e6 + W*H)/4e6 = 0.893216
        # xhigh: s = floor((2*64*1024 + 1536)/3072) = floor(43.17) = 43
        #        ceil(64*43*0.893216) = ceil(2458.13) = 2459
        ("1536x1024", "xhigh", 2459),
        # max:   s = floor((2*96*1024 + 1536)/3072) = floor(64.5) = 64
        #        ceil(96*64*0.893216) = ceil(5487.92) = 5488
        ("1536x1024", "max", 5488),
        ("1024x1536", "xhigh", 2459),
        ("1024x1536", "max", 5488),
        # 2048x1152: L=2048, S=1152, W*H = 2_359_296, (2e6 + W*H)/4e6 = 1.089824
        # xhigh: s = floor((2*64*1152 + 2048)/4096) = floor(36.5) = 36
        #        ceil(64*36*1.089824) = ceil(2510.95) = 2511
        ("2048x1152", "xhigh", 2511),
        # max:   s = floor((2*96*1152 + 2048)/4096) = floor(54.5) = 54
        #        ceil(96*54*1.089824) = ceil(5649.65) = 5650
        ("2048x1152", "max", 5650),
    ],
)
def test_xhigh_and_max_at_non_square_sizes(size, quality, tokens):
    est = one_image(LADDER, size, quality)
    assert est.output_tokens_per_image == tokens
    assert est.per_image_usd == pytest.approx(tokens * 30 / 1e6)


@pytest.mark.parametrize("quality", ["xhigh", "max"])
def test_a_three_level_model_refuses_xhigh_and_max_naming_its_levels(quality):
    est = one_image(BASIC, "1024x1024", quality)
    (notice,) = notices(est, "unsupported_quality")
    assert notice.severity == "error"
    assert "low, medium, high" in notice.message
    assert repr(quality) in notice.message
    assert est.total_usd is None
    assert not est.complete


def test_auto_on_a_five_level_model_ranges_from_low_to_max():
    # 1000 images, assumed medium: 439 tokens -> 1000 x 439 x $30/1M = $13.17;
    # low: 196 -> $5.88; max: 7024 -> $210.72.
    est = estimate_model(scenario(quality="auto"), LADDER, day=D("2026-12-01"))
    assert est.stages[0].quality == "medium"
    assert est.total_usd == pytest.approx(13.17)
    assert est.low_usd == pytest.approx(5.88)
    assert est.high_usd == pytest.approx(210.72)
    assert "$0.006–$0.211 per image" in notices(est, "auto_quality")[0].message


@pytest.mark.parametrize("assumed", ["xhigh", "max"])
def test_auto_assuming_more_than_a_three_level_model_has_assumes_its_highest(assumed):
    # Assumed high (q=96): 1000 x ceil(9216*0.762144) = 7024 tokens -> $210.72;
    # range low $5.88 to high $210.72.
    sc = scenario(quality="auto")
    sc.stages[0].auto_assumes = assumed
    est = estimate_model(sc, BASIC, day=D("2026-12-01"))
    assert est.stages[0].quality == "high"
    assert est.total_usd == pytest.approx(210.72)
    assert (est.low_usd, est.high_usd) == (pytest.approx(5.88), pytest.approx(210.72))


def test_price_keys_of_a_token_model_are_its_meters():
    keys = [f.key for f in price_fields(LADDER)]
    assert keys == ["text_in", "image_in", "image_out"]


def test_auto_says_the_level_it_priced_when_the_assumed_one_is_missing():
    sc = scenario(quality="auto")
    sc.stages[0].auto_assumes = "max"
    est = estimate_model(sc, BASIC, day=D("2026-12-01"))
    message = notices(est, "auto_quality")[0].message
    assert f"priced as {est.stages[0].quality}" in message
    assert "priced as max" not in message
