"""Prices > Share prices: a colleague's overrides imported, ours exported, and the
id a custom model gets from the name the user gives it."""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from imgcost_gui.core import FileProblem
from imgcost_gui.ui.common import ask_save_path

from .catalog_document import CatalogDocument, save_failure_text

OVERRIDES_FILTER = "ImgCost price overrides (*.json)"


def custom_id(name: str, taken: Container[str]) -> str:
    """A new model id from a name: "custom-" and its letters, digits and ".-_" in
    lower case ("Acme (negotiated)" is "custom-acme-negotiated"), numbered from 2
    while the id is taken."""
    base = re.sub(r"[^a-z0-9._-]+", "-", name.strip().lower()).strip("-._") or "custom"
    new_id, n = f"custom-{base}", 2
    while new_id in taken:
        new_id, n = f"custom-{base}-{n}", n + 1
    return new_id


def import_overrides(
    parent: QWidget, doc: CatalogDocument, refused: Callable[[ValueError], None]
) -> None:
    """Ask for a colleague's overrides file and merge it, all or nothing."""
    try:
        doc.check_writable()
    except ValueError as e:
        refused(e)
        return
    path, _ = QFileDialog.getOpenFileName(parent, "Import price overrides", "", OVERRIDES_FILTER)
    if not path:
        return
    try:
        summary = doc.import_file(Path(path))
    except FileProblem as e:
        QMessageBox.warning(parent, "Cannot import", f"{e.message} Nothing was changed.")
        return
    except OSError as e:
        QMessageBox.warning(parent, "Cannot import", save_failure_text(e, doc.user.path))
        return
    except ValueError as e:  # the file turned read-only
        refused(e)
        return
    QMessageBox.information(parent, "Prices imported", summary)


def export_overrides(parent: QWidget, doc: CatalogDocument) -> None:
    """Ask where, and save the user's overrides there to send to a colleague."""
    path = ask_save_path(
        parent, "Export price overrides", "price-overrides.json", OVERRIDES_FILTER, (".json",)
    )
    if path is None:
        return
    try:
        doc.export(path)
    except OSError as e:
        QMessageBox.warning(parent, "Export failed", str(e))
