"""Image sizes and the rules that say which sizes a model accepts."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .records import record

_SIZE_RE = re.compile(r"^\s*(\d+)\s*[xX×*]\s*(\d+)\s*$")


@record(order=True)
class Size:
    width: int
    height: int

    @classmethod
    def parse(cls, text: str) -> Size:
        """Read ``"1536x1024"``; raise ValueError with the expected form otherwise."""
        m = _SIZE_RE.match(text)
        if not m:
            raise ValueError(f"size {text!r} is not WIDTHxHEIGHT, for example 1536x1024")
        w, h = int(m.group(1)), int(m.group(2))
        if w <= 0 or h <= 0:
            raise ValueError(f"size {text!r} must have a positive width and height")
        return cls(w, h)

    def __str__(self) -> str:
        return f"{self.width}x{self.height}"

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def long(self) -> int:
        return max(self.width, self.height)

    @property
    def short(self) -> int:
        return min(self.width, self.height)

    @property
    def square(self) -> bool:
        return self.width == self.height


@dataclass(frozen=True, slots=True)
class SizeCheck:
    supported: bool
    experimental: bool = False
    reason: str = ""
    nearest: tuple[Size, ...] = ()


_OK = SizeCheck(True)
_EXPERIMENTAL = SizeCheck(True, experimental=True)


def _distance(a: Size, b: Size) -> float:
    """How different two sizes look: aspect ratio first, then area."""
    aspect = abs(math.log(a.width / a.height) - math.log(b.width / b.height))
    area = abs(math.log(a.pixels / b.pixels))
    return aspect * 4 + area


class _CachedCheck(BaseModel):
    """Answers for sizes already asked about; a form asks the same ones often."""

    model_config = ConfigDict(defer_build=True)  # built on first use (see catalog.Strict)

    @cached_property
    def _answers(self) -> dict[Size, SizeCheck]:
        return {}

    def _check(self, size: Size) -> SizeCheck:
        raise NotImplementedError

    def check(self, size: Size) -> SizeCheck:
        """Whether the model accepts ``size``; if not, why and the nearest sizes it does."""
        answers = self._answers
        found = answers.get(size)
        if found is None:
            if len(answers) > 4096:
                answers.clear()
            found = answers[size] = self._check(size)
        return found


class SizeList(_CachedCheck):
    """A model that takes only a fixed set of sizes."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["list"] = "list"
    sizes: list[str]

    @cached_property
    def parsed(self) -> tuple[Size, ...]:
        return tuple(Size.parse(s) for s in self.sizes)

    def _check(self, size: Size) -> SizeCheck:
        options = self.parsed
        if size in options:
            return _OK
        nearest = tuple(sorted(options, key=lambda o: (_distance(size, o), o))[:3])
        if len(self.sizes) <= 4:
            offered = "this model takes " + ", ".join(self.sizes)
        else:
            offered = f"it is not one of the {len(self.sizes)} sizes this model offers"
        return SizeCheck(False, reason=f"{size} is not offered; {offered}", nearest=nearest)


class SizeRule(_CachedCheck):
    """A model that takes any size within limits (gpt-image-2, FLUX.2)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Literal["rule"] = "rule"
    edge_multiple: int = Field(1, ge=1)
    min_edge: int = Field(1, ge=1)
    max_edge: int
    max_aspect: float = Field(ge=1)
    min_pixels: int = 0
    max_pixels: int
    experimental_above_pixels: int | None = None

    def problem(self, size: Size) -> str:
        m = self.edge_multiple
        if size.width % m or size.height % m:
            return f"both edges must be multiples of {m}"
        if size.long > self.max_edge:
            return f"the longest edge may be at most {self.max_edge} px"
        if size.short < self.min_edge:
            return f"the shortest edge must be at least {self.min_edge} px"
        if size.long / size.short > self.max_aspect + 1e-9:
            return f"the aspect ratio may be at most {self.max_aspect:g}:1"
        if size.pixels < self.min_pixels:
            return f"the image must have at least {self.min_pixels:,} pixels"
        if size.pixels > self.max_pixels:
            return f"the image may have at most {self.max_pixels:,} pixels"
        return ""

    def _snap(self, w: float, h: float) -> Size:
        m = self.edge_multiple
        return Size(max(m, round(w / m) * m), max(m, round(h / m) * m))

    def _fit(self, size: Size) -> list[Size]:
        """Sizes that keep the requested shape as closely as the rule allows."""
        w, h = float(size.width), float(size.height)
        ratio = w / h
        limit = self.max_aspect
        if ratio > limit:
            ratio = limit
        elif ratio < 1 / limit:
            ratio = 1 / limit
        area = min(max(w * h, self.min_pixels), self.max_pixels)
        w, h = math.sqrt(area * ratio), math.sqrt(area / ratio)
        scale = min(1.0, self.max_edge / max(w, h))
        scale = max(
            scale, self.min_edge / min(w, h)
        )  # too small: grow to the shortest edge allowed
        w, h = w * scale, h * scale
        m = self.edge_multiple
        out = []
        for dw in (0, -m, m, 2 * m):
            for dh in (0, -m, m, 2 * m):
                cand = self._snap(w + dw, h + dh)
                if not self.problem(cand):
                    out.append(cand)
        return out

    def _check(self, size: Size) -> SizeCheck:
        why = self.problem(size)
        if why:
            options = sorted(set(self._fit(size)), key=lambda o: (_distance(size, o), o))
            return SizeCheck(
                False, reason=f"{size} is not accepted: {why}", nearest=tuple(options[:3])
            )
        experimental = (
            self.experimental_above_pixels is not None
            and size.pixels > self.experimental_above_pixels
        )
        return _EXPERIMENTAL if experimental else _OK


SizeSpec = Annotated[SizeList | SizeRule, Field(discriminator="kind")]
