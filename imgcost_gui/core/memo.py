"""Stage estimates remembered between edits, so an edit re-prices only what it
changed.

A window re-estimates the whole scenario on every keystroke. With hundreds of
models and several stages, most (model, stage) pairs are the same as a moment
ago: one stage changed, or nothing but the budget. ``EstimateMemo`` keeps each
stage's estimate keyed by the entry it was priced on and the stage's values,
and hands it back while both are unchanged. When only a stage's counts changed
(the user types a new volume), the stage's plan (``billing.StagePlan``: its
checks, notices and unit prices) is kept too, so the stage is only multiplied
out again. It holds only plain values, and forgets everything past a size limit.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel

from .billing import StagePlan
from .catalog import ModelEntry
from .records import record
from .results import ModelEstimate, StageEstimate
from .scenario import Scenario, Stage

#: The fields of a stage that only say how many: a plan is the same for any of them.
COUNTS = frozenset({"requests", "jobs", "images_per_job"})
#: The counts a plan is made with: a plan must not depend on them, and made from
#: these it cannot pass a count it read on to a later stage of the same shape.
UNIT_COUNTS = {"requests": 1, "jobs": None, "images_per_job": 1}


def values_of(model: BaseModel, skip: frozenset[str] = frozenset()) -> tuple[Any, ...]:
    """A hashable fingerprint of a pydantic model's field values (nested too),
    leaving out the fields named in ``skip``."""
    out = []
    for name, value in model.__dict__.items():
        if name in skip:
            continue
        # (a stage holds no lists: a list field would fail loudly here, unhashable)
        out.append(values_of(value) if isinstance(value, BaseModel) else value)
    return tuple(out)


@record
class StageKeys:
    """A scenario's stages as numbers: each stage's (its values) and its shape's
    (its values but the counts), in the scenario's order."""

    numbers: tuple[int, ...]
    shapes: tuple[int, ...]


#: Per model, how many priced stages (or whole scenarios) it keeps beyond those of
#: the scenario now: the values of the last edits, so undo finds them again. Older
#: ones are forgotten, or typing would add a stage per model with every keystroke.
RECENT = 16
#: Every model's remembered values are trimmed once in so many estimates, a share
#: of the models each time: no keystroke pays for trimming them all.
SWEEP_EVERY = 16


