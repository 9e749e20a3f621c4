"""Peers' price data beside ImgCost's catalog: read, compare, pick what to keep.

Three kinds of file are read (``read_price_file``): LiteLLM's
``model_prices_and_context_window.json``, genai-prices' ``data.json`` (or the
installed package's data, ``installed_genai_prices``), and an ImgCost catalog
(a team's own, validated as a ``PriceCatalog``). Each becomes ``PeerData``:
points keyed the way the catalog keys its prices (``prices.price_fields``).
``diff_catalog`` lists what the peer would change, one row per change with a
stable id; ``apply_rows`` keeps the chosen rows as an ``UpdatedLayer``.

Mapping rules
-------------

Token prices. LiteLLM prices per token: x 1e6 gives $ per 1M tokens.
``input_cost_per_token`` -> ``text_in``, ``cache_read_input_token_cost`` ->
``cached_text_in``, ``input_cost_per_image_token`` -> ``image_in``,
``cache_read_input_image_token_cost`` -> ``cached_image_in``,
``output_cost_per_image_token`` -> ``image_out``, ``output_cost_per_token`` ->
``text_out``. genai-prices is already per 1M: ``input_mtok``,
``cache_read_mtok``, ``input_image_mtok``, ``cache_image_read_mtok``,
``output_image_mtok``; its ``output_mtok`` is ``text_out`` beside an
``output_image_mtok`` and ``image_out`` for the GPT Image models, which it
files that way. A peer with no image-input rate bills image input at its text
rate: that implied ``image_in`` is compared, never listed when we lack it.
A tiered genai-prices price is read at its base tier.

Per-image prices. LiteLLM keys like ``high/1024-x-1536/gpt-image-1`` (quality,
size, model; a provider prefix before them) give the cell
``1024x1536/high``; the price is ``output_cost_per_image``, for OpenAI, Azure
OpenAI and xAI ``input_cost_per_image``, or a price per pixel times the
pixels. ``output_cost_per_image_1K`` etc. are tier cells (``1K``); a flat
``output_cost_per_image`` is the cell ``image``. For a token-priced model our
per-image figure is derived (tokens of that size and quality x ``image_out``;
for Gemini the lowest tier's tokens, without thinking tokens) and only
checked, never overwritten. Gemini's ``input_cost_per_image`` is checked
against our input rule for a 1024x1024 image. Diffusion-step prices,
``max-x-max`` sizes and edit endpoints are skipped with the reason.

Batch. LiteLLM's ``*_batches`` keys and genai-prices' ``price_variants`` with
``when: {"processing": "batch"}`` give batch prices; the discount agrees when
every meter's standard price x (1 - our discount) rounds to the peer's batch
price (0.63 for 1.25 x 0.5). The variant's start date is when genai-prices
began recording batch prices, not a price change, and is not used.

Hosts. A LiteLLM provider (``litellm_provider``) or genai-prices provider
that is not the vendor maps to an ImgCost id prefix: ``azure``/``azure_ai`` ->
``azure/``, ``vertex_ai`` -> ``vertex/``, ``bedrock`` -> ``bedrock/``,
``fal_ai`` -> ``fal/``, genai's ``aws`` -> ``bedrock/``, others their own
name. Prices go to the catalog's entry for that host (``azure/gpt-image-2``,
which names its ``family``); without one, a host selling a model the catalog
has becomes a new entry built on the vendor's. fal's OpenAI models bill at
OpenAI's prices, so they are also checked against OpenAI's entry. Databricks
(DBU conversions) and Fireworks (per-step prices) are skipped with the reason.
Names are lower-cased; host path parts (``fal-ai/``, ``openai/``,
``/text-to-image``) are dropped and ``/v1.1`` becomes ``-1.1``. A dated
snapshot (``-2025-12-16``, ``-20260403``, ``-latest``) is skipped when the
file lists the undated model. genai-prices' ``equals`` match values are
aliases (``gemini-3-pro-image-preview`` is ``gemini-3-pro-image``).

Dates. genai-prices' dated prices (``constraint.start_date``) become
``effective`` dates: the price in force on the day compared is checked, and a
later one is proposed as a dated change. LiteLLM's ``deprecation_date`` is
the shutdown day (``retired_on``); genai-prices' ``deprecated: true`` is the
status "deprecated". A model missing from a peer is never retired: LiteLLM
dropped DALL-E and Imagen 4, which says nothing about them.

Rounding: see ``compare.agrees``.
"""

from .compare import Comparison, agrees, compare
from .diff import (
    CatalogDiff,
    CheckRow,
    LifecycleRow,
    NewModelRow,
    NotMappable,
    PriceRow,
    Unmapped,
    diff_catalog,
    render_text,
)
from .genai import installed_genai_prices
from .jsonfile import MAX_BYTES, MAX_DEPTH
from .layer import LayerSource, ModelUpdate, UnknownRows, UpdatedLayer, apply_rows
from .litellm import installed_litellm_file
from .points import PeerData, PeerModel, PeerPoint
from .reading import catalog_peer, read_price_file

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "CatalogDiff",
    "CheckRow",
    "Comparison",
    "LayerSource",
    "LifecycleRow",
    "ModelUpdate",
    "NewModelRow",
    "NotMappable",
    "PeerData",
    "PeerModel",
    "PeerPoint",
    "PriceRow",
    "UnknownRows",
    "Unmapped",
    "UpdatedLayer",
    "agrees",
    "apply_rows",
    "catalog_peer",
    "compare",
    "diff_catalog",
    "installed_genai_prices",
    "installed_litellm_file",
    "read_price_file",
    "render_text",
]
