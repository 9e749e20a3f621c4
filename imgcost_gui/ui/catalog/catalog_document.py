"""The user's catalog as a Qt object: ``UserCatalog`` plus undoable price edits.

``UserCatalog`` saves every change at once; the commands (``catalog_commands``) only
decide which of its methods to call to do and to undo a change. This module holds the
document that pushes them: what every view prices with, its checks before a change,
and its signals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from imgcost_gui.core import (
    ModelEntry,
    PriceCatalog,
    UserCatalog,
    calendar,
    price_fields,
)
from imgcost_gui.core.measured import MeasuredOutput
from imgcost_gui.core.overrides import ReadOnlyOverrides
from imgcost_gui.core.prices import entry_on
from imgcost_gui.core.updated import UpdatedLayer

from .catalog_commands import (
    SAVE_ERRORS,
    AddCustomModel,
    CatalogCommand,
    DeleteCustomModel,
    KeepUpdate,
    ResetPrices,
    SetMeasured,
    SetPrice,
    _user_keys,
    save_failure_text,
)

#: Prices older than this many days get a warning in the status bar.
STALE_AFTER_DAYS = 90


class CatalogDocument(QObject):
    """The effective catalog (shipped + overrides) that every view prices with."""

    #: A model's prices changed (its id), or the list of models did (None).
    changed = Signal(object)
    #: A change could not be saved: one line naming the file and the reason.
    saveFailed = Signal(str)  # noqa: N815 (Qt's naming)
    #: The measured token counts of a model were kept, forgotten or put back (its id).
    measuredChanged = Signal(str)  # noqa: N815 (Qt's naming)

    def __init__(self, user: UserCatalog, parent: QObject | None = None):
        super().__init__(parent)
        self.user = user
        self.undo_stack = QUndoStack(self)

    @property
    def catalog(self) -> PriceCatalog:
        return self.user.catalog

    @property
    def problems(self) -> list[str]:
        return list(self.user.problems)

    def price(self, model_id: str, path: str) -> Decimal:
        """The price in force today."""
        for f in price_fields(entry_on(self.catalog.get(model_id), calendar.today())):
            if f.path == path:
                return f.value
        raise KeyError(path)

    def catalog_changed(self, model_id: str | None) -> None:
        self.changed.emit(model_id)

    def save_failed(self, error: Exception, path: Path) -> None:
        if path == self.user.measured_path:
            # The atomic write names its temporary file; the user knows the real one.
            reason = error.strerror if isinstance(error, OSError) else None
            self.saveFailed.emit(
                f"Could not save your measured tokens in {path}: {reason or error}. "
                "Nothing was changed: estimates use the measured tokens they used before."
            )
            return
        self.saveFailed.emit(save_failure_text(error, path))

    def reload(self) -> list[str]:
        """Take in what another ImgCost saved; the lines say what changed."""
        return self._take_in(self.user.reload)

    def reload_measured(self) -> list[str]:
        """Take in measured token counts another ImgCost kept or forgot (another window,
        ``imgcost calibrate --save``); the lines say whose changed."""
        return self._take_in(self.user.reload_measured)

    def _take_in(self, read: Callable[[], list[str]]) -> list[str]:
        try:
            said = read()
        except SAVE_ERRORS:
            return []  # unreadable for a moment (mid-save elsewhere): the next change tells
        if said:
            self.catalog_changed(None)
        return said

    # --- edits (each one undoable, each one saved at once) ---------------------------

    @property
    def read_only(self) -> bool:
        """A newer ImgCost wrote the overrides file: nothing may change (or be undone)."""
        return self.user.read_only

    def check_writable(self) -> None:
        """Raise ReadOnlyOverrides (a ValueError) when prices may not change."""
        # Refuse before a command is pushed: an undo step that cannot run must not exist.
        if self.read_only:
            raise ReadOnlyOverrides(
                "Prices cannot be changed: your price overrides file was saved by a newer "
                "ImgCost. Update ImgCost to change them."
            )

    def set_price(self, model_id: str, path: str, value: Decimal) -> None:
        self.check_writable()
        value = self._checked(value)
        if value == self.price(model_id, path) and not self.user.dated(model_id, path):
            return
        self.undo_stack.push(SetPrice(self, model_id, path, value))

    def set_dated_price(self, model_id: str, path: str, value: Decimal, day: dt.date) -> None:
        """The user's price for ``path`` from ``day`` on (earlier days keep theirs)."""
        self.check_writable()
        value = self._checked(value)
        if self.user.is_custom(model_id):
            raise ValueError(
                "A custom model's prices have no dates; change the price itself instead."
            )
        self.undo_stack.push(SetPrice(self, model_id, path, value, day))

    def remove_dated_price(self, model_id: str, path: str, day: dt.date) -> None:
        self.check_writable()
        if any(d.effective == day for d in self.user.dated(model_id, path)):
            self.undo_stack.push(SetPrice(self, model_id, path, None, day))

    @staticmethod
    def _checked(value: Decimal) -> Decimal:
        value = Decimal(value)
        if not value.is_finite() or value < 0:
            raise ValueError("A price must be a number of zero or more.")
        return value

    def reset_price(self, model_id: str, path: str) -> None:
        self.check_writable()
        if self.user.is_overridden(model_id, path):
            self.undo_stack.push(SetPrice(self, model_id, path, None))

    def has_prices(self, model_id: str | None = None) -> bool:
        """Whether the user has prices of their own (for one model, or any)."""
        return bool(_user_keys(self.user, model_id))

    def reset_model(self, model_id: str) -> None:
        self.check_writable()
        if self.has_prices(model_id):
            self.undo_stack.push(ResetPrices(self, model_id))

    def reset_all(self) -> None:
        self.check_writable()
        if self.has_prices():
            self.undo_stack.push(ResetPrices(self, None))

    def add_custom(self, source_id: str, new_id: str, name: str) -> None:
        self.check_writable()
        if new_id in self.catalog.by_id:
            raise ValueError(f"A model with id “{new_id}” already exists; choose another id.")
        # Validate the id and name before the command runs (errors in redo() are lost).
        data = self.catalog.get(source_id).model_dump()
        data.update(id=new_id, name=name, custom=True)
        ModelEntry.model_validate(data)
        self.undo_stack.push(AddCustomModel(self, source_id, new_id, name))

    def delete_custom(self, model_id: str) -> None:
        self.check_writable()
        if not self.user.is_custom(model_id):
            raise ValueError(
                "Only custom models can be deleted; shipped models can be hidden instead."
            )
        self.undo_stack.push(DeleteCustomModel(self, model_id))

    # --- sharing ----------------------------------------------------------------------

    def import_file(self, path: Path) -> str:
        """Merge overrides from a file. Not undoable: it is a deliberate bulk change."""
        self.check_writable()
        summary = self.user.import_file(path)
        self.undo_stack.clear()
        self.catalog_changed(None)
        return summary

    def export(self, path: Path) -> None:
        self.user.export(path)

    # --- updated prices ------------------------------------------------------------

    def keep_update(self, layer: UpdatedLayer, rows: int) -> None:
        """Keep a price update's chosen rows, as one undoable step."""
        self.undo_stack.push(
            KeepUpdate(self, layer, f"Update {rows} price(s) from {layer.source.title}")
        )

    def drop_update(self) -> None:
        if self.user.layer is not None:
            self.undo_stack.push(KeepUpdate(self, None, "Drop updated prices"))

    # --- measured token counts (Prices > Calibrate from responses) -------------------

    def measured(self, model_id: str) -> dict[str, MeasuredOutput]:
        """The output tokens the user measured for a model, by "WIDTHxHEIGHT/quality"."""
        return dict(self.user.measured.models.get(model_id, {}))

    def keep_measured(self, model_id: str, found: dict[str, MeasuredOutput], file: str) -> bool:
        """Keep measured output tokens as one undoable step; whether they were saved.

        A separate file from the price overrides, so it is written even when a newer
        ImgCost owns those.
        """
        entry = self.catalog.by_id.get(model_id)
        if not found or entry is None:
            return False  # nothing measured, or the model left the catalog meanwhile
        name = entry.name
        n = len(found)
        text = f"Keep {n} measured token count{'s' if n != 1 else ''} of {name} from {file}"
        self.undo_stack.push(SetMeasured(self, model_id, text, found))
        return all(
            self.user.measured.models.get(model_id, {}).get(k) == v for k, v in found.items()
        )

    def reset_measured(self, model_id: str, key: str | None = None) -> None:
        """Forget one group's measured tokens ("WIDTHxHEIGHT/quality"), or all of a model's."""
        mine = self.measured(model_id)
        if not mine or (key is not None and key not in mine):
            return
        entry = self.catalog.by_id.get(model_id)
        name = entry.name if entry is not None else model_id
        what = f"{key.replace('/', ' ')} " if key else ""
        self.undo_stack.push(
            SetMeasured(self, model_id, f"Reset measured {what}tokens of {name}", None, key)
        )

    # --- freshness --------------------------------------------------------------------

    def age_days(self, today: dt.date | None = None) -> int:
        return ((today or calendar.today()) - self.catalog.checked).days

    @property
    def stale(self) -> bool:
        return self.age_days() > STALE_AFTER_DAYS


# The commands and the save errors lived here once: still importable from here.
__all__ = [
    "SAVE_ERRORS",
    "STALE_AFTER_DAYS",
    "AddCustomModel",
    "CatalogCommand",
    "CatalogDocument",
    "DeleteCustomModel",
    "KeepUpdate",
    "ResetPrices",
    "SetMeasured",
    "SetPrice",
    "save_failure_text",
]
