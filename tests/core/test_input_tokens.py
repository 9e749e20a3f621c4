"""Reference images sent with edits: how many input tokens they bill.

OpenAI's vision guide for the GPT Image family: fit inside 2048x2048, scale so
the shortest side is 512 px, tiles = ceil(w/512) * ceil(h/512), tokens = 65 +
129 * tiles; input_fidelity="high" adds 4160 (square) or 6240 (otherwise);
gpt-image-2 always works at high fidelity. Measured tokens from usage logs
replace the estimate.
"""

import pytest

from imgcost_gui.core import ReferenceImages, Size
from imgcost_gui.core.tokens import gemini_input_tokens, tile_input_tokens

from .helpers import CATALOG, codes, notice, one_image

TILES = CATALOG.get("gpt-image-1").pricing.input_images


@pytest.mark.parametrize(
    ("w", "h", "tokens"),
    [
        (1024, 1024, 194),  # -> 512x512, 1 tile: 65 + 129
        (1024, 1536, 323),  # -> 512x768, 1x2 tiles: 65 + 2*129
        (1536, 1024, 323),
        (4096, 4096, 194),  # fit 2048x2048 -> 512x512, 1 tile
        (4096, 1024, 581),  # fit 2048x512, short side already 512 -> 4x1 tiles: 65 + 4*129
        (2048, 4096, 323),  # fit 1024x2048 -> 512x1024, 1x2 tiles
        (3000, 2000, 323),  # -> 768x512: 2x1 tiles
    ],
)
def test_tile_rule_by_hand(w, h, tokens):
    assert tile_input_tokens(TILES, Size(w, h), high_fidelity=False) == tokens


@pytest.mark.parametrize(
    ("w", "h", "tokens"),
    [
        (1024, 1024, 194 + 4160),  # square
        (1024, 1536, 323 + 6240),  # portrait
        (1536, 1024, 323 + 6240),  # landscape
    ],
)
def test_high_fidelity_adds_the_published_amount(w, h, tokens):
    assert tile_input_tokens(TILES, Size(w, h), high_fidelity=True) == tokens


def edit(model, *, count=1, w=1024, h=1024, **kw):
    refs = ReferenceImages(
        count=count,
        width=w,
        height=h,
        high_fidelity=kw.pop("high_fidelity", False),
        measured_tokens=kw.pop("measured_tokens", None),
    )
    return one_image(model, "1024x1024", "medium", mode="edit", references=refs, **kw)


def test_an_edit_on_gpt_image_1_bills_the_reference_at_the_image_input_rate():
    # 194 tokens at $10/M = $0.00194 on top of the $0.04224 output
    st = edit("gpt-image-1").stages[0]
    assert st.input_image_tokens_per_request == 194
    assert st.meter("image_in").usd == pytest.approx(194 * 10 / 1e6)
    assert st.total_usd == pytest.approx(194 * 10 / 1e6 + 1056 * 40 / 1e6)
    assert "estimated_input_tokens" in codes(edit("gpt-image-1"))


def test_two_references_bill_twice_and_high_fidelity_portrait_adds_6240_each():
    # 2 * (323 + 6240) = 13126 tokens at $10/M
    st = edit("gpt-image-1", count=2, w=1024, h=1536, high_fidelity=True).stages[0]
    assert st.input_image_tokens_per_request == 13126
    assert st.meter("image_in").usd == pytest.approx(13126 * 10 / 1e6)


@pytest.mark.parametrize(("w", "h", "tokens"), [(1024, 1024, 194 + 4160), (1024, 1536, 323 + 6240)])
def test_gpt_image_2_always_adds_high_fidelity(w, h, tokens):
    # The parameter cannot be set on gpt-image-2: even high_fidelity=False bills it.
    st = edit("gpt-image-2", w=w, h=h, high_fidelity=False).stages[0]
    assert st.input_image_tokens_per_request == tokens
    assert st.meter("image_in").usd == pytest.approx(tokens * 8 / 1e6)  # $8/M image input


def test_measured_tokens_replace_the_estimate():
    est = edit("gpt-image-1", count=3, measured_tokens=1500)
    st = est.stages[0]
    assert st.input_image_tokens_per_request == 1500
    assert st.input_tokens_measured
    assert st.meter("image_in").usd == pytest.approx(1500 * 10 / 1e6)
    assert "measured_tokens" in codes(est)
    assert "estimated_input_tokens" not in codes(est)


