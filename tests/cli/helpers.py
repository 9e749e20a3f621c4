"""Running ``imgcost`` in-process as a user would from a shell."""

from __future__ import annotations

from typing import Any

from imgcost_gui.cli import main


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``imgcost ARGV`` (argparse's own refusals too)."""
    try:
        code = main(list(argv))
    except SystemExit as e:  # argparse refuses a malformed flag itself
        code = int(e.code or 0) if not isinstance(e.code, str) else 2
    out, err = capsys.readouterr()
    return code, out, err
