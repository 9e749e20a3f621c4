"""LiteLLM's ``model_prices_and_context_window.json`` as peer points.

The file maps a model key to its prices. Token prices are USD per token
(times 1e6 gives ImgCost's $ per 1M tokens); ``*_batches`` keys are the batch
prices. Per-image prices sit in keys such as ``high/1024-x-1536/gpt-image-1``
(quality, size, model) with the price in ``output_cost_per_image``, or for
OpenAI, Azure OpenAI and xAI in ``input_cost_per_image``; some carry a price
per pixel instead (times the pixels of the size). ``deprecation_date`` is the
day the provider shuts the model down.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import importlib.util
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..prices import cell_key
from .names import model_from_path
from .points import (
    MILLION,
    BatchMeter,
    PeerData,
    PeerModel,
    PeerPoint,
    Skipped,
    plain,
    undated_name,
)


@dataclass(frozen=True)
class Provider:
    """How ImgCost treats one ``litellm_provider``."""

    host: str | None  # None: the vendor sells it itself
    name: str
    per_image_in_input: bool = False
    skip: str | None = None


PROVIDERS: dict[str, Provider] = {
    "openai": Provider(None, "OpenAI", per_image_in_input=True),
    "xai": Provider(None, "xAI", per_image_in_input=True),
    "gemini": Provider(None, "Google"),
    "black_forest_labs": Provider(None, "Black Forest Labs"),
    "stability": Provider(None, "Stability AI"),
    "recraft": Provider(None, "Recraft"),
    "runwayml": Provider(None, "Runway"),
    "dashscope": Provider(None, "Alibaba Cloud"),
    "meta": Provider(None, "Meta"),
    "azure": Provider("azure", "Azure OpenAI", per_image_in_input=True),
    "azure_ai": Provider("azure", "Azure AI Foundry"),
    "vertex_ai-language-models": Provider("vertex", "Google Vertex AI"),
    "vertex_ai": Provider("vertex", "Google Vertex AI"),
    "bedrock": Provider("bedrock", "Amazon Bedrock"),
    "fal_ai": Provider("fal", "fal"),
    "aiml": Provider("aiml", "AI/ML API"),
    "tencent": Provider("tencent", "Tencent Cloud"),
    "nscale": Provider("nscale", "nscale"),
    "databricks": Provider(
        "databricks",
        "Databricks",
        skip="Databricks bills in DBUs; its dollar rates are conversions",
    ),
    "fireworks_ai": Provider(
        "fireworks",
        "Fireworks AI",
        skip="Fireworks prices image models per inference step, which ImgCost does not model",
    ),
}

#: LiteLLM's token keys and the ImgCost meter each prices.
TOKEN_KEYS: dict[str, str] = {
    "input_cost_per_token": "text_in",
    "cache_read_input_token_cost": "cached_text_in",
    "input_cost_per_image_token": "image_in",
    "cache_read_input_image_token_cost": "cached_image_in",
    "output_cost_per_image_token": "image_out",
    "output_cost_per_token": "text_out",
}
IMAGE_MODES = ("image_generation", "image_edit")
QUALITY_WORDS = ("low", "medium", "high", "xhigh", "max", "standard", "hd", "auto")
_SIZE = re.compile(r"^(\d+|max)-x-(\d+|max)$")
_STEPS = re.compile(r"^(\d+|max)-steps$")
_REGION = re.compile(r"^(us|eu|apac|global)\.")  # Bedrock's regional endpoints
_TIER_KEY = re.compile(r"^output_cost_per_image_(?P<tier>[0-9.]+K?)$")


def litellm_version(path: Path | None) -> str:
    """The installed LiteLLM's version when ``path`` is its own copy, else "unknown"."""
    spec = importlib.util.find_spec("litellm")
    if path is None or spec is None or not spec.submodule_search_locations:
        return "unknown"
    home = Path(next(iter(spec.submodule_search_locations))).resolve()
    if home not in Path(path).resolve().parents:
        return "unknown"
    try:
        return importlib.metadata.version("litellm")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def installed_litellm_file() -> Path | None:
    """The price file inside the installed LiteLLM package (without importing it)."""
    spec = importlib.util.find_spec("litellm")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / (
        "model_prices_and_context_window_backup.json"
    )
    return path if path.is_file() else None


