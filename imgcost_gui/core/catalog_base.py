"""What every model of the price catalog is made of: the strict base model,
price and token amounts, quality levels, and where a price came from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

#: Quality levels from cheapest to dearest. Most models offer the first three;
#: GPT Image 2.5 and later add xhigh and max.
Quality = Literal["low", "medium", "high", "xhigh", "max"]
QUALITIES: tuple[Quality, ...] = ("low", "medium", "high", "xhigh", "max")
#: What a model with no quality list of its own is shown with.
BASIC_QUALITIES: tuple[Quality, ...] = ("low", "medium", "high")

Price = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=8)]
Tokens = Annotated[int, Field(ge=0)]
Positive = Annotated[int, Field(gt=0)]


class Strict(BaseModel):
    # defer_build: a model's validator is built on its first use, not at import.
    # The catalog is validated as one tree (PriceCatalog), so the nested models
    # need no validators of their own before the window shows (issue 10).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    """Where a price came from, and how far to trust it."""

    title: str
    url: str | None = None
    official: bool
    checked: dt.date
    note: str | None = None
    #: The user's own price (their overrides), not a published one.
    by_user: bool = False
