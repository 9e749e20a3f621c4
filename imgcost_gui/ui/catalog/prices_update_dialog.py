"""Prices > Update prices from file: a peer's price file against the shipped catalog.

The file is read on the UI thread: LiteLLM's real file (3.4 MB) reads and
diffs in about 160 ms, under a wait cursor. The dialog lists what can be kept,
one checkbox a row (all checked), and apart what can only be checked by hand
and what could not be mapped, with the reason. Apply keeps the chosen rows as
the updated-prices layer in one undoable step.
"""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core import FileProblem, PriceCatalog, calendar
from imgcost_gui.core.peers import (
    CatalogDiff,
    LifecycleRow,
    NewModelRow,
    PriceRow,
    apply_rows,
    diff_catalog,
    read_price_file,
)
from imgcost_gui.core.updated import UpdatedLayer
from imgcost_gui.ui.common import give_widget_mnemonics

from .catalog_document import CatalogDocument
from .catalog_rows import decimal_text

PRICE_FILES = "Price data (*.json);;All files (*)"
#: How a new model's pricing scheme reads in the New column.
SCHEME_WORDS = {
    "tokens": "priced by tokens",
    "fixed_tokens": "priced by tokens",
    "per_image": "priced per image",
    "per_megapixel": "priced per megapixel",
    "subscription": "a subscription",
}


