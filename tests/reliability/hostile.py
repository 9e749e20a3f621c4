"""Bad files, one class at a time: each function writes one at ``path``."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from pathlib import Path

from imgcost_gui.core.storage import MAX_FILE_BYTES

Writer = Callable[[Path], None]


def _text(text: str) -> Writer:
    return lambda path: path.write_text(text, encoding="utf-8")


def _stage(**fields: object) -> Writer:
    return _text(json.dumps({"schema_version": 1, "stages": [{"name": "Drafts", **fields}]}))


def _garbage(path: Path) -> None:
    path.write_bytes(random.Random(9).randbytes(4096))


def _huge(path: Path) -> None:
    with open(path, "wb") as f:
        f.write(b'{"name": "')
        f.truncate(MAX_FILE_BYTES + 1024)  # sparse, mostly NUL bytes


def _huge_valid(path: Path) -> None:
    """The issue's freezing file: a real JSON array of 560,000 stages, 10+ MB."""
    stages = ",".join(f'{{"name":"s{i}"}}' for i in range(560_000))
    path.write_text(f'{{"schema_version":1,"stages":[{stages}]}}', encoding="utf-8")


def _loop(path: Path) -> None:
    other = path.with_name(path.name + ".other")
    other.symlink_to(path)
    path.symlink_to(other)


def _dangling(path: Path) -> None:
    path.symlink_to(path.with_name("nowhere.json"))


def _folder(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


#: Every class of bad file the campaign found, by name.
BAD_FILES: dict[str, Writer] = {
    "garbage bytes": _garbage,
    "empty": _text(""),
    "not UTF-8": lambda p: p.write_bytes(b'{"name": "Caf\xe9"}'),
    "cut short": _text('{"schema_version": 1, "stages": [{"name": "Dra'),
    "a list, not an object": _text("[1, 2, 3]"),
    "deep objects": _text('{"prices":' * 100_000 + "1" + "}" * 100_000),
    "deep lists": _text('{"stages": ' + "[" * 100_000 + "]" * 100_000 + "}"),
    "nested past our limit": _text('{"stages": ' + "[" * 500 + "]" * 500 + "}"),
    "huge": _huge,
    "huge and valid JSON": _huge_valid,
    "a 401-digit integer": _stage(prompt_tokens=10**400),
    "a 5000-digit integer": _text('{"schema_version": 1, "count": 1' + "0" * 5000 + "}"),
    "a float that overflows": _text('{"schema_version": 1, "stages": [{"prompt_tokens": 1e400}]}'),
    "NaN": _text('{"schema_version": 1, "stages": [{"cached_text_share": NaN}]}'),
    "Infinity": _text('{"schema_version": 1, "budget_usd": Infinity}'),
    "jobs x images past 10^12": _stage(jobs=10**12, images_per_job=10**12),
    "10^18 references": _stage(references={"count": 10**18}),
    "a 10^30 px reference": _stage(references={"count": 1, "width": 10**30}),
    "a 10^308 budget": _text('{"schema_version": 1, "budget_usd": "1e308"}'),
    "a symlink loop": _loop,
    "a dangling symlink": _dangling,
    "a folder": _folder,
    "a named pipe": _fifo,
    "wrong types": _text('{"schema_version": 1, "name": ["x"], "stages": "many", "count": {}}'),
    "a negative version": _text('{"schema_version": -3}'),
    "control characters in keys": _text(
        json.dumps({"schema_version": 1, "\u001b]0;owned\u0007": 1, "a\nb\u009b": 2})
    ),
    "a newer version": _text('{"schema_version": 999}'),
}
