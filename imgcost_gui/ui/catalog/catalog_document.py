"""The user's catalog as a Qt object: ``UserCatalog`` plus undoable price edits.

``UserCatalog`` saves every change at once; the commands here only decide which
of its methods to call to do and to undo a change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from imgcost_gui.core import (
    FileProblem,
    ModelEntry,
    PriceCatalog,
    UserCatalog,
    calendar,
    price_fields,
)
from imgcost_gui.core.measured import MeasuredOutput
from imgcost_gui.core.overrides import DatedPrice, ReadOnlyOverrides
from imgcost_gui.core.prices import entry_on
from imgcost_gui.core.updated import UpdatedLayer

#: Prices older than this many days get a warning in the status bar.
STALE_AFTER_DAYS = 90

#: What a failed save raises: the core leaves memory as it was on disk.
SAVE_ERRORS = (OSError, FileProblem)


def save_failure_text(error: Exception, path: Path) -> str:
    """One line for a save that failed: the file, the reason, and that nothing changed."""
    if isinstance(error, FileProblem):
        reason = error.args[0]
        where = Path(error.path)
    else:
        assert isinstance(error, OSError)
        reason = error.strerror or str(error)
        where = Path(error.filename) if error.filename else path
    return (
        f"Could not save {where}: {reason}. Nothing was changed: the prices shown are "
        "the ones in that file."
    )


class _KeyPrices:
    """The user's prices for one key (undated and dated), to put back on undo."""

    def __init__(self, user: UserCatalog, model_id: str, path: str):
        self.model_id, self.path = model_id, path
        self.custom = user.is_custom(model_id)
        if self.custom:
            fields = {f.path: f.value for f in price_fields(user.catalog.get(model_id))}
            self.undated: Decimal | None = fields.get(path)
        else:
            self.undated = user.overrides.prices.get(model_id, {}).get(path)
        self.dated: list[DatedPrice] = [] if self.custom else user.dated(model_id, path)

    def restore(self, user: UserCatalog) -> None:
        if self.custom:
            if self.undated is not None:
                user.set_price(self.model_id, self.path, self.undated)
            return
        user.reset_price(self.model_id, self.path)
        if self.undated is not None:
            user.set_price(self.model_id, self.path, self.undated)
        for d in self.dated:
            user.set_price(self.model_id, self.path, d.usd, effective=d.effective)


def _user_keys(user: UserCatalog, model_id: str | None) -> list[tuple[str, str]]:
    o = user.overrides
    keys = {
        (mid, key)
        for table in (o.prices, o.dated_prices)
        for mid, changes in table.items()
        if model_id is None or mid == model_id
        for key in changes
    }
    return sorted(keys)


class CatalogCommand(QUndoCommand):
    """One undoable change; a save that fails drops the step and tells the user."""

    def __init__(self, doc: CatalogDocument, text: str, model_id: str | None = None):
        super().__init__(text)
        self.doc = doc
        self.user = doc.user
        self.model_id = model_id

    def _save(self, change: Callable[[], object], path: Path | None = None) -> None:
        # Errors raised in redo()/undo() never reach the caller of push(): handle them here.
        try:
            change()
        except SAVE_ERRORS as e:
            # The core changed nothing; an obsolete step is dropped by the stack,
            # so Undo never offers a change that did not happen.
            self.setObsolete(True)
            self.doc.catalog_changed(None)
            self.doc.save_failed(e, path or self.user.path)
            return
        self.doc.catalog_changed(self.model_id)


class SetPrice(CatalogCommand):
    def __init__(
        self,
        doc: CatalogDocument,
        model_id: str,
        path: str,
        value: Decimal | None,
        effective: dt.date | None = None,
    ):
        """``value`` None resets the price (only the one from ``effective``, if given)."""
        name = doc.catalog.get(model_id).name
        when = f" from {effective.isoformat()}" if effective else ""
        verb = "Reset" if value is None else "Set"
        super().__init__(doc, f"{verb} price of {name}{when}", model_id)
        self.path, self.new, self.effective = path, value, effective
        self.before = _KeyPrices(doc.user, model_id, path)

    def redo(self) -> None:
        model_id, path = self.model_id or "", self.path
        if self.new is None:
            self._save(lambda: self.user.reset_price(model_id, path, effective=self.effective))
        else:
            value = self.new
            self._save(lambda: self.user.set_price(model_id, path, value, effective=self.effective))

    def undo(self) -> None:
        self._save(lambda: self.before.restore(self.user))


