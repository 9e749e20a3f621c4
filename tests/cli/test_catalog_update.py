"""'imgcost catalog update FILE': a peer's price file diffed against the
catalog, kept as the "updated prices" layer with --apply, dropped with --revert.

The fixture (tests/core/data/peers/litellm.json, written by hand) prices
gpt-image-2's image output at $3.2e-05 a token = $32 per 1M (ours: $30) and
gpt-image-1-mini's 1024x1024 medium at $0.012 (ours: $0.011).
gpt-image-2 1024x1024 low = 196 output tokens.
"""

import json
from pathlib import Path

import pytest

from .helpers import run

FIXTURE = Path(__file__).parents[1] / "core" / "data" / "peers" / "litellm.json"
ONE_LOW = [
    "estimate", "--model", "gpt-image-2", "--images", "1", "--prompt-tokens", "0",
    "--quality", "low", "--format", "json",
]  # fmt: skip


def total(capsys):
    code, out, err = run(capsys, *ONE_LOW)
    assert code == 0, err
    return json.loads(out)[0]["total_usd"]


def test_the_diff_lists_changes_with_ids_and_writes_nothing(capsys, user_data_dir):
    code, out, err = run(capsys, "catalog", "update", str(FIXTURE))
    assert code == 0, err
    assert "price:gpt-image-2:image_out" in out and "30.00 -> 32" in out and "+6.7%" in out
    assert "price:gpt-image-1-mini:1024x1024/medium" in out
    assert "add --apply" in out
    assert not (user_data_dir / "updated-prices.json").exists()
    assert total(capsys) == pytest.approx(196 * 30 / 1e6)


def test_apply_keeps_the_changes_sourced_as_the_file_and_revert_drops_them(capsys, user_data_dir):
    code, out, err = run(capsys, "catalog", "update", str(FIXTURE), "--apply")
    assert code == 0, err
    layer = json.loads((user_data_dir / "updated-prices.json").read_text(encoding="utf-8"))
    assert layer["source"]["official"] is False
    assert layer["source"]["imported_on"] == "2026-12-01"
    assert layer["models"]["gpt-image-2"]["prices"]["image_out"] == "32"
    assert total(capsys) == pytest.approx(196 * 32 / 1e6)
    # The price's source now names the file, not OpenAI.
    code, out, _ = run(capsys, "catalog", "show", "gpt-image-2")
    line = next(x for x in out.splitlines() if x.strip().startswith("image_out"))
    assert "LiteLLM" in line and "secondary" in line
    # The user's own price sits above the update.
    run(capsys, "prices", "set", "gpt-image-2", "image_out", "20")
    assert total(capsys) == pytest.approx(196 * 20 / 1e6)
    run(capsys, "prices", "reset", "gpt-image-2", "image_out")
    assert total(capsys) == pytest.approx(196 * 32 / 1e6)
    code, out, _ = run(capsys, "catalog", "update", "--revert")
    assert code == 0 and "dropped" in out
    assert not (user_data_dir / "updated-prices.json").exists()
    assert total(capsys) == pytest.approx(196 * 30 / 1e6)


def test_apply_can_keep_only_the_rows_named(capsys, user_data_dir):
    code, _, err = run(
        capsys,
        "catalog",
        "update",
        str(FIXTURE),
        "--apply",
        "--row",
        "price:gpt-image-1-mini:1024x1024/medium",
    )
    assert code == 0, err
    layer = json.loads((user_data_dir / "updated-prices.json").read_text(encoding="utf-8"))
    assert list(layer["models"]) == ["gpt-image-1-mini"]
    assert total(capsys) == pytest.approx(196 * 30 / 1e6)  # gpt-image-2 left as shipped


def test_json_diff_is_a_stable_object(capsys):
    code, out, _ = run(capsys, "catalog", "update", str(FIXTURE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    ids = [r["id"] for r in data["prices"]]
    assert "price:gpt-image-2:image_out" in ids


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("this is not json", "JSON"),
        ("[1, 2, 3]", "price file"),
        ('{"a":' * 100_000 + "1" + "}" * 100_000, "deeper than 64 levels"),
    ],
)
def test_a_bad_file_is_one_line_exit_2_and_nothing_written(
    capsys, tmp_path, user_data_dir, content, says
):
    bad = tmp_path / "prices.json"
    bad.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "catalog", "update", str(bad), "--apply")
    assert code == 2
    assert says in err and len(err.strip().splitlines()) == 1
    assert list(user_data_dir.iterdir()) == []


def test_an_unknown_row_is_refused_and_nothing_written(capsys, user_data_dir):
    code, _, err = run(capsys, "catalog", "update", str(FIXTURE), "--apply", "--row", "nope")
    assert code == 2 and "nope" in err
    assert not (user_data_dir / "updated-prices.json").exists()
