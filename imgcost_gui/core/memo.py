"""Stage estimates remembered between edits, so an edit re-prices only what it
changed.

A window re-estimates the whole scenario on every keystroke. With hundreds of
models and several stages, most (model, stage) pairs are the same as a moment
ago: one stage changed, or nothing but the budget. ``EstimateMemo`` keeps each
stage's estimate keyed by the entry it was priced on and the stage's values,
and hands it back while both are unchanged. It holds only plain values, and
forgets everything past a size limit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from .catalog import ModelEntry
from .results import ModelEstimate, StageEstimate
from .scenario import Scenario


def values_of(model: BaseModel) -> tuple[Any, ...]:
    """A hashable fingerprint of a pydantic model's field values (nested too)."""
    out = []
    for value in model.__dict__.values():
        if isinstance(value, BaseModel):
            out.append(values_of(value))
        elif isinstance(value, list):
            out.append(tuple(values_of(v) if isinstance(v, BaseModel) else v for v in value))
        else:
            out.append(value)
    return tuple(out)


#: Per model, how many priced stages (or whole scenarios) it keeps beyond those of
#: the scenario now: the values of the last edits, so undo finds them again. Older
#: ones are forgotten, or typing would add a stage per model with every keystroke.
RECENT = 16
#: Every model's remembered values are trimmed once in so many estimates, a share
#: of the models each time: no keystroke pays for trimming them all.
SWEEP_EVERY = 16


class EstimateMemo:
    """Remembered stage (and whole-scenario) estimates, per catalog entry."""

    def __init__(self, max_entries: int = 20_000):
        self.max_entries = max_entries
        #: id(entry) -> (the entry itself, its remembered estimates by key)
        self._by_entry: dict[int, tuple[ModelEntry, dict[tuple[Any, ...], Any]]] = {}
        self._count = 0
        #: Each distinct stage (its values) gets a small number, so a model's
        #: remembered stages are looked up by number, not by hashing the values again.
        self._stage_ids: dict[tuple[Any, ...], int] = {}
        #: Numbers are never given twice, even after ``clear``: a number handed out
        #: before must not come to mean another stage.
        self._next_id = 0
        self.hits = 0
        self.misses = 0
        #: The entries (by id) still to trim in this round, and how many per estimate.
        self._to_sweep: list[int] = []
        self._per_sweep = 0

    def keys(self, scenario: Scenario) -> list[int]:
        """A number for each stage of ``scenario``: equal stages, equal numbers."""
        if len(self._stage_ids) >= self.max_entries:
            self.clear()
        out = []
        for stage in scenario.stages:
            values = values_of(stage)
            number = self._stage_ids.get(values)
            if number is None:
                number = self._stage_ids[values] = self._next_id
                self._next_id += 1
            out.append(number)
        self._sweep(set(out))
        return out

    def _sweep(self, keep: set[int]) -> None:
        """Trim the next few models' remembered values (``keep``: the stages in use)."""
        if not self._to_sweep:
            self._to_sweep = list(self._by_entry)
            self._per_sweep = -(-len(self._to_sweep) // SWEEP_EVERY)
        for _ in range(min(self._per_sweep, len(self._to_sweep))):
            found = self._by_entry.get(self._to_sweep.pop())
            if found is not None:
                self._trim(found[1], keep)

    def _slot(self, entry: ModelEntry) -> dict[Any, Any]:
        found = self._by_entry.get(id(entry))
        if found is None or found[0] is not entry:
            # A new entry (or a reused id of a dropped one): start its slot afresh.
            if self._count >= self.max_entries:
                self.clear()
            slot: dict[Any, Any] = {}
            self._by_entry[id(entry)] = (entry, slot)
            return slot
        return found[1]

    def stages(
        self,
        entry: ModelEntry,
        keys: list[int],
        price: Callable[[int], StageEstimate],
    ) -> tuple[StageEstimate, ...]:
        """Each stage's estimate on ``entry``: remembered, or ``price(i)`` for stage i."""
        slot = self._slot(entry)
        out = [slot.get(key) for key in keys]
        missed = 0
        for i, hit in enumerate(out):
            if hit is None:
                missed += 1
                out[i] = slot[keys[i]] = price(i)
        self._count += missed
        self.misses += missed
        self.hits += len(keys) - missed
        return tuple(out)  # type: ignore[arg-type]  # every None was filled above

    def _trim(self, slot: dict[Any, Any], keep: set[int]) -> None:
        """Forget all but the newest ``RECENT`` stages and whole scenarios of a slot
        that are not in ``keep`` (a model's dated entry is kept)."""
        old = [k for k in slot if k not in keep and (type(k) is int or k[0] == "scenario")]
        for key in old[: max(0, len(old) - RECENT)]:
            del slot[key]
            self._count -= 1

    def scenario(
        self, entry: ModelEntry, key: tuple[Any, ...], price: Callable[[], ModelEstimate]
    ) -> ModelEstimate:
        slot = self._slot(entry)
        full = ("scenario", key)
        hit = slot.get(full)
        if hit is not None:
            self.hits += 1
            return hit  # type: ignore[no-any-return]
        self.misses += 1
        value = price()
        slot[full] = value
        self._count += 1
        return value

    def on_day(self, entry: ModelEntry, key: Any, dated: Callable[[], ModelEntry]) -> ModelEntry:
        """The entry as priced on a day (``key``), built once: an entry with dated
        prices becomes a new object per day, and its stages are remembered on it."""
        slot = self._slot(entry)
        full = ("on_day", key)
        hit = slot.get(full)
        if hit is None:
            hit = slot[full] = dated()
            self._count += 1
        entry_then: ModelEntry = hit
        return entry_then

    def clear(self) -> None:
        self._by_entry.clear()
        self._stage_ids.clear()
        self._count = 0
