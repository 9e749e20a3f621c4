"""What the Time group changes in the window: a tier gives the comparison a time,
"Finish within" changes the summary's answer.

The default example bills 4,900 gpt-image-2 images a month: Drafts 1,000 requests
x 4 images, and two Finals stages of 300 requests x 1.5 attempts = 450 each. At
OpenAI tier 3 (50 images a minute, images bind before tokens) the stages take
4,000 / 50 = 80 min, 450 / 50 = 9 min and 9 min, each plus one 45.3 s latency:
98 min + 135.9 s = 1 h 40 min 16 s, which the table rounds to "1 h 40 min".
"""

from __future__ import annotations

from imgcost_gui.ui.comparison.comparison_model import COL_TIME


def _time_of(window, model: str) -> str:
    model_ = window.comparison.model
    return model_.index(model_.row_of(model), COL_TIME).data()


def _tier_3(window) -> None:
    box = window.scenario_panel.time.tier_boxes["OpenAI"]
    box.setCurrentIndex(box.findText("Tier 3"))
    window.recompute()


def test_openai_tier_3_gives_gpt_image_2_its_time(window):
    assert _time_of(window, "gpt-image-2") == "—"
    _tier_3(window)
    assert window.doc.scenario.tiers == {"OpenAI": "3"}
    assert _time_of(window, "gpt-image-2") == "1 h 40 min"


def test_finish_within_half_an_hour_changes_the_answer(window):
    _tier_3(window)
    before = window.comparison.summary.answer_words()
    assert before.startswith("Best API option: ")
    window.scenario_panel.time.finish_within.setValue(0.5)
    window.recompute()
    after = window.comparison.summary.answer_words()
    assert after.startswith("Cheapest that finishes within 0.5 h: ")
    assert "gpt-image-2" not in after  # 1 h 40 min: too slow for half an hour
    window.undo_action.trigger()
    window.recompute()
    assert window.comparison.summary.answer_words() == before
