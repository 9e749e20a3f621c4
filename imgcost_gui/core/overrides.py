"""The user's own prices layered over the shipped catalog.

shipped < updated prices (a price update kept from a file, ``updated.py``) < the
user's own (the overrides file, ``overrides_file.py``), with the token counts
the user measured (``measured.py``) on top. The effective catalog is rebuilt
from them, and every price knows whether it is the user's and what it
replaces. Every change is saved at once, on top of what another ImgCost may
have saved since.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from . import calendar
from .catalog import ModelEntry, PriceCatalog
from .measured import KeptMeasurements, MeasuredOutput, MeasuredTokens
from .overrides_file import (
    OVERRIDES_SCHEMA_VERSION,
    DatedPrice,
    Overrides,
    apply_overrides,
    differences,
    put,
    read_overrides,
    read_shared,
    replace_custom,
    with_user_prices,
)
from .paths import measured_tokens_path, overrides_path, updated_prices_path
from .prices import (
    PriceField,
    apply_prices,
    entry_on,
    price_fields,
)
from .shipped import load_shipped_catalog
from .storage import (
    FileProblem,
    FileSignature,
    atomic_write_text,
    file_signature,
    kept_aside,
    locked,
)
from .updated import UpdatedLayer, UpdatedPrices

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


class ReadOnlyOverrides(ValueError):
    """A change refused because a newer ImgCost owns the overrides file."""


#: A change to the user's overrides, applied to a copy of what is on disk.
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
            layer_at = Path(layer_path)
        elif path is not None:
            layer_at = self.path.with_name("updated-prices.json")
        else:
            layer_at = updated_prices_path()
        self.updated = UpdatedPrices(layer_at)
        #: Output tokens measured from the user's responses (``imgcost calibrate --save``).
        self.measurements = KeptMeasurements(
            self.path.with_name("measured-tokens.json")
            if path is not None
            else measured_tokens_path()
        )
        # Empty, nothing read: built without a validator, so a start with no overrides
        # file builds none (a file read is always validated in full).
        self.overrides = Overrides.model_construct()
        self.problems: list[str] = []
        #: Set when a newer ImgCost wrote the file: it is left alone and never saved over.
        self.read_only = False
        #: The file as last read or written here; another writer changes it.
        self._signature: FileSignature | None = None
        if load:
            for problem in (self.updated.load(), self.measurements.load()):
                if problem is not None:
                    self.problems.append(problem)
            self._load()
        self._rebuild()

    @property
    def layer(self) -> UpdatedLayer | None:
        """The updated prices kept, if any."""
        return self.updated.layer

    @property
    def layer_path(self) -> Path:
        return self.updated.path

    @property
    def measured(self) -> MeasuredTokens:
        """The token counts measured from the user's responses."""
        return self.measurements.store

    @property
    def measured_path(self) -> Path:
        return self.measurements.path

    # --- reading ---------------------------------------------------------------

    def _read(self) -> tuple[Overrides, list[str], bool]:
        """The file's overrides, prices lost in an upgrade, and whether it was upgraded."""
        # A v1 file's "_lost" list is the migration's note; take it off before checking.
        value, upgraded = read_overrides(self.path, self.shipped)
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
            problem = kept_aside(self.path, e)
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

    def _build_base(self) -> None:
        """The catalog below the user's prices: shipped, with the updated layer."""
        models, problems = self.updated.over(self.shipped)
        self.problems.extend(problems)
        self.base = PriceCatalog(checked=self.shipped.checked, models=models)

    def _rebuild(self) -> None:
        self._build_base()
        models, problems = apply_overrides(self.overrides, self.base)
        self.problems.extend(problems)
        models = self.measurements.over(models)
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
                with_user_prices(new, self.base.by_id[check])  # refuse a bad key or value
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
        said = differences(self.overrides, theirs)
        self.overrides, self._signature = theirs, signature
        self.problems = []
        self._rebuild()
        return said

    def reload_measured(self) -> list[str]:
        """Take in measured token counts another ImgCost kept or forgot since; say
        which models' counts changed (nothing when none did)."""
        said = self.measurements.reload()
        if said:
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
        self.updated.keep(layer)
        self._rebuild_fresh()

    def revert_update(self) -> bool:
        """Drop the updated prices; whether there were any."""
        had = self.updated.revert()
        self._rebuild_fresh()
        return had

    # --- measured token counts -------------------------------------------------------

    def keep_measured(self, model_id: str, found: dict[str, MeasuredOutput]) -> None:
        """Keep measured output tokens for a model, by "WIDTHxHEIGHT/quality"."""
        if model_id not in self.catalog.by_id:
            raise KeyError(model_id)
        self.measurements.keep(model_id, found)
        self._rebuild_fresh()

    def reset_measured(self, model_id: str | None = None, key: str | None = None) -> None:
        """Forget measured tokens: one size and quality, one model, or all."""
        self.measurements.reset(model_id, key)
        self._rebuild_fresh()

    def _rebuild_fresh(self) -> None:
        """Rebuild after a change of a layer; the problems said at load are told."""
        self.problems = []
        self._rebuild()

    # --- sharing -----------------------------------------------------------------

    def export(self, path: Path) -> None:
        self.save(path)

    def import_file(self, path: Path) -> str:
        """Merge another team member's overrides, all or nothing; return a summary."""
        self._check_writable()
        incoming = read_shared(Path(path), self.shipped, self.base, self.overrides)

        def change(o: Overrides) -> None:
            o.merge(incoming)

        self._change(change)
        n_prices = incoming.count() - len(incoming.custom_models)
        return f"Imported {n_prices} price(s) and {len(incoming.custom_models)} custom model(s)."
