"""The open scenario as a Qt object: one core ``Scenario``, its file and its undo stack.

Every edit goes through ``ScenarioDocument.set`` and becomes a ``SetField``
command that assigns one attribute of the scenario (or of one of its stages),
so the form, the comparison and the charts all listen to one object.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from imgcost_gui.core import Scenario, Stage
from imgcost_gui.core.storage import describe_validation

#: Where a value lives in the scenario: attribute names and list indexes,
#: e.g. ("stages", 0, "references", "count").
FieldPath = tuple[str | int, ...]

#: Consecutive edits of one field within this many seconds undo as one step
#: (typing "1500" into a spin box is one edit, not four).
MERGE_WINDOW_S = 2.0


def _copy(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_copy(deep=True)
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


class FieldRefused(ValueError):
    """The core refused a value. ``reason`` says why without naming the field,
    so the form can name it in the user's words."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.reason = reason


class SetField(QUndoCommand):
    """Assign one field of the scenario; undo puts the old value back.

    ``focus`` is the stage to show after (undo, redo): the stage an edit
    belongs to, or where a moved, added or removed stage ends up.
    """

    ID = 1001

    def __init__(
        self,
        doc: ScenarioDocument,
        path: FieldPath,
        new: Any,
        text: str,
        focus: tuple[int, int] | None = None,
        parent: QUndoCommand | None = None,
    ):
        super().__init__(text, parent)
        self.doc = doc
        self.path = path
        self.old = _copy(doc.get(path))
        self.new = _copy(new)
        self.mergeable = not isinstance(new, list)
        self.stamp = time.monotonic()
        if focus is None and len(path) > 1 and path[0] == "stages" and isinstance(path[1], int):
            focus = (path[1], path[1])
        self.focus = focus

    def id(self) -> int:
        return self.ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, SetField) or other.path != self.path:
            return False
        if other.text() != self.text():
            return False  # one field holding several things (each vendor's tier)
        if other.stamp - self.stamp > MERGE_WINDOW_S:
            return False
        self.new = other.new
        self.stamp = other.stamp
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self.doc._assign(self.path, _copy(self.new))
        if self.focus is not None:
            self.doc.stageFocus.emit(self.focus[1])

    def undo(self) -> None:
        self.doc._assign(self.path, _copy(self.old))
        if self.focus is not None:
            self.doc.stageFocus.emit(self.focus[0])


