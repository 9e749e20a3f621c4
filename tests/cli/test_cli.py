"""The command line, driven as a user would: flags in, table/CSV/JSON out,
bad input refused with status 2 and one line on stderr."""

import csv
import io
import json

import pytest

from imgcost_gui.cli import main


@pytest.fixture(autouse=True)
def _clean_user_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("IMGCOST_DATA_DIR", str(tmp_path / "userdata"))


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_for_one_model_matches_openai_table(capsys):
    # OpenAI's published gpt-image-2 price for 1536x1024 medium is $0.041.
    code, out, err = run(
        capsys,
        "estimate",
        "--model",
        "gpt-image-2",
        "--size",
        "1536x1024",
        "--quality",
        "medium",
        "--images",
        "10000",
        "--prompt-tokens",
        "0",
        "--format",
        "json",
    )
    assert code == 0, err
    rows = json.loads(out)
    assert [r["model"] for r in rows] == ["gpt-image-2"]
    r = rows[0]
    assert r["per_image_usd"] == pytest.approx(0.041, abs=0.001)
    assert r["total_usd"] == pytest.approx(r["per_image_usd"] * 10000)
    assert r["provider"] == "OpenAI"
    assert isinstance(r["output_tokens_per_image"], int)
    assert r["warnings"] == []
    assert r["stages"][0]["meters"]


def test_batch_halves_the_bill(capsys):
    args = ["estimate", "--model", "gpt-image-2", "--images", "100", "--format", "json"]
    _, full, _ = run(capsys, *args)
    _, half, _ = run(capsys, *args, "--batch")
    assert json.loads(half)[0]["total_usd"] == pytest.approx(json.loads(full)[0]["total_usd"] / 2)


def test_repeated_model_flags_compare_and_rank(capsys):
    code, out, _ = run(
        capsys,
        "estimate",
        "--model",
        "gpt-image-2",
        "--model",
        "flux-2-pro",
        "--quality",
        "high",
        "--images",
        "10",
        "--format",
        "json",
    )
    assert code == 0
    rows = json.loads(out)
    # FLUX.2 [pro] at 1024x1024 is $0.03 flat; gpt-image-2 high square is $0.211.
    assert [r["model"] for r in rows] == ["flux-2-pro", "gpt-image-2"]
    assert rows[0]["rank"] == 1 and rows[0]["vs_cheapest_usd"] == 0
    assert rows[0]["total_usd"] == pytest.approx(0.30)


def test_all_lists_every_active_model_and_no_retired_one(capsys):
    code, out, _ = run(capsys, "estimate", "--model", "all", "--format", "json")
    assert code == 0
    ids = {r["model"] for r in json.loads(out)}
    assert "gpt-image-2" in ids and "midjourney" in ids
    assert "dall-e-3" not in ids and "gpt-image-1" not in ids


def test_csv_has_header_and_a_row_per_model(capsys):
    code, out, _ = run(
        capsys, "estimate", "--model", "gpt-image-2", "--model", "dall-e-3", "--format", "csv"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["model"] for r in rows} == {"gpt-image-2", "dall-e-3"}
    dalle = next(r for r in rows if r["model"] == "dall-e-3")
    assert "retired" in dalle["warnings"]


def test_table_names_the_period(capsys):
    code, out, _ = run(capsys, "estimate", "--model", "gpt-image-2", "--images", "2500")
    assert code == 0
    assert "2,500 images per month" in out
    assert "gpt-image-2" in out


