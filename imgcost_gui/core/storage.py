"""Reading the files ImgCost keeps: versioned JSON, and the one-line message a
file that cannot be read gets. Upgrading an older file is ``migrations.py``;
writing (atomic saves, locks, temp files, keeping a bad file aside) is
``writing.py``.

Reading never crashes on a hostile file: it is refused, with one line that
names the file, the problem and the fix, when it is too big (``MAX_FILE_BYTES``),
nested too deep (``MAX_JSON_DEPTH``), holds a number too long to be a real
count (``MAX_NUMBER_DIGITS``), or cannot be reached (a symlink loop).
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .migrations import NewerFile, migrate, migrator
from .scenario import SCENARIO_SCHEMA_VERSION, Scenario
from .writing import (  # re-exported: callers have always found them here
    STALE_TEMP_SECONDS,
    FileSignature,
    atomic_write_text,
    file_signature,
    keep_aside,
    locked,
    remove_stale_temp_files,
)

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; a lock is a no-op there
    fcntl = None  # type: ignore[assignment]

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

#: A scenario file: ``NAME.imgcost``, JSON inside. One extension on every OS (Windows
#: picks a file's handler by its last extension, which ``.imgcost.json`` gave to JSON).
SCENARIO_SUFFIX = ".imgcost"
#: What scenario files were called before; they still open everywhere.
LEGACY_SCENARIO_SUFFIX = ".imgcost.json"
SCENARIO_SUFFIXES = (SCENARIO_SUFFIX, LEGACY_SCENARIO_SUFFIX)

#: No file ImgCost writes comes near this; a bigger one is not ours, and reading it
#: whole would freeze the app.
MAX_FILE_BYTES = 10 * 1024 * 1024
#: Our deepest file (a custom model's pricing) nests fewer than 10 levels.
MAX_JSON_DEPTH = 64
#: Counts and prices in our files have at most 13 digits; 30 leaves room and keeps
#: every number far from float overflow (about 10^308).
MAX_NUMBER_DIGITS = 30


# --- messages --------------------------------------------------------------------------

#: C0 and C1 controls, DEL, and the Unicode line and bidirectional-text controls.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str) -> str:
    """``text`` with control characters shown as visible escapes (``\\x1b``, ``\\n``).

    A message built from a file's contents then cannot retitle a terminal, ring
    its bell, or turn into several lines.
    """
    return _CONTROLS.sub(_escape, str(text))


class FileProblem(Exception):
    """A file that could not be read, with a message fit for the user.

    ``newer`` is set when a newer ImgCost wrote the file: it is not broken, so
    it must be left where it is and never saved over. The message is kept on
    one line, with control characters escaped.
    """

    def __init__(
        self, path: Path, message: str, kept_at: Path | None = None, *, newer: bool = False
    ):
        self.path = path
        self.kept_at = kept_at
        self.newer = newer
        super().__init__(one_line(message))

    @property
    def message(self) -> str:
        text = f"{one_line(Path(self.path).name)}: {self.args[0]}"
        if self.kept_at is not None:
            text += f" The file was kept as {one_line(str(self.kept_at))}."
        return text


def kept_aside(path: Path, problem: FileProblem) -> FileProblem:
    """``problem`` once its unreadable file is moved out of the way (``keep_aside``),
    naming where it went; as it was if the file could not be moved."""
    try:
        kept: Path | None = keep_aside(path)
    except OSError:
        kept = None
    return FileProblem(path, problem.args[0], kept)


def read_users_file(
    path: Path, read: Callable[[Path], T], what: str, instead: str
) -> tuple[T | None, str | None]:
    """One of the user's files read with ``read``: its value, or None when there is
    no such file; and, when it cannot be read, what the user must be told ("Your
    WHAT could not be loaded. PROBLEM INSTEAD"): the file is kept aside then."""
    if not path.exists():
        return None, None
    try:
        return read(path), None
    except FileProblem as e:
        problem = kept_aside(path, e)
        return None, f"Your {what} could not be loaded. {problem.message} {instead}"


def dump_json(model: BaseModel) -> str:
    return model.model_dump_json(indent=2, exclude_none=False) + "\n"


__all__ = [
    "MAX_FILE_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_NUMBER_DIGITS",
    "LEGACY_SCENARIO_SUFFIX",
    "SCENARIO_SUFFIX",
    "SCENARIO_SUFFIXES",
    "STALE_TEMP_SECONDS",
    "FileProblem",
    "FileSignature",
    "atomic_write_text",
    "describe_validation",
    "dump_json",
    "file_signature",
    "keep_aside",
    "kept_aside",
    "load_scenario",
    "locked",
    "migrate",
    "migrator",
    "one_line",
    "read_limited_text",
    "read_users_file",
    "read_versioned",
    "remove_stale_temp_files",
    "save_scenario",
]


# --- reading -------------------------------------------------------------------------


def _a(kind: str) -> str:
    return f"{'an' if kind[:1] in 'aeiou' else 'a'} {kind}"


def _child(node: Any, key: int | str) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list):
        return node[key] if isinstance(key, int) and -len(node) <= key < len(node) else None
    return getattr(node, str(key), None)


def _where(loc: tuple[int | str, ...], data: Any) -> str:
    """A field's place in words: ``stage 1 (Drafts), quality``, not ``stages.0.quality``."""
    parts: list[str] = []
    node, parent = data, None
    for key in loc:
        node = _child(node, key)
        if isinstance(key, int) and parent == "stages":
            name = node.get("name") if isinstance(node, dict) else getattr(node, "name", None)
            named = f" ({name[:40]})" if isinstance(name, str) and name.strip() else ""
            parts[-1] = f"stage {key + 1}{named}"
        elif isinstance(key, int):
            parts.append(f"item {key + 1}")
        else:
            parts.append(str(key))
        parent = key
    return ", ".join(parts)


