"""The user's catalog as a Qt object: ``UserCatalog`` plus undoable price edits.

``UserCatalog`` saves every change at once; the commands here only decide which
of its methods to call to do and to undo a change.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from imgcost_gui.core import ModelEntry, PriceCatalog, UserCatalog, calendar, price_fields
from imgcost_gui.core.overrides import ReadOnlyOverrides

#: Prices older than this many days get a warning in the status bar.
STALE_AFTER_DAYS = 90


class _PriceSnapshot:
    """Every overridden price, to put back after a reset."""

    def __init__(self, user: UserCatalog, model_id: str | None = None):
        self.prices = {
            mid: dict(changes)
            for mid, changes in user.overrides.prices.items()
            if model_id is None or mid == model_id
        }

    def restore(self, user: UserCatalog) -> None:
        for model_id, changes in self.prices.items():
            for path, value in changes.items():
                user.set_price(model_id, path, value)


class CatalogCommand(QUndoCommand):
    def __init__(self, doc: CatalogDocument, text: str):
        super().__init__(text)
        self.doc = doc
        self.user = doc.user


class SetPrice(CatalogCommand):
    def __init__(self, doc: CatalogDocument, model_id: str, path: str, value: Decimal | None):
        """``value`` None resets the price to the shipped one."""
        name = doc.catalog.get(model_id).name
        super().__init__(doc, f"{'Reset' if value is None else 'Set'} price of {name}")
        self.model_id, self.path, self.new = model_id, path, value
        self.was_overridden = doc.user.is_overridden(model_id, path) or doc.user.is_custom(model_id)
        self.old = doc.price(model_id, path)

    def _put(self, value: Decimal | None, overridden: bool) -> None:
        if value is None or not overridden:
            self.user.reset_price(self.model_id, self.path)
        else:
            self.user.set_price(self.model_id, self.path, value)
        self.doc.catalog_changed(self.model_id)

    def redo(self) -> None:
        self._put(self.new, self.new is not None)

    def undo(self) -> None:
        self._put(self.old, self.was_overridden)


class ResetPrices(CatalogCommand):
    """Reset one model's overridden prices, or every model's (model_id None)."""

    def __init__(self, doc: CatalogDocument, model_id: str | None):
        what = "all prices" if model_id is None else f"prices of {doc.catalog.get(model_id).name}"
        super().__init__(doc, f"Reset {what}")
        self.model_id = model_id
        self.snapshot = _PriceSnapshot(doc.user, model_id)

    def redo(self) -> None:
        if self.model_id is None:
            self.user.reset_all()
        else:
            self.user.reset_model(self.model_id)
        self.doc.catalog_changed(self.model_id)

    def undo(self) -> None:
        self.snapshot.restore(self.user)
        self.doc.catalog_changed(self.model_id)


class AddCustomModel(CatalogCommand):
    def __init__(self, doc: CatalogDocument, source_id: str, new_id: str, name: str):
        super().__init__(doc, f"Add custom model {name}")
        self.source_id, self.new_id, self.name = source_id, new_id, name

    def redo(self) -> None:
        self.user.duplicate(self.source_id, self.new_id, self.name)
        self.doc.catalog_changed(None)

    def undo(self) -> None:
        self.user.remove_custom(self.new_id)
        self.doc.catalog_changed(None)


class DeleteCustomModel(CatalogCommand):
    def __init__(self, doc: CatalogDocument, model_id: str):
        self.entry: ModelEntry = doc.catalog.get(model_id)
        super().__init__(doc, f"Delete custom model {self.entry.name}")

    def redo(self) -> None:
        self.user.remove_custom(self.entry.id)
        self.doc.catalog_changed(None)

    def undo(self) -> None:
        self.user.add_custom(self.entry)
        self.doc.catalog_changed(None)


class CatalogDocument(QObject):
    """The effective catalog (shipped + overrides) that every view prices with."""

    #: A model's prices changed (its id), or the list of models did (None).
    changed = Signal(object)

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
        for f in price_fields(self.catalog.get(model_id)):
            if f.path == path:
                return f.value
        raise KeyError(path)

    def catalog_changed(self, model_id: str | None) -> None:
        self.changed.emit(model_id)

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
        value = Decimal(value)
        if not value.is_finite() or value < 0:
            raise ValueError("A price must be a number of zero or more.")
        if value == self.price(model_id, path):
            return
        self.undo_stack.push(SetPrice(self, model_id, path, value))

    def reset_price(self, model_id: str, path: str) -> None:
        self.check_writable()
        if self.user.is_overridden(model_id, path):
            self.undo_stack.push(SetPrice(self, model_id, path, None))

    def reset_model(self, model_id: str) -> None:
        self.check_writable()
        if self.user.overrides.prices.get(model_id):
            self.undo_stack.push(ResetPrices(self, model_id))

    def reset_all(self) -> None:
        self.check_writable()
        if self.user.overrides.prices:
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

    # --- freshness --------------------------------------------------------------------

    def age_days(self, today: dt.date | None = None) -> int:
        return ((today or calendar.today()) - self.catalog.checked).days

    @property
    def stale(self) -> bool:
        return self.age_days() > STALE_AFTER_DAYS
