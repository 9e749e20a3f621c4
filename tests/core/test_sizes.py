"""Which sizes a model accepts, and what the user is told when it does not.

gpt-image-2 (OpenAI guide): both edges multiples of 16, longest edge <= 3840,
aspect ratio <= 3:1, 655,360 to 8,294,400 pixels; above 2560x1440 (3,686,400
pixels) outputs are experimental. The gpt-image-1 family takes 1024x1024,
1024x1536 and 1536x1024 only.
"""

import pytest

from imgcost_gui.core import Size

from .helpers import CATALOG, codes, notice, one_image

GPT2 = CATALOG.get("gpt-image-2")


@pytest.mark.parametrize(
    "size",
    [
        "1024x1024",
        "1536x1024",
        "1024x1536",
        "1024x640",  # 655,360 px: exactly the minimum
        "3840x1280",  # longest edge 3840 and exactly 3:1
        "1280x3840",
        "3840x2160",  # 8,294,400 px: exactly the maximum
        "2560x1440",
    ],
)
def test_gpt_image_2_accepts_sizes_within_its_rules(size):
    assert GPT2.sizes.check(Size.parse(size)).supported
    assert one_image("gpt-image-2", size).total_usd is not None


@pytest.mark.parametrize(
    ("size", "why"),
    [
        ("1000x1000", "multiples of 16"),
        ("1032x1024", "multiples of 16"),  # 1032 = 64.5 * 16
        ("3856x1296", "at most 3840"),
        ("3072x1008", "3:1"),  # 3.05:1
        ("800x800", "at least 655,360"),  # 640,000 px
        ("3840x2176", "at most 8,294,400"),  # 8,355,840 px
    ],
)
def test_gpt_image_2_refuses_sizes_outside_its_rules_and_says_why(size, why):
    check = GPT2.sizes.check(Size.parse(size))
    assert not check.supported
    assert why in check.reason


def test_experimental_notice_starts_just_above_2560x1440():
    # 2560x1456 = 3,727,360 px > 3,686,400 px
    assert "experimental_size" in codes(one_image("gpt-image-2", "2560x1456"))
    assert "experimental_size" not in codes(one_image("gpt-image-2", "2560x1440"))
    big = one_image("gpt-image-2", "3840x2160", "low")
    assert big.total_usd is not None
    assert notice(big, "experimental_size").severity != "error"


@pytest.mark.parametrize("model", ["gpt-image-1", "gpt-image-1.5", "gpt-image-1-mini"])
def test_gpt_image_1_family_takes_three_sizes(model):
    entry = CATALOG.get(model)
    for size in ("1024x1024", "1024x1536", "1536x1024"):
        assert entry.accepts(Size.parse(size))
    # DALL-E 3's wide sizes are not gpt-image-1 sizes (a known wrong claim).
    for size in ("1792x1024", "1024x1792", "512x512", "2048x2048"):
        assert not entry.accepts(Size.parse(size))


@pytest.mark.parametrize(
    ("model", "size"),
    [
        ("gpt-image-1", "1792x1024"),
        ("gpt-image-1.5", "512x512"),
        ("dall-e-3", "1536x1024"),
        ("gpt-image-2", "1000x1000"),
        ("gpt-image-2", "512x512"),
        ("gpt-image-2", "4096x4096"),
        ("gpt-image-2", "3840x1000"),
        ("flux-pro-1.1", "2048x2048"),
        ("stable-image-core", "1000x700"),
    ],
)
def test_unsupported_size_has_no_total_and_names_accepted_nearest_sizes(model, size):
    est = one_image(model, size)
    assert est.total_usd is None
    assert est.per_image_usd is None
    assert not est.complete
    err = notice(est, "unsupported_size")
    assert err.severity == "error"
    assert est.worst_severity == "error"
    nearest = CATALOG.get(model).sizes.check(Size.parse(size)).nearest
    assert nearest
    for near in nearest:
        assert str(near) in err.message
        # Every suggestion must itself be priced when the user picks it.
        assert CATALOG.get(model).accepts(near)
        assert one_image(model, str(near)).total_usd is not None


def test_a_dall_e_3_size_on_gpt_image_1_suggests_the_landscape_size_first():
    # 1792x1024 is wide; of 1024x1024, 1024x1536, 1536x1024 the closest shape is 1536x1024.
    nearest = CATALOG.get("gpt-image-1").sizes.check(Size(1792, 1024)).nearest
    assert nearest[0] == Size(1536, 1024)


def test_gpt_image_2_suggestions_for_a_small_square_stay_square():
    # 512x512 is below 655,360 px: the suggestions are squares of at least 816x816
    # (810 px would be the exact root of 655,360; 816 is the next multiple of 16).
    nearest = GPT2.sizes.check(Size(512, 512)).nearest
    assert nearest[0].square
    assert all(n.pixels >= 655_360 for n in nearest)


@pytest.mark.parametrize(
    ("model", "size"),
    [
        ("flux-pro-1.1", "200x200"),  # below the 256 px minimum edge, not a multiple of 32
        ("midjourney", "200x200"),  # below the 256 px minimum edge
        ("gemini-3-pro-image", "128x128"),  # below the 256 px minimum edge
    ],
)
def test_too_small_images_still_get_a_suggestion(model, size):
    check = CATALOG.get(model).sizes.check(Size.parse(size))
    assert not check.supported
    assert check.nearest, "the user is told the size is refused but not what to use instead"
    assert all(CATALOG.get(model).accepts(n) for n in check.nearest)


@pytest.mark.parametrize("text", ["1536x1024", "1536X1024", " 1536 x 1024 ", "1536×1024"])
def test_size_text_forms(text):
    assert Size.parse(text) == Size(1536, 1024)


@pytest.mark.parametrize("text", ["1536", "1536x", "wide", "0x1024", "-5x10"])
def test_bad_size_text_is_refused_with_an_example(text):
    with pytest.raises(ValueError, match="1536x1024|positive"):
        Size.parse(text)
