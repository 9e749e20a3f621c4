"""What a peer's price file says, in ImgCost's terms: one point per price.

A reader turns a peer file into ``PeerPoint`` rows keyed the way the catalog
keys its prices (see ``prices.price_fields``), so the comparison never needs to
know which peer a point came from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Literal

from ..catalog import ModelEntry

PeerKind = Literal["litellm", "genai-prices", "imgcost"]

#: What a point prices. ``token``: $ per 1M tokens; ``image``: $ per output
#: image (a per-image cell); ``input_image``: $ per input image; ``batch``: the
#: batch discount (a share, 0.5 = half price); ``lifecycle``: a date or status.
PointKind = Literal["token", "image", "input_image", "batch", "lifecycle"]

PEER_TITLES: dict[PeerKind, str] = {
    "litellm": "LiteLLM model_prices_and_context_window.json",
    "genai-prices": "genai-prices data.json",
    "imgcost": "ImgCost catalog",
}


@dataclass(frozen=True)
class BatchMeter:
    """One meter's standard and batch price, as the peer printed them."""

    key: str
    standard: Decimal
    batch: Decimal


@dataclass(frozen=True)
class PeerPoint:
    """One price (or date) a peer gives for one model.

    ``model`` is the vendor's model name without any host prefix and ``host``
    the ImgCost id prefix of the provider reselling it (``None``: the vendor
    itself), so the catalog id it maps to is ``model`` or ``host/model``.
    ``implied`` marks a value the peer does not state but its rules imply
    (image input at the text-input rate when it gives no image rate).
    ``effective`` is the day a dated price takes effect.
    """

    peer_model: str
    model: str
    host: str | None
    kind: PointKind
    key: str
    value: Decimal | dt.date | str
    effective: dt.date | None = None
    implied: bool = False
    batch_meters: tuple[BatchMeter, ...] = ()
    #: The peer computed the value itself (LiteLLM's per-pixel prices times pixels).
    peer_derived: bool = False

    @property
    def target_id(self) -> str:
        return self.model if self.host is None else f"{self.host}/{self.model}"


@dataclass(frozen=True)
class PeerModel:
    """One model the peer lists, with what it knows beyond prices."""

    peer_model: str
    model: str
    host: str | None
    name: str | None = None
    vendor: str | None = None
    provider: str | None = None
    aliases: tuple[str, ...] = ()
    #: Checked against the vendor's own entry when the catalog has no entry
    #: for this host (the host bills at the vendor's prices).
    passes_through: bool = False
    #: A whole catalog entry (ImgCost catalog files only).
    entry: ModelEntry | None = None

    @property
    def target_id(self) -> str:
        return self.model if self.host is None else f"{self.host}/{self.model}"


@dataclass(frozen=True)
class Skipped:
    """A peer entry that was not read into points, and why."""

    peer_model: str
    reason: str


@dataclass(frozen=True)
class PeerData:
    """A peer price file, read and normalized."""

    kind: PeerKind
    version: str
    title: str
    path: Path | None
    points: tuple[PeerPoint, ...]
    models: tuple[PeerModel, ...]
    skipped: tuple[Skipped, ...] = ()
    #: Entries that are not image models (chat, embeddings, audio...), not listed.
    ignored: int = 0
    url: str | None = None
    _by_target: dict[str, PeerModel] = field(default_factory=dict, compare=False, repr=False)

    def model(self, target_id: str) -> PeerModel | None:
        if not self._by_target:
            self._by_target.update({m.target_id: m for m in self.models})
        return self._by_target.get(target_id)


# --- small helpers shared by the readers ------------------------------------------------

MILLION = Decimal(1_000_000)


def plain(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and never in exponent form (3E+1 -> 30)."""
    out = value.normalize()
    sign, digits, exponent = out.as_tuple()
    if isinstance(exponent, int) and exponent > 0:
        out = out.quantize(Decimal(1))
    return out


_ID_BAD = re.compile(r"[^a-z0-9._\-]+")


def id_part(text: str) -> str:
    """``text`` as one part of a catalog id: lower case, odd characters as ``-``."""
    out = _ID_BAD.sub("-", text.strip().lower()).strip("-._")
    return out or "model"


_DATED = re.compile(r"^(?P<base>.+?)-(?:\d{4}-\d{2}-\d{2}|\d{8}|latest)$")


def undated_name(name: str) -> str | None:
    """The name without a snapshot date or ``-latest``, or None when it has neither."""
    m = _DATED.match(name)
    return m.group("base") if m else None
