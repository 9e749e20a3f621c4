"""What the Prices menu does, and what the window hears of prices changed elsewhere."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from imgcost_gui.core import Scenario

from .catalog_document import CatalogDocument
from .catalog_watcher import OverridesWatcher


class PriceActions(QObject):
    """Updated prices taken in or dropped, a failed save, another window's changes.

    It says what happened through its signals; the window decides where that shows.
    """

    #: A status line.
    report = Signal(str)
    #: Lines for the banner (problems with the prices, another window's changes).
    messages = Signal(list)
    #: The Prices page should come to the front (its undo stack takes the step back).
    showPrices = Signal()  # noqa: N815

    def __init__(self, window: QWidget, catalog_doc: CatalogDocument):
        super().__init__(window)
        self.window = window
        self.catalog_doc = catalog_doc
        # Told after the step that failed has unwound (it may fail inside an editor's commit).
        catalog_doc.saveFailed.connect(self._save_failed, Qt.ConnectionType.QueuedConnection)
        self.watcher = OverridesWatcher(catalog_doc, self)
        self.watcher.reloaded.connect(self._prices_from_elsewhere)

    @property
    def can_drop(self) -> bool:
        """Updated prices are kept, so Prices > Drop updated prices has something to drop."""
        return self.catalog_doc.user.layer is not None

    def update_prices(self, path: Path | None = None) -> bool:
        """Prices > Update prices from file…; whether prices were kept."""
        # Its readers of other catalogs' files are imported when first wanted.
        from .prices_update_dialog import update_prices_from_file

        kept = update_prices_from_file(self.window, self.catalog_doc, path)
        if kept:
            self.showPrices.emit()
            layer = self.catalog_doc.user.layer
            if layer is not None:
                self.report.emit(
                    f"Updated prices kept from {layer.source.title} "
                    f"(version {layer.source.version}); Undo or Prices > Drop updated "
                    "prices takes them away."
                )
            self.messages.emit(list(self.catalog_doc.problems))
        return kept

    def drop_updated_prices(self) -> None:
        if self.catalog_doc.user.layer is None:
            self.report.emit("No updated prices to drop.")
            return
        self.catalog_doc.drop_update()
        self.showPrices.emit()
        if self.catalog_doc.user.layer is None:
            self.report.emit("Updated prices dropped; the shipped prices apply under your own.")

    def calibrate(self, path: Path | None = None, model_id: str | None = None) -> bool:
        """Prices > Calibrate from responses…; whether measured values were saved."""
        # The dialog (and matplotlib, for its plot) is imported when first wanted.
        from .calibrate_dialog import calibrate_from_responses

        dialog = calibrate_from_responses(self.window, self.catalog_doc, path, model_id)
        kept = dialog.kept
        # Closed: it goes, and its figure with it (each opening would otherwise stay).
        dialog.deleteLater()
        if kept is None:
            return False
        model, _file = kept
        self.showPrices.emit()
        # Short: the status bar's permanent labels leave a message little room.
        name = self.catalog_doc.catalog.get(model).name
        self.report.emit(f"Measured tokens of {name} kept; Undo takes them back.")
        return True

    def reconcile(
        self, scenario: Scenario, usage: Path | None = None, costs: Path | None = None
    ) -> None:
        """Prices > Compare with what was billed…: ``scenario`` against the exports."""
        from .reconcile_dialog import compare_with_billed

        compare_with_billed(self.window, self.catalog_doc, scenario, usage, costs).deleteLater()

    def _save_failed(self, text: str) -> None:
        QMessageBox.warning(self.window, "Prices not saved", text)

    def _prices_from_elsewhere(self, lines: list[str]) -> None:
        """Another ImgCost changed prices: say what, where it will be seen."""
        # The banner, not the status bar: its permanent labels leave a message no room.
        self.messages.emit([*lines, *self.catalog_doc.problems])
