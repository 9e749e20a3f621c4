"""Per-image prices a user can check against the vendors' own price tables.

Each scenario is one request for one image with no prompt text, so the price
per image is the image-output price alone. Expected values are the vendors'
published figures (see shared/PRICING-NOTES.md), at their printed precision.
"""

import pytest

from imgcost_gui.core.scenario import ReferenceImages

from .helpers import assert_published, codes, one_image

SQUARE, PORTRAIT, LANDSCAPE = "1024x1024", "1024x1536", "1536x1024"

# OpenAI's image-generation guide, models before gpt-image-2; output billed at
# $40/M (gpt-image-1) and $32/M (gpt-image-1.5) from the token table
# 272/1056/4160 (square), 408/1584/6240 (portrait), 400/1568/6208 (landscape).
GPT_IMAGE_1 = {
    (SQUARE, "low"): "0.011",
    (SQUARE, "medium"): "0.042",
    (SQUARE, "high"): "0.167",
    (PORTRAIT, "low"): "0.016",
    (PORTRAIT, "medium"): "0.063",
    (PORTRAIT, "high"): "0.25",
    (LANDSCAPE, "low"): "0.016",
    (LANDSCAPE, "medium"): "0.063",
    (LANDSCAPE, "high"): "0.25",
}
GPT_IMAGE_1_5 = {
    (SQUARE, "low"): "0.009",
    (SQUARE, "medium"): "0.034",
    (SQUARE, "high"): "0.133",
    (PORTRAIT, "low"): "0.013",
    (PORTRAIT, "medium"): "0.05",
    (PORTRAIT, "high"): "0.2",
    (LANDSCAPE, "low"): "0.013",
    (LANDSCAPE, "medium"): "0.05",
    (LANDSCAPE, "high"): "0.2",
}
# OpenAI pricing page for gpt-image-2: the non-square sizes are the cheaper ones.
GPT_IMAGE_2 = {
    (SQUARE, "low"): "0.006",
    (SQUARE, "medium"): "0.053",
    (SQUARE, "high"): "0.211",
    (PORTRAIT, "low"): "0.005",
    (PORTRAIT, "medium"): "0.041",
    (PORTRAIT, "high"): "0.165",
    (LANDSCAPE, "low"): "0.005",
    (LANDSCAPE, "medium"): "0.041",
    (LANDSCAPE, "high"): "0.165",
}
# gpt-image-1-mini's official per-image prices (the token table at $8/M does
# not reproduce them, so the catalog ships these prices directly).
GPT_IMAGE_1_MINI = {
    (SQUARE, "low"): "0.005",
    (SQUARE, "medium"): "0.011",
    (SQUARE, "high"): "0.036",
    (PORTRAIT, "low"): "0.006",
    (PORTRAIT, "medium"): "0.015",
    (PORTRAIT, "high"): "0.052",
    (LANDSCAPE, "low"): "0.006",
    (LANDSCAPE, "medium"): "0.015",
    (LANDSCAPE, "high"): "0.052",
}

OPENAI_TABLES = [
    (model, size, quality, price)
    for model, table in [
        ("gpt-image-1", GPT_IMAGE_1),
        ("gpt-image-1.5", GPT_IMAGE_1_5),
        ("gpt-image-2", GPT_IMAGE_2),
        ("gpt-image-1-mini", GPT_IMAGE_1_MINI),
    ]
    for (size, quality), price in table.items()
]


@pytest.mark.parametrize(("model", "size", "quality", "price"), OPENAI_TABLES)
def test_openai_gpt_image_prices_match_published_table(model, size, quality, price):
    est = one_image(model, size, quality)
    assert est.complete
    assert_published(est.per_image_usd, price)


@pytest.mark.parametrize(
    ("size", "quality", "tokens"),
    [
        (SQUARE, "low", 272),
        (SQUARE, "medium", 1056),
        (SQUARE, "high", 4160),
        (PORTRAIT, "low", 408),
        (PORTRAIT, "medium", 1584),
        (PORTRAIT, "high", 6240),
        (LANDSCAPE, "low", 400),
        (LANDSCAPE, "medium", 1568),
        (LANDSCAPE, "high", 6208),
    ],
)
@pytest.mark.parametrize("model", ["gpt-image-1", "gpt-image-1.5"])
def test_gpt_image_1_family_reports_the_published_token_count(model, size, quality, tokens):
    assert one_image(model, size, quality).output_tokens_per_image == tokens


