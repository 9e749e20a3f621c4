"""Files on disk: atomic writes, versioned JSON with migrations, and files we
cannot read kept aside rather than overwritten."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .scenario import SCENARIO_SCHEMA_VERSION, Scenario
from .sizes import Size

M = TypeVar("M", bound=BaseModel)

SCENARIO_SUFFIX = ".imgcost.json"


class FileProblem(Exception):
    """A file that could not be read, with a message fit for the user.

    ``newer`` is set when a newer ImgCost wrote the file: it is not broken, so
    it must be left where it is and never saved over.
    """

    def __init__(
        self, path: Path, message: str, kept_at: Path | None = None, *, newer: bool = False
    ):
        self.path = path
        self.kept_at = kept_at
        self.newer = newer
        super().__init__(message)

    @property
    def message(self) -> str:
        text = f"{self.path.name}: {self.args[0]}"
        if self.kept_at is not None:
            text += f" The file was kept as {self.kept_at}."
        return text


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` so that a crash leaves either the old file or the new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):
        try:
            dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            return
        try:
            os.fsync(dir_fd)
        except OSError:
            pass
        finally:
            os.close(dir_fd)


def dump_json(model: BaseModel) -> str:
    return model.model_dump_json(indent=2, exclude_none=False) + "\n"


def keep_aside(path: Path) -> Path:
    """Rename an unreadable file out of the way; return its new name."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{n}")
    os.replace(path, target)
    return target


# --- migrations ----------------------------------------------------------------------


class NewerFile(ValueError):
    """The file's schema_version is newer than this ImgCost reads."""


Migration = Callable[[dict[str, Any]], dict[str, Any]]
_MIGRATIONS: dict[tuple[str, int], Migration] = {}


def migrator(kind: str, from_version: int) -> Callable[[Migration], Migration]:
    """Register a step that turns a ``kind`` file of ``from_version`` into the next."""

    def register(fn: Migration) -> Migration:
        _MIGRATIONS[(kind, from_version)] = fn
        return fn

    return register


def migrate(kind: str, data: dict[str, Any], current: int) -> dict[str, Any]:
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or version < 0:
        raise ValueError(f"schema_version {version!r} is not a version number")
    if version > current:
        raise NewerFile(
            f"it was written by a newer ImgCost (file version {version}, this one reads up to "
            f"{current}); update ImgCost to open it"
        )
    while version < current:
        step = _MIGRATIONS.get((kind, version))
        if step is None:
            raise ValueError(f"no way to upgrade a version {version} {kind} file")
        data = step(dict(data))
        version = data["schema_version"]
    return data


@migrator("scenario", 0)
def _scenario_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0: a flat, hand-written one-stage file without ``schema_version``,
    using the CLI's words (``images``, ``size`` as "WxH", ``model``)."""
    if "stages" in data:
        data["schema_version"] = 1
        return data
    stage: dict[str, Any] = {}
    if "size" in data:
        size = Size.parse(str(data.pop("size")))  # ValueError names the expected form
        stage["width"], stage["height"] = size.width, size.height
    if "images" in data:
        stage["requests"] = data.pop("images")
    for key in ("quality", "batch", "mode", "prompt_tokens"):
        if key in data:
            stage[key] = data.pop(key)
    out: dict[str, Any] = {"schema_version": 1, "stages": [stage]}
    if "model" in data:
        model = data.pop("model")
        out["models"] = model if isinstance(model, list) else [model]
    for key in ("name", "description", "period", "models", "baseline", "budget_usd"):
        if key in data:
            out[key] = data.pop(key)
    if data:
        raise ValueError(f"unknown keys in a version 0 scenario: {', '.join(sorted(data))}")
    return out


# --- reading -------------------------------------------------------------------------


def describe_validation(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "the file"
    more = f" (and {err.error_count() - 1} more problems)" if err.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"


def read_versioned(path: Path, kind: str, model: type[M], current: int) -> tuple[M, bool]:
    """Read, migrate and validate a JSON file; raise FileProblem with a clear message."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileProblem(path, "the file does not exist.") from None
    except (OSError, UnicodeDecodeError) as e:
        raise FileProblem(path, f"the file cannot be read ({e}).") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise FileProblem(
            path, f"not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})."
        ) from None
    if not isinstance(data, dict):
        raise FileProblem(path, f"expected a JSON object for a {kind} file.")
    version = data.get("schema_version", 0)
    try:
        data = migrate(kind, data, current)
        value = model.model_validate(data)
    except NewerFile as e:
        raise FileProblem(path, f"{e}.", newer=True) from None
    except ValidationError as e:
        raise FileProblem(path, f"not a valid {kind} file: {describe_validation(e)}.") from None
    except (ValueError, TypeError) as e:
        raise FileProblem(path, f"not a valid {kind} file: {e}.") from None
    return value, version != current


def load_scenario(path: Path) -> tuple[Scenario, bool]:
    """A saved scenario and whether it was upgraded from an older version."""
    return read_versioned(path, "scenario", Scenario, SCENARIO_SCHEMA_VERSION)


def save_scenario(scenario: Scenario, path: Path) -> None:
    atomic_write_text(Path(path), dump_json(scenario))
