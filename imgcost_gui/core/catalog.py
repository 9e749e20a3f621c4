"""The price catalog: what every model costs and how it bills.

The shipped catalog is JSON in ``resources/catalog.json``; these pydantic models
validate it (unknown keys are refused) and are the single description of a
model's billing that every estimator reads. Prices are exact decimals in the
file and stay strings in JSON, so a file is never re-rounded on load.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .sizes import Size, SizeSpec

CATALOG_SCHEMA_VERSION: Literal[1] = 1

Quality = Literal["low", "medium", "high"]
QUALITIES: tuple[Quality, ...] = ("low", "medium", "high")

Price = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=8)]
Tokens = Annotated[int, Field(ge=0)]
Positive = Annotated[int, Field(gt=0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """Where a price came from, and how far to trust it."""

    title: str
    url: str | None = None
    official: bool
    checked: dt.date
    note: str | None = None


class Lifecycle(Strict):
    status: Literal["active", "deprecated", "retired"] = "active"
    deprecated_on: dt.date | None = None
    retired_on: dt.date | None = None
    note: str | None = None


class BatchTerms(Strict):
    """A batch (asynchronous) discount applied to every meter."""

    discount: Annotated[Decimal, Field(ge=0, le=1)] = Decimal("0.5")
    source: Source | None = None


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


class GeminiTileInputRule(Strict):
    """Input-image tokens for Gemini: small images flat, larger ones in tiles."""

    kind: Literal["gemini_tiles"] = "gemini_tiles"
    small_max_edge: Positive = 384
    tile: Positive = 768
    tokens_per_tile: Tokens = 258
    source: Source


InputRule = Annotated[TileInputRule | GeminiTileInputRule, Field(discriminator="kind")]


# --- pricing schemes -------------------------------------------------------------


class TokenPricing(Strict):
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


class PerImagePricing(Strict):
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


class PerMegapixelPricing(Strict):
    scheme: Literal["per_megapixel"] = "per_megapixel"
    first_mp_usd: Price
    extra_mp_usd: Price
    megapixel: Positive = 1_048_576
    input_mp_usd: Price | None = Field(None, description="Per megapixel of each reference image.")
    source: Source


class FixedTokenPricing(Strict):
    """A fixed number of output tokens per image by resolution tier (Gemini)."""

    scheme: Literal["fixed_tokens"] = "fixed_tokens"
    rates: TokenRates
    tiers: list[Tier]
    input_images: GeminiTileInputRule | None = None
    thinking_tokens: int = Field(
        0, ge=0, description="Reasoning tokens billed per image at the text-output rate."
    )
    thinking_source: Source | None = None


class Plan(Strict):
    name: str
    monthly_usd: Price
    fast_hours: Annotated[Decimal, Field(gt=0)]


class SubscriptionPricing(Strict):
    """A monthly fee buys GPU time; images cost GPU minutes (Midjourney)."""

    scheme: Literal["subscription"] = "subscription"
    plans: list[Plan]
    extra_hour_usd: Price | None = None
    gpu_minutes_per_job: Annotated[Decimal, Field(gt=0)] = Decimal(1)
    images_per_job: Positive = 4
    source: Source


Pricing = Annotated[
    TokenPricing | PerImagePricing | PerMegapixelPricing | FixedTokenPricing | SubscriptionPricing,
    Field(discriminator="scheme"),
]


class ModelEntry(Strict):
    """One model as one provider sells it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._\-]*(/[a-z0-9][a-z0-9._\-]*)?$")
    name: str
    vendor: str
    provider: str
    family: str | None = None
    lifecycle: Lifecycle = Lifecycle()
    sizes: SizeSpec
    qualities: list[str] = []
    pricing: Pricing
    batch: BatchTerms | None = None
    edits: bool = True
    api: bool = True
    bills_failures: bool = Field(
        True, description="False when the provider charges only for images it delivers."
    )
    note: str | None = None
    custom: bool = False

    @model_validator(mode="after")
    def _reseller_id(self) -> ModelEntry:
        if "/" in self.id and self.family is None:
            raise ValueError(f"{self.id}: a reseller's entry must name the model family it sells")
        return self

    @property
    def retired(self) -> bool:
        return self.lifecycle.status == "retired"

    def accepts(self, size: Size) -> bool:
        return self.sizes.check(size).supported


class PriceCatalog(Strict):
    schema_version: Literal[1] = CATALOG_SCHEMA_VERSION
    checked: dt.date
    models: list[ModelEntry]

    @model_validator(mode="after")
    def _unique_ids(self) -> PriceCatalog:
        seen: set[str] = set()
        for m in self.models:
            if m.id in seen:
                raise ValueError(f"model id {m.id!r} appears twice")
            seen.add(m.id)
        return self

    @cached_property
    def by_id(self) -> dict[str, ModelEntry]:
        return {m.id: m for m in self.models}

    def get(self, model_id: str) -> ModelEntry:
        try:
            return self.by_id[model_id]
        except KeyError:
            raise KeyError(model_id) from None

    def active(self) -> list[ModelEntry]:
        return [m for m in self.models if m.lifecycle.status != "retired"]
