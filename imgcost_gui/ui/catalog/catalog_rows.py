"""The Prices page's rows without Qt: one per (model, price), as of a day.

Each row knows the price in force on that day and whose it is: shipped, from
the updated-prices layer, the user's own, or a custom model's; what it
replaces (value and source); and every dated price of that key, the user's
and those of the catalog below them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from imgcost_gui.core import ModelEntry, UserCatalog
from imgcost_gui.core.catalog import Source
from imgcost_gui.core.overrides import DatedPrice, PriceField, price_fields
from imgcost_gui.core.prices import entry_on
from imgcost_gui.ui.common import checked_long_ago, checked_text, status_text, status_tip

Origin = Literal["shipped", "updated", "user", "custom"]

#: How a row's origin reads in a sentence ("the updated value").
ORIGIN_WORDS: dict[str, str] = {
    "shipped": "shipped",
    "updated": "updated",
    "user": "your",
    "custom": "your custom model's",
}


#: Digits with at most one decimal mark, a point or a comma; no sign, no exponent.
PRICE_PATTERN = r"[0-9]{0,9}([.,][0-9]{0,8})?"


def decimal_text(value: Decimal | None) -> str:
    """A price as typed: no exponent, no trailing zeros beyond the cents."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    if "." not in text or len(text.split(".")[1]) < 2:
        text = f"{value:.2f}"
    return text


def parse_price(text: str) -> Decimal | None:
    """A price the user typed, or None if it is not a number of zero or more.

    A comma is read as a decimal mark, like a point ("0,12" is 0.12): prices are
    small numbers, and the comma is the decimal mark in much of the world. Both
    marks together ("1,234.50" or "1.234,50") mean the last one is the decimal
    mark; one mark repeated ("1,000,000") separates thousands.
    """
    t = re.sub(r"[\s'_]", "", str(text))
    marks = [c for c in t if c in ".,"]
    if len(marks) > 1 and len(set(marks)) == 1:
        t = t.replace(marks[0], "")
    elif marks:
        decimal = t.rfind(marks[-1])
        if marks.count(marks[-1]) > 1:
            return None
        t = t[:decimal].replace(",", "").replace(".", "") + "." + t[decimal + 1 :]
    try:
        value = Decimal(t)
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or value < 0:
        return None
    return value


@dataclass(frozen=True)
class CatalogChange:
    """A dated price of the catalog below the user's (shipped, or an update's)."""

    effective: dt.date
    usd: Decimal
    source: Source
    origin: Origin


@dataclass(frozen=True)
class CatalogRow:
    entry: ModelEntry
    #: The price in force on the day, sourced as whoever set it.
    field: PriceField
    #: The user has a price for this key (on any day), or it is a custom model's.
    overridden: bool
    #: The value below the user's (shipped, or updated) on the day; None for custom models.
    shipped: Decimal | None
    #: The model's status today, and how the Status column and its tooltip word it.
    status: str = "active"
    status_text: str = ""
    status_tip: str = ""
    #: Whether the shipped price was last checked over PRICE_CHECK_DAYS ago, and how long.
    checked_long_ago: bool = False
    checked_text: str = ""
    #: Whose the price in force is.
    origin: Origin = "shipped"
    #: What that price replaces (the value below it, its source and whose it is).
    replaced: Decimal | None = None
    replaced_source: Source | None = None
    replaced_origin: Origin | None = None
    #: The user's prices for this key that start on a day, oldest first.
    dated: tuple[DatedPrice, ...] = ()
    #: Dated prices of this key in the catalog below the user's.
    changes: tuple[CatalogChange, ...] = ()

    @property
    def retired(self) -> bool:
        return self.status == "retired"

    @property
    def key(self) -> tuple[str, str]:
        return (self.entry.id, self.field.path)

    @property
    def has_dates(self) -> bool:
        return bool(self.dated or self.changes)


def _origin(source: Source | None, layer: Source | None) -> Origin:
    if source is not None and source.by_user:
        return "user"
    if layer is not None and source == layer:
        return "updated"
    return "shipped"


def _fields_on(entry: ModelEntry | None, day: dt.date) -> dict[str, PriceField]:
    if entry is None:
        return {}
    return {f.path: f for f in price_fields(entry_on(entry, day))}


