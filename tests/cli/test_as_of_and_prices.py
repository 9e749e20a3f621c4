"""The command line on a calendar: --as-of, retired models listed apart, and
'imgcost prices' editing the same overrides file as the app.

Today is pinned to 2026-12-01 (tests/conftest.py). GPT Image 1.5 shuts down
on 2026-12-01 (OpenAI's deprecations page): retired today, usable yesterday.
"""

import json

import pytest

from imgcost_gui.core import UserCatalog, load_shipped_catalog

from .helpers import run


def listed_ids(out):
    return {line.split()[0] for line in out.splitlines()[1:] if line.strip()}


def rows(capsys, *argv):
    code, out, err = run(capsys, *argv, "--format", "json")
    assert code == 0, err
    return {r["model"]: r for r in json.loads(out)}


ONE = ["estimate", "--images", "1", "--prompt-tokens", "0", "--size", "1024x1024"]


def test_all_leaves_out_models_retired_today_and_as_of_brings_them_back(capsys):
    today = rows(capsys, *ONE)
    assert "gpt-image-1.5" not in today
    assert "gpt-image-1-mini" not in today
    yesterday = rows(capsys, *ONE, "--as-of", "2026-11-30")
    assert yesterday["gpt-image-1.5"]["rank"] is not None
    assert yesterday["gpt-image-1.5"]["status"] == "deprecated"
    assert yesterday["gpt-image-1.5"]["shuts_down"] == "2026-12-01"
    assert any("1 day left" in w for w in yesterday["gpt-image-1.5"]["warnings"])
    assert yesterday["gpt-image-2"]["as_of"] == "2026-11-30"


def test_a_retired_model_named_by_id_is_listed_apart_without_rank(capsys):
    named = rows(capsys, *ONE, "--model", "gpt-image-1.5", "--model", "gpt-image-2")
    assert named["gpt-image-1.5"]["rank"] is None
    assert named["gpt-image-1.5"]["status"] == "retired"
    assert named["gpt-image-2"]["rank"] == 1
    code, out, _ = run(capsys, *ONE, "--model", "gpt-image-1.5", "--model", "gpt-image-2")
    assert code == 0
    ranked, _, apart = out.partition("Not available on 2026-12-01")
    assert "gpt-image-2" in ranked and "gpt-image-1.5" not in ranked
    assert "gpt-image-1.5" in apart and "retired on 2026-12-01" in apart


def test_a_scenario_plan_from_date_is_used_unless_as_of_is_given(capsys, tmp_path):
    plan = tmp_path / "plan.imgcost.json"
    plan.write_text(
        json.dumps(
            {
                "size": "1024x1024",
                "quality": "low",
                "images": 10,
                "model": ["gpt-image-1.5", "gpt-image-2"],
                "plan_from": "2026-11-15",
            }
        ),
        encoding="utf-8",
    )
    planned = rows(capsys, "estimate", str(plan))
    # Planned for 2026-11-15: 1.5 still runs, but shuts down 16 days into the month.
    assert planned["gpt-image-1.5"]["rank"] is not None
    assert any("inside this month" in w for w in planned["gpt-image-1.5"]["warnings"])
    later = rows(capsys, "estimate", str(plan), "--as-of", "2026-12-02")
    assert later["gpt-image-1.5"]["rank"] is None


def test_a_bad_as_of_date_is_one_line_and_status_2(capsys):
    code, _, err = run(capsys, *ONE, "--as-of", "1/12/2026")
    assert code == 2
    assert "YYYY-MM-DD" in err and len(err.strip().splitlines()) == 1


def test_catalog_list_and_show_follow_the_day(capsys):
    code, out, _ = run(capsys, "catalog", "list")
    assert code == 0 and "gpt-image-1.5" not in listed_ids(out)
    code, out, _ = run(capsys, "catalog", "list", "--as-of", "2026-11-30")
    assert "gpt-image-1.5" in listed_ids(out) and "[deprecated]" in out
    code, out, _ = run(capsys, "catalog", "list", "--format", "json", "--all")
    listed = {m["id"]: m for m in json.loads(out)}
    assert listed["gpt-image-1.5"]["status"] == "retired"
    assert listed["gpt-image-1.5"]["shuts_down"] == "2026-12-01"
    code, out, _ = run(capsys, "catalog", "show", "gpt-image-1.5", "--as-of", "2026-11-30")
    assert "deprecated on 2026-11-30" in out and "shuts down 2026-12-01" in out
    # The FIELD names 'imgcost prices set' takes are listed.
    assert "image_out" in out


def test_quality_levels_beyond_high_are_refused_by_a_model_without_them(capsys):
    code, _, err = run(capsys, *ONE, "--model", "gpt-image-2", "--quality", "xhigh")
    assert code == 2
    assert "low, medium, high" in err and "xhigh" in err


# --- imgcost prices ---------------------------------------------------------------------


def overrides(data_dir):
    return json.loads((data_dir / "price-overrides.json").read_text(encoding="utf-8"))


