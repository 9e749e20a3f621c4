"""What a peer file would change in the catalog, one row per change.

Every row has a stable ``id`` (``price:gpt-image-2:image_out``,
``price:gpt-image-2:image_out@2027-01-01``, ``batch:gpt-image-2``,
``lifecycle:azure/gpt-image-2:retired_on``, ``new:azure/gpt-image-1.5``) so a
UI can offer one checkbox per row and ``apply_rows`` the chosen ones. Checks
(``check:...``) are disagreements that cannot be applied: our figure is
computed from a token rule, or the peer's is a host's price checked against
the vendor's entry. Nothing is ever removed because a peer lacks a model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from .. import calendar
from ..catalog import ModelEntry, PriceCatalog, Source
from .compare import Comparison, Value, compare
from .newmodels import build_entry
from .points import PeerData, PointKind


@dataclass(frozen=True)
class PriceRow:
    id: str
    kind: Literal["token", "image", "batch"]
    model_id: str
    key: str
    label: str
    unit: str
    old: Decimal | None
    new: Decimal
    percent: Decimal | None
    effective: dt.date | None
    peer_model: str
    implied: bool = False


@dataclass(frozen=True)
class LifecycleRow:
    id: str
    model_id: str
    field: str
    label: str
    old: dt.date | str | None
    new: dt.date | str
    peer_model: str


@dataclass(frozen=True)
class NewModelRow:
    id: str
    model_id: str
    name: str
    entry: ModelEntry
    peer_model: str


@dataclass(frozen=True)
class CheckRow:
    """A disagreement to look at by hand; it has no value that could be applied."""

    id: str
    model_id: str
    kind: PointKind
    key: str
    label: str
    ours: Value | None
    theirs: Value
    percent: Decimal | None
    peer_model: str


@dataclass(frozen=True)
class NotMappable:
    model_id: str
    peer_model: str
    reason: str


@dataclass(frozen=True)
class Unmapped:
    peer_model: str
    reason: str


@dataclass(frozen=True)
class CatalogDiff:
    peer_kind: str
    peer_title: str
    peer_version: str
    peer_url: str | None
    day: dt.date
    prices: tuple[PriceRow, ...]
    lifecycle: tuple[LifecycleRow, ...]
    new_models: tuple[NewModelRow, ...]
    checks: tuple[CheckRow, ...]
    not_mappable: tuple[NotMappable, ...]
    unmapped: tuple[Unmapped, ...]
    agreed: dict[str, int] = field(default_factory=dict)
    comparisons: tuple[Comparison, ...] = field(default=(), repr=False)

    @property
    def rows(self) -> tuple[PriceRow | LifecycleRow | NewModelRow, ...]:
        """Every change that can be applied, in display order."""
        return (*self.prices, *self.lifecycle, *self.new_models)

    def to_dict(self) -> dict[str, Any]:
        """The diff as JSON-ready data (prices as strings, dates as ISO days)."""
        return {
            "peer": {
                "kind": self.peer_kind,
                "title": self.peer_title,
                "version": self.peer_version,
                "url": self.peer_url,
            },
            "day": self.day.isoformat(),
            "agreed": dict(self.agreed),
            "prices": [_plain(r) for r in self.prices],
            "lifecycle": [_plain(r) for r in self.lifecycle],
            "new_models": [
                {
                    "id": r.id,
                    "model_id": r.model_id,
                    "name": r.name,
                    "peer_model": r.peer_model,
                    "entry": r.entry.model_dump(mode="json", exclude_none=True),
                }
                for r in self.new_models
            ],
            "checks": [_plain(r) for r in self.checks],
            "not_mappable": [_plain(r) for r in self.not_mappable],
            "unmapped": [_plain(r) for r in self.unmapped],
        }


def _json(value: object) -> object:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _plain(row: object) -> dict[str, object]:
    return {k: _json(v) for k, v in vars(row).items()}


def percent(old: Value | None, new: Value) -> Decimal | None:
    if not isinstance(old, Decimal) or not isinstance(new, Decimal) or old == 0:
        return None
    return ((new - old) / old * 100).quantize(Decimal("0.1"))


def peer_source(peer: PeerData, day: dt.date) -> Source:
    """How every value taken from ``peer`` is sourced."""
    return Source(
        title=peer.title,
        url=peer.url,
        official=False,
        checked=day,
        note=f"{peer.title}, version {peer.version}, imported {day}",
    )


def diff_catalog(
    catalog: PriceCatalog, peer: PeerData, *, day: dt.date | None = None
) -> CatalogDiff:
    """The changes ``peer`` proposes to ``catalog`` on ``day`` (default: today)."""
    day = day or calendar.today()
    found = compare(catalog, peer, day)
    prices: dict[str, PriceRow] = {}
    lifecycle: dict[str, LifecycleRow] = {}
    checks: dict[str, CheckRow] = {}
    unmapped = [Unmapped(s.peer_model, s.reason) for s in peer.skipped]
    agreed: dict[str, int] = {}
    for c in found.comparisons:
        if not c.comparable:
            if not c.implied:
                unmapped.append(Unmapped(c.peer_model, f"{c.key}: {c.reason}"))
            continue
        if c.agrees:
            agreed[c.kind] = agreed.get(c.kind, 0) + 1
            continue
        at = f"@{c.effective}" if c.effective and c.effective > day else ""
        if c.derived:
            rid = f"check:{c.model_id}:{c.key}{at}"
            checks.setdefault(
                rid,
                CheckRow(
                    rid,
                    c.model_id,
                    c.kind,
                    c.key,
                    c.label,
                    c.ours,
                    c.theirs,
                    percent(c.ours, c.theirs),
                    c.peer_model,
                ),
            )
        elif c.kind == "lifecycle":
            rid = f"lifecycle:{c.model_id}:{c.key}"
            new = c.theirs
            lifecycle.setdefault(
                rid,
                LifecycleRow(
                    rid,
                    c.model_id,
                    c.key,
                    c.label,
                    c.ours if not isinstance(c.ours, Decimal) else None,
                    new if not isinstance(new, Decimal) else str(new),
                    c.peer_model,
                ),
            )
        elif isinstance(c.theirs, Decimal) and c.kind in ("token", "image", "batch"):
            old = c.ours if isinstance(c.ours, Decimal) else None
            rid = f"batch:{c.model_id}" if c.kind == "batch" else f"price:{c.model_id}:{c.key}{at}"
            prices.setdefault(
                rid,
                PriceRow(
                    rid,
                    c.kind,
                    c.model_id,
                    c.key,
                    c.label,
                    c.unit,
                    old,
                    c.theirs,
                    percent(old, c.theirs),
                    c.effective if at else None,
                    c.peer_model,
                    c.implied,
                ),
            )
    source = peer_source(peer, day)
    new_models: dict[str, NewModelRow] = {}
    not_mappable: list[NotMappable] = []
    for pm, pts in found.unknown:
        built = build_entry(catalog, pm, pts, source, day)
        if isinstance(built, ModelEntry):
            rid = f"new:{built.id}"
            new_models.setdefault(rid, NewModelRow(rid, built.id, built.name, built, pm.peer_model))
        else:
            not_mappable.append(NotMappable(pm.target_id, pm.peer_model, built))
    return CatalogDiff(
        peer_kind=peer.kind,
        peer_title=peer.title,
        peer_version=peer.version,
        peer_url=peer.url,
        day=day,
        prices=tuple(prices.values()),
        lifecycle=tuple(lifecycle.values()),
        new_models=tuple(new_models.values()),
        checks=tuple(checks.values()),
        not_mappable=tuple(not_mappable),
        unmapped=tuple(unmapped),
        agreed=agreed,
        comparisons=found.comparisons,
    )


def _money(v: Value | None) -> str:
    if v is None:
        return "none"
    return f"${v}" if isinstance(v, Decimal) else str(v)


def render_text(diff: CatalogDiff) -> str:
    """The diff for a terminal: a header, then one line per row."""
    agreed = ", ".join(f"{n} {k}" for k, n in sorted(diff.agreed.items())) or "none"
    lines = [
        f"{diff.peer_title} (version {diff.peer_version}) against the catalog on {diff.day}",
        f"agreeing points: {agreed}",
    ]
    for r in diff.prices:
        old = "none" if r.old is None else str(r.old)
        pct = f", {r.percent:+}%" if r.percent is not None else ""
        when = f" from {r.effective}" if r.effective else ""
        lines.append(f"{r.id}  {r.model_id}  {r.label}: {old} -> {r.new} ({r.unit}{pct}){when}")
    for lr in diff.lifecycle:
        lines.append(f"{lr.id}  {lr.model_id}  {lr.label}: {_money(lr.old)} -> {_money(lr.new)}")
    for n in diff.new_models:
        lines.append(f"{n.id}  new model {n.name} ({n.entry.pricing.scheme}) from {n.peer_model}")
    for c in diff.checks:
        pct = f" ({c.percent:+}%)" if c.percent is not None else ""
        lines.append(
            f"{c.id}  {c.model_id}  {c.label}: ours {_money(c.ours)}, "
            f"peer {_money(c.theirs)}{pct} [check by hand: {c.peer_model}]"
        )
    for nm in diff.not_mappable:
        lines.append(f"not mappable  {nm.model_id} ({nm.peer_model}): {nm.reason}")
    for u in diff.unmapped:
        lines.append(f"unmapped  {u.peer_model}: {u.reason}")
    return "\n".join(lines) + "\n"