def looks_like_litellm(data: Any) -> bool:
    if not isinstance(data, dict) or not data:
        return False
    if "sample_spec" in data:
        return True
    specs = [v for v in list(data.values())[:50] if isinstance(v, dict)]
    return bool(specs) and sum("litellm_provider" in v for v in specs) >= len(specs) // 2 + 1


def _num(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    d = Decimal(value)
    return d if d.is_finite() and d >= 0 else None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@dataclass(frozen=True)
class _Entry:
    key: str
    spec: dict[str, Any]
    provider: Provider
    model: str
    vendor: str | None
    edit: bool
    quality: str | None
    size: str | None
    skip: str | None


def _parse_key(key: str, spec: dict[str, Any]) -> _Entry | None:
    """None for entries that are not image models (they are not listed as skipped)."""
    mode = spec.get("mode")
    # Chat models that also make images (Gemini) price image tokens; a chat
    # model's bare output_cost_per_image is something else (music clips).
    if mode not in IMAGE_MODES and "output_cost_per_image_token" not in spec:
        return None
    pname = str(spec.get("litellm_provider") or "unknown")
    provider = PROVIDERS.get(pname) or Provider(pname.split("-")[0].replace("_", "-"), pname)
    segs = key.split("/")
    prefixes = {pname, pname.split("-")[0], *PROVIDERS}
    if len(segs) > 1 and segs[0] in prefixes:  # once: "openai/" after "fal_ai/" names the vendor
        segs = segs[1:]
    quality = size = skip = None
    if len(segs) > 2 and segs[0] in QUALITY_WORDS and _SIZE.match(segs[1]):
        quality, segs = segs[0], segs[1:]
    if len(segs) > 1 and _SIZE.match(segs[0]):
        size, segs = segs[0], segs[1:]
        if "max" in size:
            skip = f"size {size!r} is not a size in pixels"
    if len(segs) > 1 and _STEPS.match(segs[0]):
        skip = "priced by diffusion steps, which ImgCost does not model"
        segs = segs[1:]
    if len(segs) > 1 and segs[0] in prefixes and segs[0] == pname:
        segs = segs[1:]
    model, vendor, edit = model_from_path("/".join(segs))
    if edit:
        skip = "an edit endpoint's price includes the input image; ImgCost prices edits itself"
    skip = skip or provider.skip
    wh = size.replace("-x-", "x") if size else None
    return _Entry(key, spec, provider, model, vendor, edit, quality, wh, skip)


def _image_cell(e: _Entry) -> tuple[Decimal | None, bool]:
    """The price of the entry's one sized cell, and whether LiteLLM computed it per pixel."""
    s = e.spec
    usd = _num(s.get("output_cost_per_image"))
    if usd is None and e.provider.per_image_in_input:
        usd = _num(s.get("input_cost_per_image"))
    if usd is not None:
        return usd, False
    per_pixel = _num(s.get("input_cost_per_pixel")) or _num(s.get("output_cost_per_pixel"))
    if per_pixel and e.size:
        w, _, h = e.size.partition("x")
        return (per_pixel * int(w) * int(h)).quantize(Decimal("0.00000001")), True
    return None, False


def _points(e: _Entry) -> list[PeerPoint]:
    s, host = e.spec, e.provider.host
    out: list[PeerPoint] = []

    def add(kind: Any, key: str, value: Decimal | dt.date | str, **kw: Any) -> None:
        out.append(PeerPoint(e.key, e.model, host, kind, key, value, **kw))

    if e.size is not None:
        usd, per_pixel = _image_cell(e)
        if usd is not None:
            add("image", cell_key(e.size, e.quality, None), usd, peer_derived=per_pixel)
    else:
        rates: dict[str, Decimal] = {}
        for lkey, ours in TOKEN_KEYS.items():
            v = _num(s.get(lkey))
            if v is not None:
                rates[ours] = plain(v * MILLION)
                add("token", ours, rates[ours])
        for ours, text in (("image_in", "text_in"), ("cached_image_in", "cached_text_in")):
            if ours not in rates and text in rates and "image_out" in rates:
                add("token", ours, rates[text], implied=True)
        meters = []
        for lkey, ours in TOKEN_KEYS.items():
            std, batch = _num(s.get(lkey)), _num(s.get(f"{lkey}_batches"))
            if std and batch is not None:
                meters.append(BatchMeter(ours, plain(std * MILLION), plain(batch * MILLION)))
        if meters:
            top = max(meters, key=lambda m: m.standard)
            add("batch", "batch", plain(1 - top.batch / top.standard), batch_meters=tuple(meters))
        tiers = {
            m.group("tier"): v
            for k, raw in s.items()
            if (m := _TIER_KEY.match(str(k))) and (v := _num(raw)) is not None
        }
        for tier, usd in tiers.items():
            add("image", tier, usd)
        flat = _num(s.get("output_cost_per_image"))
        if flat is None and e.provider.per_image_in_input:
            flat = _num(s.get("input_cost_per_image"))
        if flat is not None and not tiers:
            add("image", "image", flat)
        per_input = _num(s.get("input_cost_per_image"))
        if per_input is not None and not e.provider.per_image_in_input and "image_out" in rates:
            add("input_image", "input_image", per_input)
    retired = _date(s.get("deprecation_date"))
    if retired is not None:
        add("lifecycle", "retired_on", retired)
    return out


def read_litellm(data: dict[str, Any], path: Path | None) -> PeerData:
    entries: list[_Entry] = []
    ignored = 0
    for key, spec in data.items():
        if key == "sample_spec" or not isinstance(spec, dict):
            continue
        e = _parse_key(str(key), spec)
        if e is None:
            ignored += 1
        else:
            entries.append(e)
    names = {(e.provider.host, e.model) for e in entries}
    regional = {e.key for e in entries if _REGION.match(e.model)}
    points: dict[tuple[Any, ...], PeerPoint] = {}
    models: dict[tuple[str | None, str], PeerModel] = {}
    skipped: list[Skipped] = []
    for e in entries:
        base = undated_name(e.model)
        if e.key in regional and (e.provider.host, _REGION.sub("", e.model)) in names:
            base = _REGION.sub("", e.model)
        if base is not None and (e.provider.host, base) in names:
            skipped.append(Skipped(e.key, f"a dated snapshot or alias of {base}, also listed"))
            continue
        if e.skip:
            skipped.append(Skipped(e.key, e.skip))
            continue
        found = _points(e)
        if not found:
            skipped.append(Skipped(e.key, "no price ImgCost can read"))
            continue
        for p in found:
            points.setdefault((p.host, p.model, p.kind, p.key, p.effective), p)
        ident = (e.provider.host, e.model)
        through = e.provider.host == "fal" and e.vendor == "OpenAI"
        old = models.get(ident)
        if old is None:
            vendor = e.vendor or (e.provider.name if e.provider.host is None else None)
            models[ident] = PeerModel(
                e.key,
                e.model,
                e.provider.host,
                vendor=vendor,
                provider=e.provider.name,
                passes_through=through,
            )
        elif through and not old.passes_through:
            models[ident] = PeerModel(
                old.peer_model,
                old.model,
                old.host,
                old.name,
                old.vendor,
                old.provider,
                passes_through=True,
            )
    return PeerData(
        kind="litellm",
        version=litellm_version(path),
        title="LiteLLM model_prices_and_context_window.json",
        path=path,
        points=tuple(points.values()),
        models=tuple(models.values()),
        skipped=tuple(skipped),
        ignored=ignored,
        url="https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json",
    )