def test_prices_set_changes_the_estimate_and_the_file_the_app_reads(capsys, user_data_dir):
    code, out, err = run(capsys, "prices", "set", "gpt-image-2", "image_out", "15")
    assert code == 0, err
    assert overrides(user_data_dir)["prices"] == {"gpt-image-2": {"image_out": "15"}}
    # 1024x1024 low: 196 output tokens at $15/M = $0.00294
    est = rows(capsys, *ONE, "--quality", "low", "--model", "gpt-image-2")
    assert est["gpt-image-2"]["total_usd"] == pytest.approx(196 * 15 / 1e6)
    # The app's own catalog sees the same price.
    user = UserCatalog(load_shipped_catalog())
    assert user.is_overridden("gpt-image-2", "image_out")


def test_a_dated_price_holds_from_its_day(capsys, user_data_dir):
    code, _, err = run(
        capsys, "prices", "set", "gpt-image-2", "image_out", "20", "--from", "2027-01-01"
    )
    assert code == 0, err
    saved = overrides(user_data_dir)["dated_prices"]["gpt-image-2"]["image_out"]
    assert saved == [{"from": "2027-01-01", "usd": "20"}]
    args = [*ONE, "--quality", "low", "--model", "gpt-image-2"]
    before = rows(capsys, *args, "--as-of", "2026-12-31")["gpt-image-2"]
    after = rows(capsys, *args, "--as-of", "2027-01-01")["gpt-image-2"]
    assert before["total_usd"] == pytest.approx(196 * 30 / 1e6)  # shipped $30/M
    assert after["total_usd"] == pytest.approx(196 * 20 / 1e6)
    # A month planned from 2026-12-15 straddles the change: a warning names it.
    straddle = rows(capsys, *args, "--as-of", "2026-12-15")["gpt-image-2"]
    assert any("2027-01-01" in w and "$30.00 → $20" in w for w in straddle["warnings"])


def test_prices_reset_one_field_or_the_model(capsys, user_data_dir):
    run(capsys, "prices", "set", "dall-e-3", "1024x1024/standard", "0.03")
    run(capsys, "prices", "set", "dall-e-3", "1024x1024/hd", "0.07")
    code, _, _ = run(capsys, "prices", "reset", "dall-e-3", "1024x1024/hd")
    assert code == 0
    assert overrides(user_data_dir)["prices"] == {"dall-e-3": {"1024x1024/standard": "0.03"}}
    run(capsys, "prices", "reset", "dall-e-3")
    assert overrides(user_data_dir)["prices"] == {}


def test_prices_export_then_import_elsewhere(capsys, tmp_path, monkeypatch):
    run(capsys, "prices", "set", "flux-2-pro", "first_mp", "0.025")
    shared = tmp_path / "team-prices.json"
    code, _, _ = run(capsys, "prices", "export", str(shared))
    assert code == 0 and shared.exists()
    monkeypatch.setenv("IMGCOST_DATA_DIR", str(tmp_path / "colleague"))
    code, out, err = run(capsys, "prices", "import", str(shared))
    assert code == 0, err
    assert "Imported 1 price(s)" in out
    assert overrides(tmp_path / "colleague")["prices"] == {"flux-2-pro": {"first_mp": "0.025"}}


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["set", "gpt-image-9", "image_out", "1"], "unknown model 'gpt-image-9'"),
        (["set", "gpt-image-2", "pricing.rates.image_out", "1"], "its prices are: text_in"),
        (["set", "gpt-image-2", "image_out", "-1"], "zero or more"),
        (["set", "gpt-image-2", "image_out", "cheap"], "is not a price"),
        (["set", "gpt-image-2", "image_out"], "needs ID FIELD VALUE"),
        (["set", "gpt-image-2", "image_out", "1", "--from", "soon"], "YYYY-MM-DD"),
        (["import", "/nonexistent/prices.json"], "does not exist"),
    ],
)
def test_bad_price_commands_say_what_is_wrong_and_write_nothing(capsys, user_data_dir, argv, says):
    code, _, err = run(capsys, "prices", *argv)
    assert code == 2
    assert says in err
    assert len(err.strip().splitlines()) == 1
    assert not (user_data_dir / "price-overrides.json").exists()


def test_control_characters_in_input_are_shown_escaped_on_one_line(capsys):
    code, _, err = run(capsys, "prices", "set", "gpt-image-2", "image\x1b]0;x\x07\nout", "1")
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b" in err
    assert len(err.strip().splitlines()) == 1


def test_a_deeply_nested_overrides_file_is_kept_aside_and_every_command_still_runs(
    capsys, user_data_dir
):
    path = user_data_dir / "price-overrides.json"
    path.write_text('{"prices":' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    code, out, err = run(capsys, "catalog", "list")
    assert code == 0 and "gpt-image-2" in out
    assert "could not be loaded" in err and "kept as" in err
    assert not path.exists()
    assert len(list(user_data_dir.glob("price-overrides.json.unreadable-*"))) == 1


def test_catalog_show_labels_a_price_of_yours_with_the_one_it_replaces(capsys):
    run(capsys, "prices", "set", "gpt-image-2", "image_out", "25")
    code, out, _ = run(capsys, "catalog", "show", "gpt-image-2")
    assert code == 0
    line = next(x for x in out.splitlines() if x.strip().startswith("image_out"))
    assert "25" in line and "your price" in line
    assert "instead of 30.00" in line and "OpenAI API pricing, official" in line
    # Shipped prices still say where they came from.
    text_in = next(x for x in out.splitlines() if x.strip().startswith("text_in"))
    assert "your price" not in text_in and "official" in text_in
