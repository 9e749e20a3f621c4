"""A hand-made catalog for the tests of the user's prices, version 2: ``cells``
prices each size and quality apart, ``tok`` is priced by tokens and its
image_out goes from $30 to $20 on 2027-01-15. With the builders of estimates
and files those tests share."""

from __future__ import annotations

import datetime as dt
import json

from imgcost_gui.core import PriceCatalog, Scenario, Stage, estimate_model
from imgcost_gui.core.catalog import ModelEntry
from imgcost_gui.core.overrides import load_shipped_catalog

D = dt.date.fromisoformat
SOURCE = {"title": "hand-made for this test", "official": True, "checked": "2026-11-01"}
SHIPPED = load_shipped_catalog()

#: (size, quality, USD) of a per-image model that prices low and high apart.
CELLS = [
    ("1024x1024", "low", "0.01"),
    ("1024x1024", "high", "0.05"),
    ("1536x1024", "low", "0.02"),
    ("1536x1024", "high", "0.07"),
]


def cells_model(cells=CELLS) -> ModelEntry:
    return ModelEntry.model_validate(
        {
            "id": "cells",
            "name": "Cells",
            "vendor": "Vendor",
            "provider": "Vendor",
            "sizes": {"kind": "list", "sizes": ["1024x1024", "1536x1024"]},
            "qualities": ["low", "high"],
            "pricing": {
                "scheme": "per_image",
                "prices": [{"size": s, "quality": q, "usd": u} for s, q, u in cells],
                "source": SOURCE,
            },
        }
    )


def token_model(changes=()) -> ModelEntry:
    """gpt-image-2's closed form; image_out $30/1M, text in $5/1M."""
    return ModelEntry.model_validate(
        {
            "id": "tok",
            "name": "Tok",
            "vendor": "Vendor",
            "provider": "Vendor",
            "sizes": {"kind": "list", "sizes": ["1024x1024"]},
            "qualities": ["low", "medium", "high"],
            "pricing": {
                "scheme": "tokens",
                "rates": {"text_in": "5", "image_in": "8", "image_out": "30", "source": SOURCE},
                "output": {"kind": "gpt-image-2", "source": SOURCE},
                "input_images": {"kind": "tiles", "source": SOURCE},
            },
            "price_changes": [
                {"effective": day, "prices": prices, "source": SOURCE} for day, prices in changes
            ],
        }
    )


def catalog(*entries: ModelEntry) -> PriceCatalog:
    return PriceCatalog(checked=D("2026-11-01"), models=list(entries))


#: tok's image_out goes from $30 to $20 on 2027-01-15 in the shipped catalog.
HAND = catalog(cells_model(), token_model([("2027-01-15", {"image_out": "20"})]))

# 1000 images of 1024x1024 medium: 1756 tokens each (q=48, s=48,
# ceil(48*48*3_048_576/4e6) = ceil(1755.98)), no prompt text.
MEDIUM_1000 = 1756 * 1000 / 1e6  # dollars per $1/1M of image_out


def per_image(cat: PriceCatalog, model_id: str, size: str, quality: str, day="2026-12-01"):
    w, _, h = size.partition("x")
    stage = Stage(requests=1, prompt_tokens=0, width=int(w), height=int(h), quality=quality)
    return estimate_model(Scenario(stages=[stage]), cat.get(model_id), day=D(day)).per_image_usd


def tok_total(cat: PriceCatalog, day: str) -> float:
    stage = Stage(requests=1000, prompt_tokens=0, quality="medium")
    sc = Scenario(stages=[stage], period="day")
    return estimate_model(sc, cat.get("tok"), day=D(day)).total_usd


def on_disk(path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write(path, data: dict) -> None:
    path.write_text(json.dumps(data), encoding="utf-8")


def key_of(cell) -> str:
    """A per-image cell's key as the file format says: tier, size, quality joined by '/'."""
    return "/".join(p for p in (cell.tier, cell.size, cell.quality) if p) or "image"
