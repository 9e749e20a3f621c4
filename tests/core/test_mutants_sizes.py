"""Tests that kill mutants of sizes.py that survived a mutation run: which sizes a
model accepts, and the nearest sizes an 'unsupported size' error suggests."""

from __future__ import annotations

import pytest

from imgcost_gui.core.sizes import Size

from .helpers import CATALOG


def check(model_id: str, size: str):
    return CATALOG.get(model_id).sizes.check(Size.parse(size))


def test_a_one_pixel_size_parses():
    assert Size.parse("1x1") == Size(1, 1)


@pytest.mark.parametrize(
    ("model_id", "size"), [("midjourney", "256x1024"), ("flux-2-pro", "64x64")]
)
def test_the_shortest_edge_allowed_is_accepted(model_id, size):
    assert check(model_id, size).supported


def test_among_same_shape_sizes_the_nearest_area_comes_first():
    # dall-e-2 takes 256, 512 and 1024 squares; 300x300 is nearest 256x256.
    assert check("dall-e-2", "300x300").nearest == (
        Size(256, 256),
        Size(512, 512),
        Size(1024, 1024),
    )


def test_the_shape_outweighs_the_area():
    # 700x1000 (ratio 0.7): 1024x1536 (0.667) is off by 0.05 in log-ratio (x4 = 0.20) and
    # 0.81 in log-area: 1.01; 1024x1024 is off by 0.36 (x4 = 1.43) and 0.40: 1.83.
    assert check("gpt-image-1", "700x1000").nearest[0] == Size(1024, 1536)


@pytest.mark.parametrize(
    ("model_id", "size"),
    [("gemini-2.5-flash-image", "5000x5000"), ("flux-2-pro", "9000x9000")],
)
def test_at_most_three_sizes_are_suggested(model_id, size):
    assert len(check(model_id, size).nearest) == 3


def _suggestions(size: str):
    found = check("flux-2-pro", size)
    assert not found.supported and found.nearest
    for s in found.nearest:
        assert check("flux-2-pro", str(s)).supported, f"{s} is suggested but refused"
    return found.nearest


@pytest.mark.parametrize(("size", "ratio"), [("3000x2000", 1.5), ("2000x5000", 0.4)])
def test_too_many_pixels_suggests_the_same_shape_at_the_most_pixels(size, ratio):
    # flux-2-pro takes at most 4,194,304 pixels, edges in multiples of 16.
    for s in _suggestions(size):
        assert s.width / s.height == pytest.approx(ratio, rel=0.03)
        assert s.pixels >= 0.95 * 4_194_304


def test_too_wide_suggests_the_widest_shape_allowed():
    # 5000x1000 is 5:1; flux-2-pro allows 4:1 and 4,194,304 pixels: 4096x1024.
    assert _suggestions("5000x1000")[0] == Size(4096, 1024)


def test_too_small_grows_to_the_shortest_edge_and_keeps_the_shape():
    # 10x20 (1:2) grows until its short edge is flux-2-pro's 64 px: 64x128.
    assert _suggestions("10x20")[0] == Size(64, 128)


def test_a_request_between_sizes_is_nearest_the_closer_area():
    # 900x900 is nearer 1024x1024 (log-area 0.26) than 512x512 (1.13).
    assert check("dall-e-2", "900x900").nearest[0] == Size(1024, 1024)


def test_too_tall_suggests_the_tallest_shape_allowed():
    # 1000x5000 is 1:5; flux-2-pro allows 1:4 and 4,194,304 pixels: 1024x4096.
    assert _suggestions("1000x5000")[0] == Size(1024, 4096)


def test_a_zero_edge_is_refused():
    with pytest.raises(ValueError, match="positive"):
        Size.parse("0x512")