# DALL-E 3: standard $0.04 (1024x1024), $0.08 (1024x1792, 1792x1024); HD $0.08 / $0.12.
# ImgCost's low and medium are billed as standard, high as HD.
@pytest.mark.parametrize(
    ("size", "quality", "price"),
    [
        ("1024x1024", "low", "0.04"),
        ("1024x1024", "medium", "0.04"),
        ("1024x1024", "high", "0.08"),
        ("1024x1792", "low", "0.08"),
        ("1024x1792", "medium", "0.08"),
        ("1024x1792", "high", "0.12"),
        ("1792x1024", "medium", "0.08"),
        ("1792x1024", "high", "0.12"),
    ],
)
def test_dall_e_3_standard_and_hd_prices(size, quality, price):
    est = one_image("dall-e-3", size, quality)
    assert_published(est.per_image_usd, price)


def test_dall_e_3_says_which_vendor_quality_it_billed():
    est = one_image("dall-e-3", "1024x1024", "high")
    assert est.stages[0].quality == "hd"
    assert "quality_mapped" in codes(est)


@pytest.mark.parametrize(
    ("size", "price"), [("256x256", "0.016"), ("512x512", "0.018"), ("1024x1024", "0.02")]
)
def test_dall_e_2_prices(size, price):
    assert_published(one_image("dall-e-2", size).per_image_usd, price)


def test_gemini_2_5_flash_image_is_0_039_per_image():
    # Google: $30/M output tokens, 1290 tokens per image up to 1024x1024 = $0.039.
    est = one_image("gemini-2.5-flash-image")
    assert est.output_tokens_per_image == 1290
    assert_published(est.per_image_usd, "0.039")


def test_gemini_2_5_flash_image_batch_is_0_0195_per_image():
    assert_published(one_image("gemini-2.5-flash-image", batch=True).per_image_usd, "0.0195")


@pytest.mark.parametrize(
    ("size", "tier", "price"),
    [
        # 1K and 2K images are 1120 tokens at $120/M ($0.134); 4K is 2000 tokens ($0.24).
        ("1024x1024", "1K", "0.134"),
        ("2048x2048", "2K", "0.134"),
        ("4096x4096", "4K", "0.24"),
    ],
)
def test_gemini_3_pro_image_output_by_tier(size, tier, price):
    est = one_image("gemini-3-pro-image", size)
    st = est.stages[0]
    assert st.tier == tier
    assert_published(st.meter("image_out").usd, price)
    # The catalog also bills ~800 thinking tokens per image at $12/M:
    # 800 * 12 / 1e6 = $0.0096, on its own line so it can be told apart.
    assert st.meter("thinking").usd == pytest.approx(0.0096)


@pytest.mark.parametrize(
    ("model", "price"),
    [
        # Google's Gemini API pricing page.
        ("imagen-4.0-fast-generate-001", "0.02"),
        ("imagen-4.0-generate-001", "0.04"),
        ("imagen-4.0-ultra-generate-001", "0.06"),
        ("imagen-3.0-generate-002", "0.03"),
        # Black Forest Labs (1 credit = $0.01).
        ("flux-pro-1.1", "0.04"),
        ("flux-pro-1.1-ultra", "0.06"),
        ("flux-kontext-pro", "0.04"),
        ("flux-kontext-max", "0.08"),
        ("flux-pro-1.0-fill", "0.05"),
        # Stability AI: 8 / 3 / 6.5 / 4 / 3.5 credits at $0.01.
        ("stable-image-ultra", "0.08"),
        ("stable-image-core", "0.03"),
        ("sd3.5-large", "0.065"),
        ("sd3.5-large-turbo", "0.04"),
        ("sd3.5-medium", "0.035"),
        # Resellers' flat prices.
        ("gptimage2/gpt-image-1", "0.034"),
        ("gptimage2/gpt-image-1.5", "0.013"),
        ("hiapi/gpt-image-2-beta", "0.02"),
        ("hiapi/gpt-image-1.5", "0.05"),
    ],
)
@pytest.mark.parametrize("quality", ["low", "high"])
def test_flat_per_image_prices_whatever_the_quality(model, price, quality):
    assert_published(one_image(model, "1024x1024", quality).per_image_usd, price)


