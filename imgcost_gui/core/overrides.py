"""The user's own prices layered over the shipped catalog.

The overrides file stores only what differs from the shipped catalog: changed
prices (by model id and price path) and custom models. The effective catalog
is rebuilt from both, and every price knows whether it is overridden and what
the shipped value was.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .catalog import ModelEntry, PriceCatalog, Source
from .paths import overrides_path, shipped_catalog_path
from .storage import (
    FileProblem,
    atomic_write_text,
    describe_validation,
    keep_aside,
    read_versioned,
)

OVERRIDES_SCHEMA_VERSION: Literal[1] = 1


class ReadOnlyOverrides(ValueError):
    """A change refused because a newer ImgCost owns the overrides file."""


class Overrides(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[1] = OVERRIDES_SCHEMA_VERSION
    prices: dict[str, dict[str, Decimal]] = Field(default_factory=dict)
    custom_models: list[ModelEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_custom_ids(self) -> Overrides:
        ids = [m.id for m in self.custom_models]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"custom model id {twice[0]!r} appears twice")
        return self


@dataclass(frozen=True)
class PriceField:
    """One editable price of a model."""

    path: str
    label: str
    unit: str
    value: Decimal
    source: Source | None


def _label_cell(cell: dict[str, Any]) -> str:
    parts = [cell.get("tier") and f"{cell['tier']} tier", cell.get("size"), cell.get("quality")]
    text = " ".join(p for p in parts if p)
    return text or "any size"


def price_fields(entry: ModelEntry) -> list[PriceField]:
    """Every price a user may change, with a label in the user's words."""
    p = entry.pricing
    out: list[PriceField] = []
    if p.scheme in ("tokens", "fixed_tokens"):
        r = p.rates
        for key, label in (
            ("text_in", "Text input"),
            ("cached_text_in", "Cached text input"),
            ("image_in", "Image input"),
            ("cached_image_in", "Cached image input"),
            ("image_out", "Image output"),
            ("text_out", "Text output (thinking)"),
        ):
            value = getattr(r, key, None)
            if value is not None:
                out.append(
                    PriceField(f"pricing.rates.{key}", label, "$ / 1M tokens", value, r.source)
                )
    if p.scheme == "tokens" and p.output.kind == "per_image":
        for q, row in p.output.usd.items():
            for size, usd in row.items():
                out.append(
                    PriceField(
                        f"pricing.output.usd.{q}.{size}",
                        f"Image {size} {q}",
                        "$ / image",
                        usd,
                        p.output.source,
                    )
                )
    elif p.scheme == "per_image":
        for i, cell in enumerate(p.prices):
            label = _label_cell(cell.model_dump())
            out.append(
                PriceField(
                    f"pricing.prices.{i}.usd", f"Image, {label}", "$ / image", cell.usd, p.source
                )
            )
    elif p.scheme == "per_megapixel":
        out.append(
            PriceField(
                "pricing.first_mp_usd", "First megapixel", "$ / image", p.first_mp_usd, p.source
            )
        )
        out.append(
            PriceField(
                "pricing.extra_mp_usd", "Each extra megapixel", "$ / MP", p.extra_mp_usd, p.source
            )
        )
        if p.input_mp_usd is not None:
            out.append(
                PriceField(
                    "pricing.input_mp_usd",
                    "Reference image megapixel",
                    "$ / MP",
                    p.input_mp_usd,
                    p.source,
                )
            )
    elif p.scheme == "subscription":
        for i, plan in enumerate(p.plans):
            out.append(
                PriceField(
                    f"pricing.plans.{i}.monthly_usd",
                    f"{plan.name} plan",
                    "$ / month",
                    plan.monthly_usd,
                    p.source,
                )
            )
        if p.extra_hour_usd is not None:
            out.append(
                PriceField(
                    "pricing.extra_hour_usd",
                    "Extra fast hour",
                    "$ / hour",
                    p.extra_hour_usd,
                    p.source,
                )
            )
    return out


