"""Scenario files: save and load, old files upgraded, problems explained,
and a failed save never damages the file already on disk."""

import json
import os
from decimal import Decimal

import pytest

from imgcost_gui.core import (
    FileProblem,
    ReferenceImages,
    ResponsesOverhead,
    Scenario,
    Stage,
    estimate_model,
    load_scenario,
    save_scenario,
)

from .helpers import CATALOG


def rich_scenario() -> Scenario:
    return Scenario(
        name="Catalogue shoot",
        description="Drafts, then finals with a product photo as reference",
        period="week",
        stages=[
            Stage(name="Drafts", requests=400, width=1024, height=1024, quality="low", batch=True),
            Stage(
                name="Finals",
                jobs=20,
                images_per_job=3,
                outputs_per_request=2,
                width=1536,
                height=1024,
                quality="auto",
                auto_assumes="high",
                mode="edit",
                references=ReferenceImages(count=2, width=2048, height=1365, high_fidelity=True),
                prompt_tokens=320,
                cached_text_share=0.25,
                cached_image_share=0.5,
                retry_multiplier=1.3,
                failure_rate=0.05,
                partial_images=2,
                responses=ResponsesOverhead(
                    input_tokens=900, output_tokens=80, input_usd_per_m=Decimal("2.50")
                ),
            ),
        ],
        models=["gpt-image-2", "gpt-image-1.5"],
        baseline="gpt-image-1.5",
        budget_usd=Decimal("250.50"),
    )


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


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "broken.imgcost.json"
    path.write_text('{\n  "name": "x",\n  "stages": [,]\n}\n', encoding="utf-8")
    with pytest.raises(FileProblem, match="line 3"):
        load_scenario(path)


def test_an_invalid_value_names_the_field(tmp_path):
    path = tmp_path / "bad.imgcost.json"
    data = json.loads(rich_scenario().model_dump_json())
    data["stages"][0]["width"] = -5
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FileProblem, match=r"stages\.0\.width"):
        load_scenario(path)


def test_a_missing_file_is_a_file_problem(tmp_path):
    with pytest.raises(FileProblem, match="does not exist"):
        load_scenario(tmp_path / "nowhere.imgcost.json")


def test_a_failed_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    folder = tmp_path / "scenarios"
    path = folder / "shoot.imgcost.json"
    original = rich_scenario()
    save_scenario(original, path)
    before = path.read_bytes()

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    changed = original.model_copy(update={"name": "Changed"})
    with pytest.raises(OSError, match="disk full"):
        save_scenario(changed, path)
    monkeypatch.undo()

    assert path.read_bytes() == before
    assert load_scenario(path)[0] == original
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temp file left behind


def test_saving_creates_the_folder(tmp_path):
    path = tmp_path / "new" / "folder" / "s.imgcost.json"
    save_scenario(Scenario(), path)
    assert load_scenario(path)[0] == Scenario()


def test_a_version_0_file_with_a_bad_size_says_what_a_size_looks_like(tmp_path):
    f = tmp_path / "bad.imgcost.json"
    f.write_text(json.dumps({"size": "abc", "images": 10}), encoding="utf-8")
    with pytest.raises(FileProblem, match="WIDTHxHEIGHT"):
        load_scenario(f)
