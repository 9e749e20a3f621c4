"""The overrides file: what the user changed, by model id and price key.

``price-overrides.json`` (schema version 2) holds changed prices by price key
(what a price is: ``image_out``, ``1024x1024/high``, ``1K``; see ``prices.py``),
prices dated from a day on, and custom models. Version 1 files named prices by
their position in the catalog (``pricing.prices.0.usd``); they are upgraded
when read, using the catalog they were written against.
"""

from __future__ import annotations

import contextvars
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from . import calendar
from .catalog import ModelEntry, PriceCatalog, Source
from .migrations import migrator
from .prices import UnknownPrice, layered, price_fields
from .storage import FileProblem, describe_validation, read_versioned

OVERRIDES_SCHEMA_VERSION: Literal[2] = 2


def user_source() -> Source:
    """What the user's own prices are sourced as, in estimates and in the editor.

    The file does not say when a price was set; it is the user's, current today.
    """
    return Source(
        title="Your price",
        official=False,
        checked=calendar.today(),
        note="set by you in ImgCost (price-overrides.json)",
        by_user=True,
    )


class DatedPrice(BaseModel):
    """A price of the user's that holds from a day on."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)
    effective: dt.date = Field(alias="from")
    usd: Decimal = Field(ge=0, allow_inf_nan=False)


class Overrides(BaseModel):
    # Built on first use (see catalog.Strict): its validator holds a whole ModelEntry
    # (custom models), which costs a start with no overrides file for nothing.
    model_config = ConfigDict(extra="forbid", defer_build=True)
    schema_version: Literal[2] = OVERRIDES_SCHEMA_VERSION
    #: model id -> price key -> USD, on every day.
    prices: dict[str, dict[str, Decimal]] = Field(default_factory=dict)
    #: model id -> price key -> prices from a day on, oldest first.
    dated_prices: dict[str, dict[str, list[DatedPrice]]] = Field(default_factory=dict)
    custom_models: list[ModelEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_custom_ids(self) -> Overrides:
        ids = [m.id for m in self.custom_models]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"custom model id {twice[0]!r} appears twice")
        return self

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, by_alias=True) + "\n"

    def merge(self, incoming: Overrides) -> None:
        """Take in another file's prices and custom models; theirs win where both set one."""
        for model_id, prices in incoming.prices.items():
            self.prices[model_id] = {**self.prices.get(model_id, {}), **prices}
        for model_id, keys in incoming.dated_prices.items():
            mine = dict(self.dated_prices.get(model_id, {}))
            for key, rows in keys.items():
                days = {d.effective: d for d in mine.get(key, [])}
                days.update({d.effective: d for d in rows})
                mine[key] = sorted(days.values(), key=lambda d: d.effective)
            self.dated_prices[model_id] = mine
        by_id = {m.id: m for m in self.custom_models}
        by_id.update((m.id, m) for m in incoming.custom_models)
        self.custom_models = list(by_id.values())

    def count(self) -> int:
        dated = sum(len(rows) for d in self.dated_prices.values() for rows in d.values())
        return sum(len(v) for v in self.prices.values()) + dated + len(self.custom_models)


# --- version 1: prices named by position -------------------------------------------------

#: The shipped catalog a version 1 file's positions refer to (set while loading).
positions_of: contextvars.ContextVar[PriceCatalog | None] = contextvars.ContextVar(
    "positions_of", default=None
)


def _v1_key(entry: ModelEntry | None, path: str) -> str | None:
    """The price key a version 1 path named, or None when it cannot be told."""
    parts = path.split(".")
    if parts[:2] == ["pricing", "rates"] and len(parts) == 3:
        return parts[2]
    if parts[:3] == ["pricing", "output", "usd"] and len(parts) == 5:
        return f"{parts[4]}/{parts[3]}"
    simple = {
        "pricing.first_mp_usd": "first_mp",
        "pricing.extra_mp_usd": "extra_mp",
        "pricing.input_mp_usd": "input_mp",
        "pricing.extra_hour_usd": "extra_hour",
    }
    if path in simple:
        return simple[path]
    if entry is None:
        return None
    location = path.removeprefix("pricing.")
    for f in price_fields(entry):
        if f.location == location:
            return f.path
    return None


@migrator("overrides", 1)
def _overrides_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    shipped = positions_of.get()
    prices: dict[str, dict[str, Any]] = {}
    lost: list[str] = []
    raw = data.get("prices") or {}
    if not isinstance(raw, dict):
        raise ValueError("'prices' must be an object")
    for model_id, changes in raw.items():
        if not isinstance(changes, dict):
            raise ValueError(f"prices of {model_id!r} must be an object")
        entry = shipped.by_id.get(model_id) if shipped is not None else None
        for path, value in changes.items():
            key = _v1_key(entry, str(path))
            if key is None:
                lost.append(f"{model_id} {path}")
                continue
            prices.setdefault(model_id, {})[key] = value
    out = {k: v for k, v in data.items() if k != "prices"}
    out.update(schema_version=2, prices=prices)
    if lost:
        out["_lost"] = lost
    return out


class Loaded(Overrides):
    """An overrides file as read: version 1 upgrades may carry prices they lost."""

    lost: list[str] = Field(default_factory=list, alias="_lost")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def overrides(self) -> Overrides:
        return Overrides.model_validate(self.model_dump(exclude={"lost"}, by_alias=True))


