"""The shipped catalog (resources/catalog.json) is valid, dated and complete.

These tests read the file as a user's copy of ImgCost would, and pin the list
of model ids so that removing a model is a deliberate change, not an accident.
"""

import datetime as dt
import json
from decimal import Decimal

import pytest
from pydantic import BaseModel

from imgcost_gui.core import ModelEntry, PriceCatalog, Size
from imgcost_gui.core.catalog import Source
from imgcost_gui.core.paths import shipped_catalog_path
from imgcost_gui.core.sizes import SizeList

from .helpers import CATALOG, one_image

RAW = json.loads(shipped_catalog_path().read_text(encoding="utf-8"))

# Update on purpose when a model is added or removed.
PINNED_IDS = (
    "gpt-image-2",
    "gpt-image-2.5-flare",
    "gpt-image-2.5-sunburst",
    "gpt-image-2.6-sunburst",
    "gpt-image-2.6-flare",
    "chatgpt-image-latest",
    "gpt-image-1.5",
    "gpt-image-1-mini",
    "gpt-image-1",
    "dall-e-3",
    "dall-e-2",
    "gemini-2.5-flash-image",
    "gemini-3-pro-image",
    "gemini-3.1-flash-image",
    "gemini-3.1-flash-lite-image",
    "gemini-nano-banana-2.1",
    "imagen-4.0-fast-generate-001",
    "imagen-4.0-generate-001",
    "imagen-4.0-ultra-generate-001",
    "imagen-3.0-generate-002",
    "flux-pro-1.1",
    "flux-pro-1.1-ultra",
    "flux-kontext-pro",
    "flux-kontext-max",
    "flux-pro-1.0-fill",
    "flux-2-pro",
    "flux-2-max",
    "flux-2-flex",
    "flux-2-klein-4b",
    "flux-2-klein-9b",
    "flux-pro-1.0-expand",
    "flux-dev",
    "flux-pro",
    "ideogram-4.5",
    "ideogram-4.0",
    "ideogram-3.0",
    "ideogram-3.0-character",
    "recraft-v3",
    "recraft-v3-vector",
    "recraft-v2",
    "grok-imagine-image",
    "grok-imagine-image-quality",
    "grok-imagine-image-2.0",
    "qwen-image-3.0",
    "qwen-image-3.0-pro",
    "qwen-image-2.0",
    "qwen-image-2.0-pro",
    "seedream-5.0-flash",
    "seedream-5.0-lite",
    "seedream-5.0-pro",
    "runway-gen4-image",
    "runway-gen4-image-turbo",
    "mai-image-2.5",
    "mai-image-2.5-flash",
    "mai-image-2.5-pro",
    "mai-image-2.6",
    "mai-image-2.6-flash",
    "muse-image-1.0",
    "amazon.nova-canvas-v1",
    "amazon.titan-image-generator-v2",
    "amazon.titan-image-generator-v1",
    "stable-image-ultra",
    "stable-image-core",
    "sd3.5-large",
    "sd3.5-large-turbo",
    "sd3.5-medium",
    "midjourney",
    "gptimage2/gpt-image-1",
    "gptimage2/gpt-image-1.5",
    "hiapi/gpt-image-2",
    "hiapi/gpt-image-2-beta",
    "hiapi/gpt-image-1.5",
    "azure/gpt-image-2.5-flare",
    "azure/gpt-image-2.5-sunburst",
    "azure/gpt-image-2",
    "azure/gpt-image-1.5",
    "azure/gpt-image-1-mini",
    "azure/flux-2-pro",
    "azure/flux-pro-1.1",
    "azure/flux-kontext-pro",
    "vertex/gemini-3.1-flash-image",
    "vertex/gemini-3-pro-image",
    "vertex/imagen-4.0-fast-generate-001",
    "vertex/imagen-4.0-generate-001",
    "vertex/imagen-4.0-ultra-generate-001",
    "vertex/imagen-3.0-generate-002",
    "bedrock/stable-image-ultra",
    "bedrock/stable-image-core",
    "bedrock/sd3.5-large",
    "fal/gemini-3-pro-image",
    "fal/gemini-3.1-flash-image",
    "fal/flux-dev",
)


