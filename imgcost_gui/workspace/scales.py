"""Where a chart's axes end: round numbers that hold still while the user types."""

from __future__ import annotations

import math
from collections.abc import Sequence

#: Round numbers an axis may end at, per power of ten.
ROUND_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def round_up(x: float) -> float:
    """The smallest round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k) at or above x."""
    if not x > 0 or not math.isfinite(x):
        return 1.0
    power = 10.0 ** math.floor(math.log10(x))
    return next(step * power for step in ROUND_STEPS if step * power >= x * (1 - 1e-12))


def steady_limit(current: float | None, needed: float, shrink: float = 0.5) -> float:
    """An axis end that holds still while the data moves a little.

    A new round end is chosen only when the data outgrows the current one or
    shrinks below ``shrink`` of it. A scale that holds still shows an edit as
    bars growing or shrinking, instead of every bar staying put while the
    numbers under them change; and the frame need not be redrawn.
    """
    if current is not None and shrink * current <= needed <= current:
        return current
    return round_up(needed)


def decades_around(lo: float, hi: float) -> tuple[float, float]:
    """The powers of ten around lo..hi, at least one decade apart (so a log axis
    always has two labels, even when every value is the same)."""
    low = 10.0 ** math.floor(math.log10(lo))
    high = 10.0 ** math.ceil(math.log10(hi))
    return low, high if high > low else low * 10


def steady_log_range(
    current: tuple[float, float] | None, lo: float, hi: float, room: float = 1.5
) -> tuple[float, float]:
    """A log axis from lo to hi with ``room`` (a factor) at both ends, in whole
    decades, that holds still while the data stays inside it with that room and
    fills more than a decade of it less than it could (no zooming out for good)."""
    fresh = decades_around(lo / room, hi * room)
    if current is None:
        return fresh
    c_lo, c_hi = current
    fits = c_lo <= lo / room and hi * room <= c_hi
    return current if fits and fresh[0] <= c_lo and c_hi <= fresh[1] else fresh


def volume_range(
    current: tuple[float, float] | None, images: int, marks: Sequence[float] = ()
) -> tuple[float, float]:
    """Whole decades from about a twentieth to twenty times the scenario's volume,
    wide enough for every break-even volume in ``marks``.

    The range holds still while the volume stays a decade inside either end, so
    typing a request count moves the "your volume" mark, not the whole chart.
    """
    centre = max(images, 10)
    lo, hi = max(1.0, centre / 20), centre * 20.0
    shown = [n for n in marks if n > 0]
    fresh = decades_around(min([lo, *shown]), max([hi, *shown]))
    if current is None:
        return fresh
    lo_now, hi_now = current
    keep = (
        fresh[0] <= lo_now and hi_now <= fresh[1]  # not wider than a fresh range
        and lo_now * 10 <= centre <= hi_now / 10  # the volume a decade inside either end
        and all(lo_now <= n <= hi_now for n in shown)
    )  # fmt: skip
    return current if keep else fresh


#: Points along each volume curve.
POINTS = 48


def volumes_across(lo: float, hi: float, points: int = POINTS) -> list[float]:
    """``points`` volumes from lo to hi, evenly spaced on a log axis."""
    step = (hi / lo) ** (1 / (points - 1))
    return [lo * step**i for i in range(points)]
