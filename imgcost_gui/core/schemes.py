"""One estimator per pricing scheme: token-metered (GPT Image), per image
(flat, by size and quality, or by resolution tier), per megapixel (FLUX.2),
fixed tokens per image (Gemini) and subscription (Midjourney)."""

from __future__ import annotations

import math

from .billing import (
    MONTHS_PER_PERIOD,
    PER_MILLION,
    as_float,
    auto_quality_notice,
    batch_factor,
    billed_requests,
    qualities_to_price,
    rate,
    responses_meters,
    size_and_edit_notices,
    tier_or_notice,
    token_meter,
    unpriced,
)
from .catalog import (
    FixedInputTokens,
    FixedTokenPricing,
    GeminiTileInputRule,
    Gpt2OutputFormula,
    ModelEntry,
    PerImagePricing,
    PerMegapixelPricing,
    PublishedImagePrices,
    SubscriptionPricing,
    TokenPricing,
)
from .results import MeterCost, ModelEstimate, Notice, StageEstimate
from .scenario import Scenario, Stage
from .sizes import Size
from .tokens import gemini_input_tokens, output_tokens, tile_input_tokens

# --- token-metered (GPT Image) -------------------------------------------------------


def token_stage(entry: ModelEntry, p: TokenPricing, stage: Stage) -> StageEstimate:
    ok, notices = size_and_edit_notices(entry, stage)
    images = stage.images
    if not ok:
        return unpriced(stage, notices)
    factor = batch_factor(entry, stage, notices)
    r = p.rates
    attempts = billed_requests(entry, stage)
    billed_images = attempts * stage.outputs_per_request

    # Input, billed once per request whatever the number of outputs.
    text = float(stage.prompt_tokens)
    cached_text = text * stage.cached_text_share
    refs = stage.references
    sends_images = stage.mode == "edit" or refs.count > 0
    mine = refs.measured_for(entry.id, entry.family)
    measured = sends_images and mine is not None
    img_in_tokens = 0
    if sends_images:
        if mine is not None:
            img_in_tokens = mine
        else:
            img_in_tokens = refs.count * tile_input_tokens(
                p.input_images, refs.size, refs.high_fidelity
            )
    if stage.mode == "edit" and not refs.count and not measured:
        notices.append(
            Notice("no_references", f"stage '{stage.name}' edits but sends no reference image")
        )
    cached_img = img_in_tokens * stage.cached_image_share
    cached_text_rate = r.cached_text_in if r.cached_text_in is not None else r.text_in
    cached_img_rate = r.cached_image_in if r.cached_image_in is not None else r.image_in

    meters_common = [
        token_meter("text_in", (text - cached_text) * attempts, rate(r.text_in, factor)),
        token_meter("cached_text_in", cached_text * attempts, rate(cached_text_rate, factor)),
    ]
    if img_in_tokens:
        meters_common += [
            token_meter(
                "image_in", (img_in_tokens - cached_img) * attempts, rate(r.image_in, factor)
            ),
            token_meter("cached_image_in", cached_img * attempts, rate(cached_img_rate, factor)),
        ]
        if measured:
            notices.append(
                Notice("measured_tokens", "input-image tokens measured from usage logs", "info")
            )
        elif refs.measured_tokens is not None:
            notices.append(
                Notice(
                    "measured_elsewhere",
                    f"{entry.name}: your measured input tokens are for {refs.measured_on}; "
                    "this model's are estimated",
                    "info",
                )
            )
        else:
            notices.append(
                Notice(
                    "estimated_input_tokens",
                    f"{entry.name}: reference-image tokens are estimated from the published tile rule; "
                    "enter measured tokens from your usage logs for a firmer figure",
                    "info",
                )
            )
    out_rate = rate(r.image_out, factor)
    partial = stage.partial_images * p.partial_image_tokens

    def output_meter(quality: str) -> tuple[MeterCost | None, int | None]:
        rule = p.output
        if isinstance(rule, PublishedImagePrices):
            usd = rule.usd.get(quality, {}).get(str(stage.size))  # type: ignore[call-overload]
            if usd is None:
                return None, None
            per_image = float(usd) * factor + partial * out_rate / PER_MILLION
            tokens = partial * billed_images if partial else None
            return MeterCost("image_out", per_image * billed_images, tokens), None
        m = entry.measured_output.get(f"{stage.size}/{quality}")
        n = m.tokens if m is not None else output_tokens(rule, stage.size, quality)
        if n is None:
            return None, None
        tokens = (n + partial) * billed_images
        return token_meter("image_out", tokens, out_rate), n

    def measured_spread(quality: str) -> tuple[float, float] | None:
        """The low and high output cost from measured tokens (p5 and p95)."""
        m = entry.measured_output.get(f"{stage.size}/{quality}")
        if m is None or isinstance(p.output, PublishedImagePrices):
            return None
        notices.append(
            Notice(
                "measured_output",
                f"{entry.name}: {stage.size} {quality} output tokens measured from "
                f"{m.responses} responses on {m.measured_on.isoformat()} ({m.tokens} a image, "
                f"{m.low}-{m.high})",
                "info",
            )
        )
        return (
            (m.low + partial) * billed_images * out_rate / PER_MILLION,
            (m.high + partial) * billed_images * out_rate / PER_MILLION,
        )

    chosen, *others = qualities_to_price(entry, stage)
    out, out_tokens = output_meter(chosen)
    if out is None:
        notices.append(
            Notice(
                "unsupported_size",
                f"{entry.name}: no published price for {stage.size} at {chosen} quality",
                "error",
            )
        )
        return unpriced(stage, notices, billed_images)
    meters = [*meters_common, out]
    meters += responses_meters(entry, stage, attempts, notices)
    low = high = None
    spread = measured_spread(chosen)
    if others:
        base = sum(m.usd for m in meters) - out.usd
        bounds = [output_meter(q)[0] for q in others]
        low, high = (base + b.usd if b else None for b in bounds)
        notices.append(auto_quality_notice(entry, chosen, low, high, images))
    elif spread is not None:
        base = sum(m.usd for m in meters) - out.usd
        low, high = base + spread[0], base + spread[1]
    if isinstance(p.output, Gpt2OutputFormula) and p.output.assumption and spread is None:
        notices.append(
            Notice(
                "assumed_rule",
                f"{entry.name}: output tokens assume gpt-image-2's rule; no source states it",
            )
        )
    return StageEstimate(
        stage.name,
        images,
        billed_images,
        True,
        tuple(meters),
        output_tokens_per_image=out_tokens,
        input_image_tokens_per_request=img_in_tokens or None,
        input_tokens_measured=measured,
        quality=chosen,
        low_usd=low,
        high_usd=high,
        notices=tuple(notices),
    )


