"""genai-prices' data as peer points.

genai-prices publishes its data as JSON (``prices/data.json`` in its
repository: a list of providers, each with ``models``; newer exports wrap that
list as ``{"units": ..., "providers": [...]}``). A model's ``prices`` is one
set of prices (``input_mtok``, ``output_mtok``... in $ per 1M tokens) or a
list of ``{"constraint": {"start_date": ...}, "prices": {...}}`` that take
effect on their start dates. ``price_variants`` with ``when:
{"processing": "batch"}`` hold the batch prices. A tiered price
(``{"base": ..., "tiers": [...]}``) is read at its base tier.

Image output is ``output_image_mtok`` where the model prices text output
apart (then ``output_mtok`` is text output); for gpt-image-1, -1-mini, -2 and
-2.5 genai-prices files image output as ``output_mtok`` with no
``output_image_mtok``, so a GPT Image model's lone ``output_mtok`` is image
output; any other model's is text output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import importlib.metadata
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from .names import VENDOR_SEGMENTS, looks_like_image_model, model_from_path
from .points import BatchMeter, PeerData, PeerModel, PeerPoint, plain

#: Provider ids that are the vendor selling its own models; others are hosts.
VENDORS: dict[str, str] = {"openai": "OpenAI", "google": "Google", "x-ai": "xAI"}
HOSTS: dict[str, str] = {"aws": "bedrock", "azure": "azure"}

TOKEN_KEYS: dict[str, str] = {
    "input_mtok": "text_in",
    "cache_read_mtok": "cached_text_in",
    "input_image_mtok": "image_in",
    "cache_image_read_mtok": "cached_image_in",
    "output_image_mtok": "image_out",
}


def looks_like_genai(data: Any) -> bool:
    providers = data.get("providers") if isinstance(data, dict) else data
    return (
        isinstance(providers, list)
        and bool(providers)
        and all(isinstance(p, dict) and "id" in p and "models" in p for p in providers[:5])
    )


def _num(value: Any) -> Decimal | None:
    if isinstance(value, dict) and "base" in value:
        value = value["base"]
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    d = Decimal(value)
    return plain(d) if d.is_finite() and d >= 0 else None


#: The models whose lone ``output_mtok`` is image output (OpenAI's GPT Image family).
_IMAGE_OUT_AS_OUTPUT = re.compile(r"^(chatgpt-image|gpt-image)")


def _our_rates(model: str, prices: dict[str, Any]) -> dict[str, Decimal]:
    """One genai-prices price set in ImgCost's meters."""
    out = {ours: v for key, ours in TOKEN_KEYS.items() if (v := _num(prices.get(key))) is not None}
    output = _num(prices.get("output_mtok"))
    if output is not None:
        lone_is_image = "output_image_mtok" not in prices and _IMAGE_OUT_AS_OUTPUT.match(model)
        out["image_out" if lone_is_image else "text_out"] = output
    return out


def _price_sets(raw: Any) -> list[tuple[dt.date | None, dict[str, Any]]]:
    if isinstance(raw, dict):
        return [(None, raw)]
    out: list[tuple[dt.date | None, dict[str, Any]]] = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("prices"), dict):
            continue
        constraint = item.get("constraint")
        day = None
        if isinstance(constraint, dict):
            if "start_date" not in constraint:
                continue  # a time-of-day price (off-peak): not an image model's concern
            try:
                day = dt.date.fromisoformat(str(constraint["start_date"]))
            except ValueError:
                continue
        out.append((day, item["prices"]))
    return out


def _equals(match: Any) -> list[str]:
    if isinstance(match, dict):
        if "equals" in match:
            return [str(match["equals"]).lower()]
        return [a for key in ("or", "and") for c in match.get(key, []) for a in _equals(c)]
    return []


