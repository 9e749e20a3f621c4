"""How a model's standing and a price's age read on screen, as of a day.

Qt-free: the model picker, the Prices page and the status bar all say it the
same way. (What the comparison says of a model that cannot run, and the words
for a number of days, are the workspace's: ``imgcost_gui.workspace.lifecycle``;
this belongs there too.) The dates and statuses are the core's
(``PriceCatalog.lifecycle_of``); this only words them. The calendar is read
through ``imgcost_gui.core.calendar.today`` alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from imgcost_gui.core import calendar, price_fields
from imgcost_gui.core.catalog import NO_LIFECYCLE, ModelEntry, PriceCatalog, Source
from imgcost_gui.core.overrides import PriceField
from imgcost_gui.workspace.lifecycle import days_text

#: A price last checked more than this many days before today is marked as old.
PRICE_CHECK_DAYS = 90


def day_words(plan_from: dt.date | None) -> str:
    """The day estimates are for, as a user reads it: 'today, 2026-12-01' or the date."""
    if plan_from is None:
        return f"today, {calendar.today().isoformat()}"
    return plan_from.isoformat()


def status_text(
    catalog: PriceCatalog, entry: ModelEntry, day: dt.date, *, short: bool = False
) -> str:
    """A few words for a Status column; empty for a model with nothing ahead of it.

    ``short`` (a narrow column) says "until DATE" for "shuts down DATE".
    """
    lc = catalog.lifecycle_of(entry)
    status = lc.status_on(day)
    if status == "retired":
        return f"retired {lc.retired_on.isoformat()}" if lc.retired_on else "retired"
    if status == "upcoming" and lc.announced_on is not None:
        return f"from {lc.announced_on.isoformat()}"
    if lc.retired_on is not None:
        return f"{'until' if short else 'shuts down'} {lc.retired_on.isoformat()}"
    return "deprecated" if status == "deprecated" else ""


def status_tip(catalog: PriceCatalog, entry: ModelEntry, day: dt.date) -> str:
    """Plain text: the status on ``day`` and every date the catalog knows."""
    lc = catalog.lifecycle_of(entry)
    status = lc.status_on(day)
    lines = [f"{status.capitalize()} on {day.isoformat()}"]
    if lc.announced_on is not None:
        lines.append(f"Available from {lc.announced_on.isoformat()}")
    if lc.deprecated_on is not None:
        lines.append(f"Deprecated on {lc.deprecated_on.isoformat()}")
    if lc.retired_on is not None:
        left = (lc.retired_on - day).days
        if left > 0:
            lines.append(f"Shuts down on {lc.retired_on.isoformat()} ({days_text(left)} left)")
        else:
            lines.append(f"Shut down on {lc.retired_on.isoformat()}")
    if entry.lifecycle is None and lc is not NO_LIFECYCLE:
        lines.append("Dates of the model it resells")
    if lc.note:
        lines.append(lc.note)
    return "\n".join(lines)


# --- how old a price is -------------------------------------------------------------------


def checked_days_ago(source: Source | None, today: dt.date | None = None) -> int | None:
    if source is None:
        return None
    return ((today or calendar.today()) - source.checked).days


def checked_long_ago(source: Source | None, today: dt.date | None = None) -> bool:
    days = checked_days_ago(source, today)
    return days is not None and days > PRICE_CHECK_DAYS


def checked_text(source: Source, today: dt.date | None = None) -> str:
    days = checked_days_ago(source, today) or 0
    ago = "today" if days == 0 else f"{days_text(days)} ago"
    return f"checked {source.checked.isoformat()}, {ago}"


@dataclass(frozen=True)
class OldPrice:
    entry: ModelEntry
    field: PriceField
    days: int


def old_prices(
    catalog: PriceCatalog,
    today: dt.date | None = None,
    users: Callable[[ModelEntry, PriceField], bool] = lambda _e, _f: False,
) -> Iterator[OldPrice]:
    """Shipped prices last checked over PRICE_CHECK_DAYS ago, of models not retired today.

    Retired models are left out (their prices no longer decide anything), and
    so are the user's own prices (``users``): nobody checks those but the user.
    """
    today = today or calendar.today()
    for entry in catalog.models:
        if catalog.status(entry, today) == "retired":
            continue
        for f in price_fields(entry):
            if checked_long_ago(f.source, today) and not users(entry, f):
                yield OldPrice(entry, f, checked_days_ago(f.source, today) or 0)
