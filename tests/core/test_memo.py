"""Re-pricing only what an edit changed (core/memo.py): the same answers as
pricing from scratch, and only the edited stage priced again."""

import datetime as dt
from decimal import Decimal

import pytest

from imgcost_gui.core import Scenario, UserCatalog, estimate
from imgcost_gui.core.memo import EstimateMemo

from .helpers import CATALOG, stage

DAY = dt.date(2026, 12, 1)


def five_stages():
    return Scenario(
        stages=[
            stage("1024x1024", "low", name="Drafts", requests=1000),
            stage("1536x1024", "high", name="Finals", requests=50, batch=True),
            stage("1024x1024", "auto", name="Auto", requests=10),
            stage("1024x1536", "medium", name="Edits", mode="edit", requests=5),
            stage("2048x2048", "medium", name="Large", requests=3),
        ]
    )


def totals(results):
    return [(r.model, r.total_usd, r.low_usd, r.high_usd, r.warnings) for r in results]


def test_remembered_estimates_equal_fresh_ones_for_every_model():
    sc = five_stages()
    everyone = [m.id for m in CATALOG.models]
    memo = EstimateMemo()
    fresh = estimate(sc, CATALOG, everyone, as_of=DAY)
    first = estimate(sc, CATALOG, everyone, as_of=DAY, memo=memo)
    again = estimate(sc, CATALOG, everyone, as_of=DAY, memo=memo)
    assert totals(first) == totals(fresh)
    assert totals(again) == totals(fresh)


def test_an_edit_to_one_stage_prices_only_that_stage_again():
    sc = five_stages()
    memo = EstimateMemo()
    models = ["gpt-image-2", "flux-2-pro", "dall-e-3", "midjourney"]
    estimate(sc, CATALOG, models, as_of=DAY, memo=memo)
    before = memo.misses
    sc.stages[0].requests = 2000  # the user types a new volume for Drafts
    after = estimate(sc, CATALOG, models, as_of=DAY, memo=memo)
    # Three stage-priced models re-price one stage each; the subscription (a flat
    # fee over the whole scenario) is priced again as a whole.
    assert memo.misses - before == 3 + 1
    # The answer follows the edit: gpt-image-2 drafts, 196 low tokens at $30/M.
    drafts = next(r for r in after if r.model == "gpt-image-2").stages[0]
    assert drafts.total_usd == pytest.approx(2000 * 196 * 30 / 1e6)


def test_a_changed_price_is_a_new_entry_and_is_priced_again(tmp_path):
    user = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    sc = Scenario(stages=[stage("1024x1024", "low", requests=10)])
    memo = EstimateMemo()
    (first,) = estimate(sc, user.catalog, ["gpt-image-2"], as_of=DAY, memo=memo)
    user.set_price("gpt-image-2", "image_out", Decimal("15"))
    (second,) = estimate(sc, user.catalog, ["gpt-image-2"], as_of=DAY, memo=memo)
    assert first.total_usd == pytest.approx(10 * 196 * 30 / 1e6)
    assert second.total_usd == pytest.approx(10 * 196 * 15 / 1e6)


def test_the_memo_forgets_past_its_limit():
    memo = EstimateMemo(max_entries=5)
    sc = five_stages()
    estimate(sc, CATALOG, ["gpt-image-2", "flux-2-pro"], as_of=DAY, memo=memo)
    assert memo._count <= 5
    assert totals(estimate(sc, CATALOG, ["gpt-image-2"], as_of=DAY, memo=memo)) == totals(
        estimate(sc, CATALOG, ["gpt-image-2"], as_of=DAY)
    )


def test_answers_stay_right_across_many_edits_with_a_small_memo():
    # The memo empties itself often here; a stage number handed out before it
    # emptied must never come to mean another stage.
    memo = EstimateMemo(max_entries=7)
    sc = five_stages()
    models = ["gpt-image-2", "flux-2-pro", "midjourney"]
    for n in range(1, 30):
        sc.stages[n % 5].requests = n * 7
        assert totals(estimate(sc, CATALOG, models, as_of=DAY, memo=memo)) == totals(
            estimate(sc, CATALOG, models, as_of=DAY)
        )


def test_typing_into_one_stage_keeps_the_memo_small_and_undo_still_remembered():
    # Each keystroke is a new count: without forgetting, every model would keep
    # one more priced stage per keystroke for as long as the window is open.
    from imgcost_gui.core.memo import RECENT, SWEEP_EVERY

    memo = EstimateMemo()
    sc = five_stages()
    models = ["gpt-image-2", "flux-2-pro", "dall-e-3"]
    for n in range(1, 301):
        sc.stages[0].requests = n
        estimate(sc, CATALOG, models, as_of=DAY, memo=memo)
    # Per model: its five stages, RECENT earlier values of the edited one, and those
    # priced since its last trim (each model is trimmed once in SWEEP_EVERY estimates).
    assert memo._count <= len(models) * (5 + RECENT + SWEEP_EVERY)
    # The value of a few keystrokes ago (an undo) is still remembered: no pricing.
    before = memo.misses
    sc.stages[0].requests = 297
    again = estimate(sc, CATALOG, models, as_of=DAY, memo=memo)
    assert memo.misses == before
    assert totals(again) == totals(estimate(sc, CATALOG, models, as_of=DAY))
