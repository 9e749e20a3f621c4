"""'imgcost plan' and '--by-stage': what drafts cost against finals, and the
cheapest model for each stage.

Prices by hand (shipped catalog): FLUX1.1 [pro] $0.04 an image, longest edge
1440 px; FLUX.2 [pro] $0.03 for the first megapixel + $0.015 for each further
one (2048x2048 = 4,194,304 px = 4 MP: $0.03 + 3 x $0.015 = $0.075);
gpt-image-2 1024x1024 low = 196 tokens x $30/M = $0.00588.
"""

import csv
import io
import json

import pytest

from .helpers import run


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "drafts-and-finals.imgcost.json"
    path.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "name": "Drafts and finals",
                "stages": [
                    {"name": "Drafts", "requests": 1000, "quality": "low", "prompt_tokens": 0},
                    {
                        "name": "Finals",
                        "requests": 10,
                        "width": 2048,
                        "height": 2048,
                        "quality": "high",
                        "prompt_tokens": 0,
                    },
                ],
                "models": ["gpt-image-2", "flux-pro-1.1", "flux-2-pro"],
            }
        ),
        encoding="utf-8",
    )
    return path


def test_plan_picks_the_cheapest_model_for_each_stage(capsys, scenario):
    code, out, err = run(capsys, "plan", str(scenario), "--format", "json")
    assert code == 0, err
    plan = json.loads(out)
    drafts, finals = plan["stages"]
    # Drafts: gpt-image-2 $5.88 < FLUX.2 [pro] $30 < FLUX1.1 [pro] $40.
    assert drafts == {"stage": "Drafts", "model": "gpt-image-2", "total_usd": pytest.approx(5.88)}
    # Finals 2048x2048 high: FLUX.2 [pro] 10 x $0.075 = $0.75; gpt-image-2 high costs more
    # (q=96: s=96, ceil(96*96*(2e6+4194304)/4e6) = 14272 tokens = $0.42816 an image),
    # and FLUX1.1 [pro] cannot make it.
    assert finals["model"] == "flux-2-pro"
    assert finals["total_usd"] == pytest.approx(0.75)
    assert plan["total_usd"] == pytest.approx(5.88 + 0.75)
    # Best single: gpt-image-2, $5.88 + 10 x $0.42816 = $10.1616.
    assert plan["best_single"] == {"model": "gpt-image-2", "total_usd": pytest.approx(10.1616)}
    assert plan["saving_usd"] == pytest.approx(10.1616 - 6.63)


def test_plan_as_a_table_names_the_saving(capsys, scenario):
    code, out, _ = run(capsys, "plan", str(scenario))
    assert code == 0
    assert "Drafts" in out and "gpt-image-2" in out and "flux-2-pro" in out
    assert "mixing saves $3.53" in out


def test_estimate_by_stage_gives_one_row_per_model_and_stage(capsys, scenario):
    code, out, err = run(capsys, "estimate", str(scenario), "--format", "csv", "--by-stage")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    by = {(r["model"], r["stage"]): r for r in rows}
    assert len(rows) == 6
    assert float(by["flux-pro-1.1", "Drafts"]["total_usd"]) == pytest.approx(40.0)
    # A model that cannot run a stage shows what it can run and why not the rest.
    finals = by["flux-pro-1.1", "Finals"]
    assert finals["supported"] == "False" and finals["total_usd"] == ""
    assert "1440" in finals["warnings"]


def test_by_stage_without_csv_is_refused(capsys, scenario):
    code, _, err = run(capsys, "estimate", str(scenario), "--by-stage")
    assert code == 2 and "--format csv" in err


def test_scenario_files_are_name_dot_imgcost_and_old_imgcost_json_files_still_open(
    capsys, tmp_path, scenario
):
    from imgcost_gui.core.storage import SCENARIO_SUFFIX

    assert SCENARIO_SUFFIX == ".imgcost"
    new = tmp_path / "campaign.imgcost"
    new.write_text(scenario.read_text(encoding="utf-8"), encoding="utf-8")
    for path in (new, scenario):  # the fixture is an .imgcost.json file
        code, out, err = run(capsys, "plan", str(path), "--format", "json")
        assert code == 0, err
        assert json.loads(out)["total_usd"] == pytest.approx(5.88 + 0.75)
