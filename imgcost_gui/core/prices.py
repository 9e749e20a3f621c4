"""Every price of a model named by what it prices, and prices as of a day.

A price key says what a price is in the user's words and stays the same when
a catalog release reorders a model's price cells: ``image_out`` (a token
rate), ``1024x1024/high`` (a per-image cell: tier, size and quality that apply,
joined by ``/``), ``first_mp``, ``plan/standard``. The CLI's ``prices set``,
the overrides file, dated price changes and price updates all use these keys.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from typing_extensions import assert_never

from .catalog import (
    FixedTokenPricing,
    ModelEntry,
    PerImagePricing,
    PerMegapixelPricing,
    PriceChange,
    PublishedImagePrices,
    Source,
    SubscriptionPricing,
    TokenPricing,
    TokenRates,
)

#: Token meters a user can price, with their labels (the meter names of the JSON output).
TOKEN_KEYS: dict[str, str] = {
    "text_in": "Text input",
    "cached_text_in": "Cached text input",
    "image_in": "Image input",
    "cached_image_in": "Cached image input",
    "image_out": "Image output",
    "text_out": "Text output (thinking)",
}


@dataclass(frozen=True)
class PriceField:
    """One editable price of a model.

    ``path`` is the price key (what it prices); ``location`` is where the
    value sits inside the entry, for this catalog only.
    """

    path: str
    label: str
    unit: str
    value: Decimal
    source: Source | None
    location: str = ""

    @property
    def key(self) -> str:
        return self.path


def cell_key(size: str | None, quality: str | None, tier: str | None) -> str:
    """The key of one per-image price cell: what it applies to, or ``image``."""
    parts = [p for p in (tier, size, quality) if p]
    return "/".join(parts) if parts else "image"


def _cell_label(size: str | None, quality: str | None, tier: str | None) -> str:
    parts = [tier and f"{tier} tier", size, quality]
    return " ".join(p for p in parts if p) or "any size"


def _token_fields(r: TokenRates) -> list[PriceField]:
    out = []
    for key, label in TOKEN_KEYS.items():
        value = getattr(r, key, None)
        if value is not None:
            out.append(PriceField(key, label, "$ / 1M tokens", value, r.source, f"rates.{key}"))
    return out


def _published_image_fields(rule: PublishedImagePrices) -> list[PriceField]:
    return [
        PriceField(
            cell_key(size, q, None),
            f"Image {size} {q}",
            "$ / image",
            usd,
            rule.source,
            f"output.usd.{q}.{size}",
        )
        for q, row in rule.usd.items()
        for size, usd in row.items()
    ]


def _cell_fields(p: PerImagePricing) -> list[PriceField]:
    return [
        PriceField(
            cell_key(cell.size, cell.quality, cell.tier),
            f"Image, {_cell_label(cell.size, cell.quality, cell.tier)}",
            "$ / image",
            cell.usd,
            p.source,
            f"prices.{i}.usd",
        )
        for i, cell in enumerate(p.prices)
    ]


def _megapixel_fields(p: PerMegapixelPricing) -> list[PriceField]:
    out = []
    for key, attr, label, unit in (
        ("first_mp", "first_mp_usd", "First megapixel", "$ / image"),
        ("extra_mp", "extra_mp_usd", "Each extra megapixel", "$ / MP"),
        ("input_mp", "input_mp_usd", "Reference image megapixel", "$ / MP"),
        ("edit_first_mp", "edit_first_mp_usd", "Edit: first megapixel", "$ / image"),
        ("edit_extra_mp", "edit_extra_mp_usd", "Edit: each extra megapixel", "$ / MP"),
    ):
        value = getattr(p, attr)
        if value is not None:
            out.append(PriceField(key, label, unit, value, p.source, attr))
    return out


def _plan_fields(p: SubscriptionPricing) -> list[PriceField]:
    out = [
        PriceField(
            f"plan/{plan.name.lower()}",
            f"{plan.name} plan",
            "$ / month",
            plan.monthly_usd,
            p.source,
            f"plans.{i}.monthly_usd",
        )
        for i, plan in enumerate(p.plans)
    ]
    if p.extra_hour_usd is not None:
        out.append(
            PriceField(
                "extra_hour",
                "Extra fast hour",
                "$ / hour",
                p.extra_hour_usd,
                p.source,
                "extra_hour_usd",
            )
        )
    return out


def price_fields(entry: ModelEntry) -> list[PriceField]:
    """Every price a user may change, with its key, a label in the user's words,
    and its source (the price's own where one is known)."""
    fields = _scheme_fields(entry)
    if not entry.price_sources:
        return fields
    return [
        dataclasses.replace(f, source=entry.price_sources[f.path])
        if f.path in entry.price_sources
        else f
        for f in fields
    ]


def _scheme_fields(entry: ModelEntry) -> list[PriceField]:
    p = entry.pricing
    match p:
        case TokenPricing():
            extra = (
                _published_image_fields(p.output)
                if isinstance(p.output, PublishedImagePrices)
                else []
            )
            return _token_fields(p.rates) + extra
        case FixedTokenPricing():
            return _token_fields(p.rates)
        case PerImagePricing():
            return _cell_fields(p)
        case PerMegapixelPricing():
            return _megapixel_fields(p)
        case SubscriptionPricing():
            return _plan_fields(p)
        case _:
            assert_never(p)


class UnknownPrice(KeyError):
    """A price key the model does not have."""

    def __init__(self, model_id: str, key: str, known: list[str]):
        super().__init__(key)
        self.model_id, self.key, self.known = model_id, key, known

    def __str__(self) -> str:
        shown = ", ".join(self.known[:12]) + (", ..." if len(self.known) > 12 else "")
        return f"{self.model_id} has no price {self.key!r}; its prices are: {shown}"


def _set_location(data: Any, location: str, value: Any) -> None:
    keys = location.split(".")
    node = data
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last = keys[-1]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value


def apply_prices(entry: ModelEntry, prices: Mapping[str, Decimal]) -> ModelEntry:
    """``entry`` with some prices replaced by key; UnknownPrice for a key it lacks."""
    if not prices:
        return entry
    fields = {f.path: f for f in price_fields(entry)}
    data = entry.model_dump()
    for key, value in prices.items():
        field = fields.get(key)
        if field is None:
            raise UnknownPrice(entry.id, key, list(fields))
        _set_location(data["pricing"], field.location, value)
    return ModelEntry.model_validate(data)


def prices_in_force(entry: ModelEntry, day: dt.date) -> dict[str, Decimal]:
    """The dated changes in force on ``day``, merged (later dates win)."""
    out: dict[str, Decimal] = {}
    for change in entry.price_changes:
        if change.effective <= day:
            out.update(change.prices)
    return out


def entry_on(entry: ModelEntry, day: dt.date) -> ModelEntry:
    """The entry with the prices in force on ``day``, each sourced as its change."""
    if not entry.price_changes:
        return entry
    prices: dict[str, Decimal] = {}
    sources = dict(entry.price_sources)
    for change in entry.price_changes:
        if change.effective <= day:
            prices.update(change.prices)
            sources.update(dict.fromkeys(change.prices, change.source))
    if not prices:
        return entry
    return apply_prices(entry, prices).model_copy(update={"price_sources": sources})


def changes_between(entry: ModelEntry, start: dt.date, end: dt.date) -> list[dt.date]:
    """Dates after ``start`` and before ``end`` on which a price of the entry changes."""
    return [c.effective for c in entry.price_changes if start < c.effective < end]


def layered(
    entry: ModelEntry,
    undated: Mapping[str, Decimal],
    dated: Mapping[str, Sequence[tuple[dt.date, Decimal]]],
    source: Source,
) -> ModelEntry:
    """``entry`` with a layer of prices on top (the updated layer, or the user's).

    An undated price holds on every day: it replaces the base price and every
    dated change of that key below it. A dated price holds from its day on,
    over anything below, earlier or later.
    """
    if not undated and not dated:
        return entry
    fields = {f.path for f in price_fields(entry)}
    for key in (*undated, *dated):
        if key not in fields:
            raise UnknownPrice(entry.id, key, sorted(fields))
    # The first day each dated key of this layer takes over.
    takes_over = {key: min(d for d, _ in rows) for key, rows in dated.items() if rows}
    kept: list[PriceChange] = []
    for change in entry.price_changes:
        prices = {
            k: v
            for k, v in change.prices.items()
            if k not in undated and not (k in takes_over and change.effective >= takes_over[k])
        }
        if prices:
            kept.append(change.model_copy(update={"prices": prices}))
    by_day: dict[dt.date, dict[str, Decimal]] = {}
    for key, rows in dated.items():
        for day, usd in rows:
            by_day.setdefault(day, {})[key] = usd
    kept += [PriceChange(effective=d, prices=p, source=source) for d, p in by_day.items()]
    # Same day: the layer's change comes after the one below, so it wins.
    kept.sort(key=lambda c: c.effective)
    base = apply_prices(entry, dict(undated)) if undated else entry
    sources = {**entry.price_sources, **dict.fromkeys(undated, source)}
    return base.model_copy(update={"price_changes": kept, "price_sources": sources})