@pytest.mark.parametrize(
    ("size", "tier", "price"),
    [
        # hiapi: 1K $0.03, 2K ~$0.04, 4K $0.06; 1536x1024 is still 1K, 2048x2048 is 2K.
        ("1024x1024", "1K", "0.03"),
        ("1536x1024", "1K", "0.03"),
        ("2048x2048", "2K", "0.04"),
        ("3840x2160", "4K", "0.06"),
    ],
)
def test_reseller_gpt_image_2_prices_by_resolution_tier(size, tier, price):
    est = one_image("hiapi/gpt-image-2", size)
    assert est.stages[0].tier == tier
    assert_published(est.per_image_usd, price)


@pytest.mark.parametrize(
    ("model", "size", "price"),
    [
        # FLUX.2 [pro]: $0.03 for the first megapixel, $0.015 per extra one;
        # a started megapixel (1024*1024 px) counts as whole.
        ("flux-2-pro", "1024x1024", 0.03),  # exactly 1 MP
        ("flux-2-pro", "1536x1024", 0.045),  # 1.5 MP -> 2 MP: 0.03 + 0.015
        ("flux-2-pro", "2048x2048", 0.075),  # 4 MP: 0.03 + 3 * 0.015
        # FLUX.2 [max]: $0.07 first megapixel + $0.03 per extra one.
        ("flux-2-max", "1024x1024", 0.07),
        ("flux-2-max", "1536x1024", 0.10),  # 0.07 + 0.03
        ("flux-2-max", "2048x2048", 0.16),  # 0.07 + 3 * 0.03
    ],
)
def test_flux_2_prices_per_megapixel(model, size, price):
    assert one_image(model, size).per_image_usd == pytest.approx(price)


def test_flux_2_pro_smallest_edit_is_bfls_from_price():
    # BFL: FLUX.2 [pro] edits "from $0.045" = first output MP $0.03 + one 1 MP
    # reference at $0.015; the catalog's generation formula already bills that.
    refs = ReferenceImages(count=1, width=1024, height=1024)
    est = one_image("flux-2-pro", "1024x1024", mode="edit", references=refs)
    assert est.per_image_usd == pytest.approx(0.045)


@pytest.mark.parametrize(
    ("model", "price"),
    [
        # Recraft API reference (1,000 units = $1): V3 raster 40 units, vector 80, V2 22.
        ("recraft-v3", "0.04"),
        ("recraft-v3-vector", "0.08"),
        ("recraft-v2", "0.022"),
        # Black Forest Labs (LiteLLM's copy of bfl.ai/pricing).
        ("flux-pro-1.0-expand", "0.05"),
        ("flux-dev", "0.025"),
        # xAI, Runway, Alibaba, Tencent, Meta, Amazon (LiteLLM, secondary).
        ("grok-imagine-image", "0.02"),
        ("runway-gen4-image-turbo", "0.02"),
        ("qwen-image-3.0", "0.03"),
        ("qwen-image-2.0", "0.035"),
        ("qwen-image-2.0-pro", "0.075"),
        ("seedream-5.0-flash", "0.018"),
        ("seedream-5.0-lite", "0.035"),
        ("seedream-5.0-pro", "0.09"),
        ("muse-image-1.0", "0.01"),
        ("amazon.nova-canvas-v1", "0.06"),
        ("amazon.titan-image-generator-v2", "0.008"),
        # Microsoft's MAI-Image-2.5 family on Azure AI Foundry.
        ("mai-image-2.5", "0.048"),
        ("mai-image-2.5-flash", "0.02"),
        ("mai-image-2.5-pro", "0.1085"),
        # Hosts whose price differs from the vendor's.
        ("bedrock/stable-image-ultra", "0.14"),
        ("bedrock/stable-image-core", "0.04"),
        ("bedrock/sd3.5-large", "0.08"),
        ("azure/flux-2-pro", "0.04"),
        ("vertex/imagen-3.0-generate-002", "0.04"),
    ],
)
def test_new_flat_per_image_prices(model, price):
    assert_published(one_image(model, "1024x1024").per_image_usd, price)


