"""Prices > Calibrate from responses: a model's token counts measured from the team's
own saved API responses, beside the published rule, and kept for later estimates.

The file is read and grouped off the UI thread (``background.Reader``); the
dialog says "Reading…" meanwhile and stays usable. The table is the one
``imgcost calibrate`` prints (its words in ``calibration_table``); the plot sets
each group's measured tokens against the estimate, with its p5-p95 spread, beside
the line where they agree (``calibration_plot``). This module chooses the model
and the file, reads it, shows the result and keeps the measured values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core import ModelEntry, PriceCatalog, Size, calendar
from imgcost_gui.core.calibration import (
    CalibrationGroup,
    References,
    Responses,
    calibrate,
    measured_outputs,
    read_responses,
)
from imgcost_gui.core.catalog import PublishedImagePrices, TokenPricing
from imgcost_gui.ui.common import give_widget_mnemonics

from .background import Reader
from .calibration_plot import draw_calibration
from .calibration_table import (
    COLUMN_TIPS,
    COLUMNS,
    NO_REFERENCES,
    gone,
    group_cells,
    group_notes,
    measured_summary,
    now_used,
    reference_spreads,
)
from .catalog_document import CatalogDocument
from .plots import new_canvas
from .result_table import fill, plot_placeholder, result_table, text_line

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

RESPONSE_FILES = "Saved API responses (*.jsonl *.json *.ndjson);;All files (*)"


def calibratable(catalog: PriceCatalog, day: dt.date) -> list[tuple[ModelEntry, bool]]:
    """Models whose estimates measured output tokens change (billed by output tokens,
    not per image): usable ones first, in catalog order, then retired ones."""
    found = [
        (m, catalog.status(m, day) == "retired")
        for m in catalog.models
        if isinstance(m.pricing, TokenPricing)
        and not isinstance(m.pricing.output, PublishedImagePrices)
    ]
    return sorted(found, key=lambda item: item[1])


@dataclass(frozen=True)
class Calibrated:
    """What the worker hands back: the file's responses and their groups."""

    model_id: str
    found: Responses
    groups: list[CalibrationGroup]


#: Where the measured tokens will be drawn, until a file is read.
NO_PLOT = "Output tokens measured against the estimate are drawn here once a file is read."


