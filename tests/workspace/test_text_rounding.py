"""An exact half rounds up on screen, as on an invoice: Python's own formatting
sends it to the even neighbour, so half a percent read "+0%" and a $0.0625
price read "$0.062"."""

from __future__ import annotations

import pytest

from imgcost_gui.workspace import text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.5, " (+1%)"),  # half a percent is shown, so it must not read +0%
        (2.5, " (+3%)"),
        (-2.5, " (\u22123%)"),
        (12.5, " (+13%)"),
        (0.49, ""),
    ],
)
def test_a_percentage_rounds_a_half_away_from_zero(value, shown):
    assert text.signed_pct(value) == shown


def test_prices_and_totals_that_end_in_an_exact_half():
    # 0.0625 and 0.125 are exact in binary, so they are true halves at 3 and 2 places
    assert text.usd_per_image(0.0625) == "$0.063"
    assert text.usd(0.125) == "$0.13"
    assert text.usd(1000.5, cents=False) == "$1,001"
    assert text.usd_range(12.5, 190.5) == "$13–$191"
    assert text.count(2.5, "images") == "3 images"
    assert text.usd_per_million(0.03125) == "$0.03 / 1M"  # 2 places: no half here


def test_a_value_just_under_a_half_still_rounds_down():
    # 2.675 is stored as 2.67499999...: not a half, so it reads 2.67, not 2.68
    assert text.usd(2.675) == "$2.67"
    assert text.whole(0.49999999999999994) == 0


def test_amounts_beyond_any_bill_still_read():
    assert text.usd(float("inf")) == "$inf"
    assert text.fixed(float("nan"), 2) == "nan"
    assert text.usd(2e15) == "$2,000,000,000,000,000.00"
    # floats are half a unit apart at 2**51 = 2,251,799,813,685,248: its half is exact
    assert text.usd(2**51 + 0.5, cents=False) == "$2,251,799,813,685,249"
    assert text.fixed(1e30, 2) == "1,000,000,000,000,000,019,884,624,838,656.00"  # the float's own
