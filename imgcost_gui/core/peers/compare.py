"""A peer's prices beside the catalog's, one comparison per point.

Agreement allows for published rounding: a peer value agrees when it equals
ours rounded (half up) to the peer's printed precision (0.63 for our 0.625),
provided the peer printed at least two significant digits; a one-digit figure
(0.04) is taken at face value against a price we store, or rounding would hide
a 0.035. A price ImgCost derives from a token rule (tokens per image x rate)
is what vendors round to print a per-image price, so it agrees when it rounds
to the peer's figure at any precision, or is within 1% of it. A host's price
checked against the vendor's entry (fal's OpenAI models) may also be ours
rounded up: fal bills each image rounded up to a tenth of a cent (0.04116 ->
0.042) where OpenAI prints 0.041.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from ..catalog import (
    FixedInputTokens,
    FixedTokenPricing,
    GeminiTileInputRule,
    ModelEntry,
    PerImagePricing,
    PriceCatalog,
    PublishedImagePrices,
    TokenPricing,
)
from ..prices import TOKEN_KEYS, entry_on, price_fields
from ..sizes import Size
from ..tokens import gemini_input_tokens, output_tokens
from .points import MILLION, PeerData, PeerModel, PeerPoint, PointKind

Value = Decimal | dt.date | str
REFERENCE_INPUT = Size(1024, 1024)


def _significant(d: Decimal) -> int:
    return len(d.normalize().as_tuple().digits)


def agrees(
    ours: Decimal, theirs: Decimal, *, derived: bool = False, rounds_up: bool = False
) -> bool:
    """Whether ``theirs`` is ``ours`` as the peer would print it (see the module doc).

    ``rounds_up``: the peer bills each image rounded up to its printed precision.
    """
    if ours == theirs:
        return True
    exponent = theirs.normalize().as_tuple().exponent
    if isinstance(exponent, int) and (derived or _significant(theirs) >= 2):
        unit = Decimal(1).scaleb(exponent)
        if ours.quantize(unit, rounding=ROUND_HALF_UP) == theirs:
            return True
        if rounds_up and ours.quantize(unit, rounding=ROUND_CEILING) == theirs:
            return True
    return derived and theirs > 0 and abs(ours - theirs) <= theirs / 100


@dataclass(frozen=True)
class Ours:
    value: Value | None
    label: str
    unit: str
    derived: bool = False  # not a stored price of this key: check it, never overwrite it
    computed: bool = False  # worked out from a token rule, so rounded the way vendors round
    reason: str = ""  # why there is no value to compare


@dataclass(frozen=True)
class Comparison:
    """One peer point beside the catalog's value.

    ``comparable`` is False when the catalog has nothing to compare it with
    (``reason`` says why). ``derived``: ours is computed (tokens x rate), or
    the point is checked against another entry, so it cannot be applied.
    """

    model_id: str
    peer_model: str
    kind: PointKind
    key: str
    label: str
    unit: str
    ours: Value | None
    theirs: Value
    agrees: bool
    comparable: bool
    derived: bool = False
    implied: bool = False
    effective: dt.date | None = None
    reason: str = ""


def _image_key(key: str) -> tuple[str | None, str | None]:
    """(size, quality) of a per-image key such as ``1024x1536/high``."""
    size = quality = None
    for part in key.split("/"):
        if "x" in part and part.replace("x", "").isdigit():
            size = part
        elif part != "image":
            quality = part
    return size, quality


def _derived_image(entry: ModelEntry, key: str) -> Ours:
    p = entry.pricing
    label = f"Image {key.replace('/', ' ')}"
    if isinstance(p, TokenPricing) and not isinstance(p.output, PublishedImagePrices):
        size_text, quality = _image_key(key)
        if size_text is None or quality is None or p.rates.image_out is None:
            return Ours(
                None, label, "$ / image", reason=f"{entry.id} prices images by size and quality"
            )
        size = Size.parse(size_text)
        if not entry.accepts(size):
            return Ours(None, label, "$ / image", reason=f"{entry.id} does not take {size}")
        n = output_tokens(p.output, size, quality)
        if n is None:
            return Ours(None, label, "$ / image", reason=f"{entry.id} has no {quality} quality")
        return Ours(n * p.rates.image_out / MILLION, label, "$ / image", True, True)
    if isinstance(p, FixedTokenPricing) and p.rates.image_out is not None:
        tiers = sorted(p.tiers, key=lambda t: t.max_pixels)
        # A peer's one per-image figure is its default image: 1K where there are tiers.
        name = "1K" if key == "image" and any(t.name == "1K" for t in tiers) else key
        tier = next((t for t in tiers if t.name == name), None)
        if tier is None and key == "image":
            tier = tiers[0]
        if tier is None or tier.tokens is None:
            return Ours(None, label, "$ / image", reason=f"{entry.id} has no {key} tier")
        label = f"Image, {tier.name} tier" if len(tiers) > 1 else "Image"
        return Ours(tier.tokens * p.rates.image_out / MILLION, label, "$ / image", True, True)
    if isinstance(p, PerImagePricing):
        wanted_size, wanted_quality = _image_key(key)
        tier_names = {t.name for t in p.tiers or []}
        if key == "image" and "1K" in tier_names:
            key = "1K"
        for cell in p.prices:
            if cell.size not in (None, wanted_size) or cell.quality not in (None, wanted_quality):
                continue
            if cell.tier is not None and cell.tier != key:
                continue
            # One of our cells covers the peer's narrower one: check it, never overwrite it.
            return Ours(cell.usd, label, "$ / image", derived=True)
    return Ours(None, label, "$ / image", reason=f"{entry.id} has no price for {key}")


def _derived_input_image(entry: ModelEntry) -> Ours:
    p = entry.pricing
    label = f"Input image ({REFERENCE_INPUT})"
    if isinstance(p, FixedTokenPricing) and p.input_images is not None:
        rate = p.rates.image_in if p.rates.image_in is not None else p.rates.text_in
        rule = p.input_images
        if isinstance(rule, FixedInputTokens):
            tokens = rule.tokens
        elif isinstance(rule, GeminiTileInputRule):
            tokens = gemini_input_tokens(rule, REFERENCE_INPUT)
        return Ours(tokens * rate / MILLION, label, "$ / image", True, True)
    return Ours(None, label, "$ / image", reason=f"{entry.id} has no per-image input rule")


def our_value(catalog: PriceCatalog, entry: ModelEntry, kind: PointKind, key: str) -> Ours:
    """What the catalog says for one point of ``entry`` (already as of the day compared)."""
    if kind in ("token", "image"):
        fields = {f.path: f for f in price_fields(entry)}
        f = fields.get(key)
        if f is not None:
            return Ours(f.value, f.label, f.unit)
        if kind == "token":
            label = TOKEN_KEYS.get(key, key)
            return Ours(None, label, "$ / 1M tokens", reason=f"{entry.id} has no {label} price")
        return _derived_image(entry, key)
    if kind == "input_image":
        return _derived_input_image(entry)
    if kind == "batch":
        discount = entry.batch.discount if entry.batch is not None else None
        return Ours(discount, "Batch discount", "share off")
    life = catalog.lifecycle_of(entry)
    label = {
        "retired_on": "Shutdown date",
        "deprecated_on": "Deprecation date",
        "announced_on": "Announcement date",
        "status": "Status",
    }.get(key, key)
    return Ours(getattr(life, key, None), label, "")


def _batch_agrees(ours: Decimal | None, point: PeerPoint) -> bool:
    if ours is None or not isinstance(point.value, Decimal):
        return False
    if not point.batch_meters:
        return agrees(ours, point.value)
    return all(agrees(m.standard * (1 - ours), m.batch) for m in point.batch_meters)


def _lifecycle_agrees(ours: Value | None, theirs: Value) -> bool:
    if theirs == "deprecated":
        return ours in ("deprecated", "retired")
    return ours == theirs


def resolve(catalog: PriceCatalog, pm: PeerModel) -> ModelEntry | None:
    """The catalog entry a peer model is, by id or by one of the peer's aliases."""
    names = (pm.model, *pm.aliases)
    for name in names:
        target = name if pm.host is None else f"{pm.host}/{name}"
        if target in catalog.by_id:
            return catalog.by_id[target]
    return None