def _value(v: object) -> str:
    if v is None:
        return "none"
    if isinstance(v, Decimal):
        return decimal_text(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _share(v: Decimal) -> str:
    return f"{(v * 100).normalize():f}%"


def _percent(p: Decimal | None) -> str:
    if p is None:
        return ""
    return f"{p:+}%".replace("-", "−")


class UpdateDialog(QDialog):
    """The diff of one price file; ``chosen_ids`` are the rows left checked."""

    def __init__(
        self,
        diff: CatalogDiff,
        catalog: PriceCatalog,
        current: UpdatedLayer | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.diff = diff
        self.setWindowTitle(f"Update prices from {diff.peer_title}")
        names = {m.id: m.name for m in catalog.models}

        agreed = (
            ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(diff.agreed.items()))
            or "none"
        )
        intro = (
            f"<b>{_esc(diff.peer_title)}</b> (version {_esc(diff.peer_version)}) against the "
            f"shipped prices on {diff.day.isoformat()}. Prices that agree: {agreed}.<br>"
            "Checked rows are kept as your <i>updated prices</i>, above the shipped ones and "
            "below your own; Prices &gt; Drop updated prices takes them away again."
        )
        if current is not None:
            intro += (
                f"<br><b>Applying replaces</b> the updated prices kept from "
                f"{_esc(current.source.title)} (version {_esc(current.source.version)}, "
                f"{current.source.imported_on.isoformat()})."
            )
        self.intro = QLabel(intro)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.intro.setWordWrap(True)

        #: One checkable item per applicable row, by row id.
        self.items: dict[str, QTreeWidgetItem] = {}
        self.changes = self._tree(["Change", "Model", "Was", "New", "Difference"])
        self._add_group(
            "Changed prices",
            [(r, self._price_cells(r, names)) for r in diff.prices],
        )
        self._add_group(
            "Lifecycle dates",
            [(r, self._lifecycle_cells(r, names)) for r in diff.lifecycle],
        )
        self._add_group(
            "New models",
            [(r, self._new_model_cells(r)) for r in diff.new_models],
        )
        self.changes.itemChanged.connect(lambda *_: self._sync())

        self.checks = self._tree(["Price", "Model", "Ours", "Theirs", "Difference", "Their entry"])
        for c in diff.checks:
            self._flat(
                self.checks,
                [
                    c.label,
                    names.get(c.model_id, c.model_id),
                    _value(c.ours),
                    _value(c.theirs),
                    _percent(c.percent),
                    c.peer_model,
                ],
            )
        self.unmapped = self._tree(["Their entry", "Why it was not taken"])
        self._two_columns(self.unmapped)
        for nm in diff.not_mappable:
            self._flat(self.unmapped, [nm.peer_model, f"{nm.model_id}: {nm.reason}"])
        for u in diff.unmapped:
            self._flat(self.unmapped, [u.peer_model, u.reason])

        self.tabs = QTabWidget()
        self.tabs.addTab(self.changes, f"Changes to keep ({len(diff.rows)})")
        self.tabs.addTab(self.checks, f"To check by hand ({len(diff.checks)})")
        n_unmapped = len(diff.not_mappable) + len(diff.unmapped)
        self.tabs.addTab(self.unmapped, f"Not mapped ({n_unmapped})")
        self.tabs.setTabToolTip(
            1,
            "Disagreements that cannot be applied: our figure is worked out from a token rule, "
            "or theirs is a host's price checked against the vendor's.",
        )
        self.tabs.setTabToolTip(2, "Entries of the file ImgCost could not match, with the reason.")

        self.select_all = QPushButton("Select all")
        self.select_all.clicked.connect(lambda: self.set_all(True))
        self.select_none = QPushButton("Select none")
        self.select_none.clicked.connect(lambda: self.set_all(False))
        self.count = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.apply = self.buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        bottom = QHBoxLayout()
        bottom.addWidget(self.select_all)
        bottom.addWidget(self.select_none)
        bottom.addSpacing(12)
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(1080, 640)
        self._sync()
        give_widget_mnemonics(self)

    # --- building ---------------------------------------------------------------------

    @staticmethod
    def _tree(headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setHeaderLabels(headers)
        tree.setRootIsDecorated(True)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((0, 290, 100, 130, 90, 260)[: len(headers)]):
            if col:
                tree.setColumnWidth(col, width)
        return tree

    @staticmethod
    def _flat(tree: QTreeWidget, cells: list[str]) -> QTreeWidgetItem:
        """A row of a list without groups; each cell's full text in its tooltip."""
        tree.setRootIsDecorated(False)
        item = QTreeWidgetItem(tree, cells)
        for col, text in enumerate(cells):
            item.setToolTip(col, text)
        return item

    @staticmethod
    def _two_columns(tree: QTreeWidget) -> None:
        """Their entry at a fixed width; the reason takes the rest."""
        header = tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        tree.setColumnWidth(0, 420)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _add_group(
        self, title: str, rows: list[tuple[PriceRow | LifecycleRow | NewModelRow, list[str]]]
    ) -> None:
        if not rows:
            return
        group = QTreeWidgetItem(self.changes, [f"{title} ({len(rows)})"])
        group.setFlags(
            group.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate
        )
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.setFirstColumnSpanned(True)
        for row, cells in rows:
            item = QTreeWidgetItem(group, cells)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setData(0, Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(0, f"{row.id} (their entry: {row.peer_model})")
            for col in (2, 3, 4):
                item.setTextAlignment(
                    col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
            self.items[row.id] = item
        group.setExpanded(True)

    @staticmethod
    def _price_cells(r: PriceRow, names: dict[str, str]) -> list[str]:
        model = names.get(r.model_id, r.model_id)
        if r.kind == "batch":  # a share off the standard price reads as a percentage
            was = "none" if r.old is None else f"{_share(r.old)} off"
            return [r.label, model, was, f"{_share(r.new)} off", ""]
        when = f", from {r.effective.isoformat()}" if r.effective else ""
        return [
            f"{r.label} ({r.unit}){when}",
            model,
            _value(r.old),
            _value(r.new),
            _percent(r.percent),
        ]

    @staticmethod
    def _lifecycle_cells(r: LifecycleRow, names: dict[str, str]) -> list[str]:
        return [r.label, names.get(r.model_id, r.model_id), _value(r.old), _value(r.new), ""]

    @staticmethod
    def _new_model_cells(r: NewModelRow) -> list[str]:
        scheme = r.entry.pricing.scheme
        return [f"New model: {r.name}", r.model_id, "", SCHEME_WORDS.get(scheme, scheme), ""]

    # --- choosing -------------------------------------------------------------------

    def set_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for item in self.items.values():
            item.setCheckState(0, state)

    def chosen_ids(self) -> list[str]:
        """The checked rows, in the diff's order."""
        return [
            rid for rid, item in self.items.items() if item.checkState(0) == Qt.CheckState.Checked
        ]

    def _sync(self) -> None:
        n, total = len(self.chosen_ids()), len(self.items)
        self.count.setText(f"{n} of {total} change{'s' if total != 1 else ''} chosen")
        self.apply.setEnabled(n > 0)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def update_prices_from_file(
    parent: QWidget, doc: CatalogDocument, path: Path | None = None
) -> bool:
    """Ask for a price file, show what it changes, keep the chosen rows; whether it did."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(parent, "Update prices from file", "", PRICE_FILES)
        if not name:
            return False
        path = Path(name)
    day = calendar.today()
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        peer = read_price_file(path)
        diff = diff_catalog(doc.user.shipped, peer, day=day)
    except FileProblem as e:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "Prices not updated", f"{e.message} Nothing was changed.")
        return False
    except OSError as e:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.warning(
            parent,
            "Prices not updated",
            f"{path.name}: {e.strerror or e}. Nothing was changed.",
        )
        return False
    QGuiApplication.restoreOverrideCursor()
    dialog = UpdateDialog(diff, doc.user.shipped, doc.user.layer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    chosen = dialog.chosen_ids()
    if not chosen:
        return False
    doc.keep_update(apply_rows(diff, chosen, imported_on=day), len(chosen))
    return True
