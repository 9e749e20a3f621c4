"""The plan against the bill: a scenario beside what OpenAI's Usage and Costs
APIs say happened (``usage_exports`` reads them).

The scenario plans a period (a day, week, month or year); an export covers a
span of days. The plan is scaled to the span: ``scale = span days / days of
the period that starts on the span's first day`` (a month from 1 November is
30 days, from 1 December 31). Planned images are the images the plan bills
(retries and billed failures included, as the Usage API counts them), per
model and size; estimated dollars are the core's estimate of the plan, priced
as of the span's first day unless told otherwise.

Drift is ``(actual - planned) / planned`` in percent, for images and for
dollars. "Estimated at actual volume" prices the images actually made at the
plan's cost per image of that size, which sets a price gap apart from a
volume gap.

Billed dollars come per model: a Costs API line item belongs to the model its
first word names (``"gpt-image-2, output"``, snapshot dates dropped); line items
that name no model reconciled are reported as not attributed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .calendar import period_end
from .catalog import PriceCatalog
from .estimate import UnknownModel, estimate
from .results import ModelEstimate
from .scenario import Scenario
from .sizes import Size
from .usage_exports import CostsExport, UsageExport, UsageRow

__all__ = [
    "ModelReconciliation",
    "Reconciliation",
    "ReconcileProblem",
    "SizeReconciliation",
    "catalog_id",
    "drift_pct",
    "reconcile",
]

_SNAPSHOT = re.compile(r"-\d{4}-\d{2}-\d{2}$")
_FIRST_WORD = re.compile(r"[,\s(:]")


class ReconcileProblem(ValueError):
    """The scenario and the exports cannot be set side by side (the message says why)."""


def drift_pct(actual: float | None, planned: float | None) -> float | None:
    """(actual - planned) / planned in percent; None when there is no plan to drift from."""
    if actual is None or planned is None or planned == 0:
        return None
    return (actual - planned) / planned * 100


def catalog_id(name: str, catalog: PriceCatalog) -> str | None:
    """The catalog id an API's model name means: itself, or without its snapshot date."""
    name = name.strip()
    if name in catalog.by_id:
        return name
    bare = _SNAPSHOT.sub("", name)
    return bare if bare in catalog.by_id else None


@dataclass(frozen=True, slots=True)
class SizeReconciliation:
    """One model at one size; ``size`` None when the export was not grouped by size."""

    model: str
    size: str | None
    planned_images: float
    actual_images: int
    actual_requests: int
    estimated_usd: float | None
    estimated_usd_at_actual: float | None

    @property
    def images_drift_pct(self) -> float | None:
        return drift_pct(self.actual_images, self.planned_images)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "size": self.size,
            "planned_images": self.planned_images,
            "actual_images": self.actual_images,
            "actual_requests": self.actual_requests,
            "images_drift_pct": self.images_drift_pct,
            "estimated_usd": self.estimated_usd,
            "estimated_usd_at_actual": self.estimated_usd_at_actual,
        }


@dataclass(frozen=True, slots=True)
class ModelReconciliation:
    model: str
    name: str
    sizes: tuple[SizeReconciliation, ...]
    estimated_usd: float | None
    #: None without a Costs export.
    billed_usd: float | None

    @property
    def planned_images(self) -> float:
        return sum(s.planned_images for s in self.sizes)

    @property
    def actual_images(self) -> int:
        return sum(s.actual_images for s in self.sizes)

    @property
    def images_drift_pct(self) -> float | None:
        return drift_pct(self.actual_images, self.planned_images)

    @property
    def usd_drift_pct(self) -> float | None:
        return drift_pct(self.billed_usd, self.estimated_usd)

    @property
    def estimated_usd_at_actual(self) -> float | None:
        values = [s.estimated_usd_at_actual for s in self.sizes if s.actual_images]
        if any(v is None for v in values):
            return None
        return sum(v or 0.0 for v in values)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "name": self.name,
            "planned_images": self.planned_images,
            "actual_images": self.actual_images,
            "images_drift_pct": self.images_drift_pct,
            "estimated_usd": self.estimated_usd,
            "estimated_usd_at_actual": self.estimated_usd_at_actual,
            "billed_usd": self.billed_usd,
            "usd_drift_pct": self.usd_drift_pct,
            "sizes": [s.to_dict() for s in self.sizes],
        }


