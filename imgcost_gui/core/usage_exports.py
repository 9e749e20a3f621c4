"""OpenAI's organisation Usage API (images) and Costs API exports, read safely.

Both endpoints answer with pages of time buckets::

    {"object": "page", "has_more": false, "next_page": null,
     "data": [{"object": "bucket", "start_time": 1761955200, "end_time": 1762041600,
               "results": [...]}]}

A file may hold one page, a JSON list of pages or of buckets, or JSON Lines of
either (pages fetched one after another). What is read from each result:

* ``GET /v1/organization/usage/images`` (``group_by=model,size``):
  ``{"object": "organization.usage.images.result", "images": 12,
  "num_model_requests": 10, "model": "gpt-image-2", "size": "1024x1024",
  "source": "image.generation"}``. ``model`` is needed; ``size`` may be null
  (the export was not grouped by size).
* ``GET /v1/organization/costs`` (``group_by=line_item``):
  ``{"object": "organization.costs.result", "amount": {"value": 0.06,
  "currency": "usd"}, "line_item": "gpt-image-2, output", "project_id": null}``.

The span of an export runs from its first bucket's ``start_time`` to its last
bucket's ``end_time`` (Unix seconds, UTC), empty buckets included.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .api_files import read_records
from .storage import FileProblem

__all__ = [
    "CostItem",
    "CostsExport",
    "UsageExport",
    "UsageRow",
    "read_costs_export",
    "read_usage_export",
]

USAGE_WHAT = "an export of the Usage API for images (/v1/organization/usage/images)"
COSTS_WHAT = "an export of the Costs API (/v1/organization/costs)"
USAGE_RESULT = "organization.usage.images.result"
COSTS_RESULT = "organization.costs.result"
#: 2000-01-01 to 2100-01-01: any other bucket time is not a real export's.
_EARLIEST, _LATEST = 946_684_800, 4_102_444_800


@dataclass(frozen=True, slots=True)
class UsageRow:
    model: str
    size: str | None
    source: str | None
    images: int
    requests: int


@dataclass(frozen=True, slots=True)
class Span:
    start: dt.datetime
    end: dt.datetime
    #: True when a page said more pages follow (``has_more``).
    incomplete: bool

    @property
    def days(self) -> float:
        return (self.end - self.start).total_seconds() / 86400

    @property
    def first_day(self) -> dt.date:
        return self.start.date()


@dataclass(frozen=True, slots=True)
class UsageExport:
    file: str
    span: Span
    rows: tuple[UsageRow, ...]


@dataclass(frozen=True, slots=True)
class CostItem:
    line_item: str | None
    usd: Decimal


@dataclass(frozen=True, slots=True)
class CostsExport:
    file: str
    span: Span
    items: tuple[CostItem, ...]

    @property
    def total_usd(self) -> Decimal:
        return sum((i.usd for i in self.items), Decimal(0))


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def _buckets(path: Path, what: str) -> tuple[list[dict[str, Any]], bool]:
    """Every bucket of the file, and whether a page said more follow."""
    buckets: list[dict[str, Any]] = []
    more = False
    for n, record in enumerate(read_records(path, what), 1):
        if isinstance(record, dict) and isinstance(record.get("data"), list):
            more = more or record.get("has_more") is True
            items = record["data"]
        elif isinstance(record, dict) and "results" in record:
            items = [record]
        else:
            raise FileProblem(
                path, f"item {n} is not a page of buckets (no 'data' list); choose {what}."
            )
        for b in items:
            if not isinstance(b, dict) or not isinstance(b.get("results"), list):
                raise FileProblem(
                    path, f"a bucket has no 'results' list; choose {what}, as the API returns it."
                )
            buckets.append(b)
    if not buckets:
        raise FileProblem(path, f"the export has no buckets; choose {what}.")
    return buckets, more


def _span(path: Path, buckets: list[dict[str, Any]], more: bool) -> Span:
    starts = [_count(b.get("start_time")) for b in buckets]
    ends = [_count(b.get("end_time")) for b in buckets]
    if any(t is None or not _EARLIEST <= t <= _LATEST for t in starts + ends):
        raise FileProblem(path, "a bucket's start_time or end_time is not a Unix time in seconds.")
    start, end = min(t for t in starts if t), max(t for t in ends if t)
    if end <= start:
        raise FileProblem(path, "the buckets end before they start.")
    utc = dt.timezone.utc
    return Span(dt.datetime.fromtimestamp(start, utc), dt.datetime.fromtimestamp(end, utc), more)


def _check_object(path: Path, result: dict[str, Any], expected: str, what: str) -> None:
    kind = result.get("object")
    if kind is not None and kind != expected:
        raise FileProblem(
            path, f"its results are {str(kind)[:60]!r}, not {expected!r}; choose {what}."
        )


def read_usage_export(path: Path) -> UsageExport:
    """Images made per model and size in a Usage API export; FileProblem otherwise."""
    path = Path(path)
    buckets, more = _buckets(path, USAGE_WHAT)
    rows: list[UsageRow] = []
    for b in buckets:
        for r in b["results"]:
            if not isinstance(r, dict):
                raise FileProblem(path, f"a result is not an object; choose {USAGE_WHAT}.")
            _check_object(path, r, USAGE_RESULT, USAGE_WHAT)
            images, requests = _count(r.get("images")), _count(r.get("num_model_requests"))
            if images is None or requests is None:
                raise FileProblem(
                    path,
                    "a result has no whole 'images' and 'num_model_requests' counts; "
                    f"choose {USAGE_WHAT}.",
                )
            model, size, source = r.get("model"), r.get("size"), r.get("source")
            if not isinstance(model, str) or not model.strip():
                raise FileProblem(
                    path, "its results do not name their model; export it with group_by=model."
                )
            rows.append(
                UsageRow(
                    model.strip(),
                    size.strip() if isinstance(size, str) and size.strip() else None,
                    source if isinstance(source, str) else None,
                    images,
                    requests,
                )
            )
    if not rows:
        raise FileProblem(path, "the export has no usage results: no images in its span.")
    return UsageExport(path.name, _span(path, buckets, more), tuple(rows))


def read_costs_export(path: Path) -> CostsExport:
    """Dollars billed per line item in a Costs API export; FileProblem otherwise."""
    path = Path(path)
    buckets, more = _buckets(path, COSTS_WHAT)
    items: list[CostItem] = []
    for b in buckets:
        for r in b["results"]:
            if not isinstance(r, dict):
                raise FileProblem(path, f"a result is not an object; choose {COSTS_WHAT}.")
            _check_object(path, r, COSTS_RESULT, COSTS_WHAT)
            amount = r.get("amount")
            value = amount.get("value") if isinstance(amount, dict) else None
            if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
                raise FileProblem(
                    path, f"a result has no amount.value in dollars; choose {COSTS_WHAT}."
                )
            currency = amount.get("currency", "usd") if isinstance(amount, dict) else "usd"
            if not isinstance(currency, str) or currency.lower() != "usd":
                raise FileProblem(
                    path, f"an amount is in {str(currency)[:10]!r}; ImgCost compares US dollars."
                )
            item = r.get("line_item")
            items.append(CostItem(item.strip() if isinstance(item, str) else None, Decimal(value)))
    return CostsExport(path.name, _span(path, buckets, more), tuple(items))