def _set_path(data: Any, path: str, value: Any) -> None:
    keys = path.split(".")
    node = data
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, list) else node[key]
    last = keys[-1]
    if isinstance(node, list):
        node[int(last)] = value
    elif last in node:
        node[last] = value
    else:
        raise KeyError(path)


def apply_prices(entry: ModelEntry, prices: dict[str, Decimal]) -> ModelEntry:
    """``entry`` with some prices replaced; KeyError if a path is not a price of it."""
    allowed = {f.path for f in price_fields(entry)}
    data = entry.model_dump()
    for path, value in prices.items():
        if path not in allowed:
            raise KeyError(path)
        _set_path(data, path, value)
    return ModelEntry.model_validate(data)


@cache
def _read_shipped(path: str) -> PriceCatalog:
    return PriceCatalog.model_validate_json(Path(path).read_text(encoding="utf-8"))


def load_shipped_catalog(path: Path | None = None) -> PriceCatalog:
    """The catalog that ships with ImgCost (read once per process)."""
    return _read_shipped(str(path or shipped_catalog_path()))


class UserCatalog:
    """Shipped catalog + the user's overrides file, saved on every change.

    ``problems`` lists what the user must be told after loading (a file kept
    aside, an override that no longer applies).
    """

    def __init__(self, shipped: PriceCatalog, path: Path | None = None, *, load: bool = True):
        self.shipped = shipped
        self.path = Path(path) if path is not None else overrides_path()
        self.overrides = Overrides()
        self.problems: list[str] = []
        #: Set when a newer ImgCost wrote the file: it is left alone and never saved over.
        self.read_only = False
        if load:
            self._load()
        self._rebuild()

    # --- reading ---------------------------------------------------------------

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            self.overrides, _ = read_versioned(
                self.path, "overrides", Overrides, OVERRIDES_SCHEMA_VERSION
            )
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
                f"Your price overrides could not be loaded. {problem.message} ImgCost is using the shipped prices."
            )

    def _rebuild(self) -> None:
        models: list[ModelEntry] = []
        for entry in self.shipped.models:
            changes = self.overrides.prices.get(entry.id)
            if changes:
                try:
                    entry = apply_prices(entry, changes)
                except KeyError as e:
                    self.problems.append(
                        f"Your prices for {entry.id} name {e.args[0]!r}, which it no longer has; "
                        "its shipped prices are used."
                    )
                except ValidationError as e:
                    self.problems.append(
                        f"Your prices for {entry.id} are not valid ({describe_validation(e)}); "
                        "its shipped prices are used."
                    )
            models.append(entry)
        for model_id in self.overrides.prices.keys() - self.shipped.by_id.keys():
            self.problems.append(
                f"Your prices for {model_id!r} are ignored: the catalog has no such model."
            )
        shipped_ids = {m.id for m in models}
        for custom in self.overrides.custom_models:
            if custom.id in shipped_ids:
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
        return path in self.overrides.prices.get(model_id, {})

    def shipped_value(self, model_id: str, path: str) -> Decimal | None:
        entry = self.shipped.by_id.get(model_id)
        if entry is None:
            return None
        for f in price_fields(entry):
            if f.path == path:
                return f.value
        return None

    @property
    def override_count(self) -> int:
        return sum(len(v) for v in self.overrides.prices.values()) + len(
            self.overrides.custom_models
        )

    # --- changes (each saved at once) ---------------------------------------------

    def set_price(self, model_id: str, path: str, value: Decimal) -> None:
        self._check_writable()
        value = Decimal(value)
        if not value.is_finite() or value < 0:
            raise ValueError("a price must be a number of zero or more")
        if self.is_custom(model_id):
            self._replace_custom(apply_prices(self.catalog.get(model_id), {path: value}))
        else:
            entry = self.shipped.get(model_id)
            changes = dict(self.overrides.prices.get(model_id, {}))
            changes[path] = value
            apply_prices(entry, changes)  # refuse a bad path or value before saving
            if self.shipped_value(model_id, path) == value:
                changes.pop(path)
            self._set_changes(model_id, changes)
        self._commit()

    def reset_price(self, model_id: str, path: str) -> None:
        self._check_writable()
        changes = dict(self.overrides.prices.get(model_id, {}))
        if changes.pop(path, None) is not None:
            self._set_changes(model_id, changes)
            self._commit()

    def reset_model(self, model_id: str) -> None:
        self._check_writable()
        if self.overrides.prices.pop(model_id, None) is not None:
            self._commit()

    def reset_all(self) -> None:
        """Drop every price override (custom models stay)."""
        self._check_writable()
        if self.overrides.prices:
            self.overrides.prices = {}
            self._commit()

    def add_custom(self, entry: ModelEntry) -> None:
        self._check_writable()
        if entry.id in self.catalog.by_id:
            raise ValueError(f"a model with id {entry.id!r} already exists; choose another id")
        self.overrides.custom_models.append(entry.model_copy(update={"custom": True}))
        self._commit()

    def duplicate(self, model_id: str, new_id: str, name: str | None = None) -> ModelEntry:
        source = self.catalog.get(model_id)
        data = source.model_dump()
        data.update(id=new_id, name=name or f"{source.name} (copy)", custom=True)
        entry = ModelEntry.model_validate(data)
        self.add_custom(entry)
        return entry

    def remove_custom(self, model_id: str) -> None:
        self._check_writable()
        if not self.is_custom(model_id):
            raise ValueError(f"{model_id} is a shipped model; only custom models can be deleted")
        self.overrides.custom_models = [m for m in self.overrides.custom_models if m.id != model_id]
        self._commit()

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyOverrides(
                "Your price overrides file was saved by a newer ImgCost; update ImgCost to change prices."
            )

    def _replace_custom(self, entry: ModelEntry) -> None:
        self.overrides.custom_models = [
            entry if m.id == entry.id else m for m in self.overrides.custom_models
        ]

    def _set_changes(self, model_id: str, changes: dict[str, Decimal]) -> None:
        if changes:
            self.overrides.prices[model_id] = changes
        else:
            self.overrides.prices.pop(model_id, None)

    def _commit(self) -> None:
        self.problems = []
        self._rebuild()
        self.save()

    def save(self, path: Path | None = None) -> None:
        if self.read_only and (path is None or Path(path) == self.path):
            raise FileProblem(
                self.path,
                "it was saved by a newer ImgCost, so this one will not overwrite it. "
                "Update ImgCost, or move the file away to start again.",
            )
        atomic_write_text(Path(path or self.path), self.overrides.model_dump_json(indent=2) + "\n")

    # --- sharing -----------------------------------------------------------------

    def export(self, path: Path) -> None:
        self.save(path)

    def import_file(self, path: Path) -> str:
        """Merge another team member's overrides; return a one-line summary."""
        self._check_writable()
        incoming, _ = read_versioned(Path(path), "overrides", Overrides, OVERRIDES_SCHEMA_VERSION)
        for model_id, changes in incoming.prices.items():
            entry = self.shipped.by_id.get(model_id)
            if entry is None:
                raise FileProblem(
                    Path(path),
                    f"it changes prices of {model_id!r}, which this catalog does not have.",
                )
            merged = {**self.overrides.prices.get(model_id, {}), **changes}
            try:
                apply_prices(entry, merged)
            except (KeyError, ValidationError) as e:
                raise FileProblem(
                    Path(path), f"its prices for {model_id} do not fit this catalog ({e})."
                ) from None
        for model_id, changes in incoming.prices.items():
            self.overrides.prices[model_id] = {**self.overrides.prices.get(model_id, {}), **changes}
        clash = [m.id for m in incoming.custom_models if m.id in self.shipped.by_id]
        if clash:
            raise FileProblem(
                Path(path),
                f"its custom model {clash[0]!r} has the id of a shipped model; rename it in the file.",
            )
        by_id = {m.id: m for m in self.overrides.custom_models}
        for custom in incoming.custom_models:
            by_id[custom.id] = custom
        self.overrides.custom_models = list(by_id.values())
        self._commit()
        n_prices = sum(len(v) for v in incoming.prices.values())
        return f"Imported {n_prices} price(s) and {len(incoming.custom_models)} custom model(s)."
