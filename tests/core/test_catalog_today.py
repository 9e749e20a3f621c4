"""What changed in the shipped catalog on 2026-12-01, checked against the vendors.

Expected figures are the vendors' published numbers or arithmetic written out
here by hand (see shared/PRICING-NOTES.md, "Added 2026-12-01"); none is copied
from the code's own output.
"""

import datetime as dt
import math

import pytest

from imgcost_gui.core import Scenario
from imgcost_gui.core.estimate import estimate
from imgcost_gui.core.scenario import ReferenceImages

from .helpers import CATALOG, assert_published, codes, notice, one_image, stage

TODAY = dt.date(2026, 12, 1)
GPT_2_5 = ["gpt-image-2.5-flare", "gpt-image-2.5-sunburst"]
LADDER = ("low", "medium", "high", "xhigh", "max")
Q = {"low": 16, "medium": 24, "high": 48, "xhigh": 64, "max": 96}


def on(model_id: str, day: dt.date, **stage_kw):
    """The one-model estimate of a one-image stage as of ``day``."""
    scenario = Scenario(stages=[stage(**stage_kw)])
    (result,) = estimate(scenario, CATALOG, [model_id], as_of=day)
    return result


# --- GPT Image 2.5: five quality levels -------------------------------------------------


@pytest.mark.parametrize("model", GPT_2_5)
@pytest.mark.parametrize(
    ("quality", "tokens"),
    # OpenAI's calculator values for 1024x1024 (mirrored); fal's prices agree.
    [("low", 196), ("medium", 439), ("high", 1_756), ("xhigh", 3_122), ("max", 7_024)],
)
def test_gpt_image_2_5_ladder_at_1024_square(model, quality, tokens):
    est = one_image(model, "1024x1024", quality)
    assert est.output_tokens_per_image == tokens
    # $30 per 1M output tokens: 196 -> $0.00588 ... 7,024 -> $0.21072
    assert est.per_image_usd == pytest.approx(tokens * 30 / 1_000_000)
    assert "assumed_rule" not in codes(est)


def closed_form(q: int, width: int, height: int) -> int:
    """gpt-image-2's output tokens, written out from PRICING-NOTES."""
    long, short = max(width, height), min(width, height)
    s = (2 * q * short + long) // (2 * long)
    return math.ceil(q * s * (2_000_000 + width * height) / 4_000_000)


@pytest.mark.parametrize("model", GPT_2_5)
@pytest.mark.parametrize("size", ["1024x1536", "1536x1024"])
@pytest.mark.parametrize(
    ("quality", "tokens"),
    [
        # L=1536, S=1024, (2_000_000 + 1_572_864) / 4_000_000 = 0.893216
        ("low", 158),  # s=floor((32768+1536)/3072)=11; ceil(176*0.893216)=ceil(157.21)
        ("medium", 343),  # s=floor((49152+1536)/3072)=16; ceil(384*0.893216)=ceil(342.99)
        ("high", 1_372),  # s=floor((98304+1536)/3072)=32; ceil(1536*0.893216)=ceil(1371.98)
        ("xhigh", 2_459),  # s=floor((131072+1536)/3072)=43; ceil(2752*0.893216)=ceil(2458.13)
        ("max", 5_488),  # s=floor((196608+1536)/3072)=64; ceil(6144*0.893216)=ceil(5487.92)
    ],
)
def test_gpt_image_2_5_ladder_at_portrait_and_landscape(model, size, quality, tokens):
    w, _, h = size.partition("x")
    assert closed_form(Q[quality], int(w), int(h)) == tokens
    est = one_image(model, size, quality)
    assert est.output_tokens_per_image == tokens
    assert est.per_image_usd == pytest.approx(tokens * 30 / 1_000_000)


@pytest.mark.parametrize(
    ("quality", "price"),
    # fal's per-image prices for GPT Image 2.5 Flare at 2560x1440 (LiteLLM's copy):
    # 205 / 478 / 1,843 / 3,276 / 7,370 tokens at $30/M.
    [
        ("low", "0.00615"),
        ("medium", "0.01434"),
        ("high", "0.05529"),
        ("xhigh", "0.09828"),
        ("max", "0.2211"),
    ],
)
def test_gpt_image_2_5_matches_fals_published_prices_at_2560x1440(quality, price):
    assert_published(one_image("gpt-image-2.5-flare", "2560x1440", quality).per_image_usd, price)


@pytest.mark.parametrize("model", GPT_2_5)
def test_gpt_image_2_5_has_no_batch_discount(model):
    # OpenAI's model page says Batch is not supported (genai-prices disagrees).
    est = one_image(model, "1024x1024", "low", batch=True)
    assert "no_batch" in codes(est)
    assert est.per_image_usd == pytest.approx(196 * 30 / 1_000_000)


@pytest.mark.parametrize("model", ["gpt-image-2", "ideogram-4.5"])
def test_a_model_without_xhigh_refuses_it_and_names_its_levels(model):
    result = on(model, TODAY, quality="xhigh")
    found = [n for st in result.stages for n in st.notices if n.code == "unsupported_quality"]
    assert found, [n.code for st in result.stages for n in st.notices]
    assert "low, medium, high" in found[0].message
    assert result.total_usd is None