# --- per image -----------------------------------------------------------------------


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


def per_image_stage(entry: ModelEntry, p: PerImagePricing, stage: Stage) -> StageEstimate:
    ok, notices = size_and_edit_notices(entry, stage)
    images = stage.images
    if not ok:
        return unpriced(stage, notices)
    tier_name = None
    if p.tiers:
        tier = tier_or_notice(entry, p.tiers, stage, notices)
        if tier is None:
            return unpriced(stage, notices)
        tier_name = tier.name
        notices.append(Notice("tier", f"{entry.name}: billed at its {tier.name} tier", "info"))
    factor = batch_factor(entry, stage, notices)
    attempts = billed_requests(entry, stage)
    billed = attempts * stage.outputs_per_request

    def vendor_quality(q: str) -> str | None:
        if not entry.qualities:
            return None
        return p.quality_map.get(q, q) if p.quality_map else q  # type: ignore[call-overload]

    chosen, *others = qualities_to_price(entry, stage)
    price = per_image_price(p, stage.size, vendor_quality(chosen), tier_name)
    if price is None:
        notices.append(
            Notice(
                "unsupported_size",
                f"{entry.name}: no price for {stage.size} at {chosen} quality",
                "error",
            )
        )
        return unpriced(stage, notices, billed)
    if p.quality_map and entry.qualities and vendor_quality(chosen) != chosen:
        notices.append(
            Notice(
                "quality_mapped",
                f"{entry.name}: {chosen} quality is billed as '{vendor_quality(chosen)}'",
                "info",
            )
        )
    meters = [MeterCost("images", price * factor * billed)]
    meters += responses_meters(entry, stage, attempts, notices)
    low = high = None
    if others and entry.qualities:
        base = sum(m.usd for m in meters) - meters[0].usd
        bounds = [per_image_price(p, stage.size, vendor_quality(q), tier_name) for q in others]
        low, high = (base + b * factor * billed if b is not None else None for b in bounds)
        notices.append(auto_quality_notice(entry, chosen, low, high, images))
    return StageEstimate(
        stage.name,
        images,
        billed,
        True,
        tuple(meters),
        tier=tier_name,
        quality=vendor_quality(chosen),
        low_usd=low,
        high_usd=high,
        notices=tuple(notices),
    )


