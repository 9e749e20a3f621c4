"""How numbers read on screen. Display only: the core's values are never re-rounded."""

from __future__ import annotations

PERIOD_WORDS = {"day": "day", "week": "week", "month": "month", "year": "year"}
MINUS = "\u2212"


def usd(value: float | None, *, cents: bool = True) -> str:
    """$1,234.56 for totals; small amounts keep enough digits to differ."""
    if value is None:
        return "—"
    sign = MINUS if value < 0 else ""
    v = abs(value)
    if not cents and v >= 1000:
        return f"{sign}${v:,.0f}"
    return f"{sign}${v:,.2f}"


def usd_per_image(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 1:
        return f"${value:,.2f}"
    if value >= 0.01:
        return f"${value:.3f}"
    return f"${value:.4f}"


def signed_usd(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) < 0.005:
        return "same"
    return ("+" if value > 0 else MINUS) + usd(abs(value))


def signed_pct(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) < 0.5:
        return ""
    return f" ({'+' if value > 0 else MINUS}{abs(value):.0f}%)"


def count(value: float | None, noun: str = "") -> str:
    if value is None:
        return "—"
    text = f"{value:,.0f}"
    return f"{text} {noun}".strip()


def size_text(width: int, height: int) -> str:
    return f"{width}×{height}"