def _timeline(points: Iterable[PeerPoint], day: dt.date) -> list[PeerPoint]:
    """The points in force on ``day`` per key, then every later dated one."""
    by_key: dict[tuple[str, str], list[PeerPoint]] = {}
    for p in points:
        by_key.setdefault((p.kind, p.key), []).append(p)
    out: list[PeerPoint] = []
    for rows in by_key.values():
        rows.sort(key=lambda p: p.effective or dt.date.min)
        now = [p for p in rows if p.effective is None or p.effective <= day]
        if now:
            out.append(now[-1])
        out += [p for p in rows if p.effective is not None and p.effective > day]
    return out


def compare_point(
    catalog: PriceCatalog, entry: ModelEntry, p: PeerPoint, day: dt.date, *, reference: bool = False
) -> Comparison:
    when = p.effective if p.effective is not None and p.effective > day else day
    o = our_value(catalog, entry_on(entry, when), p.kind, p.key)
    derived = o.derived or reference

    def beside(ours: Value | None, ok: bool, comparable: bool, reason: str = "") -> Comparison:
        return Comparison(
            entry.id, p.peer_model, p.kind, p.key, o.label, o.unit, ours, p.value,
            ok, comparable, derived, p.implied, p.effective, reason,
        )  # fmt: skip

    if o.value is None and p.kind not in ("batch", "lifecycle"):
        return beside(None, False, False, o.reason)
    if p.kind == "batch":
        ok = _batch_agrees(o.value if isinstance(o.value, Decimal) else None, p)
    elif p.kind == "lifecycle":
        ok = _lifecycle_agrees(o.value, p.value)
    else:
        assert isinstance(o.value, Decimal) and isinstance(p.value, Decimal)
        ok = agrees(o.value, p.value, derived=o.computed or p.peer_derived, rounds_up=reference)
    return beside(o.value, ok, True)


