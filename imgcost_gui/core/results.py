"""What an estimate returns: plain, immutable values that the app, the CLI and
the charts read. They carry floats in USD; rounding is for display only."""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import Any, Literal

from .records import record

Severity = Literal["info", "warning", "error"]

#: Meters in the order they are stacked in charts and listed in tables.
METERS: tuple[str, ...] = (
    "text_in",
    "cached_text_in",
    "image_in",
    "cached_image_in",
    "image_out",
    "thinking",
    "images",
    "megapixels",
    "subscription",
    "responses_in",
    "responses_out",
)

METER_LABELS: dict[str, str] = {
    "text_in": "Prompt text",
    "cached_text_in": "Cached prompt text",
    "image_in": "Reference images",
    "cached_image_in": "Cached reference images",
    "image_out": "Image output tokens",
    "thinking": "Thinking tokens",
    "images": "Per-image price",
    "megapixels": "Megapixels",
    "subscription": "Subscription",
    "responses_in": "Responses API input",
    "responses_out": "Responses API output",
}


@record
class Duration:
    """How long a stage's work takes, what binds it, and why (or why unknown)."""

    seconds: float | None
    limited_by: str | None
    why: str
    batch_jobs: int | None = None


@record
class Notice:
    """Something the user must be told about an estimate."""

    code: str
    message: str
    severity: Severity = "warning"

    def __str__(self) -> str:
        return self.message


@record
class MeterCost:
    meter: str
    usd: float
    tokens: float | None = None
    rate_usd_per_m: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "meter": self.meter,
            "tokens": self.tokens,
            "rate_usd_per_m": self.rate_usd_per_m,
            "usd": self.usd,
        }


@record
class StageEstimate:
    stage: str
    images: int
    billed_images: float
    supported: bool
    meters: tuple[MeterCost, ...] = ()
    output_tokens_per_image: int | None = None
    input_image_tokens_per_request: int | None = None
    input_tokens_measured: bool = False
    tier: str | None = None
    quality: str | None = None
    low_usd: float | None = None
    high_usd: float | None = None
    notices: tuple[Notice, ...] = ()

    #: Worked out once: rankings and tables ask for it thousands of times.
    _total: float | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        if not self.supported:
            return  # ``_total`` stays None
        total: float = 0  # as sum() starts: no meters at all total 0
        for m in self.meters:
            total += m.usd
        object.__setattr__(self, "_total", total)

    @property
    def total_usd(self) -> float | None:
        return self._total

    @property
    def per_image_usd(self) -> float | None:
        total = self.total_usd
        if total is None or self.images == 0:
            return None
        return total / self.images

    def meter(self, name: str) -> MeterCost | None:
        for m in self.meters:
            if m.meter == name:
                return m
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "images": self.images,
            "billed_images": self.billed_images,
            "supported": self.supported,
            "quality": self.quality,
            "tier": self.tier,
            "total_usd": self.total_usd,
            "per_image_usd": self.per_image_usd,
            "low_usd": self.low_usd,
            "high_usd": self.high_usd,
            "output_tokens_per_image": self.output_tokens_per_image,
            "input_image_tokens_per_request": self.input_image_tokens_per_request,
            "input_tokens_measured": self.input_tokens_measured,
            "meters": [m.to_dict() for m in self.meters],
            "warnings": [n.message for n in self.notices if n.severity != "info"],
            "notes": [n.message for n in self.notices if n.severity == "info"],
        }