def test_model_ids_are_pinned():
    ids = tuple(m["id"] for m in RAW["models"])
    missing = sorted(set(PINNED_IDS) - set(ids))
    added = sorted(set(ids) - set(PINNED_IDS))
    assert not missing, f"models removed from the catalog: {missing}"
    assert not added, f"models added to the catalog (pin them here): {added}"
    assert ids == PINNED_IDS  # order is the order users see


def test_the_file_validates_as_a_whole_and_entry_by_entry():
    catalog = PriceCatalog.model_validate(RAW)
    assert catalog.schema_version == 1
    for raw in RAW["models"]:
        ModelEntry.model_validate(raw)


def sources(obj, where=""):
    """Every Source in a pydantic object, with where it sits."""
    if isinstance(obj, Source):
        yield where, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from sources(getattr(obj, name), f"{where}.{name}")
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from sources(item, f"{where}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from sources(item, f"{where}.{key}")


@pytest.mark.parametrize("entry", CATALOG.models, ids=lambda m: m.id)
def test_every_price_has_a_dated_source(entry):
    found = list(sources(entry.pricing, "pricing"))
    assert found, "a price with no source"
    if entry.batch is not None:
        assert entry.batch.source is not None, "batch discount with no source"
        found += list(sources(entry.batch, "batch"))
    for where, src in found:
        assert isinstance(src.checked, dt.date), where
        assert dt.date(2023, 1, 1) <= src.checked <= CATALOG.checked, where
        assert src.title.strip(), where


@pytest.mark.parametrize("entry", CATALOG.models, ids=lambda m: m.id)
def test_a_model_priced_only_from_secondary_sources_says_so(entry):
    found = [src for _, src in sources(entry.pricing)]
    if entry.batch is not None:
        found += [src for _, src in sources(entry.batch)]
    if not any(src.official for src in found):
        assert entry.note, "no official source and no note saying so"
        assert "secondary" in entry.note.lower() or "unverified" in entry.note.lower()


@pytest.mark.parametrize("entry", CATALOG.models, ids=lambda m: m.id)
def test_lifecycle_dates_agree_with_the_status(entry):
    lc = CATALOG.lifecycle_of(entry)
    if lc.status == "retired":
        assert lc.retired_on is not None, "a retired model must say when"
        assert lc.retired_on <= CATALOG.checked
    elif lc.status == "deprecated" and lc.retired_on is not None:
        # a shutdown date already past would be shown as "shuts down <past date>"
        assert lc.retired_on > CATALOG.checked
    else:
        assert lc.retired_on is None or lc.retired_on > CATALOG.checked
    if lc.deprecated_on and lc.retired_on:
        assert lc.deprecated_on <= lc.retired_on


@pytest.mark.parametrize(
    ("model", "retired_on"),
    [
        # OpenAI's API reference and deprecations page
        ("dall-e-2", dt.date(2026, 5, 12)),
        ("dall-e-3", dt.date(2026, 5, 12)),
        ("gpt-image-1", dt.date(2026, 10, 23)),
        ("gpt-image-1.5", dt.date(2026, 12, 1)),
        ("gpt-image-1-mini", dt.date(2026, 12, 1)),
        # Google's Imagen migration guide; Google's deprecations table (as copied)
        ("imagen-4.0-generate-001", dt.date(2026, 8, 17)),
        ("imagen-3.0-generate-002", dt.date(2026, 8, 17)),
        ("gemini-2.5-flash-image", dt.date(2026, 10, 2)),
    ],
)
def test_published_retirement_dates(model, retired_on):
    entry = CATALOG.get(model)
    assert entry.lifecycle.retired_on == retired_on
    assert CATALOG.status(entry, retired_on) == "retired"
    assert CATALOG.status(entry, retired_on - dt.timedelta(days=1)) != "retired"


@pytest.mark.parametrize("entry", [m for m in CATALOG.models if "/" in m.id], ids=lambda m: m.id)
def test_a_reseller_without_dates_of_its_own_follows_its_family(entry):
    if entry.lifecycle is None:
        assert CATALOG.lifecycle_of(entry) is CATALOG.get(entry.family).lifecycle
    else:
        # a reseller keeps its own lifecycle only to say something the vendor's does not
        assert entry.lifecycle != CATALOG.get(entry.family).lifecycle


@pytest.mark.parametrize("entry", [m for m in CATALOG.models if "/" in m.id], ids=lambda m: m.id)
def test_a_reseller_entry_names_the_family_it_sells(entry):
    assert entry.family, "a reseller's entry must name its model family"
    assert entry.family in CATALOG.by_id, "the family should be a model in the catalog"
    assert CATALOG.get(entry.family).vendor == entry.vendor
    assert entry.provider != entry.vendor


@pytest.mark.parametrize(
    ("model", "text_in", "cached_text_in", "image_in", "cached_image_in", "image_out"),
    [
        # USD per 1M tokens, PRICING-NOTES' OpenAI table
        ("gpt-image-1", "5.00", "1.25", "10.00", "2.50", "40.00"),
        ("gpt-image-1-mini", "2.00", "0.20", "2.50", "0.25", "8.00"),
        ("gpt-image-1.5", "5.00", "1.25", "8.00", "2.00", "32.00"),
        ("gpt-image-2", "5.00", "1.25", "8.00", "2.00", "30.00"),
    ],
)
def test_openai_token_rates(model, text_in, cached_text_in, image_in, cached_image_in, image_out):
    entry = CATALOG.get(model)
    r = entry.pricing.rates
    assert (r.text_in, r.cached_text_in, r.image_in, r.cached_image_in, r.image_out) == tuple(
        Decimal(v) for v in (text_in, cached_text_in, image_in, cached_image_in, image_out)
    )
    assert entry.batch is not None and entry.batch.discount == Decimal("0.5")


PRICE_KEYS = {
    "usd",
    "text_in",
    "cached_text_in",
    "image_in",
    "cached_image_in",
    "image_out",
    "text_out",
    "first_mp_usd",
    "extra_mp_usd",
    "input_mp_usd",
    "edit_first_mp_usd",
    "edit_extra_mp_usd",
    "monthly_usd",
    "extra_hour_usd",
    "discount",
}


def price_values(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from price_values(v, k if key is None or key not in PRICE_KEYS else key)
    elif isinstance(node, list):
        for v in node:
            yield from price_values(v, key)
    elif key in PRICE_KEYS:
        yield key, node


def test_prices_are_written_as_strings_so_they_are_never_re_rounded():
    values = list(price_values(RAW["models"]))
    assert len(values) > 100
    bad = [(k, v) for k, v in values if not isinstance(v, str)]
    assert not bad


@pytest.mark.parametrize(
    "entry", [m for m in CATALOG.models if isinstance(m.sizes, SizeList)], ids=lambda m: m.id
)
def test_every_offered_size_has_a_price_at_every_quality(entry):
    for size in entry.sizes.sizes:
        for quality in ("low", "medium", "high"):
            est = one_image(entry.id, size, quality)
            assert est.total_usd is not None, (size, quality, [str(n) for n in est.all_notices])


@pytest.mark.parametrize("entry", CATALOG.models, ids=lambda m: m.id)
def test_every_model_prices_a_1024_square_or_its_first_size(entry):
    size = entry.sizes.sizes[0] if isinstance(entry.sizes, SizeList) else "1024x1024"
    assert entry.accepts(Size.parse(size))
    assert one_image(entry.id, size).total_usd is not None