def describe_validation(err: ValidationError, data: Any = None) -> str:
    """The first problem pydantic found, in one line a user reads.

    ``data`` (what was validated) lets a stage be named as well as numbered.
    """
    first = err.errors()[0]
    where = _where(tuple(first["loc"]), data)
    msg = str(first["msg"]).removeprefix("Value error, ")
    more = f" (and {err.error_count() - 1} more problems)" if err.error_count() > 1 else ""
    return one_line(f"{where}: {msg}{more}" if where else f"{msg}{more}")


class _NotANumber(ValueError):
    """A number in a file that no count or price could be."""


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise _NotANumber(f"a number with {len(text.lstrip('-'))} digits ({text[:12]}…)")
    return int(text)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or abs(value) >= 10.0**MAX_NUMBER_DIGITS:
        raise _NotANumber(f"the number {text[:24]}, too big for any count or price")
    return value


def _parse_constant(name: str) -> float:
    raise _NotANumber(f"{name}, which is not a number")


def _depth(data: Any) -> int:
    """How deep lists and objects nest (without recursion), stopping past the limit."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def read_limited_text(
    path: Path, max_bytes: int, *, not_a_file: str, too_big: str, not_utf8: str
) -> str:
    """A UTF-8 text file read whole, refused with one line when it is not a regular
    file, bigger than ``max_bytes`` (checked before reading), not UTF-8 or cannot
    be reached. The keyword texts finish each refusal in the caller's words."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(path, f"this is not a file (a folder or a device); {not_a_file}.")
        refused = FileProblem(path, too_big.format(mb=max(info.st_size, max_bytes + 1) / 1e6))
        if info.st_size > max_bytes:
            raise refused
        with open(path, "rb") as f:
            raw = f.read(max_bytes + 1)
        if len(raw) > max_bytes:  # it grew since the stat
            raise refused
        return raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise FileProblem(path, "the file does not exist; check the path.") from None
    except UnicodeDecodeError as e:
        raise FileProblem(
            path, f"the file is not UTF-8 text (byte {e.start}); {not_utf8}."
        ) from None
    except (OSError, RuntimeError, ValueError) as e:
        if isinstance(e, OSError) and e.errno == errno.ELOOP:
            problem = "its symbolic links go round in a loop; point the link at a real file"
        elif isinstance(e, OSError):
            problem = f"the file cannot be read ({e.strerror or e}); check that you may read it"
        else:
            problem = f"the file cannot be reached ({e}); choose another file"
        raise FileProblem(path, f"{problem}.") from None


def _read_text(path: Path, kind: str) -> str:
    return read_limited_text(
        path,
        MAX_FILE_BYTES,
        not_a_file=f"choose {_a(kind)} file",
        too_big=f"the file is {{mb:.0f}} MB, and {_a(kind)} file is at most "
        f"{MAX_FILE_BYTES // 2**20} MB; this is not one, choose another file.",
        not_utf8="save it as UTF-8 JSON",
    )


def _parse(path: Path, raw: str, kind: str) -> Any:
    too_deep = FileProblem(
        path,
        f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep, far more than "
        f"{_a(kind)} file is; this is not one, choose another file.",
    )
    try:
        data = json.loads(
            raw,
            parse_int=_parse_int,
            parse_float=_parse_float,
            parse_constant=_parse_constant,
        )
    except json.JSONDecodeError as e:
        raise FileProblem(
            path,
            f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}); "
            "correct it in a text editor.",
        ) from None
    except RecursionError:
        raise too_deep from None
    except ValueError as e:  # _NotANumber, or a number Python itself refuses
        raise FileProblem(path, f"it holds {e}; correct that value in a text editor.") from None
    if _depth(data) > MAX_JSON_DEPTH:
        raise too_deep
    return data


def read_versioned(path: Path, kind: str, model: type[M], current: int) -> tuple[M, bool]:
    """Read, migrate and validate a JSON file; raise FileProblem with a clear message.

    Never raises anything else for what the file holds: a file that is too big,
    nested too deep, holds impossible numbers or cannot be reached is a
    FileProblem too. The second value says whether the file was upgraded.
    """
    path = Path(path)
    data = _parse(path, _read_text(path, kind), kind)
    if not isinstance(data, dict):
        raise FileProblem(path, f"expected a JSON object for {_a(kind)} file.")
    version = data.get("schema_version", 0)
    try:
        data = migrate(kind, data, current)
        value = model.model_validate(data)
    except NewerFile as e:
        raise FileProblem(path, f"{e}.", newer=True) from None
    except ValidationError as e:
        raise FileProblem(
            path, f"not a valid {kind} file: {describe_validation(e, data)}."
        ) from None
    except (ValueError, TypeError, ArithmeticError, RecursionError) as e:
        raise FileProblem(path, f"not a valid {kind} file: {e}.") from None
    return value, version != current


def load_scenario(path: Path) -> tuple[Scenario, bool]:
    """A saved scenario and whether it was upgraded from an older version."""
    return read_versioned(path, "scenario", Scenario, SCENARIO_SCHEMA_VERSION)


def save_scenario(scenario: Scenario, path: Path) -> None:
    atomic_write_text(Path(path), dump_json(scenario))
