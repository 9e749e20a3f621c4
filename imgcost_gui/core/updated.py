"""The "updated prices" layer between the shipped catalog and the user's own
prices: what a price update (``imgcost catalog update FILE --apply``, or the
app's Prices > Update prices from file) chose to keep.

shipped < updated < the user's own. Each value is sourced as the peer file it
came from (its title, version and the import day, never official).
"""

from __future__ import annotations

from pathlib import Path

from .catalog import BatchTerms, Lifecycle, ModelEntry
from .peers.layer import LAYER_SCHEMA_VERSION, UpdatedLayer
from .prices import layered
from .storage import atomic_write_text, read_versioned

__all__ = ["UpdatedLayer", "apply_layer", "read_layer", "write_layer"]


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
