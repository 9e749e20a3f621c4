"""Properties that hold for every active model and any size it accepts:
a price is never negative, more requests never cost less, batch is never
dearer, and an accepted size always gets a price."""

import datetime as dt
import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from imgcost_gui.core import ReferenceImages, Scenario, Size, Stage, estimate_model
from imgcost_gui.core.sizes import SizeList
from imgcost_gui.core.tokens import gpt_image_2_output_tokens

from .helpers import CATALOG

ACTIVE = CATALOG.active(dt.date(2026, 12, 1))
FAST = settings(
    max_examples=80,
    deadline=None,
    # the shared conftest's per-test fixtures only set environment variables
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# Per model: every active model gets its own examples, not just a random share.
PER_MODEL = settings(FAST, max_examples=25)
EACH_ACTIVE_MODEL = pytest.mark.parametrize("entry", ACTIVE, ids=lambda m: m.id)


@st.composite
def accepted_size(draw, entry):
    spec = entry.sizes
    if isinstance(spec, SizeList):
        return draw(st.sampled_from(spec.parsed))
    m = spec.edge_multiple
    lo, hi = max(1, math.ceil(spec.min_edge / m)), spec.max_edge // m
    size = Size(draw(st.integers(lo, hi)) * m, draw(st.integers(lo, hi)) * m)
    check = spec.check(size)
    if not check.supported:
        assume(check.nearest)  # a suggestion the user would be offered instead
        size = check.nearest[0]
    assert entry.accepts(size)
    return size


@st.composite
def workloads(draw, entry):
    """Stage fields with a size ``entry`` accepts and any other settings."""
    size = draw(accepted_size(entry))
    # A model that cannot edit is not priced for an edit stage (it says why instead).
    edit = draw(st.booleans()) if entry.edits else False
    fields = dict(
        width=size.width,
        height=size.height,
        requests=draw(st.integers(0, 5000)),
        quality=draw(st.sampled_from(["low", "medium", "high", "auto"])),
        auto_assumes=draw(st.sampled_from(["low", "medium", "high"])),
        prompt_tokens=draw(st.integers(0, 3000)),
        cached_text_share=draw(st.floats(0, 1)),
        cached_image_share=draw(st.floats(0, 1)),
        retry_multiplier=draw(st.floats(1, 3)),
        failure_rate=draw(st.floats(0, 0.5)),
        outputs_per_request=draw(st.integers(1, 4)),
        partial_images=draw(st.integers(0, 3)),
        mode="edit" if edit else "generate",
        references=ReferenceImages(
            count=draw(st.integers(0, 3)) if edit else 0,
            width=draw(st.integers(64, 4096)),
            height=draw(st.integers(64, 4096)),
            high_fidelity=draw(st.booleans()),
            measured_tokens=draw(st.none() | st.integers(0, 20000)),
        ),
        batch=draw(st.booleans()),
    )
    return fields


def total(entry, **fields):
    return estimate_model(Scenario(stages=[Stage(**fields)]), entry).total_usd


@EACH_ACTIVE_MODEL
@PER_MODEL
@given(data=st.data())
def test_an_accepted_size_always_gets_a_price_and_it_is_never_negative(entry, data):
    fields = data.draw(workloads(entry))
    est = estimate_model(Scenario(stages=[Stage(**fields)]), entry)
    assert est.total_usd is not None, [n.message for n in est.all_notices]
    assert est.total_usd >= 0
    for s in est.stages:
        assert all(m.usd >= 0 for m in s.meters), s.meters
    for bound in (est.low_usd, est.high_usd):
        assert bound is None or bound >= 0


@EACH_ACTIVE_MODEL
@PER_MODEL
@given(data=st.data(), a=st.integers(0, 5000), b=st.integers(0, 5000))
def test_more_requests_never_cost_less(entry, data, a, b):
    fields = data.draw(workloads(entry))
    fewer, more = sorted((a, b))
    low = total(entry, **{**fields, "requests": fewer})
    high = total(entry, **{**fields, "requests": more})
    assert low <= high + 1e-9 * max(1.0, high)


@EACH_ACTIVE_MODEL
@PER_MODEL
@given(data=st.data())
def test_batch_is_never_dearer(entry, data):
    fields = data.draw(workloads(entry))
    standard = total(entry, **{**fields, "batch": False})
    batched = total(entry, **{**fields, "batch": True})
    assert batched <= standard + 1e-9 * max(1.0, standard)


GPT2 = CATALOG.get("gpt-image-2")


@FAST
@given(st.integers(1, 20000), st.integers(1, 20000))
def test_gpt_image_2_suggests_only_sizes_it_accepts(w, h):
    check = GPT2.sizes.check(Size(w, h))
    if not check.supported:
        assert check.nearest
        assert all(GPT2.accepts(n) for n in check.nearest)


@FAST
@given(accepted_size(GPT2))
def test_gpt_image_2_higher_quality_never_costs_fewer_tokens(size):
    low, medium, high = (gpt_image_2_output_tokens(size, q) for q in (16, 48, 96))
    assert 0 < low <= medium <= high
