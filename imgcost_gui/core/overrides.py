"""The user's own prices layered over the shipped catalog.

The overrides file stores only what differs from the shipped catalog: changed
prices by model id and price key (what a price is: ``image_out``,
``1024x1024/high``, ``1K``; see ``prices.py``), prices dated from a day on, and
custom models. The effective catalog is rebuilt from both, and every price
knows whether it is the user's and what the shipped value was.

Version 1 files named prices by their position in the catalog
(``pricing.prices.0.usd``); they are upgraded on load, and the old file is
kept beside the new one.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import shutil
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .calendar import today
from .catalog import ModelEntry, PriceCatalog, Source
from .paths import overrides_path, shipped_catalog_path, updated_prices_path
from .prices import (
    PriceField,
    UnknownPrice,
    apply_prices,
    entry_on,
    layered,
    price_fields,
)
from .storage import (
    FileProblem,
    FileSignature,
    atomic_write_text,
    describe_validation,
    file_signature,
    keep_aside,
    locked,
    migrator,
    read_versioned,
)
from .updated import UpdatedLayer, apply_layer, read_layer, write_layer

__all__ = [
    "DatedPrice",
    "Overrides",
    "PriceField",
    "ReadOnlyOverrides",
    "UserCatalog",
    "apply_prices",
    "load_shipped_catalog",
    "price_fields",
]

OVERRIDES_SCHEMA_VERSION: Literal[2] = 2


def user_source() -> Source:
    """What the user's own prices are sourced as, in estimates and in the editor.

    The file does not say when a price was set; it is the user's, current today.
    """
    return Source(
        title="Your price",
        official=False,
        checked=today(),
        note="set by you in ImgCost (price-overrides.json)",
        by_user=True,
    )


class ReadOnlyOverrides(ValueError):
    """A change refused because a newer ImgCost owns the overrides file."""


class DatedPrice(BaseModel):
    """A price of the user's that holds from a day on."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    effective: dt.date = Field(alias="from")
    usd: Decimal = Field(ge=0, allow_inf_nan=False)


class Overrides(BaseModel):
    model_config = ConfigDict(extra="forbid")
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

    def count(self) -> int:
        dated = sum(len(rows) for d in self.dated_prices.values() for rows in d.values())
        return sum(len(v) for v in self.prices.values()) + dated + len(self.custom_models)


# --- version 1: prices named by position -------------------------------------------------