def _model_points(provider: dict[str, Any], m: dict[str, Any]) -> tuple[PeerModel, list[PeerPoint]]:
    pid = str(provider["id"])
    host = None if pid in VENDORS else HOSTS.get(pid, pid)
    raw_id = str(m.get("id"))
    model, vendor, _ = model_from_path(raw_id)
    first = raw_id.split("/")[0].lower()
    vendor = vendor or VENDORS.get(pid) or VENDOR_SEGMENTS.get(first)
    peer_model = f"{pid}:{raw_id}"
    aliases = tuple(a for a in _equals(m.get("match")) if a != model)
    pm = PeerModel(
        peer_model,
        model,
        host,
        name=m.get("name"),
        vendor=vendor,
        provider=str(provider.get("name") or pid),
        aliases=aliases,
    )
    out: list[PeerPoint] = []
    sets = _price_sets(m.get("prices"))
    last: dict[str, Decimal] = {}
    for day, prices in sets:
        rates = _our_rates(model, prices)
        if "image_out" in rates:
            for ours, text in (("image_in", "text_in"), ("cached_image_in", "cached_text_in")):
                if ours not in rates and text in rates:
                    rates[ours] = rates[text]
                    out.append(
                        PeerPoint(
                            peer_model,
                            model,
                            host,
                            "token",
                            ours,
                            rates[text],
                            effective=day,
                            implied=True,
                        )
                    )
        for key, value in rates.items():
            changed = day is None or last.get(key) != value
            if changed and not any(p.key == key and p.effective == day for p in out):
                out.append(PeerPoint(peer_model, model, host, "token", key, value, effective=day))
        last = rates
    for variant in m.get("price_variants") or []:
        if not isinstance(variant, dict) or variant.get("when") != {"processing": "batch"}:
            continue
        batch = _our_rates(model, variant.get("prices") or {})
        # Halved from the standard prices in force when the batch prices start.
        start = _price_sets([{"constraint": variant.get("constraint"), "prices": {}}])
        since = start[0][0] if start and start[0][0] else dt.date.max
        standard = _our_rates(
            model,
            next(
                (p for d, p in reversed(sets) if d is None or d <= since),
                sets[0][1] if sets else {},
            ),
        )
        meters = tuple(BatchMeter(k, standard[k], v) for k, v in batch.items() if standard.get(k))
        if meters:
            top = max(meters, key=lambda b: b.standard)
            value = plain(1 - top.batch / top.standard)
            out.append(
                PeerPoint(peer_model, model, host, "batch", "batch", value, batch_meters=meters)
            )
    if m.get("deprecated") is True:
        out.append(PeerPoint(peer_model, model, host, "lifecycle", "status", "deprecated"))
    return pm, out


def read_genai(data: Any, path: Path | None, version: str = "unknown") -> PeerData:
    providers = data.get("providers") if isinstance(data, dict) else data
    if not isinstance(providers, list):
        providers = []
    models: list[PeerModel] = []
    points: list[PeerPoint] = []
    ignored = 0
    for provider in providers:
        for m in provider.get("models") or []:
            if not isinstance(m, dict) or "id" not in m:
                continue
            sets = _price_sets(m.get("prices"))
            has_image_out = any("output_image_mtok" in p for _, p in sets)
            if not (has_image_out or looks_like_image_model(str(m["id"]))):
                ignored += 1
                continue
            pm, found = _model_points(provider, m)
            models.append(pm)
            points.extend(found)
    return PeerData(
        kind="genai-prices",
        version=version,
        title="genai-prices data.json",
        path=path,
        points=tuple(points),
        models=tuple(models),
        ignored=ignored,
        url="https://github.com/pydantic/genai-prices/blob/main/prices/data.json",
    )


# --- the installed package ----------------------------------------------------------


def _jsonable(obj: Any) -> Any:
    """genai-prices' Python data in the shape of its published JSON."""
    if isinstance(obj, (str, int, bool, Decimal)) or obj is None:
        return obj
    if isinstance(obj, (dt.date, dt.time)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
    else:  # ModelPrice keeps its prices as plain attributes
        fields = {k: v for k, v in vars(obj).items() if not k.startswith("_")}
    return {
        k.rstrip("_"): _jsonable(v)
        for k, v in fields.items()
        if v is not None and k not in ("extractors",)
    }


def installed_genai_prices() -> PeerData | None:
    """The installed genai-prices package's own data, or None when it is not installed."""
    try:
        module = importlib.import_module("genai_prices.data")
        version = importlib.metadata.version("genai-prices")
    except (ImportError, importlib.metadata.PackageNotFoundError):
        return None
    providers = _jsonable(module.providers)
    return read_genai(providers, None, version)