class CalibrateDialog(QDialog):
    """Choose a model and a file of responses; read the table and the plot; save."""

    def __init__(
        self,
        doc: CatalogDocument,
        model_id: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.doc = doc
        self.setWindowTitle("Calibrate from responses")
        self.calibrated: Calibrated | None = None
        #: The model and file of the last values saved here, if any.
        self.kept: tuple[str, str] | None = None
        self.path: Path | None = None
        self.reader = Reader(self)
        self.reader.done.connect(self._show)
        self.reader.failed.connect(self._failed)

        intro = QLabel(
            "Measure what your requests really cost in tokens. Choose the model the "
            "responses came from and a file of saved API response bodies (Images API, or "
            "Responses API with image_generation_call items), one a line or as a JSON list. "
            "Nothing is kept until you save."
        )
        intro.setWordWrap(True)

        self.model = QComboBox()
        self.model.setObjectName("calibrateModel")
        self.model.setEditable(True)
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        search = self.model.lineEdit()
        if search is not None:
            search.setPlaceholderText("Type to search models…")
        for entry, retired in calibratable(doc.catalog, calendar.today()):
            text = f"{entry.name} ({entry.id})" + (" — retired" if retired else "")
            self.model.addItem(text, entry.id)
        completer = QCompleter(self.model.model(), self.model)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.model.setCompleter(completer)
        if model_id is not None and (i := self.model.findData(model_id)) >= 0:
            self.model.setCurrentIndex(i)
        self.model.currentIndexChanged.connect(lambda _i: self._recalibrate())

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText("No file chosen")
        choose = QPushButton("Choose file…")
        choose.clicked.connect(self.choose_file)
        self.choose = choose

        self.references = QSpinBox()
        self.references.setRange(0, 16)
        self.references.setSpecialValueText("not given")
        self.references.setToolTip(
            "Responses do not say how many reference images each edit sent; give it to "
            "compare their tokens with the published tile rule."
        )
        self.reference_size = QLineEdit("1024x1024")
        self.reference_size.setMaximumWidth(110)
        self.reference_size.setToolTip("The size of each reference image, WIDTHxHEIGHT")
        self.high_fidelity = QCheckBox("high fidelity")
        self.references.valueChanged.connect(self._sync_references)
        self._sync_references()
        for signal in (
            self.references.valueChanged,
            self.reference_size.editingFinished,
            self.high_fidelity.toggled,
        ):
            signal.connect(lambda *_: self._recalibrate())

        top = QHBoxLayout()
        top.addWidget(QLabel("Model"))
        top.addWidget(self.model, 2)
        top.addSpacing(12)
        top.addWidget(QLabel("Responses"))
        top.addWidget(self.file, 3)
        top.addWidget(choose)
        refs = QHBoxLayout()
        refs.addWidget(QLabel("Reference images each request sent"))
        refs.addWidget(self.references)
        refs.addWidget(QLabel("of"))
        refs.addWidget(self.reference_size)
        refs.addWidget(self.high_fidelity)
        refs.addStretch(1)

        self.status = text_line("calibrateStatus", "Choose a file of saved responses.")

        self.table = result_table("calibrateTable", COLUMNS, COLUMN_TIPS)

        self.notes = text_line("calibrateNotes", shown=False)

        #: The plot, built with the first result (matplotlib is imported then).
        self.canvas: FigureCanvasQTAgg | None = None
        self.plot_place = QVBoxLayout()
        self.plot_place.setContentsMargins(0, 0, 0, 0)
        self.no_plot = plot_placeholder("calibrateNoPlot", NO_PLOT)
        self.plot_place.addWidget(self.no_plot, 1)

        self.saved = text_line("calibrateSaved", shown=False)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton(
            "Save as measured values", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setToolTip(
            "Keep the measured means for this model; later estimates use them instead of "
            "the published rule (you can undo this)"
        )
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.table)
        left.addWidget(self.notes)
        left.addStretch(1)
        body.addLayout(left)
        body.addLayout(self.plot_place, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addLayout(refs)
        layout.addWidget(self.status)
        layout.addLayout(body, 1)
        layout.addWidget(self.saved)
        layout.addWidget(self.buttons)
        self.resize(1180, 600)
        self.choose.setFocus()  # the model is chosen already; the file is what is asked
        self._sync()
        give_widget_mnemonics(self)

    # --- choosing -----------------------------------------------------------------

    def model_id(self) -> str | None:
        data = self.model.currentData()
        return data if isinstance(data, str) else None

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Saved API responses", str(self.path.parent) if self.path else "", RESPONSE_FILES
        )
        if name:
            self.open_file(Path(name))

    def open_file(self, path: Path) -> None:
        """Read ``path`` off the UI thread and show what it measured."""
        self.path = Path(path)
        self.file.setText(str(self.path))
        self.file.setToolTip(str(self.path))
        self.calibrated = None
        self._read(None)

    def _references(self) -> References | None:
        n = self.references.value()
        if n == 0:
            return None
        try:
            size = Size.parse(self.reference_size.text().strip() or "1024x1024")
        except ValueError:
            size = Size(1024, 1024)
            self.reference_size.setText("1024x1024")
        return References(n, size, self.high_fidelity.isChecked())

    def _sync_references(self) -> None:
        given = self.references.value() > 0
        self.reference_size.setEnabled(given)
        self.high_fidelity.setEnabled(given)

    def _recalibrate(self) -> None:
        if self.path is None:
            self._sync()
            return
        found = self.calibrated.found if self.calibrated is not None else None
        self._read(found)

    def _read(self, found: Responses | None) -> None:
        model_id, path = self.model_id(), self.path
        if model_id is None and path is not None:
            self._failed(
                "None of the catalog's models is billed by output tokens, so there is "
                "nothing to measure these responses against."
                if self.model.count() == 0
                else "Choose the model these responses came from to compare them."
            )
            return
        if model_id is None or path is None:
            self._sync()
            return
        entry = self.doc.catalog.by_id.get(model_id)
        if entry is None:
            self._failed(gone(model_id))
            return
        references = self._references()

        def work() -> Calibrated:
            got = found if found is not None else read_responses(path)
            return Calibrated(model_id, got, calibrate(got.found, entry, references))

        self.status.setText(f"Reading {path.name}…" if found is None else "Comparing…")
        self.saved.hide()
        self.reader.start(work)
        self._sync()

    # --- showing ------------------------------------------------------------------

    def _failed(self, line: str) -> None:
        self.calibrated = None
        self.status.setText(f"⚠ {line}")
        self.table.setRowCount(0)
        self.notes.hide()
        self._draw([])
        self._sync()

    def _show(self, result: object) -> None:
        assert isinstance(result, Calibrated)
        entry = self.doc.catalog.by_id.get(result.model_id)
        if entry is None:  # deleted while the file was read (the custom models reloaded)
            self._failed(gone(result.model_id))
            return
        self.calibrated = result
        found, groups = result.found, result.groups
        self.status.setText(measured_summary(found, groups, entry.name))
        fill(
            self.table,
            [group_cells(g) for g in groups],
            numbers_from=2,
            tips=reference_spreads(groups),
        )
        lines = group_notes(groups, found)
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))
        self._draw(groups)
        self._sync()

    def _draw(self, groups: list[CalibrationGroup]) -> None:
        self.no_plot.setVisible(self.canvas is None and not groups)
        if self.canvas is None:
            if not groups:
                return
            self.canvas = new_canvas(5.0, 3.8)
            self.canvas.setObjectName("calibratePlot")
            self.plot_place.addWidget(self.canvas)
        draw_calibration(self.canvas, groups)

    def _sync(self) -> None:
        ready = self.calibrated is not None and not self.reader.busy
        self.save_button.setEnabled(ready and bool(self.calibrated and self.calibrated.groups))

    # --- saving -------------------------------------------------------------------

    def save(self) -> bool:
        """Keep the measured means for the model; whether they were saved."""
        if self.calibrated is None or self.reader.busy:
            return False
        model_id = self.calibrated.model_id
        entry = self.doc.catalog.by_id.get(model_id)
        if entry is None:
            self.saved.setText(f"{gone(model_id)} Nothing was kept.")
            self.saved.show()
            return False
        kept = measured_outputs(
            self.calibrated.groups, self.calibrated.found.file, calendar.today()
        )
        if not kept:
            self.saved.setText(
                "No group has a quality ImgCost prices (low, medium or high); nothing was kept."
            )
            self.saved.show()
            return False
        if not self.doc.keep_measured(model_id, kept, self.calibrated.found.file):
            self.saved.setText("The measured values were not saved; nothing was changed.")
            self.saved.show()
            return False
        self.kept = (model_id, self.calibrated.found.file)
        self.saved.setText(now_used(entry.name, kept))
        self.saved.show()
        self.save_button.setEnabled(False)
        return True

    def done(self, code: int) -> None:
        self.reader.wait()  # never leave a thread reading for a dialog that is gone
        super().done(code)


def calibrate_from_responses(
    parent: QWidget, doc: CatalogDocument, path: Path | None = None, model_id: str | None = None
) -> CalibrateDialog:
    """Open the dialog (reading ``path`` at once, if given) and run it."""
    dialog = CalibrateDialog(doc, model_id, parent)
    if path is not None:
        dialog.open_file(path)
    dialog.exec()
    return dialog


# The table's words lived here once: still importable from here.
__all__ = [
    "COLUMNS",
    "COLUMN_TIPS",
    "NO_REFERENCES",
    "CalibrateDialog",
    "calibratable",
    "calibrate_from_responses",
    "gone",
    "group_cells",
    "group_notes",
    "now_used",
]
