"""Peer model names in ImgCost's terms: hosts, vendors and model ids."""

from __future__ import annotations

import re

from .points import id_part

#: Path segments that name the vendor inside a host's model path
#: (``fal_ai/openai/gpt-image-2``, ``openrouter: google/gemini-3-pro-image``).
VENDOR_SEGMENTS: dict[str, str] = {
    "openai": "OpenAI",
    "google": "Google",
    "black-forest-labs": "Black Forest Labs",
    "stabilityai": "Stability AI",
    "bytedance": "ByteDance",
    "x-ai": "xAI",
}

#: Host path prefixes that say nothing about the model.
_HOST_PATHS = ("fal-ai/", "accounts/fireworks/models/")
#: Endpoint suffixes that do not change what an image costs.
_ENDPOINTS = ("/text-to-image",)


def model_from_path(path: str) -> tuple[str, str | None, bool]:
    """A host's model path as an ImgCost model name, the vendor it names, and
    whether it is an edit endpoint.

    ``openai/gpt-image-2.5/flare/text-to-image`` -> ``gpt-image-2.5-flare``
    (OpenAI); ``fal-ai/flux-pro/v1.1-ultra`` -> ``flux-pro-1.1-ultra``.
    """
    p = path.strip().lower()
    for prefix in _HOST_PATHS:
        if p.startswith(prefix):
            p = p[len(prefix) :]
    edit = p.endswith("/edit")
    if edit:
        p = p[: -len("/edit")]
    for suffix in _ENDPOINTS:
        if p.endswith(suffix):
            p = p[: -len(suffix)]
    vendor = None
    first, _, rest = p.partition("/")
    if rest and first in VENDOR_SEGMENTS:
        vendor, p = VENDOR_SEGMENTS[first], rest
    p = re.sub(r"/v(?=\d)", "-", p).replace("/", "-")
    return id_part(p), vendor, edit


_IMAGE_WORDS = re.compile(r"(^|[-/._])(image|images|imagen|dall-e|flux|seedream)([-/._]|\d|$)")


def looks_like_image_model(name: str) -> bool:
    """Whether a model name reads as an image model (for peers that do not say)."""
    n = name.lower()
    return bool(_IMAGE_WORDS.search(n)) and "embed" not in n
