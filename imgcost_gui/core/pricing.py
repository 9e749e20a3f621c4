"""The pricing schemes: how a model bills (tokens, a price per image, per
megapixel, fixed tokens per image, a monthly subscription), with the rules that
count a model's output and input-image tokens.

Each scheme is one class of the ``Pricing`` union; ``schemes/`` estimates a
stage with it and ``prices.py`` lists its editable prices.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from .catalog_base import Positive, Price, Quality, Source, Strict, Tokens


class PricingScheme(Strict):
    """What every pricing scheme answers about itself."""

    #: True when the scheme bills the whole scenario at once (a monthly fee),
    #: so a stage, or an image, has no price of its own.
    flat_fee: ClassVar[bool] = False


class TokenRates(Strict):
    """USD per 1M tokens."""

    text_in: Price
    cached_text_in: Price | None = None
    image_in: Price | None = None
    cached_image_in: Price | None = None
    image_out: Price | None = None
    text_out: Price | None = None
    source: Source


# --- output-token rules --------------------------------------------------------


class OutputTokenTable(Strict):
    """Fixed tokens per image by quality and size (gpt-image-1 family)."""

    kind: Literal["table"] = "table"
    tokens: dict[Quality, dict[str, Tokens]]
    source: Source


class Gpt2OutputFormula(Strict):
    """gpt-image-2's closed form: tokens grow with the short side and the area."""

    kind: Literal["gpt-image-2"] = "gpt-image-2"
    quality_factor: dict[Quality, Positive] = {"low": 16, "medium": 48, "high": 96}
    assumption: bool = False
    source: Source


class PublishedImagePrices(Strict):
    """The vendor publishes a price per output image instead of a token count."""

    kind: Literal["per_image"] = "per_image"
    usd: dict[Quality, dict[str, Price]]
    source: Source


OutputRule = Annotated[
    OutputTokenTable | Gpt2OutputFormula | PublishedImagePrices, Field(discriminator="kind")
]


class TileInputRule(Strict):
    """Input-image tokens from 512 px tiles (OpenAI GPT Image family)."""

    kind: Literal["tiles"] = "tiles"
    fit_within: Positive = 2048
    shortest_side: Positive = 512
    tile: Positive = 512
    base_tokens: Tokens = 65
    tokens_per_tile: Tokens = 129
    high_fidelity_square: Tokens = 4160
    high_fidelity_other: Tokens = 6240
    fidelity: Literal["optional", "always_high"] = "optional"
    source: Source


class FixedInputTokens(Strict):
    """Every input image bills the same number of tokens, whatever its size."""

    kind: Literal["fixed"] = "fixed"
    tokens: Tokens
    source: Source


class GeminiTileInputRule(Strict):
    """Input-image tokens for Gemini: small images flat, larger ones in tiles."""

    kind: Literal["gemini_tiles"] = "gemini_tiles"
    small_max_edge: Positive = 384
    tile: Positive = 768
    tokens_per_tile: Tokens = 258
    source: Source


InputRule = Annotated[TileInputRule | GeminiTileInputRule, Field(discriminator="kind")]


# --- pricing schemes -------------------------------------------------------------


class TokenPricing(PricingScheme):
    scheme: Literal["tokens"] = "tokens"
    rates: TokenRates
    output: OutputRule
    input_images: TileInputRule
    partial_image_tokens: Tokens = 100


class ImagePrice(Strict):
    """One cell of a per-image price list. Unset keys match anything."""

    size: str | None = None
    quality: str | None = None
    tier: str | None = None
    usd: Price


class Tier(Strict):
    """A resolution tier such as 1K/2K/4K, chosen by total pixels."""

    name: str
    max_pixels: Positive
    tokens: Tokens | None = None


class PerImagePricing(PricingScheme):
    scheme: Literal["per_image"] = "per_image"
    prices: list[ImagePrice]
    tiers: list[Tier] | None = None
    quality_map: dict[Quality, str] | None = None
    source: Source

    @model_validator(mode="after")
    def _tiers_named(self) -> PerImagePricing:
        names = {t.name for t in self.tiers or []}
        for p in self.prices:
            if p.tier is not None and p.tier not in names:
                raise ValueError(f"price names tier {p.tier!r}, which is not in tiers")
        return self


class PerMegapixelPricing(PricingScheme):
    scheme: Literal["per_megapixel"] = "per_megapixel"
    first_mp_usd: Price
    extra_mp_usd: Price
    megapixel: Positive = 1_048_576
    input_mp_usd: Price | None = Field(None, description="Per megapixel of each reference image.")
    edit_first_mp_usd: Price | None = Field(
        None, description="First output megapixel of an edit, where edits are priced apart."
    )
    edit_extra_mp_usd: Price | None = Field(
        None, description="Each further output megapixel of an edit."
    )
    source: Source


class FixedTokenPricing(PricingScheme):
    """A fixed number of output tokens per image by resolution tier (Gemini)."""

    scheme: Literal["fixed_tokens"] = "fixed_tokens"
    rates: TokenRates
    tiers: list[Tier]
    input_images: (
        Annotated[GeminiTileInputRule | FixedInputTokens, Field(discriminator="kind")] | None
    ) = None
    thinking_tokens: int = Field(
        0, ge=0, description="Reasoning tokens billed per image at the text-output rate."
    )
    thinking_source: Source | None = None


class Plan(Strict):
    name: str
    monthly_usd: Price
    fast_hours: Annotated[Decimal, Field(gt=0)]


class SubscriptionPricing(PricingScheme):
    """A monthly fee buys GPU time; images cost GPU minutes (Midjourney)."""

    flat_fee: ClassVar[bool] = True
    scheme: Literal["subscription"] = "subscription"
    plans: list[Plan]
    extra_hour_usd: Price | None = None
    gpu_minutes_per_job: Annotated[Decimal, Field(gt=0)] = Decimal(1)
    images_per_job: Positive = 4
    source: Source

    def gpu_hours(self, billed_images: float) -> float:
        """Fast GPU hours that ``billed_images`` images take."""
        return billed_images / self.images_per_job * float(self.gpu_minutes_per_job) / 60.0


Pricing = Annotated[
    TokenPricing | PerImagePricing | PerMegapixelPricing | FixedTokenPricing | SubscriptionPricing,
    Field(discriminator="scheme"),
]