def test_gpt_image_2_5_accepts_xhigh():
    result = on("gpt-image-2.5-sunburst", TODAY, quality="xhigh")
    assert result.total_usd == pytest.approx(3_122 * 30 / 1_000_000)


# --- Gemini ------------------------------------------------------------------------------


@pytest.mark.parametrize("ref_size", [(1024, 1024), (4096, 2304)])
def test_gemini_3_pro_image_bills_560_tokens_per_input_image_whatever_its_size(ref_size):
    w, h = ref_size
    refs = ReferenceImages(count=2, width=w, height=h)
    st = one_image("gemini-3-pro-image", mode="edit", references=refs).stages[0]
    assert st.input_image_tokens_per_request == 2 * 560
    # 1,120 tokens at $2 per 1M input
    assert st.meter("image_in").usd == pytest.approx(1_120 * 2 / 1_000_000)


def test_gemini_2_5_flash_image_shut_down_on_2026_10_02():
    entry = CATALOG.get("gemini-2.5-flash-image")
    assert CATALOG.status(entry, dt.date(2026, 10, 1)) != "retired"
    assert CATALOG.status(entry, dt.date(2026, 10, 2)) == "retired"
    assert "2026-10-02" in notice(on(entry.id, dt.date(2026, 10, 2)), "retired").message
    assert "retired" not in codes(on(entry.id, dt.date(2026, 10, 1)))


# --- resellers and hosts follow the vendor's dates unless their own differ ----------------


def test_the_gpt_image_1_reseller_stops_when_openai_did():
    entry = CATALOG.get("gptimage2/gpt-image-1")
    assert entry.lifecycle is None  # it follows gpt-image-1
    # OpenAI had announced the shutdown: usable, though deprecated, the day before
    assert CATALOG.available(entry, dt.date(2026, 10, 22))
    assert CATALOG.status(entry, dt.date(2026, 10, 23)) == "retired"
    assert CATALOG.status(entry, TODAY) == "retired"


@pytest.mark.parametrize(
    "model",
    ["gpt-image-1.5", "gpt-image-1-mini", "chatgpt-image-latest", "gptimage2/gpt-image-1.5"],
)
def test_models_that_shut_down_today_are_retired_today(model):
    entry = CATALOG.get(model)
    assert CATALOG.status(entry, TODAY - dt.timedelta(days=1)) != "retired"
    assert CATALOG.status(entry, TODAY) == "retired"


@pytest.mark.parametrize(
    ("model", "last_day"),
    [
        # Azure OpenAI's own shutdown dates (LiteLLM), apart from OpenAI's
        ("azure/gpt-image-1.5", dt.date(2026, 12, 15)),
        ("azure/gpt-image-1-mini", dt.date(2027, 4, 6)),
        ("azure/gpt-image-2", dt.date(2027, 10, 20)),
        ("azure/gpt-image-2.5-flare", dt.date(2027, 9, 8)),
        ("azure/gpt-image-2.5-sunburst", dt.date(2027, 9, 8)),
    ],
)
def test_azure_keeps_its_own_shutdown_dates(model, last_day):
    entry = CATALOG.get(model)
    assert CATALOG.status(entry, last_day) == "active"
    assert CATALOG.status(entry, last_day + dt.timedelta(days=1)) == "retired"


def test_azure_still_serves_gpt_image_1_5_the_day_openai_stops():
    assert CATALOG.status(CATALOG.get("gpt-image-1.5"), TODAY) == "retired"
    assert CATALOG.status(CATALOG.get("azure/gpt-image-1.5"), TODAY) == "active"


def test_vertex_shut_imagen_before_the_gemini_api_did():
    day = dt.date(2026, 7, 1)
    assert CATALOG.status(CATALOG.get("vertex/imagen-4.0-generate-001"), day) == "retired"
    assert CATALOG.available(CATALOG.get("imagen-4.0-generate-001"), day)


def test_grok_imagine_image_quality_is_deprecated_but_usable():
    entry = CATALOG.get("grok-imagine-image-quality")
    assert CATALOG.status(entry, dt.date(2026, 11, 1)) == "active"
    assert CATALOG.status(entry, dt.date(2026, 11, 2)) == "deprecated"
    assert CATALOG.available(entry, TODAY)


@pytest.mark.parametrize(
    ("model", "day"),
    [
        ("amazon.titan-image-generator-v2", dt.date(2026, 6, 30)),
        ("amazon.nova-canvas-v1", dt.date(2026, 9, 30)),
        ("mai-image-2.5", dt.date(2026, 10, 1)),
    ],
)
def test_end_of_life_dates_of_new_entries(model, day):
    entry = CATALOG.get(model)
    assert CATALOG.status(entry, day - dt.timedelta(days=1)) != "retired"
    assert CATALOG.status(entry, day) == "retired"


def test_the_catalog_was_checked_today():
    assert CATALOG.checked == TODAY