# --- per megapixel -------------------------------------------------------------------


def megapixels_billed(p: PerMegapixelPricing, size: Size) -> int:
    """Whole megapixels billed for one image (a started megapixel counts)."""
    return max(1, math.ceil(size.pixels / p.megapixel))


def per_megapixel_stage(entry: ModelEntry, p: PerMegapixelPricing, stage: Stage) -> StageEstimate:
    ok, notices = size_and_edit_notices(entry, stage)
    images = stage.images
    if not ok:
        return unpriced(stage, notices)
    factor = batch_factor(entry, stage, notices)
    attempts = billed_requests(entry, stage)
    billed = attempts * stage.outputs_per_request
    mp = megapixels_billed(p, stage.size)
    first, extra = p.first_mp_usd, p.extra_mp_usd
    if stage.mode == "edit" and p.edit_first_mp_usd is not None:
        first = p.edit_first_mp_usd
        extra = p.edit_extra_mp_usd if p.edit_extra_mp_usd is not None else extra
        notices.append(Notice("edit_price", f"{entry.name}: billed at its edit prices", "info"))
    per_image = float(first) + (mp - 1) * float(extra)
    meters = [MeterCost("megapixels", per_image * factor * billed, float(mp) * billed)]
    refs = stage.references
    if refs.count and p.input_mp_usd is not None:
        in_mp = refs.count * megapixels_billed(p, refs.size) * attempts
        meters.append(MeterCost("image_in", in_mp * float(p.input_mp_usd) * factor, float(in_mp)))
    elif refs.count:
        notices.append(
            Notice(
                "references_unpriced",
                f"{entry.name}: reference-image megapixels may also be billed; not included",
            )
        )
    meters += responses_meters(entry, stage, attempts, notices)
    return StageEstimate(stage.name, images, billed, True, tuple(meters), notices=tuple(notices))


# --- fixed tokens per image (Gemini) -------------------------------------------------


