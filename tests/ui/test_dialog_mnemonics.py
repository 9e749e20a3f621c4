"""Every dialog button and field label has its own Alt letter (issue 11): the
Calibrate and Compare-with-billed dialogs, the Prices page, the Models tab."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QAbstractButton, QLabel, QToolButton, QWidget

from imgcost_gui.core import Scenario, UserCatalog, load_shipped_catalog
from imgcost_gui.ui.catalog.calibrate_dialog import CalibrateDialog
from imgcost_gui.ui.catalog.catalog_document import CatalogDocument
from imgcost_gui.ui.catalog.reconcile_dialog import ReconcileDialog
from imgcost_gui.ui.common import mnemonic_letter


def _keyed(root: QWidget) -> list[str]:
    """The texts of its buttons (not those that show an action) and field labels."""
    buttons = [
        b.text()
        for b in root.findChildren(QAbstractButton)
        if b.text() and not (isinstance(b, QToolButton) and b.defaultAction() is not None)
    ]
    labels = [lb.text() for lb in root.findChildren(QLabel) if lb.buddy() is not None]
    return buttons + labels


def _check(texts: list[str], avoid: set[str] = set()) -> None:  # noqa: B006
    letters = [mnemonic_letter(t) for t in texts]
    assert None not in letters, [t for t in texts if mnemonic_letter(t) is None]
    assert len(set(letters)) == len(letters), texts
    assert not set(letters) & avoid, texts


def test_the_calibrate_and_billed_dialogs_have_a_letter_on_every_button(qtbot: Any):
    doc = CatalogDocument(UserCatalog(load_shipped_catalog()))
    for dialog in (CalibrateDialog(doc, "gpt-image-2"), ReconcileDialog(doc, Scenario())):
        qtbot.addWidget(dialog)
        texts = _keyed(dialog)
        assert any(t.replace("&", "") == "Close" for t in texts)
        _check(texts)


def test_the_prices_page_and_the_models_tab_keep_clear_of_the_windows_letters(window):
    menus = {mnemonic_letter(a.text()) for a in window.menuBar().actions()}
    _check(_keyed(window.catalog_editor), menus)
    _check(_keyed(window.model_picker), menus | {"b"})
