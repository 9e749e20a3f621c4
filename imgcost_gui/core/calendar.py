"""The one place the core reads the calendar.

Prices and lifecycles are about a day: the day an estimate is for. That day is
the caller's ``--as-of``, else the scenario's "plan from" date, else today.
"""

from __future__ import annotations

import datetime as dt
import os

#: How far ahead a shutdown is warned about, beyond the scenario's own period.
SHUTDOWN_WARNING_DAYS = 90

#: Days in each scenario period, for "does this fall inside the period?".
PERIOD_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def today() -> dt.date:
    """Today on this machine's calendar.

    ``IMGCOST_TODAY=YYYY-MM-DD`` stands in for the calendar (tests, screenshots,
    and seeing the app as it will be on a later day).
    """
    pinned = os.environ.get("IMGCOST_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            pass  # a malformed pin is ignored rather than stopping the app
    return dt.date.today()


def plan_day(plan_from: dt.date | None, as_of: dt.date | None = None) -> dt.date:
    """The day an estimate is for: ``as_of``, else the plan's own date, else today."""
    if as_of is not None:
        return as_of
    if plan_from is not None:
        return plan_from
    return today()


def period_end(start: dt.date, period: str) -> dt.date:
    """The first day after a period that starts on ``start``."""
    if period == "month":
        month = start.month + 1
        year = start.year + (month > 12)
        month = (month - 1) % 12 + 1
        day = min(start.day, _days_in_month(year, month))
        return dt.date(year, month, day)
    if period == "year":
        try:
            return start.replace(year=start.year + 1)
        except ValueError:  # 29 February
            return start.replace(year=start.year + 1, day=28)
    return start + dt.timedelta(days=PERIOD_DAYS[period])


def _days_in_month(year: int, month: int) -> int:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day
