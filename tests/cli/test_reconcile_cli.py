"""'imgcost reconcile' on the shipped examples, and bad input.

By hand (see tests/core/test_reconcile.py): 3 days of a 30-day month scale the
plan by 0.1: 300 drafts at $0.00613 and 60 finals at $0.16489 = $11.7324
estimated; gpt-image-2 billed $13.20, drift (13.20 - 11.7324) / 11.7324 = +12.5%.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from .helpers import run

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
SCENARIO = str(EXAMPLES / "reconcile-scenario.imgcost.json")
USAGE = str(EXAMPLES / "usage-images.example.json")
COSTS = str(EXAMPLES / "costs.example.json")


def test_table(capsys):
    code, out, err = run(capsys, "reconcile", SCENARIO, USAGE, COSTS)
    assert code == 0, err
    assert "scaled by 3/30 = 0.100" in out
    total = next(line for line in out.splitlines() if " total " in line)
    assert "360" in total and "396" in total and "+10.0%" in total
    assert "$11.73" in total and "$13.20" in total and "+12.5%" in total
    assert "gpt-5, input $0.85" in out


def test_json(capsys):
    code, out, _ = run(capsys, "reconcile", SCENARIO, USAGE, COSTS, "--format", "json")
    assert code == 0
    data = json.loads(out)
    (m,) = data["models"]
    assert m["billed_usd"] == pytest.approx(13.20)
    assert m["estimated_usd"] == pytest.approx(11.7324)
    assert m["usd_drift_pct"] == pytest.approx((13.20 - 11.7324) / 11.7324 * 100)
    assert [s["actual_images"] for s in m["sizes"]] == [330, 66]


def test_csv_without_costs(capsys):
    code, out, _ = run(capsys, "reconcile", SCENARIO, USAGE, "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["size"], r["planned_images"], r["actual_images"]) for r in rows] == [
        ("1024x1024", "300.0", "330"),
        ("1536x1024", "60.0", "66"),
        ("total", "360.0", "396"),
    ]
    assert rows[-1]["billed_usd"] == ""


@pytest.mark.parametrize(
    ("which", "text", "message"),
    [
        ("usage", None, "does not exist"),
        ("usage", "not json", "not valid JSON"),
        ("usage", '{"object": "page", "data": []}', "no buckets"),
        ("usage", "[" * 100 + "]" * 100, "nests deeper"),
        ("costs", '{"object": "page", "data": [{"results": [1]}]}', "not an object"),
        ("costs", '{"data": [{"start_time": 1, "end_time": 2, "results": []}]}', "Unix time"),
        ("scenario", "[1, 2]", "expected a JSON object"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, tmp_path, which, text, message):
    files = {"scenario": SCENARIO, "usage": USAGE, "costs": COSTS}
    bad = tmp_path / "bad.json"
    if text is not None:
        bad.write_text(text, encoding="utf-8")
    files[which] = str(bad)
    code, out, err = run(capsys, "reconcile", files["scenario"], files["usage"], files["costs"])
    assert code == 2, err
    assert err.count("\n") == 1 and message in err
    assert out == ""


def test_costs_export_given_as_usage(capsys):
    code, _, err = run(capsys, "reconcile", SCENARIO, COSTS)
    assert code == 2 and "organization.costs.result" in err


def test_a_model_the_catalog_lacks(capsys):
    code, _, err = run(capsys, "reconcile", SCENARIO, USAGE, "--model", "dall-e-9")
    assert code == 2 and "unknown model 'dall-e-9'" in err
