"""Which models to compare, and which one is the baseline.

Each model's status is as of the day the scenario is planned for (its "plan
from" date, else today): a model retired that day is greyed and hidden unless
asked for or checked, one shutting down soon says when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QPalette
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
from imgcost_gui.core.calendar import plan_day
from imgcost_gui.ui.common import (
    WINDOW_LETTERS,
    ComboBox,
    give_widget_mnemonics,
    status_text,
    status_tip,
)
from imgcost_gui.ui.scenario import FieldPath, ScenarioDocument
from imgcost_gui.workspace.columns import short_name

ALL = "All"


def compared_ids(doc: ScenarioDocument, catalog: PriceCatalog) -> list[str]:
    """The models the scenario names that this catalog knows (empty list = every model
    available on the plan day). A named model stays named when it retires: the
    comparison shows it apart, with the day it stopped."""
    return [m for m in doc.scenario.models if m in catalog.by_id]


class ModelPicker(QWidget):
    def __init__(
        self, doc: ScenarioDocument, report: Callable[[str], None], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.doc = doc
        self.report = report
        self.catalog: PriceCatalog | None = None
        #: What the list last showed (``refresh`` skips an edit that changes none of it).
        self._shown: tuple[object, ...] | None = None

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
            "Models retired on the plan day can no longer be used; they are kept for "
            "comparison with old bills."
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
        # The provider at a fixed, elided width (its tooltip has it in full); the status
        # as wide as its words (mostly none, "deprecated" at most in a word or two):
        # the model names take the rest.
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(1, 96)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.headerItem().setToolTip(
            2, "Each model's standing on the plan day (the scenario's “Plan from”, else today)"
        )
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
        # Beside the comparison: not its Budget (in the window's letters) nor Show sta&ges.
        give_widget_mnemonics(self, WINDOW_LETTERS | {"g"})

    # --- feeding ----------------------------------------------------------------------

    def set_catalog(self, catalog: PriceCatalog) -> None:
        self.catalog = catalog
        self._shown = None
        self.tree.blockSignals(True)
        self.tree.clear()
        for m in catalog.models:
            # The Provider column says who resells it: the name need not (its tooltip does).
            item = QTreeWidgetItem([short_name(m.name, m.provider), m.provider, ""])
            item.setData(0, Qt.ItemDataRole.UserRole, m.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setToolTip(0, f"{m.name}\n{m.id} · {m.vendor}" + (f"\n{m.note}" if m.note else ""))
            item.setToolTip(1, m.provider)
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

    @property
    def day(self) -> dt.date:
        """The day statuses are for: the scenario's "plan from" date, else today."""
        return plan_day(self.doc.scenario.plan_from)

    def entries(self) -> list[ModelEntry]:
        """The models being compared, in catalog order."""
        if self.catalog is None:
            return []
        ids = compared_ids(self.doc, self.catalog)
        if not ids:
            return self.catalog.active(self.day)
        return [self.catalog.get(i) for i in ids]

    def refresh(self) -> None:
        """The checks, statuses and baseline after a change to the scenario: worked out
        again only when what they show changed (models, baseline, plan day, catalog),
        not on every edit of a stage."""
        if self.catalog is None:
            return
        scenario = self.doc.scenario
        shown = (tuple(scenario.models), scenario.baseline, self.day)  # set_catalog resets it
        if shown == self._shown:
            return
        self._shown = shown
        chosen = {e.id for e in self.entries()}
        day = self.day
        muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        self.tree.blockSignals(True)
        for item in self._items():
            m = self.catalog.by_id.get(item.data(0, Qt.ItemDataRole.UserRole))
            if m is None:
                continue
            on = m.id in chosen
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            status = status_text(self.catalog, m, day, short=True)
            if m.custom:
                status = f"custom · {status}" if status else "custom"
            item.setText(2, status)
            item.setToolTip(2, status_tip(self.catalog, m, day))
            # An empty brush, not None: PySide6 drops a reference to None on every
            # setData(..., None), and thousands of edits later the interpreter aborts.
            colour = QBrush() if self.catalog.available(m, day) else QBrush(muted)
            for c in range(3):
                item.setForeground(c, colour)
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
        day = self.day
        for item in self._items():
            m = self.catalog.by_id.get(item.data(0, Qt.ItemDataRole.UserRole))
            if m is None:
                continue
            hidden = (
                (
                    self.catalog.status(m, day) == "retired"
                    and not self.show_retired.isChecked()
                    and item.checkState(0) != Qt.CheckState.Checked
                )
                or (vendor not in ("", ALL) and m.vendor != vendor)
                or (provider not in ("", ALL) and m.provider != provider)
                or (needle and needle not in f"{m.id} {m.name} {m.vendor} {m.provider}".lower())
            )
            item.setHidden(bool(hidden))

    # --- edits --------------------------------------------------------------------------

    def _items(self) -> Iterator[QTreeWidgetItem]:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None:
                yield item

    def _checked_ids(self) -> list[str]:
        return [
            str(item.data(0, Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def _store(self, ids: list[str], text: str) -> None:
        assert self.catalog is not None
        if not ids:
            self.report("Compare at least one model.")
            self._shown = None  # the list shows a check the scenario does not have: undo it
            self.refresh()
            return
        if set(ids) == {e.id for e in self.entries()}:
            return  # the same models: nothing to undo, nothing to save
        active = [m.id for m in self.catalog.active(self.day)]
        value = [] if ids == active else ids
        changes: list[tuple[FieldPath, object]] = [(("models",), value)]
        if self.doc.scenario.baseline and self.doc.scenario.baseline not in ids:
            changes.append((("baseline",), None))
        self.doc.set_many(changes, text)

    def _toggled(self, item: QTreeWidgetItem, column: int) -> None:
        if column == 0:
            self._store(self._checked_ids(), "Choose models")

    def _check_shown(self, on: bool) -> None:
        self.tree.blockSignals(True)
        for item in self._items():
            if not item.isHidden():
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.tree.blockSignals(False)
        self._store(self._checked_ids(), "Choose models")

    def _baseline_chosen(self, index: int) -> None:
        self.set_baseline(self.baseline.itemData(index))

    def set_baseline(self, model_id: str | None) -> None:
        self.doc.set(("baseline",), model_id, "Choose baseline")
