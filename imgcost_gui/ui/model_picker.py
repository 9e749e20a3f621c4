"""Which models to compare, and which one is the baseline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core import ModelEntry, PriceCatalog

from .document import ScenarioDocument
from .fields import ComboBox

ALL = "All"


def compared_ids(doc: ScenarioDocument, catalog: PriceCatalog) -> list[str]:
    """The models the scenario compares that this catalog knows (empty list = every active model)."""
    return [m for m in doc.scenario.models if m in catalog.by_id]


class ModelPicker(QWidget):
    def __init__(
        self, doc: ScenarioDocument, report: Callable[[str], None], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.doc = doc
        self.report = report
        self.catalog: PriceCatalog | None = None

        self.baseline = ComboBox()
        self.baseline.setToolTip(
            "The model the others are compared against (the ‘vs baseline’ column)."
        )
        self.baseline.activated.connect(self._baseline_chosen)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search models")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply_filter)
        self.vendor = ComboBox()
        self.vendor.setToolTip("Show only one vendor's models")
        self.vendor.currentIndexChanged.connect(self._apply_filter)
        self.provider = ComboBox()
        self.provider.setToolTip("Show only models billed by one provider (vendor or reseller)")
        self.provider.currentIndexChanged.connect(self._apply_filter)
        self.show_retired = QCheckBox("Show retired models")
        self.show_retired.setToolTip(
            "Retired models can no longer be used; they are kept for comparison with old bills."
        )
        self.show_retired.toggled.connect(self._apply_filter)

        self.tree = QTreeWidget()
        self.tree.setObjectName("modelTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Model", "Provider", "Status"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemChanged.connect(self._toggled)

        self.check_all = check_all = QPushButton("Check shown")
        check_all.setToolTip("Compare every model in the list as filtered")
        check_all.clicked.connect(lambda: self._check_shown(True))
        self.check_none = check_none = QPushButton("Uncheck shown")
        check_none.clicked.connect(lambda: self._check_shown(False))
        self.count = QLabel()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow("Baseline:", self.baseline)
        form.addRow("Find:", self.search)
        form.addRow("Vendor:", self.vendor)
        form.addRow("Provider:", self.provider)
        form.addRow("", self.show_retired)
        buttons = QHBoxLayout()
        buttons.addWidget(check_all)
        buttons.addWidget(check_none)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)

    # --- feeding ----------------------------------------------------------------------

    def set_catalog(self, catalog: PriceCatalog) -> None:
        self.catalog = catalog
        self.tree.blockSignals(True)
        self.tree.clear()
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for m in catalog.models:
            status = "custom" if m.custom else m.lifecycle.status
            item = QTreeWidgetItem([m.name, m.provider, "" if status == "active" else status])
            item.setData(0, Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setToolTip(0, f"{m.id} · {m.vendor}" + (f"\n{m.note}" if m.note else ""))
            if m.retired:
                for c in range(3):
                    item.setForeground(c, muted)
            self.tree.addTopLevelItem(item)
        self.tree.blockSignals(False)
        for combo, values in (
            (self.vendor, {m.vendor for m in catalog.models}),
            (self.provider, {m.provider for m in catalog.models}),
        ):
            current = combo.currentText() or ALL
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([ALL, *sorted(values)])
            combo.setCurrentText(current if current in values else ALL)
            combo.blockSignals(False)
        self.refresh()

    def entries(self) -> list[ModelEntry]:
        """The models being compared, in catalog order."""
        if self.catalog is None:
            return []
        ids = compared_ids(self.doc, self.catalog)
        if not ids:
            return self.catalog.active()
        return [self.catalog.get(i) for i in ids]

    def refresh(self) -> None:
        if self.catalog is None:
            return
        chosen = {e.id for e in self.entries()}
        self.tree.blockSignals(True)
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            on = item.data(0, Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)
        self.count.setText(f"{len(chosen)} compared")
        self._fill_baseline()
        self._apply_filter()

    def _fill_baseline(self) -> None:
        self.baseline.blockSignals(True)
        self.baseline.clear()
        self.baseline.addItem("None", None)
        for e in self.entries():
            self.baseline.addItem(e.name, e.id)
        i = self.baseline.findData(self.doc.scenario.baseline)
        self.baseline.setCurrentIndex(max(i, 0))
        self.baseline.blockSignals(False)

    def _apply_filter(self) -> None:
        if self.catalog is None:
            return
        needle = self.search.text().strip().lower()
        vendor, provider = self.vendor.currentText(), self.provider.currentText()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            m = self.catalog.by_id.get(item.data(0, Qt.ItemDataRole.UserRole))
            if m is None:
                continue
            hidden = (
                (
                    m.retired
                    and not self.show_retired.isChecked()
                    and item.checkState(0) != Qt.CheckState.Checked
                )
                or (vendor not in ("", ALL) and m.vendor != vendor)
                or (provider not in ("", ALL) and m.provider != provider)
                or (needle and needle not in f"{m.id} {m.name} {m.vendor} {m.provider}".lower())
            )
            item.setHidden(bool(hidden))

    # --- edits --------------------------------------------------------------------------

    def _checked_ids(self) -> list[str]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.checkState(0) == Qt.CheckState.Checked:
                out.append(item.data(0, Qt.ItemDataRole.UserRole))
        return out

    def _store(self, ids: list[str], text: str) -> None:
        assert self.catalog is not None
        if not ids:
            self.report("Compare at least one model.")
            self.refresh()
            return
        if set(ids) == {e.id for e in self.entries()}:
            return  # the same models: nothing to undo, nothing to save
        active = [m.id for m in self.catalog.active()]
        value = [] if ids == active else ids
        changes: list = [(("models",), value)]
        if self.doc.scenario.baseline and self.doc.scenario.baseline not in ids:
            changes.append((("baseline",), None))
        self.doc.set_many(changes, text)

    def _toggled(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self._store(self._checked_ids(), "Choose models")

    def _check_shown(self, on: bool) -> None:
        self.tree.blockSignals(True)
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if not item.isHidden():
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)
        self._store(self._checked_ids(), "Choose models")

    def _baseline_chosen(self, index: int) -> None:
        self.set_baseline(self.baseline.itemData(index))

    def set_baseline(self, model_id: str | None) -> None:
        self.doc.set(("baseline",), model_id, "Choose baseline")