class EstimateMemo:
    """Remembered stage plans and estimates (and whole-scenario estimates), per
    catalog entry."""

    def __init__(self, max_entries: int = 20_000):
        self.max_entries = max_entries
        #: id(entry) -> (the entry itself, its remembered estimates by key, its
        #: stage plans by shape number)
        self._by_entry: dict[int, tuple[ModelEntry, dict[Any, Any], dict[int, StagePlan]]] = {}
        self._count = 0
        self._plan_count = 0
        #: Each distinct stage (its values) gets a small number and its shape's,
        #: so a model's remembered stages are looked up by number, not by hashing
        #: the values again.
        self._stage_ids: dict[tuple[Any, ...], tuple[int, int]] = {}
        self._shape_ids: dict[tuple[Any, ...], int] = {}
        #: shape number -> a stage of that shape at ``UNIT_COUNTS``, to plan from.
        self._plan_from: dict[int, Stage] = {}
        #: Numbers are never given twice, even after ``clear``: a number handed out
        #: before must not come to mean another stage. Stages and shapes draw from
        #: the one counter, so no stage number is ever a shape number.
        self._ids = itertools.count()
        #: Stages priced at their counts (from a remembered plan or a new one), and
        #: stages handed back as they were.
        self.hits = 0
        self.misses = 0
        #: Plans made: an edit that changed only counts makes none.
        self.plans_made = 0
        #: The entries (by id) still to trim in this round, and how many per estimate.
        self._to_sweep: list[int] = []
        self._per_sweep = 0

    def keys(self, scenario: Scenario) -> StageKeys:
        """Numbers for each stage of ``scenario``: equal stages, equal numbers;
        stages equal but for their counts, equal shape numbers."""
        if len(self._stage_ids) >= self.max_entries:
            self.clear()
        out = []
        for stage in scenario.stages:
            values = values_of(stage)
            key = self._stage_ids.get(values)
            if key is None:
                shape_values = values_of(stage, COUNTS)
                shape = self._shape_ids.get(shape_values)
                if shape is None:
                    shape = self._shape_ids[shape_values] = next(self._ids)
                    self._plan_from[shape] = stage.model_copy(update=UNIT_COUNTS)
                key = self._stage_ids[values] = (next(self._ids), shape)
            out.append(key)
        numbers = tuple(number for number, _shape in out)
        shapes = tuple(shape for _number, shape in out)
        self._sweep({*numbers, *shapes})
        return StageKeys(numbers, shapes)

    def _sweep(self, keep: set[int]) -> None:
        """Trim the next few models' remembered values (``keep``: the numbers in use)."""
        if not self._to_sweep:
            self._to_sweep = list(self._by_entry)
            self._per_sweep = -(-len(self._to_sweep) // SWEEP_EVERY)
        for _ in range(min(self._per_sweep, len(self._to_sweep))):
            found = self._by_entry.get(self._to_sweep.pop())
            if found is not None:
                self._trim(found[1], found[2], keep)

    def _slot(self, entry: ModelEntry) -> tuple[dict[Any, Any], dict[int, StagePlan]]:
        found = self._by_entry.get(id(entry))
        if found is None or found[0] is not entry:
            # A new entry (or a reused id of a dropped one): start its slot afresh.
            if self._count >= self.max_entries or self._plan_count >= self.max_entries:
                self._forget_estimates()
            found = self._by_entry[id(entry)] = (entry, {}, {})
        return found[1], found[2]

    def stages(
        self,
        entry: ModelEntry,
        keys: StageKeys,
        stages: Sequence[Stage],
        plan: Callable[[ModelEntry, Stage], StagePlan],
    ) -> tuple[StageEstimate, ...]:
        """Each stage's estimate on ``entry``: remembered, or priced by its shape's
        plan (remembered, or ``plan(entry, stage)`` made from a stage of that shape)."""
        slot, plans = self._slot(entry)
        out = [slot.get(number) for number in keys.numbers]
        missed = 0
        for i, hit in enumerate(out):
            if hit is None:
                missed += 1
                shape = keys.shapes[i]
                made = plans.get(shape)
                if made is None:
                    made = plans[shape] = plan(entry, self._plan_from[shape])
                    self._plan_count += 1
                    self.plans_made += 1
                out[i] = slot[keys.numbers[i]] = made(stages[i])
        self._count += missed
        self.misses += missed
        self.hits += len(out) - missed
        return tuple(out)  # type: ignore[arg-type]  # every None was filled above

    def _trim(self, slot: dict[Any, Any], plans: dict[int, StagePlan], keep: set[int]) -> None:
        """Forget all but the newest ``RECENT`` stages, whole scenarios and plans of
        a slot that are not in ``keep`` (a model's dated entry is kept)."""
        old = [k for k in slot if k not in keep and (type(k) is int or k[0] == "scenario")]
        for key in old[: max(0, len(old) - RECENT)]:
            del slot[key]
            self._count -= 1
        unused = [k for k in plans if k not in keep]
        for key in unused[: max(0, len(unused) - RECENT)]:
            del plans[key]
            self._plan_count -= 1

    def scenario(
        self, entry: ModelEntry, key: tuple[Any, ...], price: Callable[[], ModelEstimate]
    ) -> ModelEstimate:
        slot = self._slot(entry)[0]
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
        slot = self._slot(entry)[0]
        full = ("on_day", key)
        hit = slot.get(full)
        if hit is None:
            hit = slot[full] = dated()
            self._count += 1
        entry_then: ModelEntry = hit
        return entry_then

    def _forget_estimates(self) -> None:
        """Forget every plan and estimate, keeping the stage numbers (an estimate
        under way holds them)."""
        self._by_entry.clear()
        self._to_sweep.clear()
        self._count = 0
        self._plan_count = 0

    def clear(self) -> None:
        self._forget_estimates()
        self._stage_ids.clear()
        self._shape_ids.clear()
        self._plan_from.clear()
