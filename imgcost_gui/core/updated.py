"""The "updated prices" layer between the shipped catalog and the user's own
prices: what a price update (``imgcost catalog update FILE --apply``, or the
app's Prices > Update prices from file) chose to keep.

shipped < updated < the user's own. Each value is sourced as the peer file it
came from (its title, version and the import day, never official).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .catalog import BatchTerms, Lifecycle, ModelEntry, Price, PriceCatalog, Source
from .prices import UnknownPrice, layered
from .storage import atomic_write_text, read_users_file, read_versioned

__all__ = ["UpdatedLayer", "UpdatedPrices", "apply_layer", "read_layer", "write_layer"]


LAYER_SCHEMA_VERSION: Literal[1] = 1


class _Strict(BaseModel):
    # Built on first use (see catalog.Strict): most starts have no updated prices.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class LayerSource(_Strict):
    """The peer file every value of the layer came from."""

    title: str
    version: str
    imported_on: dt.date
    url: str | None = None
    official: Literal[False] = False

    def as_source(self) -> Source:
        return Source(
            title=self.title,
            url=self.url,
            official=False,
            checked=self.imported_on,
            note=f"version {self.version}",
        )


class DatedPrice(_Strict):
    effective: dt.date
    usd: Price


class LifecycleUpdate(_Strict):
    status: Literal["active", "deprecated", "retired"] | None = None
    announced_on: dt.date | None = None
    deprecated_on: dt.date | None = None
    retired_on: dt.date | None = None


class ModelUpdate(_Strict):
    prices: dict[str, Price] = Field(default_factory=dict)
    dated: dict[str, list[DatedPrice]] = Field(default_factory=dict)
    batch_discount: Price | None = Field(None, le=1)
    lifecycle: LifecycleUpdate | None = None


class UpdatedLayer(_Strict):
    schema_version: Literal[1] = LAYER_SCHEMA_VERSION
    source: LayerSource
    models: dict[str, ModelUpdate] = Field(default_factory=dict)
    new_models: list[ModelEntry] = Field(default_factory=list)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2, exclude_none=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> UpdatedLayer:
        return cls.model_validate_json(text)


def read_layer(path: Path) -> UpdatedLayer:
    """The layer kept at ``path``; FileProblem if it cannot be read."""
    layer, _ = read_versioned(path, "updated prices", UpdatedLayer, LAYER_SCHEMA_VERSION)
    return layer


def write_layer(layer: UpdatedLayer, path: Path) -> None:
    atomic_write_text(path, layer.to_json())


def apply_layer(entry: ModelEntry, layer: UpdatedLayer, lifecycle: Lifecycle | None) -> ModelEntry:
    """``entry`` with what the layer keeps for it: prices (undated and dated), the
    batch discount and lifecycle dates. ``lifecycle`` is the entry's as the
    catalog resolves it (a reseller's comes from its family)."""
    update = layer.models.get(entry.id)
    if update is None:
        return entry
    source = layer.source.as_source()
    dated = {k: [(d.effective, d.usd) for d in rows] for k, rows in update.dated.items()}
    out = layered(entry, update.prices, dated, source)
    changes: dict[str, object] = {}
    if update.batch_discount is not None:
        changes["batch"] = BatchTerms(discount=update.batch_discount, source=source)
    if update.lifecycle is not None:
        base = (lifecycle or Lifecycle()).model_dump()
        base.update(update.lifecycle.model_dump(exclude_none=True))
        changes["lifecycle"] = Lifecycle.model_validate(base)
    return out.model_copy(update=changes) if changes else out


class UpdatedPrices:
    """The updated prices kept in the user data folder (``updated-prices.json``):
    read at start, replaced by a newer update, dropped, and laid over the
    shipped entries. A file that cannot be read is kept aside and named."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.layer: UpdatedLayer | None = None

    def load(self) -> str | None:
        """Read the kept layer, if there is one; what the user must be told if it
        cannot be read (the shipped prices are used then)."""
        self.layer, problem = read_users_file(
            self.path,
            read_layer,
            "updated prices",
            "ImgCost is using the shipped prices and your own.",
        )
        return problem

    def keep(self, layer: UpdatedLayer) -> None:
        """Keep ``layer`` as the updated prices (it replaces an earlier one)."""
        write_layer(layer, self.path)
        self.layer = layer

    def revert(self) -> bool:
        """Drop the updated prices; whether there were any."""
        had = self.layer is not None or self.path.exists()
        self.path.unlink(missing_ok=True)
        self.layer = None
        return had

    def is_updated(self, model_id: str, key: str) -> bool:
        """Whether the price with key ``key`` comes from the layer."""
        if self.layer is None:
            return False
        if any(m.id == model_id for m in self.layer.new_models):
            return True
        update = self.layer.models.get(model_id)
        return update is not None and (key in update.prices or key in update.dated)

    def over(self, shipped: PriceCatalog) -> tuple[list[ModelEntry], list[str]]:
        """The shipped entries with the layer on them, then the layer's new models;
        and a line for each entry the layer no longer fits (it keeps its shipped prices)."""
        models: list[ModelEntry] = []
        problems: list[str] = []
        layer = self.layer
        for entry in shipped.models:
            if layer is not None and entry.id in layer.models:
                try:
                    entry = apply_layer(entry, layer, shipped.lifecycle_of(entry))
                except (UnknownPrice, ValidationError):
                    problems.append(
                        f"The updated prices for {entry.id} no longer fit it; its shipped "
                        "prices are used."
                    )
            models.append(entry)
        ids = {m.id for m in models}
        for new in layer.new_models if layer else []:
            if new.id not in ids:
                models.append(new)
                ids.add(new.id)
        return models, problems
