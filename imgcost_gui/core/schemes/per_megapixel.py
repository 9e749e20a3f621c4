"""A price per megapixel (FLUX.2): the first megapixel, each one started after
it, and where priced, the reference images' megapixels."""

from __future__ import annotations

import math

from ..billing import (
    StagePlan,
    batch_factor,
    billed_requests,
    responses_at,
    responses_overhead,
    size_and_edit_notices,
    unpriced_plan,
)
from ..catalog import ModelEntry, PerMegapixelPricing
from ..results import MeterCost, Notice, StageEstimate
from ..scenario import Stage
from ..sizes import Size


def megapixels_billed(p: PerMegapixelPricing, size: Size) -> int:
    """Whole megapixels billed for one image (a started megapixel counts)."""
    return max(1, math.ceil(size.pixels / p.megapixel))


def per_megapixel_plan(entry: ModelEntry, p: PerMegapixelPricing, stage: Stage) -> StagePlan:
    ok, notices = size_and_edit_notices(entry, stage)
    if not ok:
        return unpriced_plan(entry, notices)
    factor = batch_factor(entry, stage, notices)
    mp = megapixels_billed(p, stage.size)
    first, extra = p.first_mp_usd, p.extra_mp_usd
    if stage.mode == "edit" and p.edit_first_mp_usd is not None:
        first = p.edit_first_mp_usd
        extra = p.edit_extra_mp_usd if p.edit_extra_mp_usd is not None else extra
        notices.append(Notice("edit_price", f"{entry.name}: billed at its edit prices", "info"))
    per_image = float(first) + (mp - 1) * float(extra)
    refs = stage.references
    #: Reference megapixels per request and their price, when the model bills them.
    ref_mp: tuple[int, float] | None = None
    if refs.count and p.input_mp_usd is not None:
        ref_mp = refs.count * megapixels_billed(p, refs.size), float(p.input_mp_usd)
    elif refs.count:
        notices.append(
            Notice(
                "references_unpriced",
                f"{entry.name}: reference-image megapixels may also be billed; not included",
            )
        )
    overhead = responses_overhead(entry, stage, notices)
    why = tuple(notices)

    def at(stage: Stage) -> StageEstimate:
        attempts = billed_requests(entry, stage)
        billed = attempts * stage.outputs_per_request
        meters = [MeterCost("megapixels", per_image * factor * billed, float(mp) * billed)]
        if ref_mp is not None:
            in_mp = ref_mp[0] * attempts
            meters.append(MeterCost("image_in", in_mp * ref_mp[1] * factor, float(in_mp)))
        meters += responses_at(overhead, attempts)
        return StageEstimate(stage.name, stage.images, billed, True, tuple(meters), notices=why)

    return at
