"""Reading what a vendor's API handed a user (saved responses, usage exports),
without trusting it.

Such a file comes from anywhere: it is refused, with one line that names it,
the problem and the fix, when it is over ``MAX_BYTES``, not UTF-8, not JSON,
nested deeper than ``MAX_DEPTH`` (checked on the text before parsing, so the
parser never recurses that far), or holds a number too long to be a count.
Numbers with a fraction are read as Decimal, so dollars keep their digits.

A file is one JSON value (an object or a list) or JSON Lines: one value a
line, blank lines skipped. Each line of JSON Lines is checked on its own.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from .peers.jsonfile import nesting_depth
from .storage import FileProblem, read_limited_text

#: A saved response with its image data is a few MB; 64 MB is many responses
#: without it, and far more than any usage export.
MAX_BYTES = 64 * 1024 * 1024
#: API bodies nest fewer than 10 levels.
MAX_DEPTH = 64
#: Token counts and dollar amounts have far fewer digits.
MAX_DIGITS = 30

__all__ = ["MAX_BYTES", "MAX_DEPTH", "read_records"]


class _BadNumber(ValueError):
    pass


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _BadNumber(f"a number with {len(text.lstrip('-'))} digits ({text[:12]}…)")
    return int(text)


def _decimal(text: str) -> Decimal:
    digits = text.lstrip("-").split("e")[0].split("E")[0]
    if len(digits) > MAX_DIGITS + 1 or len(text) > 2 * MAX_DIGITS:
        raise _BadNumber(f"the number {text[:24]}…, too long for any count or amount")
    value = Decimal(text)
    if not value.is_finite() or abs(value) >= Decimal(10) ** MAX_DIGITS:
        raise _BadNumber(f"the number {text[:24]}, too big for any count or amount")
    return value


def _constant(name: str) -> Any:
    raise _BadNumber(f"{name}, which is not a number")


def _read_text(path: Path, what: str) -> str:
    return read_limited_text(
        path,
        MAX_BYTES,
        not_a_file=f"choose {what}",
        too_big=f"the file is over {MAX_BYTES // 2**20} MB, more than {what} should be; save "
        "it without the image data (b64_json, result) or split it.",
        not_utf8=f"choose {what}",
    )


def _loads(path: Path, text: str, what: str, line: int | None) -> Any:
    where = f"line {line}: " if line is not None else ""
    if nesting_depth(text, MAX_DEPTH) > MAX_DEPTH:
        raise FileProblem(
            path,
            f"{where}the JSON nests deeper than {MAX_DEPTH} levels, which no API body does; "
            f"it is damaged or not {what}.",
        )
    try:
        return json.loads(text, parse_int=_int, parse_float=_decimal, parse_constant=_constant)
    except json.JSONDecodeError as e:
        at = f"line {line}" if line is not None else f"line {e.lineno}"
        raise FileProblem(
            path, f"not valid JSON ({at}, column {e.colno}: {e.msg}); choose {what}."
        ) from None
    except (ValueError, RecursionError) as e:
        raise FileProblem(path, f"{where}it holds {e}; choose {what}.") from None


def read_records(path: Path, what: str) -> list[Any]:
    """The values in a JSON or JSON Lines file: a list's items, one object, or a
    value a line. ``what`` names the file the user should choose ("saved API
    responses"); FileProblem with one line when it cannot be read."""
    path = Path(path)
    text = _read_text(path, what)
    stripped = text.strip()
    if not stripped:
        raise FileProblem(path, f"the file is empty; choose {what}.")
    if stripped[0] == "[":
        value = _loads(path, stripped, what, None)
        return list(value) if isinstance(value, list) else [value]
    lines = [(n, s.strip()) for n, s in enumerate(text.splitlines(), 1) if s.strip()]
    if lines and stripped[0] == "{" and not _one_value_a_line(lines):
        return [_loads(path, stripped, what, None)]  # one object, pretty-printed
    return [_loads(path, s, what, n) for n, s in lines]


def _one_value_a_line(lines: list[tuple[int, str]]) -> bool:
    """Whether the first line holds a whole JSON value (JSON Lines), not the start
    of one pretty-printed object."""
    first = lines[0][1]
    if nesting_depth(first, MAX_DEPTH) > MAX_DEPTH:
        return True  # let the per-line reader refuse it with its line number
    try:
        json.loads(first, parse_int=_int, parse_float=_decimal, parse_constant=_constant)
    except (ValueError, RecursionError):
        return False
    return True