#: The shipped catalog a version 1 file's positions refer to (set while loading).
_positions_of: contextvars.ContextVar[PriceCatalog | None] = contextvars.ContextVar(
    "_positions_of", default=None
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
    shipped = _positions_of.get()
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


# --- the shipped catalog ---------------------------------------------------------------


@cache
def _read_shipped(path: str) -> PriceCatalog:
    try:
        value, _ = read_versioned(Path(path), "catalog", PriceCatalog, 1)
    except FileProblem as e:
        raise FileProblem(
            e.path,
            f"{e.args[0]} The price catalog that ships with ImgCost is damaged; reinstall ImgCost.",
        ) from None
    return value


def load_shipped_catalog(path: Path | None = None) -> PriceCatalog:
    """The catalog that ships with ImgCost (read once per process).

    A damaged file raises FileProblem with a message that says to reinstall.
    """
    return _read_shipped(str(path or shipped_catalog_path()))


# --- the user's catalog ------------------------------------------------------------------

Change = Callable[[Overrides], None]


class UserCatalog:
    """Shipped catalog + the user's overrides file, saved on every change.

    ``problems`` lists what the user must be told after loading (a file kept
    aside, an override that no longer applies). Every change is applied to a
    copy and saved first; if the save fails, nothing changes in memory either
    and the error goes to the caller.
    """

    def __init__(
        self,
        shipped: PriceCatalog,
        path: Path | None = None,
        *,
        load: bool = True,
        layer_path: Path | None = None,
    ):
        self.shipped = shipped
        self.path = Path(path) if path is not None else overrides_path()
        #: The "updated prices" layer (``imgcost catalog update``), beside the overrides.
        if layer_path is not None:
            self.layer_path = Path(layer_path)
        elif path is not None:
            self.layer_path = self.path.with_name("updated-prices.json")
        else:
            self.layer_path = updated_prices_path()
        self.layer: UpdatedLayer | None = None
        self.overrides = Overrides()
        self.problems: list[str] = []
        #: Set when a newer ImgCost wrote the file: it is left alone and never saved over.
        self.read_only = False
        #: The file as last read or written here; another writer changes it.
        self._signature: FileSignature | None = None
        if load:
            self._load_layer()
            self._load()
        self._rebuild()

    # --- reading ---------------------------------------------------------------

    def _read(self) -> tuple[Overrides, list[str], bool]:
        """The file's overrides, prices lost in an upgrade, and whether it was upgraded."""
        token = _positions_of.set(self.shipped)
        try:
            # A v1 file's "_lost" list is the migration's note; take it off before checking.
            value, upgraded = read_versioned(self.path, "overrides", _Loaded, 2)
        finally:
            _positions_of.reset(token)
        return value.overrides(), value.lost, upgraded

    def _load(self) -> None:
        if not self.path.exists() and not self.path.is_symlink():
            return
        try:
            self._signature = file_signature(self.path)
            self.overrides, lost, upgraded = self._read()
        except FileProblem as e:
            if e.newer:
                self.read_only = True
                self.problems.append(
                    f"Your price overrides were saved by a newer ImgCost. {e.message} "
                    "ImgCost is using the shipped prices and will not change that file."
                )
                return
            try:
                kept = keep_aside(self.path)
            except OSError:
                kept = None
            problem = FileProblem(self.path, e.args[0], kept)
            self.problems.append(
                f"Your price overrides could not be loaded. {problem.message} "
                "ImgCost is using the shipped prices."
            )
            return
        if upgraded:
            backup = self.path.with_name(self.path.name + ".v1-backup")
            if not backup.exists():
                with contextlib.suppress(OSError):
                    shutil.copy2(self.path, backup)
            for what in lost:
                self.problems.append(
                    f"Your price {what} could not be matched to a price of this catalog and is "
                    f"not used; your old file is kept as {backup.name}."
                )

    def _load_layer(self) -> None:
        if not self.layer_path.exists():
            return
        try:
            self.layer = read_layer(self.layer_path)
        except FileProblem as e:
            try:
                kept = keep_aside(self.layer_path)
            except OSError:
                kept = None
            problem = FileProblem(self.layer_path, e.args[0], kept)
            self.problems.append(
                f"Your updated prices could not be loaded. {problem.message} "
                "ImgCost is using the shipped prices and your own."
            )

    def _updated(self, entry: ModelEntry) -> ModelEntry:
        """The shipped entry with the updated-prices layer on it."""
        if self.layer is None or entry.id not in self.layer.models:
            return entry
        return apply_layer(entry, self.layer, self.shipped.lifecycle_of(entry))

    def _effective(self, entry: ModelEntry) -> ModelEntry:
        return _with_user_prices(self.overrides, entry)

    def _build_base(self) -> None:
        """The catalog below the user's prices: shipped, with the updated layer."""
        models: list[ModelEntry] = []
        for entry in self.shipped.models:
            try:
                entry = self._updated(entry)
            except (UnknownPrice, ValidationError):
                self.problems.append(
                    f"The updated prices for {entry.id} no longer fit it; its shipped prices "
                    "are used."
                )
            models.append(entry)
        ids = {m.id for m in models}
        for new in self.layer.new_models if self.layer else []:
            if new.id not in ids:
                models.append(new)
                ids.add(new.id)
        self.base = PriceCatalog(checked=self.shipped.checked, models=models)

    def _rebuild(self) -> None:
        self._build_base()
        models: list[ModelEntry] = []
        for entry in self.base.models:
            try:
                entry = self._effective(entry)
            except UnknownPrice as e:
                self.problems.append(
                    f"Your prices for {entry.id} name {e.key!r}, which it no longer has; "
                    "its shipped prices are used."
                )
            except ValidationError as e:
                self.problems.append(
                    f"Your prices for {entry.id} are not valid ({describe_validation(e)}); "
                    "its shipped prices are used."
                )
            models.append(entry)
        named = self.overrides.prices.keys() | self.overrides.dated_prices.keys()
        for model_id in sorted(named - self.base.by_id.keys()):
            self.problems.append(
                f"Your prices for {model_id!r} are ignored: the catalog has no such model."
            )
        base_ids = {m.id for m in models}
        for custom in self.overrides.custom_models:
            if custom.id in base_ids:
                self.problems.append(
                    f"Custom model {custom.id} has the id of a shipped model; it is ignored."
                )
                continue
            models.append(custom)
        self.catalog = PriceCatalog(checked=self.shipped.checked, models=models)

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
        if self.layer is None:
            return False
        if any(m.id == model_id for m in self.layer.new_models):
            return True
        update = self.layer.models.get(model_id)
        return update is not None and (path in update.prices or path in update.dated)

    def shipped_value(self, model_id: str, path: str, day: dt.date | None = None) -> Decimal | None:
        """The price with key ``path`` below the user's own (shipped, or updated) on
        ``day`` (default today)."""
        entry = self.base.by_id.get(model_id)
        if entry is None:
            return None
        for f in price_fields(entry_on(entry, day or today())):
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
            self._change(lambda o: _replace_custom(o, changed))
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
                _put(o.prices, model_id, prices)
            else:
                dated = dict(o.dated_prices.get(model_id, {}))
                rows = [d for d in dated.get(path, []) if d.effective != effective]
                rows.append(DatedPrice(effective=effective, usd=value))
                dated[path] = sorted(rows, key=lambda d: d.effective)
                _put(o.dated_prices, model_id, dated)

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
                _put(o.prices, model_id, prices)
            dated = dict(o.dated_prices.get(model_id, {}))
            rows = [d for d in dated.get(path, []) if effective and d.effective != effective]
            if rows:
                dated[path] = rows
            else:
                dated.pop(path, None)
            _put(o.dated_prices, model_id, dated)

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
            {f.path: f.value for f in price_fields(entry_on(source, today()))},
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

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyOverrides(
                "Your price overrides file was saved by a newer ImgCost; update ImgCost to change prices."
            )

    def _change(self, change: Change, check: str | None = None) -> None:
        """Apply ``change`` to the file as it is on disk now, check it, save it, and
        only then take it.

        Another ImgCost (a second window, the command line) may have saved since
        this one read the file: the change is made on top of what it saved, under
        a lock, so neither erases the other's prices.
        """
        with locked(self.path):
            base = self._on_disk() or self.overrides
            new = base.model_copy(deep=True)
            change(new)
            if check is not None and check in self.base.by_id:
                _with_user_prices(new, self.base.by_id[check])  # refuse a bad key or value
            self._write(new)
            self._signature = file_signature(self.path)
        self.overrides = new
        self.problems = []
        self._rebuild()

    def _on_disk(self) -> Overrides | None:
        """The file's overrides if another writer changed it since, else None."""
        if self.read_only or file_signature(self.path) == self._signature:
            return None
        try:
            overrides, _, _ = self._read()
        except FileProblem:
            return None  # unreadable now: ours stand, and the save replaces it whole
        return overrides

    def reload(self) -> list[str]:
        """Take in what another ImgCost saved since; say what changed, in words.

        Returns nothing when the file is as this one left it.
        """
        with locked(self.path):
            theirs = self._on_disk()
            signature = file_signature(self.path)
        if theirs is None:
            return []
        said = _differences(self.overrides, theirs)
        self.overrides, self._signature = theirs, signature
        self.problems = []
        self._rebuild()
        return said

    def _write(self, overrides: Overrides, path: Path | None = None) -> None:
        target = Path(path or self.path)
        if self.read_only and target == self.path:
            raise FileProblem(
                self.path,
                "it was saved by a newer ImgCost, so this one will not overwrite it. "
                "Update ImgCost, or move the file away to start again.",
            )
        atomic_write_text(target, overrides.to_json())

    def save(self, path: Path | None = None) -> None:
        self._write(self.overrides, path)

    # --- the updated-prices layer ---------------------------------------------------

    def keep_update(self, layer: UpdatedLayer) -> None:
        """Keep ``layer`` as the updated prices (it replaces an earlier one)."""
        write_layer(layer, self.layer_path)
        self.layer = layer
        self.problems = []
        self._rebuild()

    def revert_update(self) -> bool:
        """Drop the updated prices; whether there were any."""
        had = self.layer is not None or self.layer_path.exists()
        self.layer_path.unlink(missing_ok=True)
        self.layer = None
        self.problems = []
        self._rebuild()
        return had

    # --- sharing -----------------------------------------------------------------

    def export(self, path: Path) -> None:
        self.save(path)

    def import_file(self, path: Path) -> str:
        """Merge another team member's overrides, all or nothing; return a summary."""
        self._check_writable()
        token = _positions_of.set(self.shipped)
        try:
            loaded, _ = read_versioned(Path(path), "overrides", _Loaded, 2)
        finally:
            _positions_of.reset(token)
        if loaded.lost:
            raise FileProblem(
                Path(path),
                f"its price {loaded.lost[0]} does not match any price of this catalog; "
                "export it again from an ImgCost with this catalog.",
            )
        incoming = loaded.overrides()
        for model_id in incoming.prices.keys() | incoming.dated_prices.keys():
            if model_id not in self.base.by_id:
                raise FileProblem(
                    Path(path),
                    f"it changes prices of {model_id!r}, which this catalog does not have.",
                )
        clash = [m.id for m in incoming.custom_models if m.id in self.base.by_id]
        if clash:
            raise FileProblem(
                Path(path),
                f"its custom model {clash[0]!r} has the id of a shipped model; rename it in the file.",
            )

        def change(o: Overrides) -> None:
            for model_id, prices in incoming.prices.items():
                o.prices[model_id] = {**o.prices.get(model_id, {}), **prices}
            for model_id, keys in incoming.dated_prices.items():
                mine = dict(o.dated_prices.get(model_id, {}))
                for key, rows in keys.items():
                    days = {d.effective: d for d in mine.get(key, [])}
                    days.update({d.effective: d for d in rows})
                    mine[key] = sorted(days.values(), key=lambda d: d.effective)
                o.dated_prices[model_id] = mine
            by_id = {m.id: m for m in o.custom_models}
            by_id.update((m.id, m) for m in incoming.custom_models)
            o.custom_models = list(by_id.values())

        new = self.overrides.model_copy(deep=True)
        change(new)
        for model_id in incoming.prices.keys() | incoming.dated_prices.keys():
            try:
                _with_user_prices(new, self.base.get(model_id))
            except (UnknownPrice, ValidationError) as e:
                detail = str(e) if isinstance(e, UnknownPrice) else describe_validation(e)
                raise FileProblem(
                    Path(path), f"its prices for {model_id} do not fit this catalog ({detail})."
                ) from None
        self._change(change)
        n_prices = incoming.count() - len(incoming.custom_models)
        return f"Imported {n_prices} price(s) and {len(incoming.custom_models)} custom model(s)."


class _Loaded(Overrides):
    """An overrides file as read: version 1 upgrades may carry prices they lost."""

    lost: list[str] = Field(default_factory=list, alias="_lost")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def overrides(self) -> Overrides:
        return Overrides.model_validate(self.model_dump(exclude={"lost"}, by_alias=True))


def _with_user_prices(overrides: Overrides, entry: ModelEntry) -> ModelEntry:
    """``entry`` with the user's own prices (undated and dated) on top."""
    undated = overrides.prices.get(entry.id, {})
    dated = {
        k: [(d.effective, d.usd) for d in rows]
        for k, rows in overrides.dated_prices.get(entry.id, {}).items()
    }
    return layered(entry, undated, dated, user_source())


def _differences(mine: Overrides, theirs: Overrides) -> list[str]:
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
    if mine.dated_prices != theirs.dated_prices:
        out.append("Dated prices were changed in another ImgCost window")
    added = {m.id for m in theirs.custom_models} - {m.id for m in mine.custom_models}
    removed = {m.id for m in mine.custom_models} - {m.id for m in theirs.custom_models}
    out += [f"Custom model {i} was added in another ImgCost window" for i in sorted(added)]
    out += [f"Custom model {i} was deleted in another ImgCost window" for i in sorted(removed)]
    return out


def _put(table: dict[str, Any], model_id: str, value: dict[str, Any]) -> None:
    if value:
        table[model_id] = value
    else:
        table.pop(model_id, None)


def _replace_custom(o: Overrides, entry: ModelEntry) -> None:
    o.custom_models = [entry if m.id == entry.id else m for m in o.custom_models]
