"""The price catalog: what every model costs and how it bills.

The shipped catalog is JSON in ``resources/catalog.json``; these pydantic models
validate it (unknown keys are refused) and are the single description of a
model's billing that every estimator reads: the entry and its lifecycle here,
the pricing schemes in ``pricing.py``, the building blocks in ``catalog_base.py``.
Prices are exact decimals in the file and stay strings in JSON, so a file is
never re-rounded on load.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

# The building blocks and the pricing schemes live in their own modules; every
# name stays importable from here, the catalog's public face.
from .catalog_base import (
    BASIC_QUALITIES,
    QUALITIES,
    Positive,
    Price,
    Quality,
    Source,
    Strict,
    Tokens,
)
from .pricing import (
    FixedInputTokens,
    FixedTokenPricing,
    GeminiTileInputRule,
    Gpt2OutputFormula,
    ImagePrice,
    InputRule,
    OutputRule,
    OutputTokenTable,
    PerImagePricing,
    PerMegapixelPricing,
    Plan,
    Pricing,
    PricingScheme,
    PublishedImagePrices,
    SubscriptionPricing,
    Tier,
    TileInputRule,
    TokenPricing,
    TokenRates,
)
from .sizes import Size, SizeSpec

__all__ = [
    "BASIC_QUALITIES",
    "CATALOG_SCHEMA_VERSION",
    "NO_LIFECYCLE",
    "QUALITIES",
    "BatchTerms",
    "FixedInputTokens",
    "FixedTokenPricing",
    "GeminiTileInputRule",
    "Gpt2OutputFormula",
    "ImagePrice",
    "InputRule",
    "Lifecycle",
    "MeasuredOutput",
    "ModelEntry",
    "OutputRule",
    "OutputTokenTable",
    "PerImagePricing",
    "PerMegapixelPricing",
    "Plan",
    "Positive",
    "Price",
    "PriceCatalog",
    "PriceChange",
    "Pricing",
    "PricingScheme",
    "PublishedImagePrices",
    "Quality",
    "Source",
    "Status",
    "Strict",
    "SubscriptionPricing",
    "Throughput",
    "Tier",
    "TierLimits",
    "TileInputRule",
    "Tokens",
    "TokenPricing",
    "TokenRates",
]

CATALOG_SCHEMA_VERSION: Literal[1] = 1

#: A model's standing on a given day.
Status = Literal["upcoming", "active", "deprecated", "retired"]


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
