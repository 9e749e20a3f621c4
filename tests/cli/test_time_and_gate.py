"""The time column (--tier, --parallel) and the budget gate (--fail-over).

10,000 gpt-image-2 images at OpenAI tier 3 (50 images a minute) take 200
minutes plus one 45.3 s latency. 1024x1024 low with no prompt: 196 tokens at
$30/M = $0.00588 an image, $58.80 for 10,000.
"""

import json

import pytest

from .helpers import run

TEN_K = [
    "estimate", "--model", "gpt-image-2", "--images", "10000", "--prompt-tokens", "0",
    "--quality", "low",
]  # fmt: skip


def test_tier_gives_the_time_and_what_binds_it(capsys):
    code, out, err = run(capsys, *TEN_K, "--tier", "3", "--format", "json")
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["duration_s"] == pytest.approx(200 * 60 + 45.3)
    assert row["limited_by"] == "images_per_minute"
    assert row["stages"][0]["duration_s"] == pytest.approx(200 * 60 + 45.3)
    code, out, _ = run(capsys, *TEN_K, "--tier", "3")
    assert "Time" in out and "3 h 21 min" in out


def test_without_a_tier_the_time_is_null_and_says_why(capsys):
    code, out, _ = run(capsys, *TEN_K, "--format", "json")
    (row,) = json.loads(out)
    assert row["duration_s"] is None
    assert "usage tier" in row["duration_note"]


def test_an_unknown_tier_is_one_line_naming_the_tiers(capsys):
    code, _, err = run(capsys, *TEN_K, "--tier", "9")
    assert code == 2
    assert "free, 1, 2, 3, 4, 5" in err and len(err.strip().splitlines()) == 1


def test_the_budget_gate_exits_3_over_budget_and_0_within(capsys):
    code, out, err = run(capsys, *TEN_K, "--fail-over", "50")
    assert code == 3
    assert "$58.80" in err and "$50.00" in err
    assert "gpt-image-2" in out  # the normal output is still printed
    code, _, _ = run(capsys, *TEN_K, "--fail-over", "60")
    assert code == 0


def test_the_gate_uses_the_cheapest_eligible_model(capsys, tmp_path):
    plan = tmp_path / "plan.imgcost.json"
    plan.write_text(
        json.dumps(
            {"size": "1024x1024", "quality": "low", "images": 10000, "prompt_tokens": 0,
             "model": ["gpt-image-2", "flux-2-pro", "gpt-image-1"]}
        ),
        encoding="utf-8",
    )  # fmt: skip
    # gpt-image-1 is retired today and not eligible; gpt-image-2 ($58.80) is cheapest
    # of the rest (FLUX.2 [pro]: $0.03 x 10,000 = $300).
    assert run(capsys, "estimate", str(plan), "--fail-over", "58")[0] == 3
    assert run(capsys, "estimate", str(plan), "--fail-over", "58.80")[0] == 0


def test_a_scenario_states_its_own_tier_and_the_flag_overrides_it(capsys, tmp_path):
    plan = tmp_path / "plan.imgcost.json"
    plan.write_text(
        json.dumps(
            {"schema_version": 1, "tiers": {"OpenAI": "5"}, "models": ["gpt-image-2"],
             "stages": [{"requests": 10000, "quality": "low", "prompt_tokens": 0}]}
        ),
        encoding="utf-8",
    )  # fmt: skip
    # Tier 5: 250 images a minute: 40 min + 45.3 s. Tier 3 (the flag): 200 min + 45.3 s.
    (row,) = json.loads(run(capsys, "estimate", str(plan), "--format", "json")[1])
    assert row["duration_s"] == pytest.approx(40 * 60 + 45.3)
    (row,) = json.loads(run(capsys, "estimate", str(plan), "--tier", "3", "--format", "json")[1])
    assert row["duration_s"] == pytest.approx(200 * 60 + 45.3)


def _in_time_plan(tmp_path, hours, tiers=None):
    plan = tmp_path / f"within-{hours}.imgcost"
    body = {
        "schema_version": 1, "finish_within_hours": hours, "models": ["gpt-image-2", "flux-2-pro"],
        "stages": [{"requests": 10000, "quality": "low", "prompt_tokens": 0}],
    }  # fmt: skip
    if tiers is not None:
        body["tiers"] = tiers
    plan.write_text(json.dumps(body), encoding="utf-8")
    return str(plan)


def test_the_summary_names_the_cheapest_that_finishes_within_the_scenarios_hours(capsys, tmp_path):
    # gpt-image-2 at tier 3: 10,000 / 50 a minute = 200 min, + 45.3 s = 12,045.3 s = 3.35 h,
    # $58.80. FLUX.2 [pro]: 24 in flight, 11.8 s each: ceil(10,000 / 24) = 417 rounds
    # + the last request: 418 x 11.8 s = 4,932.4 s = 1.37 h (82 min), $0.03 x 10,000 = $300.
    out = run(capsys, "estimate", _in_time_plan(tmp_path, 3, {"OpenAI": "3"}))[1]
    assert "Cheapest that finishes within 3 h: flux-2-pro at $300.00 per month (82 min)" in out
    out = run(capsys, "estimate", _in_time_plan(tmp_path, 4, {"OpenAI": "3"}))[1]
    assert "Cheapest that finishes within 4 h: gpt-image-2 at $58.80 per month (3 h 21 min)" in out
    out = run(capsys, "estimate", _in_time_plan(tmp_path, 1, {"OpenAI": "3"}))[1]
    assert "within 1 h: none; no compared API option finishes within 1 h" in out
    # The flag's tier counts as the scenario's does: tier 5 is 40 min + 45.3 s for gpt-image-2.
    out = run(capsys, "estimate", _in_time_plan(tmp_path, 1, {"OpenAI": "3"}), "--tier", "5")[1]
    assert "within 1 h: gpt-image-2 at $58.80 per month (41 min)" in out


def test_without_a_tier_only_a_model_with_a_known_time_can_be_the_answer(capsys, tmp_path):
    # With no tier gpt-image-2's time is unknown, so FLUX.2 [pro] (82 min) is the answer.
    out = run(capsys, "estimate", _in_time_plan(tmp_path, 3))[1]
    assert "within 3 h: flux-2-pro at $300.00 per month (82 min)" in out
    plan = tmp_path / "alone.imgcost"
    plan.write_text(
        json.dumps(
            {"schema_version": 1, "finish_within_hours": 3, "models": ["gpt-image-2"],
             "stages": [{"requests": 10000, "quality": "low", "prompt_tokens": 0}]}
        ),
        encoding="utf-8",
    )  # fmt: skip
    out = run(capsys, "estimate", str(plan))[1]
    assert "none; no compared API option has a known time; give your usage tier (--tier)" in out


def test_no_time_limit_no_line_and_json_keeps_its_shape(capsys, tmp_path):
    assert "finishes within" not in run(capsys, *TEN_K, "--tier", "3")[1]
    rows = json.loads(run(capsys, "estimate", _in_time_plan(tmp_path, 3), "--format", "json")[1])
    assert [r["model"] for r in rows] == ["gpt-image-2", "flux-2-pro"]
