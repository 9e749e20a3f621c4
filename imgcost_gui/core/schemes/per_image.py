"""A price per image: flat, by size and quality, or by resolution tier."""

from __future__ import annotations

from ..billing import (
    StagePlan,
    auto_quality_notice,
    batch_factor,
    billed_requests,
    qualities_to_price,
    responses_at,
    responses_overhead,
    size_and_edit_notices,
    tier_or_notice,
    unpriced_plan,
)
from ..catalog import ModelEntry, PerImagePricing
from ..results import MeterCost, Notice, StageEstimate
from ..scenario import Stage
from ..sizes import Size


def per_image_price(
    p: PerImagePricing, size: Size, quality: str | None, tier: str | None
) -> float | None:
    key = str(size)
    for cell in p.prices:
        if cell.size is not None and cell.size != key:
            continue
        if cell.quality is not None and cell.quality != quality:
            continue
        if cell.tier is not None and cell.tier != tier:
            continue
        return float(cell.usd)
    return None


def per_image_plan(entry: ModelEntry, p: PerImagePricing, stage: Stage) -> StagePlan:
    ok, notices = size_and_edit_notices(entry, stage)
    if not ok:
        return unpriced_plan(entry, notices)
    tier_name = None
    if p.tiers:
        tier = tier_or_notice(entry, p.tiers, stage, notices)
        if tier is None:
            return unpriced_plan(entry, notices)
        tier_name = tier.name
        notices.append(Notice("tier", f"{entry.name}: billed at its {tier.name} tier", "info"))
    factor = batch_factor(entry, stage, notices)

    def vendor_quality(q: str) -> str | None:
        if not entry.qualities:
            return None
        return p.quality_map.get(q, q) if p.quality_map else q  # type: ignore[call-overload]

    chosen, *others = qualities_to_price(entry, stage)
    found = per_image_price(p, stage.size, vendor_quality(chosen), tier_name)
    if found is None:
        notices.append(
            Notice(
                "unsupported_size",
                f"{entry.name}: no price for {stage.size} at {chosen} quality",
                "error",
            )
        )
        return unpriced_plan(entry, notices, counted=True)
    price: float = found
    quality = vendor_quality(chosen)
    if p.quality_map and entry.qualities and quality != chosen:
        notices.append(
            Notice(
                "quality_mapped",
                f"{entry.name}: {chosen} quality is billed as '{quality}'",
                "info",
            )
        )
    overhead = responses_overhead(entry, stage, notices)
    ranged = bool(others and entry.qualities)
    bounds = (
        [per_image_price(p, stage.size, vendor_quality(q), tier_name) for q in others]
        if ranged
        else []
    )
    head = tuple(notices)

    def at(stage: Stage) -> StageEstimate:
        images = stage.images
        attempts = billed_requests(entry, stage)
        billed = attempts * stage.outputs_per_request
        meters = [MeterCost("images", price * factor * billed)]
        meters += responses_at(overhead, attempts)
        low = high = None
        notices = head
        if ranged:
            base = sum(m.usd for m in meters) - meters[0].usd
            low, high = (base + b * factor * billed if b is not None else None for b in bounds)
            notices = (*head, auto_quality_notice(entry, chosen, low, high, images))
        return StageEstimate(
            stage.name,
            images,
            billed,
            True,
            tuple(meters),
            tier=tier_name,
            quality=quality,
            low_usd=low,
            high_usd=high,
            notices=notices,
        )

    return at
