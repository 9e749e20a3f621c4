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
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .sizes import Size, SizeSpec

CATALOG_SCHEMA_VERSION: Literal[1] = 1

#: Quality levels from cheapest to dearest. Most models offer the first three;
#: GPT Image 2.5 and later add xhigh and max.
Quality = Literal["low", "medium", "high", "xhigh", "max"]
QUALITIES: tuple[Quality, ...] = ("low", "medium", "high", "xhigh", "max")
#: What a model with no quality list of its own is shown with.
BASIC_QUALITIES: tuple[Quality, ...] = ("low", "medium", "high")

#: A model's standing on a given day.
Status = Literal["upcoming", "active", "deprecated", "retired"]

Price = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=8)]
Tokens = Annotated[int, Field(ge=0)]
Positive = Annotated[int, Field(gt=0)]


class Strict(BaseModel):
    # defer_build: a model's validator is built on its first use, not at import.
    # The catalog is validated as one tree (PriceCatalog), so the nested models
    # need no validators of their own before the window shows (issue 10).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PricingScheme(Strict):
    """What every pricing scheme answers about itself."""

    #: True when the scheme bills the whole scenario at once (a monthly fee),
    #: so a stage, or an image, has no price of its own.
    flat_fee: ClassVar[bool] = False


class Source(Strict):
    """Where a price came from, and how far to trust it."""

    title: str
    url: str | None = None
    official: bool
    checked: dt.date
    note: str | None = None
    #: The user's own price (their overrides), not a published one.
    by_user: bool = False


class Lifecycle(Strict):
    """When a model was announced, deprecated and shut down.

    ``status`` is what the vendor says without a date (a model "deprecated"
    with no date given); wherever a date is known it decides, for the day an
    estimate is for (``status_on``). ``retired_on`` is the shutdown day: on it
    the model no longer answers.
    """

    status: Literal["active", "deprecated", "retired"] = "active"
    announced_on: dt.date | None = None
    deprecated_on: dt.date | None = None
    retired_on: dt.date | None = None
    note: str | None = None

    def status_on(self, day: dt.date) -> Status:
        if self.retired_on is not None and day >= self.retired_on:
            return "retired"
        if self.announced_on is not None and day < self.announced_on:
            return "upcoming"
        if self.status == "retired" and self.retired_on is None:
            return "retired"
        if self.deprecated_on is not None:
            return "deprecated" if day >= self.deprecated_on else "active"
        # A stated status with a shutdown still ahead is at most deprecated.
        return "deprecated" if self.status != "active" else "active"


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


class TierLimits(Strict):
    """What one usage tier allows per minute; unset means not published."""

    name: str
    images_per_minute: Annotated[int, Field(ge=0)] | None = None
    tokens_per_minute: Annotated[int, Field(ge=0)] | None = None
    requests_per_minute: Annotated[int, Field(ge=0)] | None = None


class Throughput(Strict):
    """What limits how fast a model's images come back, with sources.

    ``tiers`` are the vendor's usage tiers by name ("1" ... "5" for OpenAI);
    ``concurrent_requests`` caps requests in flight; ``queues`` means requests
    beyond it wait instead of failing. Latency is one image's, in seconds.
    """

    tiers: list[TierLimits] = []
    concurrent_requests: Positive | None = None
    queues: bool = False
    latency_p50_s: Annotated[Decimal, Field(gt=0)] | None = None
    latency_p95_s: Annotated[Decimal, Field(gt=0)] | None = None
    batch_window_hours: Positive | None = None
    batch_max_requests: Positive | None = None
    source: Source
    latency_source: Source | None = None

    def tier(self, name: str) -> TierLimits | None:
        wanted = name.strip().lower().removeprefix("tier").strip()
        return next((t for t in self.tiers if t.name.lower() == wanted), None)


class MeasuredOutput(Strict):
    """Output tokens per image measured from a team's own API responses
    (``imgcost calibrate --save``); they replace the published rule."""

    tokens: Tokens
    low: Tokens
    high: Tokens
    responses: Positive
    measured_on: dt.date
    file: str


class PriceChange(Strict):
    """Prices that take effect on a date, by price key (see ``prices.price_fields``).

    A model's ``pricing`` holds what it cost before its first change; each
    change holds, from its date on, the prices it names.
    """

    effective: dt.date
    prices: dict[str, Price]
    source: Source
    note: str | None = None


class ModelEntry(Strict):
    """One model as one provider sells it.

    ``lifecycle`` left out means: the lifecycle of the model family it sells
    (a reseller stops when the vendor does), or always available.
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._\-]*(/[a-z0-9][a-z0-9._\-]*)?$")
    name: str
    vendor: str
    provider: str
    family: str | None = None
    lifecycle: Lifecycle | None = None
    sizes: SizeSpec
    qualities: list[str] = []
    pricing: Pricing
    price_changes: list[PriceChange] = []
    #: Where a single price came from when not from its group's source: a price
    #: update, the user's own price (by price key).
    price_sources: dict[str, Source] = {}
    #: Output tokens measured from the user's responses, by "WIDTHxHEIGHT/quality".
    measured_output: dict[str, MeasuredOutput] = {}
    #: Rate limits, concurrency and latency; None when nothing is published.
    throughput: Throughput | None = None
    batch: BatchTerms | None = None
    edits: bool = True
    api: bool = True
    responses_api: bool = Field(
        False, description="True when OpenAI's Responses API image tool can call this model."
    )
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

    @model_validator(mode="after")
    def _changes_in_order(self) -> ModelEntry:
        days = [c.effective for c in self.price_changes]
        if days != sorted(days):
            raise ValueError(f"{self.id}: price_changes must be in date order")
        return self

    @cached_property
    def only_secondary(self) -> bool:
        """Whether no price of the entry comes from the vendor's own page (the
        user's own prices count as neither)."""
        found: list[Source] = list(self.price_sources.values())

        def walk(node: object) -> None:
            if isinstance(node, Source):
                found.append(node)
            elif isinstance(node, BaseModel):
                for name in type(node).model_fields:
                    walk(getattr(node, name))
            elif isinstance(node, (list, tuple)):
                for item in node:
                    walk(item)

        walk(self.pricing)
        published = [src for src in found if not src.by_user]
        return bool(published) and not any(src.official for src in published)

    @property
    def quality_levels(self) -> tuple[str, ...]:
        """The qualities a user may ask of this model (empty: quality does not matter)."""
        p = self.pricing
        if not self.qualities:
            return ()
        if isinstance(p, PerImagePricing) and p.quality_map:
            return tuple(q for q in QUALITIES if q in p.quality_map)
        return tuple(q for q in QUALITIES if q in self.qualities)

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

    def lifecycle_of(self, entry: ModelEntry) -> Lifecycle:
        """The entry's own lifecycle, else its family's (a reseller's), else none."""
        if entry.lifecycle is not None:
            return entry.lifecycle
        family = self.by_id.get(entry.family) if entry.family else None
        if family is not None and family is not entry and family.lifecycle is not None:
            return family.lifecycle
        return NO_LIFECYCLE

    def status(self, entry: ModelEntry, day: dt.date) -> Status:
        return self.lifecycle_of(entry).status_on(day)

    def available(self, entry: ModelEntry, day: dt.date) -> bool:
        """Whether the model can be used on ``day`` (announced and not shut down)."""
        return self.status(entry, day) in ("active", "deprecated")

    def active(self, day: dt.date) -> list[ModelEntry]:
        """The models that can be used on ``day``."""
        return [m for m in self.models if self.available(m, day)]


NO_LIFECYCLE = Lifecycle()
