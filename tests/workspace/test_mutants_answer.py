"""The answer's words at the spots issue 10's mutation run found unchecked: exactly as
many options apart as are named, a time limit nothing meets though some times are known,
and why a model is shown apart in the summary line. Shipped prices as in
test_answer_summary.py."""

from __future__ import annotations

from imgcost_gui.core import Scenario, Stage, estimate
from imgcost_gui.workspace.answer import APART_NAMED, answer, plain
from imgcost_gui.workspace.comparison import compare, summary_text

from .test_answer_summary import CATALOG, _catalog_with, at_tier_3, drafts_and_finals


def test_as_many_options_apart_as_are_named_leave_none_to_count():
    assert APART_NAMED == 3
    three = ["ideogram-3.0", "flux-pro-1.1", "midjourney"]
    catalog = _catalog_with({m: {"api": False} for m in three})
    a = answer(estimate(drafts_and_finals(1000, 100), catalog, three), catalog)
    # Midjourney $15.13, Ideogram $39.00, FLUX1.1 [pro] $44.00: all three named
    assert plain(a.apart_line()) == (
        "Midjourney (subscription) $15.13 — subscription, no public API"
        " · Ideogram 3.0 $39.00 — no public API"
        " · FLUX1.1 [pro] $44.00 — no public API; none ranked as the answer"
    )


def test_a_limit_nothing_meets_says_so_when_some_times_are_known():
    # gpt-image-2 takes 1 h 42 min (its time is known); Ideogram publishes no limits
    slow = answer(at_tier_3(1000, 4000, ["ideogram-3.0", "gpt-image-2"]), CATALOG, within_hours=1)
    assert slow.nothing == "No API option finishes within 1 h"


def _summary(catalog, models, quality="low"):
    sc = Scenario(stages=[Stage(requests=1000, quality=quality)], models=models)
    return summary_text(compare(sc, catalog, None), sc)


def test_the_summary_line_says_why_a_cheaper_model_is_apart():
    # 1,000 low images: Ideogram 3.0 $30 against FLUX1.1 [pro] $40; Midjourney
    # $10 + (1000 / 240 - 3.3) h x $4 = $13.47
    no_api = _catalog_with({"ideogram-3.0": {"api": False}})
    line = _summary(no_api, ["ideogram-3.0", "flux-pro-1.1"])
    assert "best API option: <b>FLUX1.1 [pro]</b>" in line
    assert line.endswith(" · apart: Ideogram 3.0 $30.00 (no public API)")
    callable_plan = _catalog_with({"midjourney": {"api": True}})
    line = _summary(callable_plan, ["midjourney", "flux-pro-1.1"])
    assert "best API option: <b>FLUX1.1 [pro]</b>" in line  # a subscription is never the answer
    assert line.endswith(" · apart: Midjourney (subscription) $13.47 (a subscription)")
    line = _summary(CATALOG, ["midjourney", "flux-pro-1.1"])
    assert line.endswith(
        " · apart: Midjourney (subscription) $13.47 (a subscription, no public API)"
    )