class ResetPrices(CatalogCommand):
    """Reset one model's prices, or every model's (model_id None)."""

    def __init__(self, doc: CatalogDocument, model_id: str | None):
        what = "all prices" if model_id is None else f"prices of {doc.catalog.get(model_id).name}"
        super().__init__(doc, f"Reset {what}", model_id)
        self.before = [
            _KeyPrices(doc.user, mid, key) for mid, key in _user_keys(doc.user, model_id)
        ]

    def redo(self) -> None:
        if self.model_id is None:
            self._save(self.user.reset_all)
        else:
            model_id = self.model_id
            self._save(lambda: self.user.reset_model(model_id))

    def undo(self) -> None:
        def restore() -> None:
            for prices in self.before:
                prices.restore(self.user)

        self._save(restore)


class AddCustomModel(CatalogCommand):
    def __init__(self, doc: CatalogDocument, source_id: str, new_id: str, name: str):
        super().__init__(doc, f"Add custom model {name}")
        self.source_id, self.new_id, self.name = source_id, new_id, name

    def redo(self) -> None:
        self._save(lambda: self.user.duplicate(self.source_id, self.new_id, self.name))

    def undo(self) -> None:
        self._save(lambda: self.user.remove_custom(self.new_id))


class DeleteCustomModel(CatalogCommand):
    def __init__(self, doc: CatalogDocument, model_id: str):
        self.entry: ModelEntry = doc.catalog.get(model_id)
        super().__init__(doc, f"Delete custom model {self.entry.name}")

    def redo(self) -> None:
        self._save(lambda: self.user.remove_custom(self.entry.id))

    def undo(self) -> None:
        self._save(lambda: self.user.add_custom(self.entry))


class KeepUpdate(CatalogCommand):
    """Keep a price update as the updated-prices layer (None drops it); undo puts back
    the layer there was, or none."""

    def __init__(self, doc: CatalogDocument, layer: UpdatedLayer | None, text: str):
        super().__init__(doc, text)
        self.new, self.old = layer, doc.user.layer

    def _put(self, layer: UpdatedLayer | None) -> None:
        def put() -> None:
            if layer is None:
                self.user.revert_update()
            else:
                self.user.keep_update(layer)

        self._save(put, self.user.layer_path)

    def redo(self) -> None:
        self._put(self.new)

    def undo(self) -> None:
        self._put(self.old)


class SetMeasured(CatalogCommand):
    """Keep measured output tokens for a model, or forget some (``found`` None);
    undo puts back the model's measured values as they were."""

    def __init__(
        self,
        doc: CatalogDocument,
        model_id: str,
        text: str,
        found: dict[str, MeasuredOutput] | None,
        forget: str | None = None,
    ):
        """``found`` None forgets: the group ``forget`` ("WIDTHxHEIGHT/quality"), or all."""
        super().__init__(doc, text, model_id)
        self.found, self.forget = found, forget
        self.before = dict(doc.user.measured.models.get(model_id, {}))

    def redo(self) -> None:
        model_id, found, forget = self.model_id or "", self.found, self.forget

        def change() -> None:
            if found is None:
                self.user.reset_measured(model_id, forget)
            else:
                self.user.keep_measured(model_id, found)

        self._save(change, self.user.measured_path)
        self.doc.measuredChanged.emit(model_id)

    def undo(self) -> None:
        model_id, before = self.model_id or "", self.before

        def restore() -> None:
            self.user.reset_measured(model_id)
            if before:
                self.user.keep_measured(model_id, before)

        self._save(restore, self.user.measured_path)
        self.doc.measuredChanged.emit(model_id)


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
