"""The user's own prices layered over the shipped catalog.

shipped < updated prices < the user's own < measured token counts; the layers
and their files are ``layered.py``. This module is what a user can ask of them
and change: which prices are theirs and what they replace, set or reset a price
(on every day or from a day on), add, copy or delete a custom model, and merge
a colleague's overrides. Every change is saved at once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from . import calendar
from .catalog import ModelEntry
from .layered import LayeredCatalog, ReadOnlyOverrides
from .overrides_file import (
    OVERRIDES_SCHEMA_VERSION,
    DatedPrice,
    Overrides,
    put,
    read_shared,
    replace_custom,
)
from .prices import (
    PriceField,
    apply_prices,
    entry_on,
    price_fields,
)
from .shipped import load_shipped_catalog

__all__ = [
    "OVERRIDES_SCHEMA_VERSION",
    "DatedPrice",
    "Overrides",
    "PriceField",
    "ReadOnlyOverrides",
    "UserCatalog",
    "apply_prices",
    "load_shipped_catalog",
    "price_fields",
]


class UserCatalog(LayeredCatalog):
    """The layered catalog, with the questions and changes of the user's own prices.

    Every change checks that the file is writable, is applied to a copy of what
    is on disk, saved, and only then taken (``LayeredCatalog._change``).
    """

    # --- questions ---------------------------------------------------------------

    def is_custom(self, model_id: str) -> bool:
        return any(m.id == model_id for m in self.overrides.custom_models)

    def is_overridden(self, model_id: str, path: str) -> bool:
        """Whether the price with key ``path`` is the user's, on any day."""
        return path in self.overrides.prices.get(model_id, {}) or bool(
            self.overrides.dated_prices.get(model_id, {}).get(path)
        )

    def dated(self, model_id: str, path: str) -> list[DatedPrice]:
        """The user's prices for a key that start on a day, oldest first."""
        return list(self.overrides.dated_prices.get(model_id, {}).get(path, []))

    def is_updated(self, model_id: str, path: str) -> bool:
        """Whether the price with key ``path`` comes from the updated-prices layer."""
        return self.updated.is_updated(model_id, path)

    def shipped_value(self, model_id: str, path: str, day: dt.date | None = None) -> Decimal | None:
        """The price with key ``path`` below the user's own (shipped, or updated) on
        ``day`` (default today)."""
        entry = self.base.by_id.get(model_id)
        if entry is None:
            return None
        for f in price_fields(entry_on(entry, day or calendar.today())):
            if f.path == path:
                return f.value
        return None

    @property
    def override_count(self) -> int:
        return self.overrides.count()

    # --- changes (each saved at once) ---------------------------------------------

    def set_price(
        self, model_id: str, path: str, value: Decimal, *, effective: dt.date | None = None
    ) -> None:
        """Set the price with key ``path``: on every day, or from ``effective`` on."""
        self._check_writable()
        value = Decimal(value)
        if not value.is_finite() or value < 0:
            raise ValueError("a price must be a number of zero or more")
        if self.is_custom(model_id):
            if effective is not None:
                raise ValueError(
                    "a custom model's prices have no dates; change the price itself instead"
                )
            changed = apply_prices(self.catalog.get(model_id), {path: value})
            self._change(lambda o: replace_custom(o, changed))
            return
        entry = self.base.by_id.get(model_id)
        if entry is None:
            raise KeyError(model_id)

        def change(o: Overrides) -> None:
            if effective is None:
                prices = dict(o.prices.get(model_id, {}))
                prices[path] = value
                if self.shipped_value(model_id, path) == value and not entry.price_changes:
                    prices.pop(path)
                put(o.prices, model_id, prices)
            else:
                dated = dict(o.dated_prices.get(model_id, {}))
                rows = [d for d in dated.get(path, []) if d.effective != effective]
                rows.append(DatedPrice(effective=effective, usd=value))
                dated[path] = sorted(rows, key=lambda d: d.effective)
                put(o.dated_prices, model_id, dated)

        self._change(change, check=model_id)

    def reset_price(self, model_id: str, path: str, *, effective: dt.date | None = None) -> None:
        """Drop the user's price for a key (only the one from ``effective``, if given)."""
        self._check_writable()
        if not self.is_overridden(model_id, path):
            return

        def change(o: Overrides) -> None:
            if effective is None:
                prices = dict(o.prices.get(model_id, {}))
                prices.pop(path, None)
                put(o.prices, model_id, prices)
            dated = dict(o.dated_prices.get(model_id, {}))
            rows = [d for d in dated.get(path, []) if effective and d.effective != effective]
            if rows:
                dated[path] = rows
            else:
                dated.pop(path, None)
            put(o.dated_prices, model_id, dated)

        self._change(change)

    def reset_model(self, model_id: str) -> None:
        self._check_writable()
        if model_id in self.overrides.prices or model_id in self.overrides.dated_prices:

            def change(o: Overrides) -> None:
                o.prices.pop(model_id, None)
                o.dated_prices.pop(model_id, None)

            self._change(change)

    def reset_all(self) -> None:
        """Drop every price override (custom models stay)."""
        self._check_writable()
        if self.overrides.prices or self.overrides.dated_prices:

            def change(o: Overrides) -> None:
                o.prices, o.dated_prices = {}, {}

            self._change(change)

    def add_custom(self, entry: ModelEntry) -> None:
        self._check_writable()
        if entry.id in self.catalog.by_id:
            raise ValueError(f"a model with id {entry.id!r} already exists; choose another id")
        custom = entry.model_copy(update={"custom": True})
        self._change(lambda o: o.custom_models.append(custom))

    def duplicate(self, model_id: str, new_id: str, name: str | None = None) -> ModelEntry:
        source = self.catalog.get(model_id)
        data = source.model_dump()
        data.update(id=new_id, name=name or f"{source.name} (copy)", custom=True)
        # A copy is priced as the original is today; its dated changes stay behind.
        data["price_changes"] = []
        entry = apply_prices(
            ModelEntry.model_validate(data),
            {f.path: f.value for f in price_fields(entry_on(source, calendar.today()))},
        )
        self.add_custom(entry)
        return entry

    def remove_custom(self, model_id: str) -> None:
        self._check_writable()
        if not self.is_custom(model_id):
            raise ValueError(f"{model_id} is a shipped model; only custom models can be deleted")

        def change(o: Overrides) -> None:
            o.custom_models = [m for m in o.custom_models if m.id != model_id]

        self._change(change)

    def import_file(self, path: Path) -> str:
        """Merge another team member's overrides, all or nothing; return a summary."""
        self._check_writable()
        incoming = read_shared(Path(path), self.shipped, self.base, self.overrides)

        def change(o: Overrides) -> None:
            o.merge(incoming)

        self._change(change)
        n_prices = incoming.count() - len(incoming.custom_models)
        return f"Imported {n_prices} price(s) and {len(incoming.custom_models)} custom model(s)."
