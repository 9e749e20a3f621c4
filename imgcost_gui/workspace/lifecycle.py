"""Why a model cannot run on its estimate's day, and when it stops: the words the
comparison uses. The dates are the core's (``ModelEstimate``); this only words them."""

from __future__ import annotations

from imgcost_gui.core import ModelEstimate


def days_text(n: int) -> str:
    return "1 day" if abs(n) == 1 else f"{n:,} days"


def unavailable_text(e: ModelEstimate) -> str:
    """Why a model cannot be used on its estimate's day: 'retired on DATE', 'not out until DATE'."""
    if e.status == "upcoming":
        return (
            f"not out until {e.available_from.isoformat()}" if e.available_from else "not out yet"
        )
    if e.status == "retired":
        return f"retired on {e.shuts_down.isoformat()}" if e.shuts_down else "retired"
    return e.status


def shutdown_words(e: ModelEstimate) -> str | None:
    """'shuts down in 14 days, 2026-12-15' when the core warned of the shutdown.

    The days come first: in a narrow Notes column they are what stays in view.
    """
    if e.shuts_down is None or e.as_of is None or not e.available:
        return None
    if not any(n.code == "shuts_down" for n in e.notices):
        return None
    left = (e.shuts_down - e.as_of).days
    return f"shuts down in {days_text(left)}, {e.shuts_down.isoformat()}"
