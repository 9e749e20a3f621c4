"""Saved API responses: what each one measured about the images it made.

Every OpenAI Images API response carries ``usage`` beside the ``size`` and
``quality`` it made; the Responses API's image tool reports the same for its
``image_generation_call`` items. What is read from each body (anything else
in it is ignored):

* Images API (``/v1/images/generations`` and ``/edits``): ``size``, ``quality``,
  ``data`` (one item per image) and ``usage``: ``output_tokens`` (or
  ``output_tokens_details.image_tokens`` when present, which leaves out text
  tokens) and ``input_tokens_details.image_tokens`` (reference images).
* Responses API: the completed ``image_generation_call`` items of ``output``,
  each with ``size`` and ``quality``; the image tool's usage from
  ``tool_usage.image_gen`` when the body has it, else the response's ``usage``
  (which also counts the main model's tokens, so the measurement says so).

``output_tokens`` covers every image of a request; ``tokens_per_image`` divides
it by the number of images the request made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .api_files import read_records
from .sizes import Size
from .storage import FileProblem

__all__ = ["MeasuredResponse", "NoUsage", "Responses", "measure", "read_responses"]

WHAT = "a file of saved API responses (JSON Lines or a JSON list)"
#: The response's own usage counts the main model's tokens as well as the image tool's.
WHOLE_RESPONSE_NOTE = (
    "some usage is the whole Responses API response's (the main model's tokens too), "
    "so output tokens may be high"
)


class NoUsage(FileProblem):
    """The file holds no response with a usage block ImgCost can read."""


@dataclass(frozen=True, slots=True)
class MeasuredResponse:
    """What one saved response says about the images it made."""

    size: Size
    quality: str
    images: int
    #: Image output tokens of the whole request (every image of it).
    output_tokens: int
    #: Tokens of the reference images sent, when any were.
    input_image_tokens: int | None
    api: Literal["images", "responses"]
    #: True when the usage is the whole response's, not the image tool's alone.
    whole_response: bool = False

    @property
    def tokens_per_image(self) -> float:
        return self.output_tokens / self.images


@dataclass(frozen=True, slots=True)
class Responses:
    """The usable responses of a file, and why others were left out."""

    file: str
    found: tuple[MeasuredResponse, ...]
    skipped: dict[str, int] = field(default_factory=dict)

    def skipped_lines(self) -> list[str]:
        return [
            f"{n} response{'s' if n != 1 else ''} left out: {why}"
            for why, n in self.skipped.items()
        ]


def _count(value: Any) -> int | None:
    """A token count: a non-negative whole number (never a bool)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def _usage_tokens(usage: Any) -> tuple[int, int | None] | None:
    """(image output tokens, reference-image tokens or None) from a usage block."""
    if not isinstance(usage, dict):
        return None
    out = _count(usage.get("output_tokens"))
    details = usage.get("output_tokens_details")
    if isinstance(details, dict) and _count(details.get("image_tokens")) is not None:
        out = _count(details.get("image_tokens"))
    if out is None:
        return None
    ins = usage.get("input_tokens_details")
    image_in = _count(ins.get("image_tokens")) if isinstance(ins, dict) else None
    return out, (image_in if image_in else None)


def _size_quality(body: dict[str, Any]) -> tuple[Size, str] | str:
    size, quality = body.get("size"), body.get("quality")
    if not isinstance(size, str) or not isinstance(quality, str):
        return "no size and quality in the body (only GPT Image models echo them)"
    try:
        return Size.parse(size), quality.strip().lower()
    except ValueError:
        return f"size {size[:20]!r} is not WIDTHxHEIGHT"


def _from_images_api(body: dict[str, Any]) -> MeasuredResponse | str:
    tokens = _usage_tokens(body["usage"])
    if tokens is None:
        return "usage without output_tokens"
    data = body.get("data")
    if not isinstance(data, list) or not data:
        return "no images in data"
    where = _size_quality(body)
    if isinstance(where, str):
        return where
    return MeasuredResponse(where[0], where[1], len(data), tokens[0], tokens[1], "images")


def _from_responses_api(body: dict[str, Any]) -> MeasuredResponse | str:
    calls = [
        item
        for item in body["output"]
        if isinstance(item, dict) and item.get("type") == "image_generation_call"
    ]
    if not calls:
        return "no image_generation_call in output"
    done = [c for c in calls if c.get("status", "completed") == "completed"]
    if not done:
        return "no completed image_generation_call"
    tool = body.get("tool_usage")
    image_gen = tool.get("image_gen") if isinstance(tool, dict) else None
    whole = not isinstance(image_gen, dict)
    tokens = _usage_tokens(body.get("usage") if whole else image_gen)
    if tokens is None:
        return "no usage block"
    places = {_size_quality(c) for c in done} if done else set()
    if len(places) != 1:
        return "image calls of different sizes or qualities share one usage block"
    (where,) = places
    if isinstance(where, str):
        return where
    return MeasuredResponse(
        where[0], where[1], len(done), tokens[0], tokens[1], "responses", whole_response=whole
    )


def measure(body: Any) -> MeasuredResponse | str:
    """One body's measurement, or why it has none."""
    if not isinstance(body, dict):
        return "not a JSON object"
    if isinstance(body.get("output"), list):
        return _from_responses_api(body)
    if "usage" in body and body["usage"] is not None:
        return _from_images_api(body)
    return "no usage block"


def read_responses(path: Path) -> Responses:
    """The usable responses in a saved file; FileProblem (``NoUsage`` when none
    has a usage block, or none names its size and quality)."""
    path = Path(path)
    records = read_records(path, WHAT)
    found: list[MeasuredResponse] = []
    skipped: dict[str, int] = {}
    for record in records:
        got = measure(record)
        if isinstance(got, str):
            skipped[got] = skipped.get(got, 0) + 1
        else:
            found.append(got)
    if not found:
        why = max(skipped, key=lambda k: skipped[k]) if skipped else "the file holds no responses"
        raise NoUsage(
            path,
            f"no response with a usage block ImgCost can read ({why}); save the API's "
            "response bodies, Images API or Responses API, one a line or as a JSON list.",
        )
    return Responses(path.name, tuple(found), skipped)
