"""'imgcost calibrate': measured tokens from saved responses, kept with --save and
used by a later 'imgcost estimate', forgotten with --reset.

gpt-image-2 1024x1024 medium by the published closed form: 1,756 tokens at $30/M.
"""

from __future__ import annotations

import json

import pytest

from .helpers import run


def body(out, size="1024x1024", quality="medium", images=1):
    return {
        "created": 1793491260,
        "size": size,
        "quality": quality,
        "data": [{"b64_json": "iVBORw0KGgo="} for _ in range(images)],
        "usage": {
            "input_tokens": 40,
            "input_tokens_details": {"text_tokens": 40, "image_tokens": 0},
            "output_tokens": out,
            "total_tokens": 40 + out,
        },
    }


@pytest.fixture
def responses(tmp_path):
    path = tmp_path / "responses.jsonl"
    # Per image: 1,700, 1,800, 1,800 (one request of two) and 1,900: mean 7,200 / 4 = 1,800.
    bodies = [body(1700), body(3600, images=2), body(1900)]
    path.write_text("\n".join(json.dumps(b) for b in bodies) + "\n", encoding="utf-8")
    return path


def test_json_is_a_list_of_groups(capsys, responses):
    code, out, err = run(
        capsys, "calibrate", "--model", "gpt-image-2", str(responses), "--format", "json"
    )
    assert code == 0, err
    (group,) = json.loads(out)
    assert (group["size"], group["quality"], group["n"], group["images"]) == (
        "1024x1024",
        "medium",
        3,
        4,
    )
    assert group["output_tokens_measured"] == {"mean": 1800.0, "p5": 1700.0, "p95": 1900.0}
    assert group["output_tokens_estimated"] == 1756
    assert group["output_ratio"] == pytest.approx(1800 / 1756)
    assert group["input_image_tokens_measured"] is None


def test_the_table_shows_measured_against_estimated(capsys, responses):
    code, out, _ = run(capsys, "calibrate", "--model", "gpt-image-2", str(responses))
    assert code == 0
    assert "1,800.0" in out and "1,700-1,900" in out and "1,756" in out and "1.03" in out


def test_save_is_used_by_a_later_estimate_and_reset_undoes_it(capsys, responses, user_data_dir):
    def estimate_usd():
        code, out, err = run(
            capsys, "estimate", "--model", "gpt-image-2", "--images", "10", "--prompt-tokens", "0",
            "--format", "json",
        )  # fmt: skip
        assert code == 0, err
        (model,) = json.loads(out)
        return model

    before = estimate_usd()
    assert before["total_usd"] == pytest.approx(10 * 1756 * 30 / 1e6)
    code, out, err = run(capsys, "calibrate", "--model", "gpt-image-2", str(responses), "--save")
    assert code == 0, err
    assert "1024x1024/medium: 1,800 tokens an image (1,700-1,900), 3 responses, 2026-12-01" in out
    saved = json.loads((user_data_dir / "measured-tokens.json").read_text(encoding="utf-8"))
    kept = saved["models"]["gpt-image-2"]["1024x1024/medium"]
    assert kept == {
        "tokens": 1800, "low": 1700, "high": 1900, "responses": 3,
        "measured_on": "2026-12-01", "file": "responses.jsonl",
    }  # fmt: skip
    after = estimate_usd()
    assert after["total_usd"] == pytest.approx(10 * 1800 * 30 / 1e6)
    assert after["low_usd"] == pytest.approx(10 * 1700 * 30 / 1e6)
    assert after["high_usd"] == pytest.approx(10 * 1900 * 30 / 1e6)
    notes = after["notes"] + after["stages"][0]["notes"]
    assert any("measured from 3 responses on 2026-12-01" in n for n in notes)
    assert after["output_tokens_per_image"] == 1800
    code, out, _ = run(capsys, "calibrate", "--model", "gpt-image-2", "--reset")
    assert code == 0
    assert estimate_usd()["total_usd"] == pytest.approx(10 * 1756 * 30 / 1e6)


def test_save_with_json_keeps_stdout_one_document(capsys, responses):
    code, out, err = run(
        capsys, "calibrate", "--model", "gpt-image-2", str(responses), "--save", "--format", "json"
    )
    assert code == 0
    json.loads(out)
    assert "Kept for gpt-image-2" in err


def test_reference_images_compare_when_told(capsys, tmp_path):
    path = tmp_path / "edits.jsonl"
    edit = body(1756)
    edit["usage"]["input_tokens_details"]["image_tokens"] = 4500
    path.write_text(json.dumps(edit) + "\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "calibrate", "--model", "gpt-image-2", str(path), "--format", "json",
        "--references", "1", "--reference-size", "1024x1024",
    )  # fmt: skip
    assert code == 0
    (group,) = json.loads(out)
    # 1024x1024 shrinks to 512x512: one tile, 65 + 129, and 4,160 for high fidelity.
    assert group["input_image_tokens_estimated"] == 4354
    assert group["input_image_tokens_measured"]["mean"] == 4500


def no_file_written(user_data_dir):
    return not (user_data_dir / "measured-tokens.json").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "does not exist"),
        ("garbage {", "not valid JSON"),
        ('{"created": 1, "data": [{"url": "u"}]}\n', "no response with a usage block"),
        ('{"usage": 1, "data": [{}], "size": "1024x1024", "quality": "low"}', "output_tokens"),
        ("[" * 200 + "]" * 200, "nests deeper"),
        ('[{"a": 1}]', "no response with a usage block"),
        (
            '{"usage": {"output_tokens": 5}, "data": [{}], "size": "big", "quality": "low"}',
            "WIDTHxHEIGHT",
        ),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(
    capsys, tmp_path, user_data_dir, text, message
):
    path = tmp_path / "in.jsonl"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "calibrate", "--model", "gpt-image-2", str(path), "--save")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("imgcost: error:")
    assert message in err
    assert out == ""
    assert no_file_written(user_data_dir)


def test_a_model_the_catalog_lacks(capsys, responses, user_data_dir):
    code, _, err = run(capsys, "calibrate", "--model", "dall-e-9", str(responses), "--save")
    assert code == 2 and "unknown model 'dall-e-9'" in err and err.count("\n") == 1
    assert no_file_written(user_data_dir)


def test_save_refuses_a_model_billed_per_image(capsys, responses, user_data_dir):
    code, _, err = run(capsys, "calibrate", "--model", "gpt-image-1-mini", str(responses), "--save")
    assert code == 2 and "not billed by output tokens" in err
    assert no_file_written(user_data_dir)


def test_a_file_over_the_size_limit(capsys, tmp_path, user_data_dir, monkeypatch):
    from imgcost_gui.core import api_files

    monkeypatch.setattr(api_files, "MAX_BYTES", 64)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps(body(1700)) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "calibrate", "--model", "gpt-image-2", str(path), "--save")
    assert code == 2 and "MB" in err and "without the image data" in err
    assert no_file_written(user_data_dir)