def read_overrides(path: Path, shipped: PriceCatalog) -> tuple[Loaded, bool]:
    """An overrides file as read, and whether it was upgraded; a version 1 file's
    prices are found by their position in ``shipped``. FileProblem if it cannot be read."""
    token = positions_of.set(shipped)
    try:
        return read_versioned(path, "overrides", Loaded, OVERRIDES_SCHEMA_VERSION)
    finally:
        positions_of.reset(token)


def read_shared(
    path: Path, shipped: PriceCatalog, base: PriceCatalog, mine: Overrides
) -> Overrides:
    """Another team member's overrides file, all or nothing: FileProblem, naming the
    first thing that does not fit, unless every price and custom model fits ``base``
    (the catalog below the user's prices) merged with ``mine``."""
    loaded, _ = read_overrides(path, shipped)
    if loaded.lost:
        raise FileProblem(
            path,
            f"its price {loaded.lost[0]} does not match any price of this catalog; "
            "export it again from an ImgCost with this catalog.",
        )
    incoming = loaded.overrides()
    priced = incoming.prices.keys() | incoming.dated_prices.keys()
    for model_id in priced:
        if model_id not in base.by_id:
            raise FileProblem(
                path, f"it changes prices of {model_id!r}, which this catalog does not have."
            )
    clash = [m.id for m in incoming.custom_models if m.id in base.by_id]
    if clash:
        raise FileProblem(
            path,
            f"its custom model {clash[0]!r} has the id of a shipped model; rename it in the file.",
        )
    merged = mine.model_copy(deep=True)
    merged.merge(incoming)
    for model_id in priced:
        try:
            with_user_prices(merged, base.get(model_id))
        except (UnknownPrice, ValidationError) as e:
            detail = str(e) if isinstance(e, UnknownPrice) else describe_validation(e)
            raise FileProblem(
                path, f"its prices for {model_id} do not fit this catalog ({detail})."
            ) from None
    return incoming


def with_user_prices(overrides: Overrides, entry: ModelEntry) -> ModelEntry:
    """``entry`` with the user's own prices (undated and dated) on top."""
    undated = overrides.prices.get(entry.id, {})
    dated = {
        k: [(d.effective, d.usd) for d in rows]
        for k, rows in overrides.dated_prices.get(entry.id, {}).items()
    }
    return layered(entry, undated, dated, user_source())


def apply_overrides(overrides: Overrides, base: PriceCatalog) -> tuple[list[ModelEntry], list[str]]:
    """``base``'s entries with the user's prices on them, then the custom models; and
    a line for each of the user's prices or models that cannot be used (an entry
    they no longer fit keeps the prices below them)."""
    models: list[ModelEntry] = []
    problems: list[str] = []
    for entry in base.models:
        try:
            entry = with_user_prices(overrides, entry)
        except UnknownPrice as e:
            problems.append(
                f"Your prices for {entry.id} name {e.key!r}, which it no longer has; "
                "its shipped prices are used."
            )
        except ValidationError as e:
            problems.append(
                f"Your prices for {entry.id} are not valid ({describe_validation(e)}); "
                "its shipped prices are used."
            )
        models.append(entry)
    named = overrides.prices.keys() | overrides.dated_prices.keys()
    for model_id in sorted(named - base.by_id.keys()):
        problems.append(f"Your prices for {model_id!r} are ignored: the catalog has no such model.")
    base_ids = {m.id for m in models}
    for custom in overrides.custom_models:
        if custom.id in base_ids:
            problems.append(
                f"Custom model {custom.id} has the id of a shipped model; it is ignored."
            )
            continue
        models.append(custom)
    return models, problems


def differences(mine: Overrides, theirs: Overrides) -> list[str]:
    """What another window changed, one line a price or model."""
    out = []
    for model_id in sorted(mine.prices.keys() | theirs.prices.keys()):
        a, b = mine.prices.get(model_id, {}), theirs.prices.get(model_id, {})
        for key in sorted(a.keys() | b.keys()):
            if a.get(key) != b.get(key):
                was = f"${a[key]}" if key in a else "the shipped price"
                now = f"${b[key]}" if key in b else "the shipped price"
                out.append(
                    f"{model_id} {key} changed from {was} to {now} in another ImgCost window"
                )
    for model_id in sorted(mine.dated_prices.keys() | theirs.dated_prices.keys()):
        ours = mine.dated_prices.get(model_id, {})
        other = theirs.dated_prices.get(model_id, {})
        for key in sorted(ours.keys() | other.keys()):
            before = {d.effective: d.usd for d in ours.get(key, [])}
            after = {d.effective: d.usd for d in other.get(key, [])}
            for day in sorted(before.keys() | after.keys()):
                if before.get(day) == after.get(day):
                    continue
                if day not in after:
                    what = f"its price from {day} (${before[day]}) was removed"
                elif day not in before:
                    what = f"a price of ${after[day]} from {day} was set"
                else:
                    what = f"its price from {day} changed from ${before[day]} to ${after[day]}"
                out.append(f"{model_id} {key}: {what} in another ImgCost window")
    added = {m.id for m in theirs.custom_models} - {m.id for m in mine.custom_models}
    removed = {m.id for m in mine.custom_models} - {m.id for m in theirs.custom_models}
    out += [f"Custom model {i} was added in another ImgCost window" for i in sorted(added)]
    out += [f"Custom model {i} was deleted in another ImgCost window" for i in sorted(removed)]
    return out


def put(table: dict[str, Any], model_id: str, value: dict[str, Any]) -> None:
    if value:
        table[model_id] = value
    else:
        table.pop(model_id, None)


def replace_custom(o: Overrides, entry: ModelEntry) -> None:
    o.custom_models = [entry if m.id == entry.id else m for m in o.custom_models]