def build_rows(user: UserCatalog, day: dt.date) -> list[CatalogRow]:
    """Every price of the user's catalog as of ``day``, in catalog order."""
    catalog = user.catalog
    layer = user.layer.source.as_source() if user.layer is not None else None
    rows: list[CatalogRow] = []
    for entry in catalog.models:
        custom = user.is_custom(entry.id)
        lifecycle = (
            catalog.status(entry, day),
            status_text(catalog, entry, day),
            status_tip(catalog, entry, day),
        )
        base_entry = None if custom else user.base.by_id.get(entry.id)
        base = _fields_on(base_entry, day)
        shipped = {} if custom else _fields_on(user.shipped.by_id.get(entry.id), day)
        for f in price_fields(entry_on(entry, day)):
            origin: Origin = "custom" if custom else _origin(f.source, layer)
            below: PriceField | None = None
            if origin == "user":
                below = base.get(f.path)
            elif origin == "updated":
                below = shipped.get(f.path)
            dated = () if custom else tuple(user.dated(entry.id, f.path))
            changes: tuple[CatalogChange, ...] = ()
            if base_entry is not None and f.path not in user.overrides.prices.get(entry.id, {}):
                # The user's dated price overrules every change below it from its day on.
                until = dated[0].effective if dated else None
                changes = tuple(
                    CatalogChange(c.effective, c.prices[f.path], c.source, _origin(c.source, layer))
                    for c in base_entry.price_changes
                    if f.path in c.prices and (until is None or c.effective < until)
                )
            overridden = custom or user.is_overridden(entry.id, f.path)
            rows.append(
                CatalogRow(
                    entry,
                    f,
                    overridden,
                    None if custom or f.path not in base else base[f.path].value,
                    *lifecycle,
                    not overridden and checked_long_ago(f.source, day),
                    checked_text(f.source, day) if f.source is not None else "",
                    origin=origin,
                    replaced=below.value if below else None,
                    replaced_source=below.source if below else None,
                    replaced_origin=(None if below is None else _origin(below.source, layer)),
                    dated=dated,
                    changes=changes,
                )
            )
    return rows


def source_words(source: Source | None) -> str:
    """A source as a reader names it: its title, and an update's version."""
    if source is None:
        return "an unknown source"
    if source.note and source.note.startswith("version "):
        return f"{source.title} ({source.note})"
    return source.title


def value_tip(row: CatalogRow, *, read_only: bool) -> str:
    """Plain text: whose the price is and what it replaces."""
    f = row.field
    if row.origin == "custom":
        text = "Your custom model's price."
    elif row.origin == "user":
        what = ORIGIN_WORDS.get(row.replaced_origin or "shipped", "shipped")
        text = (
            f"Your price; {what} value {decimal_text(row.replaced)} {f.unit} "
            f"from {source_words(row.replaced_source)}."
        )
    elif row.origin == "updated":
        src = f.source
        day = f" (imported {src.checked.isoformat()})" if src is not None else ""
        text = f"Updated price from {source_words(src)}{day}."
        text += (
            f" Shipped value {decimal_text(row.replaced)} {f.unit} "
            f"from {source_words(row.replaced_source)}."
            if row.replaced is not None
            else " A model the update added."
        )
    elif read_only:
        text = "Shipped price (prices are read-only; see the note above)."
    else:
        text = "Shipped price; double-click to change."
    if row.overridden and row.origin not in ("user", "custom"):
        text += " Your own price for it starts on a later day."
    lines = [text, *dated_lines(row)]
    return "\n".join(lines)


def dated_lines(row: CatalogRow) -> list[str]:
    """One line per dated price of the row's key, oldest first."""
    items: list[tuple[dt.date, str]] = [
        (d.effective, f"From {d.effective.isoformat()}: {decimal_text(d.usd)} (yours)")
        for d in row.dated
    ]
    items += [
        (
            c.effective,
            f"From {c.effective.isoformat()}: {decimal_text(c.usd)} "
            f"({ORIGIN_WORDS[c.origin]}, {source_words(c.source)})",
        )
        for c in row.changes
    ]
    return [text for _, text in sorted(items, key=lambda i: i[0])]
