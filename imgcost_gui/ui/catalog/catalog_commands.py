"""The undoable price edits of the user's catalog: one ``QUndoCommand`` per kind of
change, each deciding which ``UserCatalog`` methods do and undo it, and what a save
that fails says.

``CatalogDocument`` (``catalog_document``) pushes these; they know it only as an
``EditedDocument``, so the two modules do not import each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QUndoCommand

from imgcost_gui.core import (
    FileProblem,
    ModelEntry,
    PriceCatalog,
    UserCatalog,
    price_fields,
)
from imgcost_gui.core.measured import MeasuredOutput
from imgcost_gui.core.overrides import DatedPrice
from imgcost_gui.core.updated import UpdatedLayer


class EditedDocument(Protocol):
    """What a command needs of the document it changes (``CatalogDocument``)."""

    @property
    def user(self) -> UserCatalog: ...

    @property
    def catalog(self) -> PriceCatalog: ...

    @property
    def measuredChanged(self) -> SignalInstance: ...  # noqa: N802 (Qt's naming)

    def catalog_changed(self, model_id: str | None) -> None: ...

    def save_failed(self, error: Exception, path: Path) -> None: ...


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

    def __init__(self, doc: EditedDocument, text: str, model_id: str | None = None):
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
        doc: EditedDocument,
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

    def __init__(self, doc: EditedDocument, model_id: str | None):
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
    def __init__(self, doc: EditedDocument, source_id: str, new_id: str, name: str):
        super().__init__(doc, f"Add custom model {name}")
        self.source_id, self.new_id, self.name = source_id, new_id, name

    def redo(self) -> None:
        self._save(lambda: self.user.duplicate(self.source_id, self.new_id, self.name))

    def undo(self) -> None:
        self._save(lambda: self.user.remove_custom(self.new_id))


class DeleteCustomModel(CatalogCommand):
    def __init__(self, doc: EditedDocument, model_id: str):
        self.entry: ModelEntry = doc.catalog.get(model_id)
        super().__init__(doc, f"Delete custom model {self.entry.name}")

    def redo(self) -> None:
        self._save(lambda: self.user.remove_custom(self.entry.id))

    def undo(self) -> None:
        self._save(lambda: self.user.add_custom(self.entry))


class KeepUpdate(CatalogCommand):
    """Keep a price update as the updated-prices layer (None drops it); undo puts back
    the layer there was, or none."""

    def __init__(self, doc: EditedDocument, layer: UpdatedLayer | None, text: str):
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
        doc: EditedDocument,
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
