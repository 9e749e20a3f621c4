"""Reading a JSON file a user hands us, without trusting it.

``storage.read_versioned`` reads ImgCost's own files; a peer's price file is
bigger and comes from anywhere, so this loader also refuses a file over a size
limit and one nested deeper than any price file needs (a deep file would make
the JSON parser recurse until Python gives up). Numbers are read as Decimal,
never float, so a price keeps the digits the file printed.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..storage import FileProblem

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64

# Strings first, so brackets inside them do not count; then every bracket.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth(text: str, limit: int) -> int:
    """How deep ``text`` nests arrays and objects, counting up to ``limit + 1``."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub('""', text)):
        if m.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    return deepest
        else:
            depth -= 1
    return deepest


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json(path: Path, *, max_bytes: int | None = None, max_depth: int | None = None) -> Any:
    """The JSON value in ``path``; FileProblem with one clear line when it cannot be read."""
    path = Path(path)
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    max_depth = MAX_DEPTH if max_depth is None else max_depth
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise FileProblem(path, "the file does not exist; check the path.") from None
    except OSError as e:
        raise FileProblem(path, f"the file cannot be read ({e.strerror or e}).") from None
    if path.is_dir():
        raise FileProblem(path, "this is a folder; choose the price file inside it.")
    if size > max_bytes:
        raise FileProblem(
            path,
            f"the file is {size / 1024 / 1024:.0f} MB, over the {max_bytes // 1024 // 1024} MB "
            "a price file may have; choose the price file itself, not an archive or a dump.",
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(
            path, "not a text file (it is not UTF-8); choose a JSON price file."
        ) from None
    except OSError as e:
        raise FileProblem(path, f"the file cannot be read ({e.strerror or e}).") from None
    if nesting_depth(text, max_depth) > max_depth:
        raise FileProblem(
            path,
            f"the JSON nests deeper than {max_depth} levels, which no price file does; "
            "it is damaged or not a price file.",
        )
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise FileProblem(
            path,
            f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}); "
            "choose a JSON price file.",
        ) from None
    except ValueError as e:
        raise FileProblem(path, f"not valid JSON ({e}); choose a JSON price file.") from None
    except RecursionError:  # the depth check should have caught it; never let it escape
        raise FileProblem(path, "the JSON nests too deep to read; it is damaged.") from None
