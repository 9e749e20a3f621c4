"""Calibrate a model's token counts from the team's own API responses.

``saved_responses.read_responses`` takes what each saved response measured;
``calibrate`` groups them by size and quality and sets what was measured beside
what the published rule estimates, and ``measured_outputs`` turns the groups
into what ``UserCatalog.keep_measured`` keeps.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .catalog import QUALITIES, MeasuredOutput, ModelEntry, PublishedImagePrices, TokenPricing
from .saved_responses import (
    WHOLE_RESPONSE_NOTE,
    MeasuredResponse,
    NoUsage,
    Responses,
    read_responses,
)
from .sizes import Size
from .tokens import output_tokens, tile_input_tokens

__all__ = [
    "CalibrationGroup",
    "MeasuredResponse",
    "NoUsage",
    "References",
    "Responses",
    "Spread",
    "calibrate",
    "measured_outputs",
    "percentile",
    "read_responses",
]


# --- statistics -------------------------------------------------------------------------


def percentile(values: Iterable[float], p: float) -> float:
    """The ``p``-th percentile by the nearest-rank rule: sort the N values and take
    the one at rank ceil(p/100 x N), counting from 1 (at least rank 1).

    Of 20 values, p5 is the smallest and p95 the 19th; of 10, p5 is the smallest
    and p95 the largest.
    """
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, math.ceil(round(p / 100 * len(ordered), 9)))
    return ordered[rank - 1]


@dataclass(frozen=True, slots=True)
class Spread:
    """Mean, p5 and p95 of a sample (``percentile``)."""

    mean: float
    p5: float
    p95: float

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        return cls(sum(values) / len(values), percentile(values, 5), percentile(values, 95))

    def to_dict(self) -> dict[str, float]:
        return {"mean": self.mean, "p5": self.p5, "p95": self.p95}


@dataclass(frozen=True, slots=True)
class References:
    """Reference images each request sent, when the user tells us (responses do not)."""

    count: int
    size: Size = Size(1024, 1024)
    high_fidelity: bool = False


def _ratio(measured: float | None, estimated: int | None) -> float | None:
    if measured is None or not estimated:
        return None
    return measured / estimated


@dataclass(frozen=True, slots=True)
class CalibrationGroup:
    """Responses of one size and quality, measured against the published rule.

    Output tokens are per image; each image of a request counts as one value
    (the request's output tokens divided by its images). Reference-image tokens
    are per request, over the requests that sent any.
    """

    size: Size
    quality: str
    responses: int
    images: int
    output_tokens: Spread
    output_tokens_estimated: int | None
    input_image_tokens: Spread | None
    input_image_requests: int
    input_image_tokens_estimated: int | None
    why_no_output_estimate: str | None = None
    why_no_input_estimate: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """How the measured tokens are stored: "WIDTHxHEIGHT/quality"."""
        return f"{self.size}/{self.quality}"

    @property
    def output_ratio(self) -> float | None:
        return _ratio(self.output_tokens.mean, self.output_tokens_estimated)

    @property
    def input_image_ratio(self) -> float | None:
        measured = self.input_image_tokens.mean if self.input_image_tokens else None
        return _ratio(measured, self.input_image_tokens_estimated)

    def to_dict(self) -> dict[str, Any]:
        ins = self.input_image_tokens
        return {
            "size": str(self.size),
            "quality": self.quality,
            "n": self.responses,
            "images": self.images,
            "output_tokens_measured": self.output_tokens.to_dict(),
            "output_tokens_estimated": self.output_tokens_estimated,
            "output_ratio": self.output_ratio,
            "output_tokens_why_not_estimated": self.why_no_output_estimate,
            "input_image_requests": self.input_image_requests,
            "input_image_tokens_measured": ins.to_dict() if ins else None,
            "input_image_tokens_estimated": self.input_image_tokens_estimated,
            "input_image_ratio": self.input_image_ratio,
            "input_image_tokens_why_not_estimated": self.why_no_input_estimate,
            "notes": list(self.notes),
        }


def _estimated_output(entry: ModelEntry, size: Size, quality: str) -> tuple[int | None, str | None]:
    p = entry.pricing
    if not isinstance(p, TokenPricing):
        return None, f"{entry.name} is not billed by tokens"
    if isinstance(p.output, PublishedImagePrices):
        return None, f"{entry.name} is billed per image; its output tokens set no price"
    if quality not in QUALITIES:
        return None, f"quality {quality!r} is not one ImgCost prices"
    tokens = output_tokens(p.output, size, quality)
    if tokens is None:
        return None, f"the published rule has no count for {size} at {quality} quality"
    return tokens, None


def _estimated_input(
    entry: ModelEntry, references: References | None, sent: bool
) -> tuple[int | None, str | None]:
    if not sent:
        return None, "no response sent reference images"
    p = entry.pricing
    if not isinstance(p, TokenPricing):
        return None, f"{entry.name} is not billed by tokens"
    if references is None or references.count == 0:
        return None, (
            "a response does not say how many reference images were sent or their sizes; "
            "give them (--references, --reference-size) to compare"
        )
    per_image = tile_input_tokens(p.input_images, references.size, references.high_fidelity)
    return references.count * per_image, None


def calibrate(
    responses: Iterable[MeasuredResponse],
    entry: ModelEntry,
    references: References | None = None,
) -> list[CalibrationGroup]:
    """Group responses by size and quality (sizes in order, then qualities cheapest
    first) and set each group's measurements beside the published rule of ``entry``.

    The rule is the published one even when the user has kept measured counts:
    calibrating again compares with the vendor's figures, not with the last run.
    """
    groups: dict[tuple[Size, str], list[MeasuredResponse]] = {}
    for r in responses:
        groups.setdefault((r.size, r.quality), []).append(r)

    def order(key: tuple[Size, str]) -> tuple[Size, int, str]:
        q = key[1]
        return key[0], QUALITIES.index(q) if q in QUALITIES else len(QUALITIES), q

    out: list[CalibrationGroup] = []
    for size, quality in sorted(groups, key=order):
        members = groups[(size, quality)]
        per_image = [r.tokens_per_image for r in members for _ in range(r.images)]
        with_refs = [float(r.input_image_tokens) for r in members if r.input_image_tokens]
        est_out, why_out = _estimated_output(entry, size, quality)
        est_in, why_in = _estimated_input(entry, references, bool(with_refs))
        notes = (WHOLE_RESPONSE_NOTE,) if any(r.whole_response for r in members) else ()
        out.append(
            CalibrationGroup(
                size=size,
                quality=quality,
                responses=len(members),
                images=len(per_image),
                output_tokens=Spread.of(per_image),
                output_tokens_estimated=est_out,
                input_image_tokens=Spread.of(with_refs) if with_refs else None,
                input_image_requests=len(with_refs),
                input_image_tokens_estimated=est_in,
                why_no_output_estimate=why_out,
                why_no_input_estimate=why_in,
                notes=notes,
            )
        )
    return out


def _whole(value: float) -> int:
    """Tokens are whole: round half up (5,999.5 is 6,000)."""
    return math.floor(value + 0.5)


def measured_outputs(
    groups: Iterable[CalibrationGroup], file: str, day: dt.date
) -> dict[str, MeasuredOutput]:
    """What ``UserCatalog.keep_measured`` keeps: each group's mean output tokens per
    image, p5 and p95 as the range, rounded half up to whole tokens; groups of a
    quality ImgCost does not price are left out."""
    return {
        g.key: MeasuredOutput(
            tokens=_whole(g.output_tokens.mean),
            low=_whole(g.output_tokens.p5),
            high=_whole(g.output_tokens.p95),
            responses=g.responses,
            measured_on=day,
            file=file,
        )
        for g in groups
        if g.quality in QUALITIES
    }
