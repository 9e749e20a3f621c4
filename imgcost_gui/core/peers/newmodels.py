"""Catalog entries for models a peer lists and the catalog does not.

Only simple models can be built from a peer's figures alone:

- a host selling a model the catalog has (``azure/gpt-image-2``): the vendor's
  entry with the host's prices (token rates, per-image cells, batch, dates);
- a model priced per image, flat or by size and quality: a per-image entry
  (sizes: the ones the peer prices, or any size up to 4096 px when it names
  none, which the entry's note says).

A token-priced model the catalog does not know cannot be built: no peer says
how many tokens one image bills. Those, and models whose prices come only by
resolution tier (no pixel limits given), are listed as not mappable.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import ValidationError

from ..catalog import (
    BatchTerms,
    FixedTokenPricing,
    ImagePrice,
    Lifecycle,
    ModelEntry,
    PerImagePricing,
    PriceCatalog,
    Source,
    TokenPricing,
    TokenRates,
)
from ..sizes import SizeList, SizeRule
from ..storage import describe_validation
from .compare import _image_key
from .points import PeerModel, PeerPoint

ANY_SIZE = SizeRule(max_edge=4096, max_aspect=4.0, max_pixels=4096 * 4096)
_RATE_KEYS = ("text_in", "cached_text_in", "image_in", "cached_image_in", "image_out", "text_out")


def _lifecycle(points: list[PeerPoint]) -> Lifecycle | None:
    dates = {p.key: p.value for p in points if p.kind == "lifecycle"}
    retired = dates.get("retired_on")
    status = "deprecated" if dates.get("status") == "deprecated" else "active"
    if not isinstance(retired, dt.date) and status == "active":
        return None
    return Lifecycle(status=status, retired_on=retired if isinstance(retired, dt.date) else None)


def _batch(points: list[PeerPoint], source: Source) -> BatchTerms | None:
    found = [p.value for p in points if p.kind == "batch" and isinstance(p.value, Decimal)]
    return BatchTerms(discount=found[0], source=source) if found else None


def _rates(points: list[PeerPoint], source: Source) -> TokenRates | None:
    r = {p.key: p.value for p in points if p.kind == "token" and p.effective is None}
    if "text_in" not in r or "image_out" not in r:
        return None
    return TokenRates(source=source, **{k: r[k] for k in _RATE_KEYS if k in r})


def _cells(points: list[PeerPoint]) -> list[ImagePrice]:
    cells = []
    for p in points:
        if p.kind != "image" or not isinstance(p.value, Decimal):
            continue
        size, quality = _image_key(p.key)
        if p.key != "image" and size is None:
            continue  # a resolution tier
        cells.append(ImagePrice(size=size, quality=quality, usd=p.value))
    flat = [c for c in cells if c.size is None and c.quality is None]
    return flat[:1] if flat and len(flat) == len(cells) else [c for c in cells if c.size]


def build_entry(
    catalog: PriceCatalog,
    pm: PeerModel,
    points: tuple[PeerPoint, ...],
    source: Source,
    day: dt.date,
) -> ModelEntry | str:
    """A new catalog entry for ``pm``, or why one cannot be built from the peer's figures."""
    if pm.entry is not None:
        return pm.entry
    pts = list(points)
    life = _lifecycle(pts)
    if life is not None and life.retired_on is not None and life.retired_on <= day:
        return f"the peer says it shut down on {life.retired_on}"
    family = catalog.by_id.get(pm.model) if pm.host else None
    host_name = pm.provider or pm.host or ""
    ident = pm.target_id
    base = {
        "id": ident,
        "vendor": pm.vendor or (family.vendor if family else host_name or "unknown"),
        "provider": host_name if pm.host else (pm.vendor or host_name or "unknown"),
        "family": pm.model if pm.host else None,
        "lifecycle": life,
        "batch": _batch(pts, source),
        "custom": False,
    }
    rates = _rates(pts, source)
    cells = _cells(pts)
    try:
        if family is not None:
            name = f"{family.name} via {host_name}"
            fp = family.pricing
            if rates is not None and isinstance(fp, (TokenPricing, FixedTokenPricing)):
                pricing = fp.model_copy(update={"rates": rates})
                return ModelEntry(
                    name=name,
                    sizes=family.sizes,
                    qualities=family.qualities,
                    pricing=pricing,
                    note=f"Token rates from {source.title}; the rest follows {family.id}.",
                    **base,
                )
            if cells:
                return ModelEntry(
                    name=name,
                    sizes=family.sizes,
                    qualities=family.qualities,
                    pricing=PerImagePricing(prices=cells, source=source),
                    note=f"Per-image prices from {source.title}; sizes follow {family.id}.",
                    **base,
                )
        if rates is not None:
            return "token-priced, and the peer does not say how many tokens an image bills"
        if not cells:
            if any(p.kind == "image" for p in pts):
                return "priced by resolution tier, and the peer gives no pixel limits"
            return "the peer gives no image price"
        sized = sorted({c.size for c in cells if c.size})
        qualities = sorted({c.quality for c in cells if c.quality})
        return ModelEntry(
            name=pm.name or pm.model,
            sizes=SizeList(sizes=sized) if sized else ANY_SIZE,
            qualities=qualities,
            pricing=PerImagePricing(prices=cells, source=source),
            edits=False,
            note=(
                f"Imported from {source.title}."
                + (
                    ""
                    if sized
                    else " Sizes are not in the peer's file: any size up to 4096 px "
                    "is assumed; check the vendor's limits."
                )
            ),
            **base,
        )
    except ValidationError as e:
        return f"the peer's figures do not make a valid entry ({describe_validation(e)})"