@dataclass(frozen=True, slots=True)
class Reconciliation:
    start: dt.datetime
    end: dt.datetime
    span_days: float
    period: str
    period_days: int
    priced_on: dt.date
    models: tuple[ModelReconciliation, ...]
    #: Billed dollars whose line item names no model reconciled, by line item.
    unattributed_usd: dict[str, float]
    notes: tuple[str, ...] = ()

    @property
    def scale(self) -> float:
        return self.span_days / self.period_days

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "span_days": self.span_days,
            "period": self.period,
            "period_days": self.period_days,
            "scale": self.scale,
            "priced_on": self.priced_on.isoformat(),
            "models": [m.to_dict() for m in self.models],
            "unattributed_usd": self.unattributed_usd,
            "notes": list(self.notes),
        }


def _size_key(text: str | None) -> tuple[int, Size | None, str]:
    if text is None:
        return 1, None, ""
    try:
        return 0, Size.parse(text), text
    except ValueError:
        return 0, Size(10**9, 10**9), text  # sizes the API names in words go last


def _plan_by_size(est: ModelEstimate, scenario: Scenario) -> dict[str, tuple[float, float | None]]:
    """Billed images and dollars of the plan (one period) per "WIDTHxHEIGHT"."""
    out: dict[str, tuple[float, float | None]] = {}
    for stage, s in zip(scenario.stages, est.stages, strict=True):
        key = str(stage.size)
        images, usd = out.get(key, (0.0, 0.0))
        stage_usd = s.total_usd
        out[key] = (
            images + s.billed_images,
            None if usd is None or stage_usd is None else usd + stage_usd,
        )
    return out


def _rows_for(
    model: str,
    plan: dict[str, tuple[float, float | None]],
    actual: list[UsageRow],
    scale: float,
) -> tuple[SizeReconciliation, ...]:
    by_size = any(r.size is None for r in actual) is False
    if not by_size:  # the export was not grouped by size: one row for the model
        images = sum(v[0] for v in plan.values())
        usds = [v[1] for v in plan.values()]
        usd = None if any(u is None for u in usds) else sum(u or 0.0 for u in usds)
        plan = {"": (images, usd)}
    sizes = set(plan) | {r.size or "" for r in actual}
    rows = []
    for size in sorted(sizes, key=lambda s: _size_key(s or None)):
        images, usd = plan.get(size, (0.0, 0.0))
        done = [r for r in actual if (r.size or "") == size]
        made = sum(r.images for r in done)
        per_image = usd / images if usd is not None and images else None
        rows.append(
            SizeReconciliation(
                model=model,
                size=size or None,
                planned_images=images * scale,
                actual_images=made,
                actual_requests=sum(r.requests for r in done),
                estimated_usd=None if usd is None else usd * scale,
                estimated_usd_at_actual=(
                    per_image * made if per_image is not None else (0.0 if made == 0 else None)
                ),
            )
        )
    return tuple(rows)


def _billed(
    costs: CostsExport, models: Iterable[str], catalog: PriceCatalog
) -> tuple[dict[str, float], dict[str, float]]:
    """Billed dollars per model reconciled, and the rest per line item."""
    wanted = set(models)
    billed: dict[str, Decimal] = {m: Decimal(0) for m in wanted}
    rest: dict[str, Decimal] = {}
    for item in costs.items:
        label = item.line_item or "(no line item)"
        first = _FIRST_WORD.split(label, maxsplit=1)[0]
        model = catalog_id(first, catalog)
        if model in wanted:
            billed[model] += item.usd
        else:
            rest[label] = rest.get(label, Decimal(0)) + item.usd
    return {m: float(v) for m, v in billed.items()}, {k: float(v) for k, v in rest.items()}