class ScenarioDocument(QObject):
    """The scenario being edited, where it is saved, and whether it changed since."""

    changed = Signal()
    #: The file name or the modified state changed (window title, menus).
    fileChanged = Signal()  # noqa: N815 (Qt naming)
    #: Undo or redo touched this stage: the form should show it.
    stageFocus = Signal(int)  # noqa: N815

    def __init__(self, scenario: Scenario | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.scenario = scenario or Scenario()
        self.path: Path | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self._recovered = False
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        self.fileChanged.emit()

    # --- state -----------------------------------------------------------------

    @property
    def modified(self) -> bool:
        return self._recovered or not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else self.scenario.name

    def load(self, scenario: Scenario, path: Path | None, *, recovered: bool = False) -> None:
        """Replace the whole document (New, Open, Revert, recovery): history starts over."""
        self.scenario = scenario
        self.path = path
        self._recovered = recovered
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.changed.emit()
        self.fileChanged.emit()

    def mark_saved(self, path: Path) -> None:
        self.path = path
        self._recovered = False
        self.undo_stack.setClean()
        self.fileChanged.emit()

    # --- reading and writing fields ------------------------------------------------

    def get(self, path: FieldPath) -> Any:
        node: Any = self.scenario
        for key in path:
            node = node[key] if isinstance(key, int) else getattr(node, key)
        return node

    def set(self, path: FieldPath, value: Any, text: str | None = None) -> None:
        """Change one field through the undo stack; ValueError if the core refuses it."""
        if self.get(path) == value:
            return
        self._check(path, value)
        self.undo_stack.push(SetField(self, path, value, text or f"Change {path[-1]}"))

    def set_many(self, changes: list[tuple[FieldPath, Any]], text: str) -> bool:
        """Change several fields as one undo step; nothing is pushed when nothing changes.

        Returns whether anything changed. Each value is checked as if the ones
        before it were already assigned, and none is assigned if one is refused.
        """
        trial = self.scenario.model_copy(deep=True)
        real, self.scenario = self.scenario, trial
        todo = []
        try:
            for path, value in changes:
                if self.get(path) != value:
                    self._check(path, value)
                    _set(self.get(path[:-1]), path[-1], value)
                    todo.append((path, value))
        finally:
            self.scenario = real
        if not todo:
            return False
        if len(todo) == 1:
            self.undo_stack.push(SetField(self, *todo[0], text))
            return True
        self.undo_stack.beginMacro(text)
        for path, value in todo:
            self.undo_stack.push(SetField(self, path, value, text))
        self.undo_stack.endMacro()
        return True

    def stage(self, index: int) -> Stage:
        return self.scenario.stages[index]

    def _check(self, path: FieldPath, value: Any) -> None:
        if path[-1] == "name" and len(path) == 3 and path[0] == "stages":
            others = [s.name for i, s in enumerate(self.scenario.stages) if i != path[1]]
            if not str(value).strip():
                raise ValueError("A stage needs a name.")
            if value in others:
                raise ValueError(f"There is already a stage called “{value}”.")
        # Try the assignment on a copy first: an exception inside QUndoCommand.redo()
        # would be swallowed by Qt and leave the stack out of step.
        _set(_copy(self.get(path[:-1])), path[-1], value)

    def _assign(self, path: FieldPath, value: Any) -> None:
        _set(self.get(path[:-1]), path[-1], value)
        self.changed.emit()

    # --- stages -----------------------------------------------------------------------

    def _set_stages(self, stages: list[Stage], text: str, before: int, after: int) -> None:
        self.undo_stack.push(SetField(self, ("stages",), stages, text, (before, after)))

    def _unique_name(self, base: str) -> str:
        names = {s.name for s in self.scenario.stages}
        if base not in names:
            return base
        n = 2
        while f"{base} {n}" in names:
            n += 1
        return f"{base} {n}"

    def add_stage(self, current: int = 0) -> int:
        stages = _copy(self.scenario.stages)
        stages.append(Stage(name=self._unique_name("Stage")))
        self._set_stages(stages, "Add stage", current, len(stages) - 1)
        return len(stages) - 1

    def duplicate_stage(self, index: int) -> int:
        stages = _copy(self.scenario.stages)
        source = stages[index]
        copy = source.model_copy(
            update={"name": self._unique_name(f"{source.name} copy")}, deep=True
        )
        stages.insert(index + 1, copy)
        self._set_stages(stages, f"Duplicate stage “{source.name}”", index, index + 1)
        return index + 1

    def remove_stage(self, index: int) -> int:
        if len(self.scenario.stages) <= 1:
            raise ValueError("A scenario needs at least one stage.")
        stages = _copy(self.scenario.stages)
        removed = stages.pop(index)
        after = min(index, len(stages) - 1)
        self._set_stages(stages, f"Remove stage “{removed.name}”", index, after)
        return after

    def move_stage(self, index: int, offset: int) -> int:
        target = index + offset
        stages = _copy(self.scenario.stages)
        if not 0 <= target < len(stages):
            return index
        stages.insert(target, stages.pop(index))
        self._set_stages(stages, f"Move stage “{stages[target].name}”", index, target)
        return target


def _set(parent: Any, key: str | int, value: Any) -> None:
    """Assign one field (or list item) with pydantic's validation, as a ValueError."""
    try:
        if isinstance(key, int):
            parent[key] = value
        else:
            setattr(parent, key, value)
    except ValidationError as e:
        reason = str(e.errors()[0]["msg"]).removeprefix("Value error, ")
        raise FieldRefused(describe_validation(e), reason) from None