def fixed_token_stage(entry: ModelEntry, p: FixedTokenPricing, stage: Stage) -> StageEstimate:
    ok, notices = size_and_edit_notices(entry, stage)
    images = stage.images
    if not ok:
        return unpriced(stage, notices)
    tier = tier_or_notice(entry, p.tiers, stage, notices)
    if tier is None or tier.tokens is None:
        return unpriced(stage, notices)
    if len(p.tiers) > 1:
        notices.append(Notice("tier", f"{entry.name}: billed at its {tier.name} tier", "info"))
    factor = batch_factor(entry, stage, notices)
    r = p.rates
    attempts = billed_requests(entry, stage)
    billed = attempts * stage.outputs_per_request
    refs = stage.references
    img_in = 0
    mine = refs.measured_for(entry.id, entry.family)
    measured = (stage.mode == "edit" or refs.count > 0) and mine is not None
    if measured and mine is not None:
        img_in = mine
    elif refs.count and isinstance(p.input_images, FixedInputTokens):
        img_in = refs.count * p.input_images.tokens
    elif refs.count and isinstance(p.input_images, GeminiTileInputRule):
        img_in = refs.count * gemini_input_tokens(p.input_images, refs.size)
    text_rate = rate(r.text_in, factor)
    img_rate = rate(r.image_in if r.image_in is not None else r.text_in, factor)
    out_rate = rate(r.image_out, factor)
    text = stage.prompt_tokens * attempts
    meters = [token_meter("text_in", text, text_rate)]
    if img_in:
        meters.append(token_meter("image_in", img_in * attempts, img_rate))
    meters.append(token_meter("image_out", tier.tokens * billed, out_rate))
    if p.thinking_tokens:
        meters.append(token_meter("thinking", p.thinking_tokens * billed, rate(r.text_out, factor)))
    meters += responses_meters(entry, stage, attempts, notices)
    return StageEstimate(
        stage.name,
        images,
        billed,
        True,
        tuple(meters),
        output_tokens_per_image=tier.tokens,
        input_image_tokens_per_request=img_in or None,
        input_tokens_measured=measured,
        tier=tier.name,
        notices=tuple(notices),
    )


# --- subscription --------------------------------------------------------------------


def subscription_cost(
    p: SubscriptionPricing, gpu_hours_per_month: float
) -> tuple[str, float, bool]:
    """Cheapest plan for a month's GPU hours: (plan, monthly USD, fits in fast time).

    When no plan holds the hours and extra time cannot be bought, the plan
    with the most fast hours is the one to plan on (the least short of it),
    not the cheapest.
    """
    best: tuple[str, float, bool] | None = None
    best_key: tuple[bool, float] | None = None
    for plan in p.plans:
        hours = float(plan.fast_hours)
        extra = max(0.0, gpu_hours_per_month - hours)
        if extra and p.extra_hour_usd is None:
            cost, fits = float(plan.monthly_usd), False
        else:
            cost, fits = float(plan.monthly_usd) + extra * as_float(p.extra_hour_usd), True
        key = (True, -cost) if fits else (False, hours)
        if best_key is None or key > best_key:
            best, best_key = (plan.name, cost, fits), key
    assert best is not None, "a subscription needs at least one plan"
    return best


def subscription_estimate(
    entry: ModelEntry, p: SubscriptionPricing, scenario: Scenario
) -> ModelEstimate:
    months = MONTHS_PER_PERIOD[scenario.period]
    hours_by_stage = []
    stage_results = []
    notices: list[Notice] = []
    for stage in scenario.stages:
        ok, sn = size_and_edit_notices(entry, stage)
        billed = billed_requests(entry, stage) * stage.outputs_per_request
        hours = p.gpu_hours(billed)
        hours_by_stage.append(hours if ok else 0.0)
        stage_results.append((stage, ok, sn, billed))
    if any(stage.batch for stage in scenario.stages):
        notices.append(
            Notice("no_batch", f"{entry.name} has no batch discount; priced at the standard rate")
        )
    total_hours = sum(hours_by_stage)
    plan, monthly, fits = subscription_cost(p, total_hours / months)
    cost = monthly * months
    if not fits:
        notices.append(
            Notice(
                "subscription_cap",
                f"{entry.name}: the workload needs more fast GPU time than any plan includes",
            )
        )
    notices.append(
        Notice(
            "subscription",
            f"{entry.name}: {plan} plan, {total_hours / months:.1f} fast GPU hours a month",
            "info",
        )
    )
    stages = []
    for (stage, ok, sn, billed), hours in zip(stage_results, hours_by_stage, strict=True):
        share = hours / total_hours if total_hours else 1.0 / len(stage_results)
        meters = (MeterCost("subscription", cost * share, None),) if ok else ()
        stages.append(
            StageEstimate(stage.name, stage.images, billed, ok, meters, notices=tuple(sn))
        )
    return ModelEstimate(
        entry.id, entry.name, entry.vendor, entry.provider, tuple(stages), tuple(notices), plan=plan
    )
