"""The "updated prices" layer: the diff rows a user chose to keep.

It holds, per model id, the prices by key (undated: they hold on every day;
dated: from their day on), the batch discount, lifecycle dates, and new model
entries. Every value comes from one peer file, named once in ``source``
(title, version, import day, never official). Saving and loading the layer
with the user's catalog is the catalog's business; this is the model and its
JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..catalog import Lifecycle, ModelEntry, Source
from ..updated import (
    LAYER_SCHEMA_VERSION,
    DatedPrice,
    LayerSource,
    LifecycleUpdate,
    ModelUpdate,
    UpdatedLayer,
)
from .diff import CatalogDiff, LifecycleRow, NewModelRow, PriceRow

__all__ = [
    "LAYER_SCHEMA_VERSION",
    "DatedPrice",
    "LayerSource",
    "LifecycleUpdate",
    "ModelUpdate",
    "UnknownRows",
    "UpdatedLayer",
    "apply_rows",
]


class UnknownRows(KeyError):
    """Row ids that are not in the diff (or are checks, which cannot be applied)."""

    def __init__(self, ids: list[str]):
        super().__init__(ids)
        self.ids = ids

    def __str__(self) -> str:
        return f"no such change in the diff: {', '.join(self.ids)}"


def _lifecycle_update(old: LifecycleUpdate | None, row: LifecycleRow) -> LifecycleUpdate:
    data = old.model_dump() if old else {}
    data[row.field] = row.new
    return LifecycleUpdate(**data)


def apply_rows(
    diff: CatalogDiff, chosen_ids: Iterable[str], *, imported_on: dt.date | None = None
) -> UpdatedLayer:
    """The layer that keeps the chosen rows of ``diff``; UnknownRows for ids it lacks."""
    chosen = list(dict.fromkeys(chosen_ids))
    rows = {r.id: r for r in diff.rows}
    missing = [i for i in chosen if i not in rows]
    if missing:
        raise UnknownRows(missing)
    source = LayerSource(
        title=diff.peer_title,
        version=diff.peer_version,
        imported_on=imported_on or diff.day,
        url=diff.peer_url,
    )
    updates: dict[str, dict[str, object]] = {}
    new_models: list[ModelEntry] = []
    for rid in chosen:
        row = rows[rid]
        if isinstance(row, NewModelRow):
            new_models.append(_sourced(row.entry, source.as_source()))
            continue
        u = updates.setdefault(row.model_id, {"prices": {}, "dated": {}})
        if isinstance(row, PriceRow):
            if row.kind == "batch":
                u["batch_discount"] = row.new
            elif row.effective is not None:
                dated = u["dated"]
                assert isinstance(dated, dict)
                dated.setdefault(row.key, []).append(
                    DatedPrice(effective=row.effective, usd=row.new)
                )
            else:
                prices = u["prices"]
                assert isinstance(prices, dict)
                prices[row.key] = row.new
        else:
            old = u.get("lifecycle")
            u["lifecycle"] = _lifecycle_update(
                old if isinstance(old, LifecycleUpdate) else None, row
            )
    return UpdatedLayer(
        source=source,
        models={mid: ModelUpdate.model_validate(u) for mid, u in updates.items()},
        new_models=new_models,
    )


def _sourced(entry: ModelEntry, source: Source) -> ModelEntry:
    """A new entry whose every source is the layer's peer file."""
    data = entry.model_dump()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("source", "thinking_source") and isinstance(v, dict):
                    node[k] = source.model_dump()
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    lifecycle = data.get("lifecycle")
    if isinstance(lifecycle, dict):
        data["lifecycle"] = Lifecycle(**lifecycle).model_dump()
    return ModelEntry.model_validate(data)
