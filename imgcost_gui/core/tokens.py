"""Token counts that vendors bill for images, from their published rules."""

from __future__ import annotations

import math

from .catalog import GeminiTileInputRule, Gpt2OutputFormula, OutputTokenTable, TileInputRule
from .sizes import Size


def gpt_image_2_output_tokens(size: Size, quality_factor: int) -> int:
    """Output tokens of one gpt-image-2 image.

    ``s`` is the short side measured in a grid whose long side holds ``q``
    cells, rounded half up; the count then scales with the area.
    """
    q = quality_factor
    long, short = size.long, size.short
    s = (2 * q * short + long) // (2 * long)
    return math.ceil(q * s * (2_000_000 + size.pixels) / 4_000_000)


def output_tokens(
    rule: OutputTokenTable | Gpt2OutputFormula, size: Size, quality: str
) -> int | None:
    """Tokens for one output image, or None when the rule has no value for it."""
    if isinstance(rule, Gpt2OutputFormula):
        factor = rule.quality_factor.get(quality)  # type: ignore[call-overload]
        return None if factor is None else gpt_image_2_output_tokens(size, factor)
    row = rule.tokens.get(quality)  # type: ignore[call-overload]
    if row is None:
        return None
    value: int | None = row.get(str(size))
    return value


def tile_input_tokens(rule: TileInputRule, size: Size, high_fidelity: bool) -> int:
    """Tokens of one input image for the GPT Image family.

    The image is fitted inside a square of ``fit_within`` px, then shrunk so its
    short side is ``shortest_side`` px (never enlarged), and counted in tiles.
    """
    w, h = float(size.width), float(size.height)
    scale = min(1.0, rule.fit_within / max(w, h))
    w, h = w * scale, h * scale
    scale = min(1.0, rule.shortest_side / min(w, h))
    w, h = w * scale, h * scale
    # Float noise must not add a tile: 512.0000001 px is one tile, not two.
    tiles = math.ceil(round(w, 6) / rule.tile) * math.ceil(round(h, 6) / rule.tile)
    tokens = rule.base_tokens + rule.tokens_per_tile * tiles
    if high_fidelity or rule.fidelity == "always_high":
        tokens += rule.high_fidelity_square if size.square else rule.high_fidelity_other
    return tokens


def gemini_input_tokens(rule: GeminiTileInputRule, size: Size) -> int:
    """Tokens of one input image for Gemini models."""
    if size.long <= rule.small_max_edge:
        return rule.tokens_per_tile
    tiles = math.ceil(size.width / rule.tile) * math.ceil(size.height / rule.tile)
    return rule.tokens_per_tile * tiles
