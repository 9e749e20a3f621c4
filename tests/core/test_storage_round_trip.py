"""Scenario files saved and loaded: what is saved loads back the same, money
exact; a version 0 file is upgraded; a file from a newer ImgCost is refused."""

import json

import pytest

from imgcost_gui.core import FileProblem, Scenario, estimate_model, load_scenario, save_scenario

from .helpers import CATALOG
from .scenario_files import rich_scenario


def test_save_then_load_gives_the_same_scenario(tmp_path):
    path = tmp_path / "shoot.imgcost.json"
    original = rich_scenario()
    save_scenario(original, path)
    loaded, upgraded = load_scenario(path)
    assert loaded == original
    assert not upgraded
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    assert data["budget_usd"] == "250.50"  # money stays exact in the file


def test_a_version_0_flat_file_is_upgraded(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps({"size": "1536x1024", "quality": "high", "images": 500, "model": "gpt-image-2"}),
        encoding="utf-8",
    )
    scenario, upgraded = load_scenario(path)
    assert upgraded
    assert scenario.schema_version == 1
    assert scenario.models == ["gpt-image-2"]
    (only,) = scenario.stages
    assert (only.width, only.height, only.quality, only.requests) == (1536, 1024, "high", 500)
    # and it prices as it should: 500 images of 5488 tokens at $30/M = $82.32 of output
    est = estimate_model(scenario, CATALOG.get("gpt-image-2"))
    assert est.stages[0].meter("image_out").usd == pytest.approx(500 * 5488 * 30 / 1e6)


def test_a_version_0_file_with_unknown_keys_is_refused_by_name(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"size": "1024x1024", "colour": "red"}), encoding="utf-8")
    with pytest.raises(FileProblem, match="colour"):
        load_scenario(path)


def test_a_file_from_a_newer_imgcost_is_refused_clearly(tmp_path):
    path = tmp_path / "future.imgcost.json"
    data = json.loads(rich_scenario().model_dump_json())
    data["schema_version"] = 2
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FileProblem) as info:
        load_scenario(path)
    message = info.value.message
    assert "newer" in message and "update ImgCost" in message
    assert path.name in message


def test_saving_creates_the_folder(tmp_path):
    path = tmp_path / "new" / "folder" / "s.imgcost.json"
    save_scenario(Scenario(), path)
    assert load_scenario(path)[0] == Scenario()


def test_a_version_0_file_with_a_bad_size_says_what_a_size_looks_like(tmp_path):
    f = tmp_path / "bad.imgcost.json"
    f.write_text(json.dumps({"size": "abc", "images": 10}), encoding="utf-8")
    with pytest.raises(FileProblem, match="WIDTHxHEIGHT"):
        load_scenario(f)
