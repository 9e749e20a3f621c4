"""The catalog editor: every model's prices, edited in place and saved at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core import price_fields
from imgcost_gui.ui.common import WINDOW_LETTERS, give_widget_mnemonics

from .catalog_dated_dialog import DatedPriceDialog
from .catalog_details import PriceDetails, details_text
from .catalog_document import CatalogDocument
from .catalog_measured import MeasuredSection
from .catalog_model import (
    COL_MODEL,
    COL_SOURCE,
    COL_VALUE,
    COLUMN_WIDTHS,
    CatalogFilter,
    CatalogRow,
    CatalogTableModel,
    PriceDelegate,
)
from .sharing import custom_id, export_overrides, import_overrides

__all__ = ["CatalogEditor", "details_text"]


class CatalogEditor(QWidget):
    def __init__(self, doc: CatalogDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.model = CatalogTableModel(doc, self)
        self.proxy = CatalogFilter(self)
        self.proxy.setSourceModel(self.model)
        doc.changed.connect(self._catalog_changed)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search model, provider or price…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda t: self.proxy.set_filter(needle=t))
        self.retired = QCheckBox("Show retired")
        self.retired.setToolTip(
            "Retired models are greyed; they can still be compared with old bills."
        )
        self.retired.toggled.connect(lambda on: self.proxy.set_filter(show_retired=on))
        self.only_changed = QCheckBox("Only my changes")
        self.only_changed.setToolTip(
            "Show only prices you changed, your custom models, and the image output of "
            "models whose tokens you measured."
        )
        self.only_changed.toggled.connect(lambda on: self.proxy.set_filter(only_overridden=on))

        self.reset_cell = self._button(
            "Reset price",
            "Put the selected price back to the shipped value",
            self.reset_selected_price,
        )
        self.reset_row = self._button(
            "Reset model",
            "Put every price of the selected model back to the shipped values",
            self.reset_selected_model,
        )
        self.reset_all = self._button(
            "Reset all…",
            "Put every price you changed back to the shipped values",
            self.confirm_reset_all,
        )
        self.dated = self._button(
            "Set price from a date…",
            "Set your price for the selected price from a day on (a negotiated rate, an "
            "announced cut); days before keep theirs",
            self.set_dated_selected,
        )
        self.add = self._button(
            "Duplicate as custom…",
            "Add a model of your own (a reseller, a negotiated rate) by copying the selected one",
            self.duplicate_selected,
        )
        self.delete = self._button(
            "Delete custom", "Delete the selected custom model", self.delete_selected
        )
        # A push button with a menu keeps room for its arrow; a tool button's Fusion
        # arrow was drawn over the last letters of its words.
        share = QPushButton("Share prices")
        share.setToolTip("Import or export your price changes and custom models")
        menu = QMenu(share)
        self.import_action = menu.addAction("Import overrides…", self.import_dialog)
        self.export_action = menu.addAction("Export overrides…", self.export_dialog)
        share.setMenu(menu)
        self.share = share

        # Why nothing can be changed, when a newer ImgCost owns the overrides file.
        self.locked = QLabel(
            "<b>Prices are read-only.</b> Your price overrides file was saved by a newer "
            "version of ImgCost, so this one shows the shipped prices and leaves that file "
            f"untouched ({doc.user.path}). Update ImgCost to change prices, add custom models "
            "or import overrides."
        )
        self.locked.setObjectName("readOnlyNotice")
        self.locked.setWordWrap(True)
        self.locked.setTextFormat(Qt.TextFormat.RichText)
        self.locked.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.locked.setVisible(doc.read_only)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.only_changed)
        top.addWidget(self.retired)
        buttons = QHBoxLayout()
        for b in (self.reset_cell, self.reset_row, self.reset_all):
            buttons.addWidget(b)
        buttons.addSpacing(12)
        buttons.addWidget(self.dated)
        buttons.addSpacing(12)
        buttons.addWidget(self.add)
        buttons.addWidget(self.delete)
        buttons.addStretch(1)
        buttons.addWidget(share)

        self.table = QTableView()
        self.table.setObjectName("catalogTable")
        self.table.setModel(self.proxy)
        self.table.setItemDelegateForColumn(COL_VALUE, PriceDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        h = self.table.horizontalHeader()
        h.setStretchLastSection(False)
        h.setHighlightSections(False)
        for col, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(col, width)
        h.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._sync_buttons())
        self.table.doubleClicked.connect(self._edit_value)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.details = PriceDetails()
        self.details.removeDated.connect(self.remove_dated)
        self.measured = MeasuredSection()
        self.measured.resetMeasured.connect(self.reset_measured)
        doc.measuredChanged.connect(self.show_model)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.locked)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.measured)
        self._sync_buttons()
        give_widget_mnemonics(self, WINDOW_LETTERS)

    def _catalog_changed(self, _model_id: object) -> None:
        self._sync_buttons()

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        return b

    # --- selection ---------------------------------------------------------------------

    def selected(self) -> CatalogRow | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        row = index.siblingAtColumn(COL_MODEL).data(Qt.ItemDataRole.UserRole)
        return row if isinstance(row, CatalogRow) else None

    def select(self, model_id: str, path: str) -> None:
        row = self.model.row_of(model_id, path)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, COL_VALUE))
        if index.isValid():
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.selectionModel().setCurrentIndex(index, flags)
            self.table.scrollTo(index)

    def _edit_value(self, index: QModelIndex) -> None:
        if self.doc.read_only:
            return
        if index.column() != COL_VALUE:
            self.table.edit(index.siblingAtColumn(COL_VALUE))

    def _sync_buttons(self) -> None:
        row = self.selected()
        user = self.doc.user
        writable = not self.doc.read_only
        self.reset_cell.setEnabled(
            writable and bool(row and user.is_overridden(row.entry.id, row.field.path))
        )
        self.reset_row.setEnabled(writable and bool(row and self.doc.has_prices(row.entry.id)))
        self.reset_all.setEnabled(writable and self.doc.has_prices())
        self.dated.setEnabled(writable and bool(row and not user.is_custom(row.entry.id)))
        self.add.setEnabled(writable and row is not None)
        self.delete.setEnabled(writable and bool(row and user.is_custom(row.entry.id)))
        self.import_action.setEnabled(writable)
        self.export_action.setEnabled(writable)
        self.details.show_row(row, read_only=self.doc.read_only)
        if row is None:
            self.measured.show_model(None, "", {})
        else:
            self.measured.show_model(row.entry.id, row.entry.name, self.doc.measured(row.entry.id))

    # --- actions -----------------------------------------------------------------------

    def _refused(self, e: ValueError) -> None:
        QMessageBox.warning(self, "Prices not changed", str(e))
        self._sync_buttons()

    def reset_selected_price(self) -> None:
        row = self.selected()
        if row:
            try:
                self.doc.reset_price(row.entry.id, row.field.path)
            except ValueError as e:
                self._refused(e)
            self._sync_buttons()

    def reset_selected_model(self) -> None:
        row = self.selected()
        if row:
            try:
                self.doc.reset_model(row.entry.id)
            except ValueError as e:
                self._refused(e)
            self._sync_buttons()

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        menu = self.context_menu()
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def context_menu(self) -> QMenu:
        """The menu of the selected price (right-click on the table)."""
        menu = QMenu(self)
        value = self.table.selectionModel().currentIndex().siblingAtColumn(COL_VALUE)
        change = menu.addAction("Change price", lambda: self.table.edit(value))
        change.setEnabled(not self.doc.read_only)
        for button in (self.dated, self.reset_cell, self.reset_row):
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled())
        return menu

    def set_dated_selected(self) -> None:
        """Ask for a day and a price, and set the selected price from that day on."""
        row = self.selected()
        if row is None:
            return
        dialog = DatedPriceDialog(row, self)
        if dialog.exec() != DatedPriceDialog.DialogCode.Accepted:
            return
        value = dialog.value()
        if value is None:
            return
        try:
            self.doc.set_dated_price(row.entry.id, row.field.path, value, dialog.effective())
        except ValueError as e:
            self._refused(e)
            return
        self.select(row.entry.id, row.field.path)
        self._sync_buttons()

    def remove_dated(self, model_id: str, path: str, day: dt.date) -> None:
        try:
            self.doc.remove_dated_price(model_id, path, day)
        except ValueError as e:
            self._refused(e)
            return
        self.select(model_id, path)
        self._sync_buttons()

    def show_model(self, model_id: str) -> None:
        """Select a price of the model (its image output, if it has one), so its details
        and measured tokens show; as measured tokens are kept, reset or put back."""
        row = self.selected()
        if (row is None or row.entry.id != model_id) and model_id in self.doc.catalog.by_id:
            fields = price_fields(self.doc.catalog.get(model_id))
            # Measured tokens price the image output; select that price if it has one.
            path = next((f.path for f in fields if f.path == "image_out"), None)
            if path is None and fields:
                path = fields[0].path
            if path is not None:
                self.select(model_id, path)
        self._sync_buttons()

    def reset_measured(self, model_id: str, key: str | None) -> None:
        """Forget measured tokens: one size and quality (``key``), or all of the model's."""
        self.doc.reset_measured(model_id, key)
        self._sync_buttons()
        if self.measured.isHidden():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)  # its buttons went with it

    def confirm_reset_all(self) -> None:
        o = self.doc.user.overrides
        n = sum(len(v) for v in o.prices.values()) + sum(
            len(rows) for keys in o.dated_prices.values() for rows in keys.values()
        )
        answer = QMessageBox.question(
            self,
            "Reset all prices",
            f"Put all {n} changed prices back to the shipped values? Custom models stay. You can undo this.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            try:
                self.doc.reset_all()
            except ValueError as e:
                self._refused(e)
            self._sync_buttons()

    def duplicate_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            self.doc.check_writable()
        except ValueError as e:
            self._refused(e)
            return
        source = row.entry
        name, ok = QInputDialog.getText(
            self,
            "Add a custom model",
            f"Name for the copy of {source.name}\n(e.g. a reseller or a negotiated rate):",
            text=f"{source.name} (negotiated)",
        )
        if not ok or not name.strip():
            return
        new_id = custom_id(name, self.doc.catalog.by_id)
        try:
            self.doc.add_custom(source.id, new_id, name.strip())
        except ValueError as e:
            QMessageBox.warning(self, "Cannot add the model", str(e))
            return
        first = self.doc.catalog.get(new_id)
        fields = price_fields(first)
        if fields:
            self.select(new_id, fields[0].path)

    def delete_selected(self) -> None:
        row = self.selected()
        if row and self.doc.user.is_custom(row.entry.id):
            try:
                self.doc.delete_custom(row.entry.id)
            except ValueError as e:
                self._refused(e)
            self._sync_buttons()

    def import_dialog(self) -> None:
        import_overrides(self, self.doc, self._refused)

    def export_dialog(self) -> None:
        export_overrides(self, self.doc)
