"""Small builders shared by the core tests: one-image scenarios and a
comparison against a vendor's published per-image price."""

from __future__ import annotations

from decimal import Decimal

from imgcost_gui.core import ModelEstimate, Scenario, Stage, estimate_model, load_shipped_catalog

CATALOG = load_shipped_catalog()


def stage(size: str = "1024x1024", quality: str = "medium", **kw) -> Stage:
    """A stage that bills one image and nothing else unless asked."""
    w, _, h = size.partition("x")
    fields = {"requests": 1, "prompt_tokens": 0, "width": int(w), "height": int(h)}
    fields.update(quality=quality, **kw)
    return Stage(**fields)


def run(model_id: str, *stages: Stage, **scenario_kw) -> ModelEstimate:
    return estimate_model(Scenario(stages=list(stages), **scenario_kw), CATALOG.get(model_id))


def one_image(
    model_id: str, size: str = "1024x1024", quality: str = "medium", **kw
) -> ModelEstimate:
    """The estimate for a single image of ``size`` at ``quality``, prompt text free."""
    return run(model_id, stage(size, quality, **kw))


def codes(est: ModelEstimate) -> set[str]:
    return {n.code for n in est.all_notices}


def notice(est: ModelEstimate, code: str):
    found = [n for n in est.all_notices if n.code == code]
    assert found, f"no {code!r} notice in {[n.code for n in est.all_notices]}"
    return found[0]


def assert_published(actual: float | None, published: str) -> None:
    """``actual`` matches a vendor's price as printed: within 1%, or within half a
    unit of the printed last digit (at most $0.001) since vendors round."""
    assert actual is not None, "no price"
    p = Decimal(published)
    half_unit = Decimal(1).scaleb(p.as_tuple().exponent) / 2
    tolerance = max(float(p) * 0.01, min(float(half_unit), 0.001))
    assert abs(actual - float(p)) <= tolerance + 1e-12, f"{actual!r} is not ${published}"
