"""Output tokens the user measured from their own API responses, kept in the
user data folder (``measured-tokens.json``) and laid over the catalog.

``imgcost calibrate --save`` (and the app's Calibrate dialog) write it; each
value says how many responses it came from, from which file and on which day.
Estimates then use the measured count for that model, size and quality, and
its spread (p5 to p95) as the low-high range.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .catalog import MeasuredOutput, ModelEntry
from .storage import atomic_write_text, read_versioned

MEASURED_SCHEMA_VERSION: Literal[1] = 1

__all__ = ["MeasuredOutput", "MeasuredTokens", "read_measured", "with_measured", "write_measured"]


class MeasuredTokens(BaseModel):
    """model id -> "WIDTHxHEIGHT/quality" -> what was measured."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # see catalog.Strict
    schema_version: Literal[1] = MEASURED_SCHEMA_VERSION
    models: dict[str, dict[str, MeasuredOutput]] = Field(default_factory=dict)

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"


def read_measured(path: Path) -> MeasuredTokens:
    value, _ = read_versioned(path, "measured tokens", MeasuredTokens, MEASURED_SCHEMA_VERSION)
    return value


def write_measured(store: MeasuredTokens, path: Path) -> None:
    atomic_write_text(path, store.to_json())


def with_measured(entry: ModelEntry, store: MeasuredTokens | None) -> ModelEntry:
    """``entry`` with the output tokens measured for it, if any."""
    found = store.models.get(entry.id) if store is not None else None
    if not found:
        return entry
    return entry.model_copy(update={"measured_output": {**entry.measured_output, **found}})
