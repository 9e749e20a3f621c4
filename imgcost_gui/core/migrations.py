"""Upgrading an older file: each step turns one version of a kind of file into
the next (``@migrator``); ``migrate`` runs the steps a file needs, and refuses a
file newer than this ImgCost reads with the fix (update ImgCost)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .sizes import Size


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
    for key in ("name", "description", "period", "models", "baseline", "budget_usd", "plan_from"):
        if key in data:
            out[key] = data.pop(key)
    if data:
        raise ValueError(f"unknown keys in a version 0 scenario: {', '.join(sorted(data))}")
    return out
