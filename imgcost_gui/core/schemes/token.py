"""Token-metered (GPT Image): text, cached text, image input and image output
tokens, each at its own rate; output by a token rule or a published price table."""

from __future__ import annotations

from ..billing import (
    PER_MILLION,
    StagePlan,
    auto_quality_notice,
    batch_factor,
    billed_requests,
    qualities_to_price,
    rate,
    responses_at,
    responses_overhead,
    size_and_edit_notices,
    token_meter,
    unpriced_plan,
)
from ..catalog import Gpt2OutputFormula, ModelEntry, PublishedImagePrices, TokenPricing
from ..results import MeterCost, Notice, StageEstimate
from ..scenario import Stage
from ..tokens import output_tokens, tile_input_tokens

#: What one billed image's output costs: (from a price table, the USD an image)
#: or (from a token rule, the tokens an image).
OutputUnit = tuple[bool, float]


def token_plan(entry: ModelEntry, p: TokenPricing, stage: Stage) -> StagePlan:
    ok, notices = size_and_edit_notices(entry, stage)
    if not ok:
        return unpriced_plan(entry, notices)
    factor = batch_factor(entry, stage, notices)
    r = p.rates

    # Input, billed once per request whatever the number of outputs: per request,
    # (meter, tokens, USD per million).
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

    per_request = [
        ("text_in", text - cached_text, rate(r.text_in, factor)),
        ("cached_text_in", cached_text, rate(cached_text_rate, factor)),
    ]
    if img_in_tokens:
        per_request += [
            ("image_in", img_in_tokens - cached_img, rate(r.image_in, factor)),
            ("cached_image_in", cached_img, rate(cached_img_rate, factor)),
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

    def output_unit(quality: str) -> tuple[OutputUnit | None, int | None]:
        """One image's output at ``quality``, and its tokens by the rule."""
        rule = p.output
        if isinstance(rule, PublishedImagePrices):
            usd = rule.usd.get(quality, {}).get(str(stage.size))  # type: ignore[call-overload]
            if usd is None:
                return None, None
            return (True, float(usd) * factor + partial * out_rate / PER_MILLION), None
        m = entry.measured_output.get(f"{stage.size}/{quality}")
        n = m.tokens if m is not None else output_tokens(rule, stage.size, quality)
        if n is None:
            return None, None
        return (False, n + partial), n

    def output_at(unit: OutputUnit, billed_images: float) -> MeterCost:
        from_table, per_image = unit
        if from_table:
            tokens = partial * billed_images if partial else None
            return MeterCost("image_out", per_image * billed_images, tokens)
        return token_meter("image_out", per_image * billed_images, out_rate)

    def measured_spread(quality: str) -> tuple[int, int] | None:
        """The low and high output tokens an image, from measured tokens (p5 and p95)."""
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
        return m.low + partial, m.high + partial

    chosen, *others = qualities_to_price(entry, stage)
    unit, out_tokens = output_unit(chosen)
    if unit is None:
        notices.append(
            Notice(
                "unsupported_size",
                f"{entry.name}: no published price for {stage.size} at {chosen} quality",
                "error",
            )
        )
        return unpriced_plan(entry, notices, counted=True)
    chosen_unit: OutputUnit = unit
    overhead = responses_overhead(entry, stage, notices)
    spread = measured_spread(chosen)
    bounds = [output_unit(q)[0] for q in others]
    head = tuple(notices)
    tail: tuple[Notice, ...] = ()
    if isinstance(p.output, Gpt2OutputFormula) and p.output.assumption and spread is None:
        tail = (
            Notice(
                "assumed_rule",
                f"{entry.name}: output tokens assume gpt-image-2's rule; no source states it",
            ),
        )

    def at(stage: Stage) -> StageEstimate:
        images = stage.images
        attempts = billed_requests(entry, stage)
        billed_images = attempts * stage.outputs_per_request
        meters = [token_meter(name, n * attempts, usd) for name, n, usd in per_request]
        out = output_at(chosen_unit, billed_images)
        meters.append(out)
        meters += responses_at(overhead, attempts)
        low = high = None
        notices = head
        if others:
            base = sum(m.usd for m in meters) - out.usd
            low, high = (base + output_at(b, billed_images).usd if b else None for b in bounds)
            notices = (*head, auto_quality_notice(entry, chosen, low, high, images))
        elif spread is not None:
            base = sum(m.usd for m in meters) - out.usd
            low = base + spread[0] * billed_images * out_rate / PER_MILLION
            high = base + spread[1] * billed_images * out_rate / PER_MILLION
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
            notices=notices + tail,
        )

    return at
