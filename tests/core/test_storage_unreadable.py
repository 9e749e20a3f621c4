"""Scenario files ImgCost cannot use: each is a FileProblem that names what is
wrong in words, on one line, never a crash, a hang or a recursion error
(issue 9, items 1, 6 and 11)."""

import json
import os

import pytest
from pydantic import ValidationError

from imgcost_gui.core import FileProblem, Scenario, Stage, load_scenario
from imgcost_gui.core.storage import MAX_FILE_BYTES, describe_validation, one_line

from .scenario_files import rich_scenario, write


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


# --- files that must not crash the loader (issue 9, items 1 and 6) ------------------------


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
