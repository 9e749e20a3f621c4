"""Scenario files: save and load, old files upgraded, problems explained,
and a failed save never damages the file already on disk."""

import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from decimal import Decimal

import pytest
from pydantic import ValidationError

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
from imgcost_gui.core.scenario import MAX_REQUESTS
from imgcost_gui.core.storage import (
    MAX_FILE_BYTES,
    atomic_write_text,
    describe_validation,
    file_signature,
    locked,
    one_line,
    remove_stale_temp_files,
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
    with pytest.raises(FileProblem) as info:
        load_scenario(path)
    # in words a user reads, with the stage's name from the file
    assert "stage 1 (Drafts), width: Input should be greater than 0" in info.value.message


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


# --- files that must not crash the loader (issue 9, items 1 and 6) ------------------------


def write(tmp_path, text, name="bad.imgcost.json"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_deep_nesting_is_a_file_problem_not_a_recursion_error(tmp_path):
    path = write(tmp_path, '{"stages":' * 100_000 + "1" + "}" * 100_000)
    with pytest.raises(FileProblem, match="nested more than 64 levels"):
        load_scenario(path)


def test_nesting_under_pythons_limit_but_past_ours_is_refused_too(tmp_path):
    path = write(tmp_path, '{"description": ' + "[" * 500 + "]" * 500 + "}")
    with pytest.raises(FileProblem, match="nested"):
        load_scenario(path)


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.imgcost.json"
    with open(path, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs nothing on disk
    monkeypatch.setattr("pathlib.Path.read_text", None)  # reading it whole would be the bug
    with pytest.raises(FileProblem, match="at most 10 MB") as info:
        load_scenario(path)
    assert "choose another file" in info.value.message


@pytest.mark.parametrize(
    "value, words",
    [
        ("1" + "0" * 400, "a number with 401 digits"),
        ("1" + "0" * 5000, "a number with 5001 digits"),
        ("1e400", "the number 1e400, too big"),
        ("NaN", "NaN, which is not a number"),
        ("-Infinity", "-Infinity, which is not a number"),
    ],
)
def test_impossible_numbers_are_refused_by_name(tmp_path, value, words):
    path = write(tmp_path, f'{{"schema_version": 1, "stages": [{{"prompt_tokens": {value}}}]}}')
    with pytest.raises(FileProblem, match=words):
        load_scenario(path)


def test_a_symlink_loop_is_a_file_problem(tmp_path):
    a, b = tmp_path / "a.imgcost.json", tmp_path / "b.imgcost.json"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(FileProblem, match="loop") as info:
        load_scenario(a)
    assert "point the link at a real file" in info.value.message


def test_a_folder_or_a_pipe_is_refused_without_blocking(tmp_path):
    with pytest.raises(FileProblem, match="not a file"):
        load_scenario(tmp_path)
    fifo = tmp_path / "pipe.imgcost.json"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a file"):
        load_scenario(fifo)  # opening it would wait for a writer for ever


def test_a_file_that_is_not_utf8_says_so(tmp_path):
    path = tmp_path / "latin1.imgcost.json"
    path.write_bytes('{"name": "Caf\xe9"}'.encode("latin-1"))
    with pytest.raises(FileProblem, match="not UTF-8"):
        load_scenario(path)


# --- limits are part of the schema --------------------------------------------------------


def stage_file(tmp_path, **stage):
    return write(tmp_path, json.dumps({"schema_version": 1, "stages": [stage]}))


@pytest.mark.parametrize(
    "stage, words",
    [
        ({"jobs": 10**12, "images_per_job": 10**12}, "jobs x images_per_job"),
        ({"references": {"count": 10**18}}, "references, count"),
        ({"references": {"count": 2, "width": 10**30}}, "number with 31 digits"),
        ({"references": {"count": 2, "height": 10**20}}, "references, height"),
        ({"prompt_tokens": 10**12}, "prompt_tokens"),
        ({"responses": {"input_usd_per_m": "1e308"}}, "input_usd_per_m"),
    ],
)
def test_in_range_looking_but_impossible_stages_are_refused(tmp_path, stage, words):
    with pytest.raises(FileProblem, match=words):
        load_scenario(stage_file(tmp_path, name="Drafts", **stage))


def test_the_request_limit_holds_for_jobs_too():
    Stage(jobs=10**6, images_per_job=10**6)  # exactly the limit
    with pytest.raises(ValidationError, match=f"{MAX_REQUESTS:,}"):
        Stage(jobs=10**6 + 1, images_per_job=10**6)
    stage = Stage(jobs=10**6)
    with pytest.raises(ValidationError):
        stage.images_per_job = 10**7  # the form assigns one field at a time


def test_scenario_wide_limits(tmp_path):
    with pytest.raises(ValidationError, match="budget_usd"):
        Scenario(budget_usd=Decimal("1e308"))
    with pytest.raises(ValidationError, match="at most 100 items"):
        Scenario(stages=[Stage(name=f"s{i}") for i in range(101)])
    with pytest.raises(ValidationError, match="at most 200 characters"):
        Scenario(name="x" * 201)


def test_the_limits_are_in_the_json_schema():
    schema = Scenario.model_json_schema()
    stage = schema["$defs"]["Stage"]["properties"]
    refs = schema["$defs"]["ReferenceImages"]["properties"]
    assert schema["properties"]["stages"]["maxItems"] == 100
    assert stage["prompt_tokens"]["maximum"] == 10**7
    assert refs["count"]["maximum"] == 16 and refs["width"]["maximum"] == 20000
    assert "1,000,000,000,000" in stage["jobs"]["description"]  # the product's limit, in words


def test_the_biggest_scenario_allowed_still_prices(tmp_path):
    """Every limit at once: estimates stay finite numbers, never an OverflowError."""
    from imgcost_gui.core import estimate

    biggest = Stage(
        name="Everything",
        jobs=10**6,
        images_per_job=10**6,
        outputs_per_request=10,
        width=20000,
        height=20000,
        quality="high",
        mode="edit",
        references=ReferenceImages(count=16, width=20000, height=20000, high_fidelity=True),
        prompt_tokens=10**7,
        retry_multiplier=100,
        failure_rate=0.999999,
        responses=ResponsesOverhead(
            input_tokens=10**7,
            output_tokens=10**7,
            input_usd_per_m=Decimal(10**6),
            output_usd_per_m=Decimal(10**6),
        ),
    )
    supported = biggest.model_copy(update={"name": "Supported size", "width": 1024, "height": 1024})
    scenario = Scenario(stages=[biggest, supported], budget_usd=Decimal(10**12))
    results = estimate(scenario, CATALOG)
    assert any(s.total_usd for r in results for s in r.stages)
    for r in results:
        json.dumps(r.to_dict(), allow_nan=False, default=str)  # no inf, no NaN


# --- messages stay one line (item 11) -------------------------------------------------------


def test_one_line_escapes_controls_visibly():
    assert one_line("a\x1b]0;owned\x07b\nc\r\td\x9be\u2028") == (
        "a\\x1b]0;owned\\x07b\\nc\\r\\td\\x9be\\u2028"
    )
    assert one_line("plain text, “quotes” and é") == "plain text, “quotes” and é"


def test_a_key_with_control_characters_cannot_retitle_the_terminal(tmp_path):
    path = write(tmp_path, json.dumps({"schema_version": 1, "\u001b]0;owned\u0007\nx": 1}))
    with pytest.raises(FileProblem) as info:
        load_scenario(path)
    message = info.value.message
    assert "\x1b" not in message and "\x07" not in message and "\n" not in message
    assert "\\x1b]0;owned\\x07\\nx" in message
    assert str(info.value) == info.value.args[0]  # str() is as safe as .message


def test_describe_validation_names_fields_in_words():
    data = {"stages": [{"name": "Drafts"}, {"name": "Finals", "references": {"count": -1}}]}
    with pytest.raises(ValidationError) as info:
        Scenario.model_validate(data)
    assert describe_validation(info.value, data) == (
        "stage 2 (Finals), references, count: Input should be greater than or equal to 0"
    )
    with pytest.raises(ValidationError) as info:
        Scenario(stages=[Stage(name="A"), Stage(name="A")])
    assert describe_validation(info.value) == "stage names must be different from each other"


# --- saving through links, keeping modes, cleaning up (items 9, 10) -----------------------------


def test_a_save_writes_through_a_symlink_and_the_link_stays(tmp_path):
    shared = tmp_path / "team" / "shared.imgcost.json"
    save_scenario(Scenario(name="Team"), shared)
    link = tmp_path / "mine.imgcost.json"
    link.symlink_to(shared)
    save_scenario(Scenario(name="Changed"), link)
    assert link.is_symlink() and os.readlink(link) == str(shared)
    assert load_scenario(shared)[0].name == "Changed"
    assert [p.name for p in shared.parent.iterdir()] == [shared.name]  # temp file beside the target


def test_a_save_through_a_symlink_loop_raises_and_leaves_the_links(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(OSError, match="loop"):
        atomic_write_text(a, "{}")
    assert a.is_symlink() and b.is_symlink()


def test_a_save_keeps_the_files_mode(tmp_path):
    path = tmp_path / "shared.imgcost.json"
    save_scenario(Scenario(), path)
    path.chmod(0o664)
    save_scenario(Scenario(name="Again"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_a_new_file_follows_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        save_scenario(Scenario(), tmp_path / "new.imgcost.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.imgcost.json").stat().st_mode) == 0o644


def test_a_failed_save_names_the_users_file_not_the_temp_file(tmp_path, monkeypatch):
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if str(path).endswith(".tmp"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(PermissionError) as info:
        save_scenario(Scenario(), tmp_path / "plan.imgcost.json")
    assert info.value.filename == str(tmp_path / "plan.imgcost.json")


def test_leftover_temp_files_go_at_the_next_save(tmp_path):
    old = time.time() - 120
    left = [
        tmp_path / ".plan.imgcost.json.k3j_x9a0.tmp",
        tmp_path / ".price-overrides.json.abcdefgh.tmp",
    ]
    for p in left:
        p.write_text("{half a fi", encoding="utf-8")
        os.utime(p, (old, old))
    fresh = tmp_path / ".other.imgcost.json.zzzzzzzz.tmp"  # another window is saving right now
    fresh.write_text("{", encoding="utf-8")
    not_ours = [tmp_path / ".notes.txt.abcdefgh.tmp", tmp_path / "plan.tmp"]
    for p in not_ours:
        p.write_text("x", encoding="utf-8")
        os.utime(p, (old, old))
    save_scenario(Scenario(), tmp_path / "plan.imgcost.json")
    assert not any(p.exists() for p in left)
    assert fresh.exists() and all(p.exists() for p in not_ours)


def test_remove_stale_temp_files_at_start(tmp_path):
    old = time.time() - 120
    left = tmp_path / ".price-overrides.json.abcdefgh.tmp"
    left.write_text("{", encoding="utf-8")
    os.utime(left, (old, old))
    assert remove_stale_temp_files(tmp_path) == [left]
    assert remove_stale_temp_files(tmp_path / "missing") == []


# --- two writers (item 2's primitives) ----------------------------------------------------


def test_file_signature_changes_when_another_process_saves(tmp_path):
    path = tmp_path / "price-overrides.json"
    assert file_signature(path) is None
    atomic_write_text(path, "{}")
    before = file_signature(path)
    assert before == file_signature(path)
    atomic_write_text(path, "{}")  # same size, same second: a new inode still tells
    assert file_signature(path) != before


def test_locked_keeps_a_read_modify_write_whole_across_processes(tmp_path):
    """Two processes each add 30 numbers to one list under the lock: none is lost."""
    path = tmp_path / "price-overrides.json"
    atomic_write_text(path, "[]")
    code = textwrap.dedent(
        """
        import json, sys
        from pathlib import Path
        from imgcost_gui.core.storage import atomic_write_text, locked
        path, me = Path(sys.argv[1]), sys.argv[2]
        for i in range(30):
            with locked(path):
                items = json.loads(path.read_text())
                atomic_write_text(path, json.dumps(items + [f"{me}{i}"]))
        """
    )
    writers = [
        subprocess.Popen([sys.executable, "-c", code, str(path), name]) for name in ("a", "b")
    ]
    assert [w.wait(timeout=60) for w in writers] == [0, 0]
    assert len(json.loads(path.read_text())) == 60
    with locked(path), locked(path):  # nested in one thread: no deadlock
        pass


def test_locked_gives_up_after_its_timeout(tmp_path):
    path = tmp_path / "price-overrides.json"
    code = textwrap.dedent(
        """
        import sys, time
        from imgcost_gui.core.storage import locked
        with locked(sys.argv[1]):
            print("held", flush=True)
            time.sleep(30)
        """
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == b"held\n"
        with pytest.raises(TimeoutError, match="another ImgCost"), locked(path, timeout=0.2):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_save_of_an_imgcost_file_leaves_a_temp_file_that_is_cleaned_up(tmp_path):
    import os
    import time

    from imgcost_gui.core.storage import remove_stale_temp_files

    stale = tmp_path / ".plan.imgcost.k3j_x9a0.tmp"
    stale.write_text("half a save", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert remove_stale_temp_files(tmp_path) == [stale]
    assert not stale.exists()
