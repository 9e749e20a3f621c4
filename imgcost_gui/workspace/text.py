"""How numbers read on screen: the one money formatter of the workspace and the UI.

Display only: the core's values are never re-rounded. Every dollar amount a
user reads in the table, its tooltips, the summary and the charts (axis ticks
too) is written by a function here.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal

from imgcost_gui.core.duration import duration_words

PERIOD_WORDS = {"day": "day", "week": "week", "month": "month", "year": "year"}
MINUS = "\u2212"


def usd(value: float | None, *, cents: bool = True) -> str:
    """$1,234.56 for totals; ``cents=False`` drops them from $1,000 up."""
    if value is None:
        return "—"
    sign = MINUS if value < 0 else ""
    v = abs(value)
    if not cents and v >= 1000:
        return f"{sign}${fixed(v, 0)}"
    return f"{sign}${fixed(v, 2)}"


def usd_per_image(value: float | None) -> str:
    """A price per image: small amounts keep enough digits to differ ($0.0025, $0.040)."""
    if value is None:
        return "—"
    if value >= 1:
        return f"${fixed(value, 2)}"
    if value >= 0.01:
        return f"${fixed(value, 3)}"
    return f"${fixed(value, 4)}"


def usd_per_million(value: float) -> str:
    """A token rate: '$5.00 / 1M', or four decimals below a cent."""
    if value >= 0.01:
        return f"${fixed(value, 2)} / 1M"
    return f"${fixed(value, 4)} / 1M"


def usd_tick(value: float) -> str:
    """A label on a money axis: '$1,500', '$20', '$2.50', '$0.04'.

    Ticks sit on round values, so Python's own rounding serves (no half to round)."""
    if value >= 1000:
        return f"${value:,.0f}"
    if value >= 1 or value == 0:
        return f"${value:,.0f}" if float(value).is_integer() else f"${value:,.2f}"
    return f"${value:.3f}".rstrip("0")


def signed_usd(value: float | None) -> str:
    """'+$12.00', '−$3.50', or 'same' for less than half a cent."""
    if value is None:
        return "—"
    if abs(value) < 0.005:
        return "same"
    return ("+" if value > 0 else MINUS) + usd(abs(value))


def signed_pct(value: float | None) -> str:
    """' (+12%)' after a signed amount; nothing under half a percent."""
    if value is None:
        return ""
    if abs(value) < 0.5:
        return ""
    return f" ({'+' if value > 0 else MINUS}{whole(abs(value))}%)"


def whole(value: float) -> int:
    """``value`` to the nearest whole number, a half away from zero (0.5 is 1)."""
    return int(_rounded(value, 0))


def fixed(value: float, places: int) -> str:
    """``value`` with ``places`` decimals and thousands commas, a half rounded up
    ($0.0625 reads $0.063, $1,000.50 reads $1,001) as people and invoices round.
    Python's ``:.2f`` and ``round()`` send an exact half to the even neighbour."""
    if not math.isfinite(value):
        return f"{value:,.{places}f}"  # "inf", "nan": nothing to round
    return f"{_rounded(value, places):,.{places}f}"


#: Digits enough for any float's whole part and its decimals (the largest is 309 digits).
_EXACT = Context(prec=400, rounding=ROUND_HALF_UP)


def _rounded(value: float, places: int) -> Decimal:
    # Decimal(value) is the float's exact value, so only a true half rounds up.
    return Decimal(value).quantize(Decimal(1).scaleb(-places), context=_EXACT)


def count(value: float | None, noun: str = "") -> str:
    if value is None:
        return "—"
    return f"{fixed(value, 0)} {noun}".strip()


def size_text(width: int, height: int) -> str:
    return f"{width}×{height}"


def usd_range(low: float, high: float, *, per_image: bool = False) -> str:
    """'$67–$191' (an end from $10 up in whole dollars, as a range is an estimate:
    '$1.65–$23'), or '$0.011–$0.032' per image; one figure when both ends read the same."""
    if per_image:
        lo, hi = usd_per_image(low), usd_per_image(high)
    else:
        lo, hi = (f"${fixed(v, 0)}" if abs(v) >= 10 else usd(v) for v in (low, high))
    return lo if lo == hi else f"{lo}–{hi}"


duration = duration_words  # "3 h 20 min", as the command line says it
