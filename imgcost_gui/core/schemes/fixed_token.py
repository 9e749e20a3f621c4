"""Fixed tokens per image (Gemini): each resolution tier bills a set number of
output tokens; text, reference images and thinking are metered."""

from __future__ import annotations

from ..billing import (
    StagePlan,
    batch_factor,
    billed_requests,
    rate,
    responses_at,
    responses_overhead,
    size_and_edit_notices,
    tier_or_notice,
    token_meter,
    unpriced_plan,
)
from ..catalog import FixedInputTokens, FixedTokenPricing, GeminiTileInputRule, ModelEntry
from ..results import Notice, StageEstimate
from ..scenario import Stage
from ..tokens import gemini_input_tokens


def fixed_token_plan(entry: ModelEntry, p: FixedTokenPricing, stage: Stage) -> StagePlan:
    ok, notices = size_and_edit_notices(entry, stage)
    if not ok:
        return unpriced_plan(entry, notices)
    tier = tier_or_notice(entry, p.tiers, stage, notices)
    if tier is None or tier.tokens is None:
        return unpriced_plan(entry, notices)
    out_tokens: int = tier.tokens
    tier_name = tier.name
    if len(p.tiers) > 1:
        notices.append(Notice("tier", f"{entry.name}: billed at its {tier.name} tier", "info"))
    factor = batch_factor(entry, stage, notices)
    r = p.rates
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
    thinking_rate = rate(r.text_out, factor)
    overhead = responses_overhead(entry, stage, notices)
    why = tuple(notices)

    def at(stage: Stage) -> StageEstimate:
        attempts = billed_requests(entry, stage)
        billed = attempts * stage.outputs_per_request
        text = stage.prompt_tokens * attempts
        meters = [token_meter("text_in", text, text_rate)]
        if img_in:
            meters.append(token_meter("image_in", img_in * attempts, img_rate))
        meters.append(token_meter("image_out", out_tokens * billed, out_rate))
        if p.thinking_tokens:
            meters.append(token_meter("thinking", p.thinking_tokens * billed, thinking_rate))
        meters += responses_at(overhead, attempts)
        return StageEstimate(
            stage.name,
            stage.images,
            billed,
            True,
            tuple(meters),
            output_tokens_per_image=out_tokens,
            input_image_tokens_per_request=img_in or None,
            input_tokens_measured=measured,
            tier=tier_name,
            notices=why,
        )

    return at
