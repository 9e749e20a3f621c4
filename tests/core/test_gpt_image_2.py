"""gpt-image-2 beyond the published sizes: its closed-form output-token rule.

    q = 16 / 48 / 96 for low / medium / high; L = long side, S = short side
    s = floor((2*q*S + L) / (2*L))
    tokens = ceil(q * s * (2_000_000 + W*H) / 4_000_000)

Output is billed at $30 per 1M tokens ($15 in batch). Each expected value is
worked out by hand in the test.
"""

import pytest

from imgcost_gui.core.sizes import Size
from imgcost_gui.core.tokens import gpt_image_2_output_tokens

from .helpers import CATALOG, codes, notice, one_image


def test_1024_square_low_is_196_tokens_as_openais_calculator_says():
    # q=16, s=floor((2*16*1024+1024)/2048)=floor(16.5)=16
    # tokens=ceil(16*16*(2_000_000+1_048_576)/4_000_000)=ceil(195.11)=196
    est = one_image("gpt-image-2", "1024x1024", "low")
    assert est.output_tokens_per_image == 196
    assert est.per_image_usd == pytest.approx(196 * 30 / 1e6)  # $0.00588


def test_2048_square_high():
    # q=96, s=floor((2*96*2048+2048)/4096)=floor(96.5)=96
    # tokens=ceil(96*96*(2_000_000+4_194_304)/4_000_000)=ceil(9216*1.548576)
    #       =ceil(14271.68)=14272 -> 14272*30/1e6 = $0.42816
    est = one_image("gpt-image-2", "2048x2048", "high")
    assert est.output_tokens_per_image == 14272
    assert est.per_image_usd == pytest.approx(0.42816)


def test_3840x1280_medium_is_priced_and_flagged_experimental():
    # q=48, L=3840, S=1280: s=floor((2*48*1280+3840)/7680)=floor(126720/7680)=floor(16.5)=16
    # W*H=4_915_200; tokens=ceil(48*16*6_915_200/4_000_000)=ceil(1327.72)=1328
    # 1328*30/1e6 = $0.03984; 4,915,200 px is above 2560x1440, so experimental.
    est = one_image("gpt-image-2", "3840x1280", "medium")
    assert est.output_tokens_per_image == 1328
    assert est.per_image_usd == pytest.approx(0.03984)
    assert "experimental" in notice(est, "experimental_size").message


def test_2560x1440_high_is_the_largest_size_not_called_experimental():
    # q=96, L=2560, S=1440: s=floor((276480+2560)/5120)=floor(54.5)=54
    # W*H=3_686_400; tokens=ceil(96*54*5_686_400/4_000_000)=ceil(7369.57)=7370
    est = one_image("gpt-image-2", "2560x1440", "high")
    assert est.output_tokens_per_image == 7370
    assert est.per_image_usd == pytest.approx(7370 * 30 / 1e6)
    assert "experimental_size" not in codes(est)


def test_a_larger_landscape_image_costs_fewer_tokens_than_a_square_one():
    # medium, 1024x1024: s=48, tokens=ceil(48*48*3_048_576/4e6)=ceil(1755.98)=1756
    # medium, 1536x1024: s=floor((98304+1536)/3072)=floor(32.5)=32,
    #         tokens=ceil(48*32*3_572_864/4e6)=ceil(1371.98)=1372
    square = one_image("gpt-image-2", "1024x1024", "medium")
    wide = one_image("gpt-image-2", "1536x1024", "medium")
    assert Size(1536, 1024).pixels > Size(1024, 1024).pixels
    assert (square.output_tokens_per_image, wide.output_tokens_per_image) == (1756, 1372)
    assert wide.per_image_usd < square.per_image_usd


@pytest.mark.parametrize(
    ("w", "h", "q", "tokens"),
    [
        # portrait and landscape bill the same: the rule only sees long and short sides
        # high 1024x1536: s=floor((196608+1536)/3072)=64, ceil(96*64*3_572_864/4e6)=ceil(5487.92)=5488
        (1024, 1536, 96, 5488),
        (1536, 1024, 96, 5488),
        # low 1536x1024: s=floor((32768+1536)/3072)=11, ceil(16*11*3_572_864/4e6)=ceil(157.21)=158
        (1536, 1024, 16, 158),
    ],
)
def test_token_rule_by_hand(w, h, q, tokens):
    assert gpt_image_2_output_tokens(Size(w, h), q) == tokens


def test_batch_halves_the_output_rate_to_15_per_million():
    # medium 1024x1024 = 1756 tokens at $15/M = $0.02634
    est = one_image("gpt-image-2", "1024x1024", "medium", batch=True)
    out = est.stages[0].meter("image_out")
    assert out.rate_usd_per_m == pytest.approx(15.0)
    assert est.per_image_usd == pytest.approx(0.02634)


def test_auto_quality_is_shown_as_a_range_not_a_guess():
    # auto priced as medium (1756 tokens) with low 196 and high 7024 tokens as bounds:
    # high 1024x1024: s=96, ceil(9216*0.762144)=ceil(7023.92)=7024
    est = one_image("gpt-image-2", "1024x1024", "auto")
    assert est.per_image_usd == pytest.approx(1756 * 30 / 1e6)
    assert est.low_usd == pytest.approx(196 * 30 / 1e6)
    assert est.high_usd == pytest.approx(7024 * 30 / 1e6)
    text = notice(est, "auto_quality").message
    assert "$0.006" in text and "$0.211" in text


GPT2_RULE_MODELS = [
    m.id
    for m in CATALOG.models
    if getattr(m.pricing, "output", None) and m.pricing.output.kind == "gpt-image-2"
]


@pytest.mark.parametrize("model", GPT2_RULE_MODELS)
def test_an_output_rule_no_source_states_is_told_as_an_assumption(model):
    rule = CATALOG.get(model).pricing.output
    est = one_image(model, "1024x1024", "medium")
    assert ("assumed_rule" in codes(est)) == rule.assumption


def test_the_gpt_image_2_5_ladder_is_derived_not_assumed():
    # PRICING-NOTES (2026-12-01): q = 16/24/48/64/96 reproduces all five published
    # 1024x1024 counts and fal's 1024x1536 prices, so 2.5 is no longer an assumption.
    for model in ("gpt-image-2.5-flare", "gpt-image-2.5-sunburst"):
        rule = CATALOG.get(model).pricing.output
        assert not rule.assumption
        assert dict(rule.quality_factor) == {
            "low": 16,
            "medium": 24,
            "high": 48,
            "xhigh": 64,
            "max": 96,
        }


def test_gpt_image_2_itself_is_not_called_an_assumption():
    assert "assumed_rule" not in codes(one_image("gpt-image-2"))