def test_cached_share_of_image_input_is_billed_at_the_cached_rate():
    # 1000 measured tokens, a quarter cached: 750 at $10/M + 250 at $2.50/M
    st = edit("gpt-image-1", measured_tokens=1000, cached_image_share=0.25).stages[0]
    assert st.meter("image_in").usd == pytest.approx(750 * 10 / 1e6)
    assert st.meter("cached_image_in").usd == pytest.approx(250 * 2.5 / 1e6)


def test_cached_share_of_prompt_text_is_billed_at_the_cached_rate():
    # gpt-image-1.5: 1000 prompt tokens, half cached: 500 at $5/M + 500 at $1.25/M
    st = one_image("gpt-image-1.5", prompt_tokens=1000, cached_text_share=0.5).stages[0]
    assert st.meter("text_in").usd == pytest.approx(500 * 5 / 1e6)
    assert st.meter("cached_text_in").usd == pytest.approx(500 * 1.25 / 1e6)


def test_an_edit_without_references_is_pointed_out():
    est = one_image("gpt-image-1.5", mode="edit")
    assert "no_references" in codes(est)


def test_a_model_that_cannot_edit_is_not_priced_for_an_edit_stage():
    est = edit("dall-e-3")
    assert "no_edits" in codes(est)
    assert est.total_usd is None  # it cannot run the stage, so it is not ranked on it
    assert "cannot edit images" in notice(est, "no_edits").message


@pytest.mark.parametrize(
    ("w", "h", "tokens"),
    [
        (384, 384, 258),  # both edges <= 384: one flat 258-token image
        (1024, 1024, 4 * 258),  # 768 px tiles: 2 x 2
        (1536, 768, 2 * 258),
    ],
)
def test_gemini_reference_image_tokens(w, h, tokens):
    rule = CATALOG.get("gemini-2.5-flash-image").pricing.input_images
    assert gemini_input_tokens(rule, Size(w, h)) == tokens


def test_gemini_edit_bills_its_reference_at_0_30_per_million():
    st = edit("gemini-2.5-flash-image").stages[0]
    assert st.meter("image_in").usd == pytest.approx(1032 * 0.30 / 1e6)


def test_flux_2_bills_each_reference_megapixel():
    # FLUX.2 [pro]: output 1 MP $0.03 + two 1536x1024 references of 2 started MP each at $0.015
    st = edit("flux-2-pro", count=2, w=1536, h=1024).stages[0]
    assert st.meter("image_in").usd == pytest.approx(2 * 2 * 0.015)
    assert st.total_usd == pytest.approx(0.03 + 0.06)


@pytest.mark.parametrize(
    "model",
    [
        "gpt-image-2",
        "flux-2-pro",
        "gemini-2.5-flash-image",
    ],
)
def test_a_generation_without_references_bills_no_reference_input(model):
    # Measured tokens left over from an edit must not be billed once the stage
    # is switched back to plain generation with no reference image.
    refs = ReferenceImages(count=0, measured_tokens=5000)
    st = one_image(model, "1024x1024", "medium", mode="generate", references=refs).stages[0]
    assert st.meter("image_in") is None or st.meter("image_in").usd == 0


def test_measured_input_tokens_apply_to_the_family_they_were_measured_on():
    # 900 measured tokens on gpt-image-2, at $8/M image input = $0.0072 a request;
    # FLUX.2 [pro] bills reference megapixels, and GPT Image 1.5 keeps its tile estimate.
    refs = ReferenceImages(count=1, measured_tokens=900, measured_on="gpt-image-2")
    gpt2 = one_image("gpt-image-2", mode="edit", references=refs).stages[0]
    assert gpt2.input_image_tokens_per_request == 900
    assert gpt2.meter("image_in").usd == pytest.approx(900 * 8 / 1e6)
    other = one_image("gpt-image-1.5", mode="edit", references=refs)
    # 1024x1024 by the tile rule: shrunk to 512x512, one tile: 65 + 129 = 194 tokens.
    assert other.stages[0].input_image_tokens_per_request == 194
    assert "measured_elsewhere" in codes(other)
