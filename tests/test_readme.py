"""The README's two commands are the ones CI and a new user run."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_opens_with_app_then_test_command():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("\n", 1)[1].strip() for b in text.split("```")[1::2]]
    assert blocks[0] == "sh scripts/setup.sh && .venv/bin/imgcost-gui"
    assert blocks[1] == "sh scripts/setup.sh --test && .venv/bin/python -m pytest -q"


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "sh scripts/setup.sh --test" in ci
    assert ".venv/bin/python -m pytest -q" in ci