@dataclass(frozen=True)
class Compared:
    comparisons: tuple[Comparison, ...]
    #: Peer models with no catalog entry, with their points (new-model candidates).
    unknown: tuple[tuple[PeerModel, tuple[PeerPoint, ...]], ...]


def compare(catalog: PriceCatalog, peer: PeerData, day: dt.date) -> Compared:
    """Every peer point beside the catalog's value on ``day``.

    A host's point goes to the catalog's entry for that host. Where the catalog
    has none and the host bills at the vendor's prices (fal's OpenAI models),
    its per-image prices are checked against the vendor's own entry.
    """
    points: dict[str, list[PeerPoint]] = {}
    for p in peer.points:
        points.setdefault(p.target_id, []).append(p)
    out: list[Comparison] = []
    seen: set[tuple[str, str, str, dt.date | None]] = set()
    unknown: list[tuple[PeerModel, tuple[PeerPoint, ...]]] = []
    exact_first = sorted(peer.models, key=lambda m: m.target_id not in catalog.by_id)
    for pm in exact_first:
        mine = points.get(pm.target_id, [])
        entry = resolve(catalog, pm)
        reference = False
        if entry is None and pm.passes_through and pm.model in catalog.by_id:
            entry, reference = catalog.by_id[pm.model], True
            mine = [p for p in mine if p.kind == "image"]
        if entry is None:
            unknown.append((pm, tuple(mine)))
            continue
        for p in _timeline(mine, day):
            ident = (entry.id, p.kind, p.key, p.effective)
            if ident in seen:
                continue
            seen.add(ident)
            out.append(compare_point(catalog, entry, p, day, reference=reference))
    return Compared(tuple(out), tuple(unknown))
