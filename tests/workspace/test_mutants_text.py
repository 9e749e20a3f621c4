"""How money and days read at the edges of each format (issue 10's mutation run):
the thresholds the docstrings name, checked on both sides."""

from __future__ import annotations

from imgcost_gui.workspace import text
from imgcost_gui.workspace.lifecycle import days_text


def test_totals_keep_their_cents_unless_told_and_zero_has_no_sign():
    assert text.usd(1234.5) == "$1,234.50"
    assert text.usd(999.5, cents=False) == "$999.50"  # under $1,000: cents stay
    assert text.usd(1000, cents=False) == "$1,000"  # from $1,000 up: dropped
    assert text.usd(0) == "$0.00"
    assert text.usd(-3.5) == "\u2212$3.50"


def test_a_price_per_image_keeps_enough_digits():
    assert text.usd_per_image(1.0) == "$1.00"
    assert text.usd_per_image(1.5) == "$1.50"
    assert text.usd_per_image(0.01) == "$0.010"
    assert text.usd_per_image(0.0025) == "$0.0025"


def test_a_token_rate_reads_in_cents_from_one_cent_up():
    assert text.usd_per_million(0.01) == "$0.01 / 1M"
    assert text.usd_per_million(5) == "$5.00 / 1M"
    assert text.usd_per_million(0.005) == "$0.0050 / 1M"


def test_money_axis_ticks():
    assert text.usd_tick(1500) == "$1,500"
    assert text.usd_tick(1000.5) == "$1,000"  # whole dollars from $1,000 up
    assert text.usd_tick(20) == "$20"
    assert text.usd_tick(1) == "$1"
    assert text.usd_tick(1.5) == "$1.50"
    assert text.usd_tick(0) == "$0"
    assert text.usd_tick(0.04) == "$0.04"
    assert text.usd_tick(0.025) == "$0.025"


def test_a_signed_difference_and_its_percentage():
    assert text.signed_usd(0.007) == "+$0.01"  # more than half a cent: shown
    assert text.signed_usd(0.004) == "same"
    assert text.signed_usd(0.5) == "+$0.50"
    assert text.signed_usd(-3.5) == "\u2212$3.50"
    assert text.signed_pct(0.7) == " (+1%)"
    assert text.signed_pct(0.4) == ""
    assert text.signed_pct(-12.0) == " (\u221212%)"


def test_a_range_reads_in_whole_dollars_from_ten_dollars_up():
    assert text.usd_range(10, 25) == "$10–$25"
    assert text.usd_range(1.65, 23.4) == "$1.65–$23"
    assert text.usd_range(9.5, 9.5) == "$9.50"


def test_days_left():
    assert days_text(1) == "1 day"
    assert days_text(2) == "2 days"
    assert days_text(1500) == "1,500 days"