@record
class ModelEstimate:
    """One model's cost for a whole scenario."""

    model: str
    name: str
    vendor: str
    provider: str
    stages: tuple[StageEstimate, ...]
    notices: tuple[Notice, ...] = ()
    plan: str | None = None
    #: The model's standing on the day the estimate is for (see ``catalog.Status``).
    status: str = "active"
    shuts_down: dt.date | None = None
    available_from: dt.date | None = None
    as_of: dt.date | None = None
    #: How long each stage takes (``duration.stage_duration``), when asked for.
    durations: tuple[Duration, ...] = ()

    @property
    def duration_s(self) -> float | None:
        """The period's work, stage after stage, in seconds; None if any is unknown."""
        if not self.durations or any(d.seconds is None for d in self.durations):
            return None
        return sum(d.seconds or 0.0 for d in self.durations)

    @property
    def limited_by(self) -> str | None:
        """What binds the longest stage (or why the time is unknown)."""
        if not self.durations:
            return None
        unknown = next((d for d in self.durations if d.seconds is None), None)
        if unknown is not None:
            return unknown.limited_by
        return max(self.durations, key=lambda d: d.seconds or 0.0).limited_by

    @property
    def duration_why(self) -> str | None:
        if not self.durations:
            return None
        unknown = next((d for d in self.durations if d.seconds is None), None)
        if unknown is not None:
            return unknown.why
        return max(self.durations, key=lambda d: d.seconds or 0.0).why

    @property
    def available(self) -> bool:
        """Whether the model can be used on the day the estimate is for."""
        return self.status in ("active", "deprecated")

    @property
    def complete(self) -> bool:
        """Every stage can be priced: exactly when there is a total (see ``__post_init__``)."""
        return self._total is not None

    @property
    def images(self) -> int:
        return sum(s.images for s in self.stages)

    _total: float | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        # One pass: a stage's total is None exactly when it cannot be priced, and
        # then neither can the whole scenario.
        total: float = 0  # as sum() starts: no stages at all total 0
        for s in self.stages:
            value = s.total_usd
            if value is None:
                object.__setattr__(self, "_total", None)
                return
            total += value
        object.__setattr__(self, "_total", total)

    @property
    def total_usd(self) -> float | None:
        return self._total

    @property
    def per_image_usd(self) -> float | None:
        total = self.total_usd
        if total is None or self.images == 0:
            return None
        return total / self.images

    @property
    def partial_usd(self) -> float | None:
        """What the stages this model can run cost, when it cannot run them all."""
        if self.complete or not any(s.supported for s in self.stages):
            return None
        return sum(s.total_usd or 0.0 for s in self.stages if s.supported)

    @property
    def low_usd(self) -> float | None:
        """Total if every 'auto' stage came out low quality (None without auto)."""
        return self._bound("low_usd")

    @property
    def high_usd(self) -> float | None:
        return self._bound("high_usd")

    def _bound(self, attr: str) -> float | None:
        if not self.complete or not any(getattr(s, attr) is not None for s in self.stages):
            return None
        total = 0.0
        for s in self.stages:
            v = getattr(s, attr)
            total += v if v is not None else (s.total_usd or 0.0)
        return total

    @property
    def output_tokens_per_image(self) -> int | None:
        values = {s.output_tokens_per_image for s in self.stages}
        return values.pop() if len(values) == 1 else None

    @property
    def warnings(self) -> list[str]:
        return [n.message for n in self.all_notices if n.severity != "info"]

    @property
    def all_notices(self) -> tuple[Notice, ...]:
        seen: dict[str, Notice] = {}
        for n in self.notices + tuple(n for s in self.stages for n in s.notices):
            seen.setdefault(n.message, n)
        return tuple(seen.values())

    @property
    def worst_severity(self) -> Severity | None:
        order: dict[Severity, int] = {"info": 0, "warning": 1, "error": 2}
        notices = self.all_notices
        if not notices:
            return None
        return max((n.severity for n in notices), key=order.__getitem__)

    def meter_totals(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for s in self.stages:
            for m in s.meters:
                out[m.meter] = out.get(m.meter, 0.0) + m.usd
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "name": self.name,
            "vendor": self.vendor,
            "provider": self.provider,
            "images": self.images,
            "total_usd": self.total_usd,
            "per_image_usd": self.per_image_usd,
            "low_usd": self.low_usd,
            "high_usd": self.high_usd,
            "partial_usd": self.partial_usd,
            "output_tokens_per_image": self.output_tokens_per_image,
            "plan": self.plan,
            "status": self.status,
            "shuts_down": self.shuts_down.isoformat() if self.shuts_down else None,
            "duration_s": self.duration_s,
            "limited_by": self.limited_by,
            "duration_note": self.duration_why,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "meters": self.meter_totals(),
            "warnings": self.warnings,
            "notes": [n.message for n in self.all_notices if n.severity == "info"],
            "stages": [
                s.to_dict() | _duration_fields(self.durations[i] if self.durations else None)
                for i, s in enumerate(self.stages)
            ],
        }


def _duration_fields(d: Duration | None) -> dict[str, Any]:
    if d is None:
        return {"duration_s": None, "limited_by": None, "duration_note": None}
    return {
        "duration_s": d.seconds,
        "limited_by": d.limited_by,
        "duration_note": d.why,
        "batch_jobs": d.batch_jobs,
    }