def reconcile(
    scenario: Scenario,
    catalog: PriceCatalog,
    usage: UsageExport,
    costs: CostsExport | None = None,
    models: Iterable[str] | None = None,
    *,
    as_of: dt.date | None = None,
) -> Reconciliation:
    """Set the scenario's plan, scaled to the usage export's span, beside the images
    made and the dollars billed, for each model.

    The models are ``models``, else the scenario's own list, else every model the
    export names; export rows of other models are left out (and noted). Raises
    ``UnknownModel`` for a model id the catalog lacks and ``ReconcileProblem``
    when there is nothing to compare.
    """
    notes: list[str] = []
    span = usage.span
    actual: dict[str, list[UsageRow]] = {}
    unknown: dict[str, int] = {}
    for row in usage.rows:
        found = catalog_id(row.model, catalog)
        if found is None:
            unknown[row.model] = unknown.get(row.model, 0) + row.images
        else:
            actual.setdefault(found, []).append(row)
    chosen = list(models) if models is not None else list(scenario.models)
    if not chosen:
        if unknown:
            name = next(iter(unknown))
            raise UnknownModel(name[:80])
        chosen = sorted(actual)
    for model in chosen:
        if model not in catalog.by_id:
            raise UnknownModel(model[:80])
    left_out = {m: sum(r.images for r in rows) for m, rows in actual.items() if m not in chosen}
    left_out.update(unknown)
    if left_out:
        names = ", ".join(f"{m} ({n:,} images)" for m, n in sorted(left_out.items()))
        notes.append(f"left out of the comparison: {names[:300]}")
    if not any(actual.get(m) for m in chosen):
        raise ReconcileProblem(
            f"the usage export has no images for {', '.join(chosen)[:200]}; "
            "name the models it has with --model, or choose the matching export"
        )
    if len(chosen) > 1:
        notes.append("each model is compared with the whole plan, as if it made every image")
    start_day = span.first_day
    period_days = (period_end(start_day, scenario.period) - start_day).days
    day = as_of or start_day
    estimates = {e.model: e for e in estimate(scenario, catalog, chosen, as_of=day)}
    scale = span.days / period_days
    billed: dict[str, float] = {}
    rest: dict[str, float] = {}
    if costs is not None:
        billed, rest = _billed(costs, chosen, catalog)
        if abs((costs.span.end - costs.span.start) - (span.end - span.start)) > dt.timedelta(
            hours=1
        ) or abs(costs.span.start - span.start) > dt.timedelta(hours=1):
            notes.append(
                f"the costs export covers {costs.span.days:g} days from "
                f"{costs.span.first_day.isoformat()}, the usage export {span.days:g} days from "
                f"{start_day.isoformat()}"
            )
    if span.incomplete or (costs is not None and costs.span.incomplete):
        notes.append("an export says more pages follow (has_more); add them for the whole span")
    out = []
    for model in chosen:
        est = estimates[model]
        total = est.total_usd
        out.append(
            ModelReconciliation(
                model=model,
                name=est.name,
                sizes=_rows_for(model, _plan_by_size(est, scenario), actual.get(model, []), scale),
                estimated_usd=None if total is None else total * scale,
                billed_usd=billed.get(model) if costs is not None else None,
            )
        )
        for n in est.all_notices:
            if n.severity == "error":
                notes.append(n.message)
    return Reconciliation(
        start=span.start,
        end=span.end,
        span_days=span.days,
        period=scenario.period,
        period_days=period_days,
        priced_on=day,
        models=tuple(out),
        unattributed_usd=rest,
        notes=tuple(notes),
    )