def test_scenario_file(capsys, tmp_path):
    f = tmp_path / "flat.imgcost.json"
    f.write_text(
        json.dumps(
            {"size": "1024x1024", "quality": "low", "images": 1000, "model": "gpt-image-1.5"}
        )
    )
    code, out, err = run(capsys, "estimate", str(f), "--format", "json")
    assert code == 0, err
    # 272 tokens x $32/M = $0.008704 per image, plus 50 prompt tokens x $5/M.
    assert json.loads(out)[0]["total_usd"] == pytest.approx(1000 * (272 * 32 + 50 * 5) / 1e6)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["estimate", "--model", "gpt-image-9"], "unknown model 'gpt-image-9'"),
        (
            ["estimate", "--model", "gpt-image-1.5", "--size", "1000x1000"],
            "nearest accepted: 1024x1024",
        ),
        (["estimate", "--images", "-5"], "--images must be from 0 to"),
        (["estimate", "--size", "big"], "WIDTHxHEIGHT"),
        (["catalog", "show", "nope"], "unknown model 'nope'"),
        (["estimate", "/no/such/file.imgcost.json"], "does not exist"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert needle in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_malformed_scenario_file(capsys, tmp_path):
    f = tmp_path / "bad.imgcost.json"
    f.write_text("{ not json")
    code, _, err = run(capsys, "estimate", str(f))
    assert code == 2
    assert "not valid JSON" in err and "line 1" in err
    assert f.read_text() == "{ not json"  # nothing written


def test_catalog_list_and_show(capsys):
    code, out, _ = run(capsys, "catalog", "list")
    assert code == 0 and "gpt-image-2" in out and "dall-e-3" not in out
    code, out, _ = run(capsys, "catalog", "list", "--all")
    assert "dall-e-3" in out and "[retired]" in out
    code, out, _ = run(capsys, "catalog", "show", "gpt-image-2")
    assert "Image output: 30.00 $ / 1M tokens" in out and "official" in out


@pytest.mark.parametrize("kind", ["scenario", "catalog", "overrides"])
def test_schema(capsys, kind):
    code, out, _ = run(capsys, "schema", kind)
    assert code == 0
    assert "properties" in json.loads(out)


@pytest.mark.parametrize(
    ("extra", "flag"),
    [
        (["--batch"], "--batch"),
        (["--quality", "high"], "--quality"),
        (["--size", "1024x1536"], "--size"),
    ],
)
def test_a_scenario_file_refuses_stage_flags_it_would_ignore(capsys, tmp_path, extra, flag):
    f = tmp_path / "s.imgcost.json"
    f.write_text(json.dumps({"size": "1024x1024", "images": 10, "model": "gpt-image-2"}))
    code, out, err = run(capsys, "estimate", str(f), *extra)
    assert code == 2 and out == ""
    assert flag in err and "scenario file" in err


def test_models_named_in_a_scenario_must_make_its_size(capsys, tmp_path):
    f = tmp_path / "s.imgcost.json"
    f.write_text(json.dumps({"size": "1000x1000", "images": 10, "model": "gpt-image-2"}))
    code, _, err = run(capsys, "estimate", str(f))
    assert code == 2
    assert "multiples of 16" in err and "nearest accepted" in err


def test_baseline_must_be_known_and_compared(capsys):
    code, _, err = run(capsys, "estimate", "--model", "gpt-image-2", "--baseline", "nosuch")
    assert code == 2 and "unknown model 'nosuch'" in err
    code, _, err = run(capsys, "estimate", "--model", "gpt-image-2", "--baseline", "flux-2-pro")
    assert code == 2 and "add --model flux-2-pro" in err


def test_table_shows_the_baseline_column(capsys):
    code, out, _ = run(
        capsys,
        "estimate",
        "--model",
        "flux-2-pro",
        "--model",
        "flux-2-max",
        "--baseline",
        "flux-2-pro",
        "--images",
        "100",
    )
    assert code == 0
    assert "vs flux-2-pro" in out
    # FLUX.2 [max] 1024x1024: $0.07 vs [pro] $0.03, so 100 images cost $4.00 more.
    assert "+$4.00" in out


def test_number_flags_name_the_flag_and_the_range(capsys):
    code, _, err = run(capsys, "estimate", "--outputs", "0")
    assert code == 2 and "--outputs must be from 1 to 10, not 0" in err


def test_stage_json_splits_warnings_from_notes(capsys):
    code, out, _ = run(
        capsys,
        "estimate",
        "--model",
        "gpt-image-2",
        "--quality",
        "auto",
        "--size",
        "3840x2160",
        "--format",
        "json",
    )
    stage = json.loads(out)[0]["stages"][0]
    assert any("experimental" in w for w in stage["warnings"])
    assert any("quality auto" in n for n in stage["notes"])
    assert not any("quality auto" in w for w in stage["warnings"])