@pytest.mark.parametrize(
    ("model", "prices"),
    [
        # Ideogram's pricing guide (2026-11-16): 4.5 Low / Medium / High.
        ("ideogram-4.5", ("0.03", "0.06", "0.10")),
        # Ideogram's API pricing: Turbo / Default / Quality, billed as low / medium / high.
        ("ideogram-4.0", ("0.03", "0.06", "0.10")),
        ("ideogram-3.0", ("0.03", "0.06", "0.09")),
        ("ideogram-3.0-character", ("0.10", "0.15", "0.20")),
    ],
)
def test_ideogram_prices_by_quality(model, prices):
    for quality, price in zip(("low", "medium", "high"), prices, strict=True):
        assert_published(one_image(model, "1024x1024", quality).per_image_usd, price)


@pytest.mark.parametrize(
    ("model", "size", "tier", "price"),
    [
        # Gemini 3.1 Flash Image: 747 / 1,120 / 1,680 / 2,520 tokens at $60/M
        # = $0.04482 / $0.0672 / $0.1008 / $0.1512 (Google: $0.045 / $0.067 / $0.101 / $0.151).
        ("gemini-3.1-flash-image", "512x512", "512", "0.045"),
        ("gemini-3.1-flash-image", "1024x1024", "1K", "0.067"),
        ("gemini-3.1-flash-image", "2048x2048", "2K", "0.101"),
        ("gemini-3.1-flash-image", "4096x4096", "4K", "0.151"),
        ("vertex/gemini-3.1-flash-image", "1024x1024", "1K", "0.0672"),
        # Flash-Lite Image and Nano Banana 2.1: 1,120 tokens at $30/M = $0.0336.
        ("gemini-3.1-flash-lite-image", "1024x1024", "1K", "0.0336"),
        ("gemini-nano-banana-2.1", "1024x1024", "1K", "0.0336"),
        # fal's own prices for Google's models.
        ("fal/gemini-3-pro-image", "2048x2048", "2K", "0.15"),
        ("fal/gemini-3-pro-image", "4096x4096", "4K", "0.30"),
        ("fal/gemini-3.1-flash-image", "1024x1024", "1K", "0.08"),
        # xAI Grok Imagine Image Quality: 1K $0.05, 2K $0.07.
        ("grok-imagine-image-quality", "1024x1024", "1K", "0.05"),
        ("grok-imagine-image-quality", "2048x2048", "2K", "0.07"),
        # Runway Gen-4 Image: 5 credits at 720p, 8 at 1080p ($0.01 a credit).
        ("runway-gen4-image", "1024x1024", "720p", "0.05"),
        ("runway-gen4-image", "1920x1080", "1080p", "0.08"),
        # Qwen-Image 3.0 Pro: 1K $0.04, 2K $0.075.
        ("qwen-image-3.0-pro", "1024x1024", "1K", "0.04"),
        ("qwen-image-3.0-pro", "2048x2048", "2K", "0.075"),
    ],
)
def test_new_prices_by_resolution_tier(model, size, tier, price):
    est = one_image(model, size)
    assert est.stages[0].tier == tier
    assert_published(est.per_image_usd, price)


@pytest.mark.parametrize(
    ("size", "quality", "price"),
    [
        # Azure bills gpt-image-1-mini from the gpt-image-1 token table at $8/M
        # (LiteLLM's per-pixel prices): 272 -> $0.002176, 1056 -> $0.008448,
        # 4160 -> $0.03328, 408 -> $0.003264.
        ("1024x1024", "low", "0.002176"),
        ("1024x1024", "medium", "0.008448"),
        ("1024x1024", "high", "0.03328"),
        ("1024x1536", "low", "0.003264"),
    ],
)
def test_azure_gpt_image_1_mini_follows_the_token_table(size, quality, price):
    assert_published(one_image("azure/gpt-image-1-mini", size, quality).per_image_usd, price)
