"""Prices > Calibrate from responses: a model's token counts measured from the team's
own saved API responses, beside the published rule, and kept for later estimates.

The file is read and grouped off the UI thread (``background.Reader``); the
dialog says "Reading…" meanwhile and stays usable. The table is the one
``imgcost calibrate`` prints; the plot sets each group's measured tokens
against the estimate, with its p5-p95 spread, beside the line where they agree.
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
from imgcost_gui.core.catalog import MeasuredOutput, PublishedImagePrices, TokenPricing
from imgcost_gui.ui.common import give_widget_mnemonics

from .background import Reader
from .calibration_plot import draw_calibration
from .catalog_document import CatalogDocument
from .plots import new_canvas
from .result_table import fill, result_table, text_line

if TYPE_CHECKING:
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

RESPONSE_FILES = "Saved API responses (*.jsonl *.json *.ndjson);;All files (*)"
COLUMNS = (
    "Size",
    "Quality",
    "N",
    "Output\nmeasured",
    "Output\np5–p95",
    "Output\nestimated",
    "Ratio",
    "References\nmeasured",
    "References\nestimated",
)
COLUMN_TIPS = {
    2: "Responses of this size and quality",
    3: "Mean output tokens per image, over every image of the group",
    4: "5th to 95th percentile of output tokens per image (nearest rank)",
    5: "Output tokens per image by the published rule",
    6: "Measured mean divided by the estimate",
    7: "Mean reference-image tokens per request, over requests that sent any",
    8: "Reference-image tokens per request by the published tile rule",
}


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


def gone(model_id: str) -> str:
    """Why a model's responses cannot be compared: it left the catalog."""
    return (
        f"The model “{model_id}” is no longer in the price catalog (a custom model "
        "deleted, or the overrides reloaded without it). Choose another model."
    )


def _num(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def group_cells(g: CalibrationGroup) -> list[str]:
    """One table row, as ``imgcost calibrate`` prints it (tokens per image)."""
    s, ins = g.output_tokens, g.input_image_tokens
    return [
        str(g.size),
        g.quality,
        str(g.responses),
        _num(s.mean, 1),
        f"{_num(s.p5)}–{_num(s.p95)}",
        _num(g.output_tokens_estimated),
        _ratio(g.output_ratio),
        "—" if ins is None else _num(ins.mean, 1),
        _num(g.input_image_tokens_estimated),
    ]


#: Why reference images have no estimate, in the dialog's words (the core names CLI flags).
NO_REFERENCES = (
    "responses do not say how many reference images were sent; give the count above "
    "to compare with the published tile rule"
)


def group_notes(groups: list[CalibrationGroup], found: Responses) -> list[str]:
    """What the table cannot say: why a figure has no estimate, notes, responses left out."""
    lines: list[str] = []
    for g in groups:
        label = f"{g.size} {g.quality}"
        if g.why_no_output_estimate:
            lines.append(f"{label}: no estimate: {g.why_no_output_estimate}.")
        if g.input_image_tokens is not None:
            n = g.input_image_requests
            where = f"{n} request{'s' if n != 1 else ''} sent reference images"
            if g.input_image_tokens_estimated is None:
                why = g.why_no_input_estimate or ""
                if "--references" in why:
                    why = NO_REFERENCES
                lines.append(f"{label}: {where}; no estimate: {why}.")
            else:
                lines.append(f"{label}: {where}, ratio {_ratio(g.input_image_ratio)}.")
        lines += [f"{label}: {note}." for note in g.notes]
    lines += [f"{line}." for line in found.skipped_lines()]
    return lines


def _responses_word(n: int) -> str:
    return f"{n:,} response{'s' if n != 1 else ''}"


def now_used(name: str, kept: dict[str, MeasuredOutput]) -> str:
    """What estimates use from now on, in words."""
    parts = [
        f"{key.replace('/', ' ')}: {m.tokens:,} tokens an image ({m.low:,}–{m.high:,}, "
        f"{_responses_word(m.responses)})"
        for key, m in kept.items()
    ]
    return (
        f"Saved. Estimates of {name} now use the measured output tokens, with p5–p95 as "
        f"the low–high range: {'; '.join(parts)}. Edit > Undo takes them back; the Prices "
        "page lists and resets them."
    )


@dataclass(frozen=True)
class Calibrated:
    """What the worker hands back: the file's responses and their groups."""

    model_id: str
    found: Responses
    groups: list[CalibrationGroup]


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
        n = len(found.found)
        g = len(groups)
        left = sum(found.skipped.values())
        self.status.setText(
            f"{_responses_word(n)} from {found.file} in {g} group{'s' if g != 1 else ''} of "
            f"size and quality"
            + (f"; {_responses_word(left)} left out (see below)" if left else "")
            + f". Tokens per image, measured against {entry.name}'s "
            "published rule."
        )
        fill(
            self.table,
            [group_cells(g) for g in groups],
            numbers_from=2,
            tips={
                (
                    row,
                    7,
                ): f"p5–p95: {_num(g.input_image_tokens.p5)}–{_num(g.input_image_tokens.p95)}"
                for row, g in enumerate(groups)
                if g.input_image_tokens is not None
            },
        )
        lines = group_notes(groups, found)
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))
        self._draw(groups)
        self._sync()

    def _draw(self, groups: list[CalibrationGroup]) -> None:
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


__all__ = ["CalibrateDialog", "calibratable", "calibrate_from_responses"]
