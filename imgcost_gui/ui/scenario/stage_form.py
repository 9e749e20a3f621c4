"""The fields of one stage: volume, image, inputs, and the advanced ones tucked away."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core import ModelEntry
from imgcost_gui.core.catalog import BASIC_QUALITIES, QUALITIES
from imgcost_gui.ui.common import ComboBox, form_layout
from imgcost_gui.workspace import text

from .advanced_fields import AdvancedStageFields
from .document import FieldPath, ScenarioDocument
from .fields import FieldBinder
from .form_rows import add_row
from .presets import SIZE_PRESETS, preset_for
from .stage_notes import edit_refusals, quality_refusals, show_refusals, size_refusals

QUALITY_WORDS = {
    "low": "Low",
    "medium": "Medium",
    "high": "High",
    "xhigh": "Extra high (xhigh)",
    "max": "Max",
}
#: The levels of the core's ladder (cheapest first), then Auto.
QUALITY_ITEMS = [(QUALITY_WORDS.get(q, q.capitalize()), q) for q in QUALITIES] + [
    ("Auto (the model decides)", "auto")
]
_NEWER = "offered by GPT Image 2.5 and later; other models that bill by quality cannot run it."
QUALITY_TIPS: dict[str, str] = {
    **{
        q: f"{QUALITY_WORDS[q]}: offered by every model that bills by quality."
        for q in BASIC_QUALITIES
    },
    "xhigh": f"Extra high: {_NEWER}",
    "max": f"Max: {_NEWER}",
    "auto": "The model picks the quality; the estimate shows the range.",
}


def _tip_items(combo: QComboBox) -> None:
    """Each quality's own tooltip, shown as the user hovers it in the list."""
    for i in range(combo.count()):
        tip = QUALITY_TIPS.get(combo.itemData(i))
        if tip:
            combo.setItemData(i, tip, Qt.ItemDataRole.ToolTipRole)


def _note() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


def _pair(a: QWidget, b: QWidget, sep: str = "×") -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(a, 1)
    row.addWidget(QLabel(sep))
    row.addWidget(b, 1)
    return box


class StageForm(QWidget):
    """Edits the stage at ``stage_index`` of the document's scenario."""

    def __init__(
        self, doc: ScenarioDocument, report: Callable[[str], None], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.doc = doc
        self.stage_index = 0
        self.entries: list[ModelEntry] = []
        #: What the size, quality and editing notes were last worked out for.
        self._accepted_for: tuple[object, ...] | None = None
        self.b = FieldBinder(doc, lambda: ("stages", self.stage_index), report, self.place)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self._volume_group())
        layout.addWidget(self._image_group())
        layout.addWidget(self._input_group())
        self.advanced = AdvancedStageFields(self.b)
        layout.addWidget(self.advanced)
        layout.addStretch(1)

    def place(self) -> str:
        """The stage in the user's words, for messages: "Stage 2 (Finals)"."""
        name = self.doc.stage(self.stage_index).name
        return f"Stage {self.stage_index + 1} ({name[:40]})"

    def forms(self) -> list[QFormLayout]:
        """The stage's forms, top to bottom: their labels line up with the scenario's."""
        return [self.volume_form, self.image_form, self.input_form, self.advanced.form]

    # --- sections ---------------------------------------------------------------------

    def _volume_group(self) -> QGroupBox:
        b = self.b
        box = QGroupBox("How many")
        form = form_layout()
        self.count_by = ComboBox()
        self.count_by.addItems(["Requests", "Jobs × images per job"])
        self.count_by.currentIndexChanged.connect(self._count_by_changed)
        self.count_by.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.count_by.setMinimumContentsLength(8)
        b.custom(
            self.count_by,
            ("jobs",),
            lambda v: self.count_by.setCurrentIndex(0 if v is None else 1),
            "Count by",
            "Count the stage in API requests, or in jobs (a product, a listing) that each need several images.",
        )
        add_row(form, "Count b&y:", self.count_by)
        self.requests = b.int_spin(
            ("requests",),
            "Requests",
            "API requests per period for this stage.",
            0,
            1_000_000_000,
            " requests",
            100,
        )
        self.jobs = b.int_spin(
            ("jobs",),
            "Jobs",
            "Jobs per period, such as products or listings.",
            0,
            100_000_000,
            " jobs",
            10,
        )
        self.per_job = b.int_spin(
            ("images_per_job",),
            "Images per job",
            "Requests made for each job.",
            1,
            10_000,
            " per job",
        )
        self.outputs = b.int_spin(
            ("outputs_per_request",),
            "Images per request",
            "Images returned by one request (the API's n); each one is billed.",
            1,
            10,
            " per request",
        )
        add_row(form, "&Requests:", self.requests)
        self.jobs_pair = _pair(self.jobs, self.per_job)
        add_row(form, "&Jobs:", self.jobs_pair, self.jobs)
        self.volume_form = form
        add_row(form, "&Images per request:", self.outputs)
        self.total = QLabel()
        self.total.setToolTip("Images this stage keeps per period.")
        form.addRow("", self.total)
        box.setLayout(form)
        return box

    def _image_group(self) -> QGroupBox:
        b = self.b
        box = QGroupBox("Image")
        form = form_layout()
        self.image_form = form
        self.preset = ComboBox()
        for p in SIZE_PRESETS:
            self.preset.addItem(p.caption, (p.width, p.height))
        self.preset.addItem("Custom size", None)
        self.preset.setToolTip(
            "Common output sizes. Pick Custom to type your own width and height."
        )
        self.preset.activated.connect(self._preset_chosen)
        self.preset.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.preset.setMinimumContentsLength(8)
        add_row(form, "O&utput size:", self.preset)
        self.width_ = b.int_spin(
            ("width",), "Width", "Output width in pixels.", 1, 20000, " px", 16
        )
        self.height_ = b.int_spin(
            ("height",), "Height", "Output height in pixels.", 1, 20000, " px", 16
        )
        add_row(form, "Wi&dth × height:", _pair(self.width_, self.height_), self.width_)
        self.accepted = _note()
        form.addRow("", self.accepted)
        self.quality = b.combo(
            ("quality",),
            "Quality",
            "Higher quality costs more on models that bill by quality. Most models offer "
            "low, medium and high; xhigh and max exist on GPT Image 2.5 and later. "
            "With Auto the model decides; the estimate then shows a range.",
            QUALITY_ITEMS,
        )
        _tip_items(self.quality)
        add_row(form, "&Quality:", self.quality)
        self.quality_note = _note()
        form.addRow("", self.quality_note)
        self.auto_assumes = b.combo(
            ("auto_assumes",),
            "Auto assumes",
            "Which quality to price when the model picks it (Auto). "
            "xhigh and max exist on GPT Image 2.5 and later.",
            QUALITY_ITEMS[:-1],
        )
        _tip_items(self.auto_assumes)
        add_row(form, "If &auto, price as:", self.auto_assumes)
        self.batch = b.check(
            ("batch",),
            "Use the batch API",
            "Asynchronous batch requests: results within hours, at a discount where the vendor offers one.",
        )
        form.addRow("", self.batch)
        box.setLayout(form)
        return box

    def _input_group(self) -> QGroupBox:
        b = self.b
        box = QGroupBox("What you send")
        form = form_layout()
        self.input_form = form
        self.mode = b.combo(
            ("mode",),
            "Mode",
            "Generate new images from text, or edit images you send.",
            [("Generate from a prompt", "generate"), ("Edit images I send", "edit")],
        )
        add_row(form, "&Mode:", self.mode)
        self.edit_note = _note()
        form.addRow("", self.edit_note)
        self.prompt = b.int_spin(
            ("prompt_tokens",),
            "Prompt length",
            "Prompt length in tokens (about ¾ of a word each in English).",
            0,
            1_000_000,
            " tokens",
            10,
        )
        add_row(form, "Prompt te&xt:", self.prompt)
        self.ref_count = b.int_spin(
            ("references", "count"),
            "Reference images",
            "Images sent with each request: photos to edit, style or product references.",
            0,
            16,
            " per request",
        )
        add_row(form, "Reference ima&ges:", self.ref_count)
        self.ref_w = b.int_spin(
            ("references", "width"),
            "Reference width",
            "Width of each reference image.",
            1,
            20000,
            " px",
            16,
        )
        self.ref_h = b.int_spin(
            ("references", "height"),
            "Reference height",
            "Height of each reference image.",
            1,
            20000,
            " px",
            16,
        )
        add_row(form, "Reference si&ze:", _pair(self.ref_w, self.ref_h), self.ref_w)
        self.fidelity = b.check(
            ("references", "high_fidelity"),
            "High input fidelity",
            "Keep faces and logos exact (OpenAI's input_fidelity=high); costs more input tokens.",
        )
        form.addRow("", self.fidelity)
        self.measured_on = QCheckBox("I measured the input tokens")
        self.measured_on.toggled.connect(self._measured_toggled)
        self.measured = b.int_spin(
            ("references", "measured_tokens"),
            "Measured input tokens",
            "Input-image tokens per request from your usage logs; replaces the estimate.",
            0,
            10_000_000,
            " tokens",
            100,
        )
        b.custom(
            self.measured_on,
            ("references", "measured_tokens"),
            lambda v: self.measured_on.setChecked(v is not None),
            "Measured input tokens",
            "Use the input-image token count from your own usage logs instead of the estimate.",
        )
        form.addRow("", self.measured_on)
        add_row(form, "Measured to&kens:", self.measured)
        box.setLayout(form)
        return box

    # --- fields that are more than one assignment ------------------------------------------

    def _count_by_changed(self, index: int) -> None:
        stage = self.doc.stage(self.stage_index)
        if (index == 1) == (stage.jobs is not None):
            return
        path = ("stages", self.stage_index)
        if index == 1:
            changes: list[tuple[FieldPath, object]] = [
                ((*path, "images_per_job"), 1),
                ((*path, "jobs"), stage.requests),
            ]
        else:
            changes = [((*path, "requests"), stage.requests_per_period), ((*path, "jobs"), None)]
        self.doc.set_many(changes, "Count by jobs" if index == 1 else "Count by requests")

    def _preset_chosen(self, index: int) -> None:
        size = self.preset.itemData(index)
        if size is None:
            self._sync_preset()  # the size is what it was until a new one is typed
            self.width_.setFocus()
            self.width_.selectAll()
            return
        path = ("stages", self.stage_index)
        self.doc.set_many(
            [((*path, "width"), size[0]), ((*path, "height"), size[1])],
            f"Size {self.preset.itemText(index)}",
        )
        self._sync_preset()

    def _sync_preset(self) -> None:
        """Show the preset that matches the stage's size (Custom when none does)."""
        stage = self.doc.stage(self.stage_index)
        preset = preset_for(stage.width, stage.height)
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(SIZE_PRESETS.index(preset) if preset else len(SIZE_PRESETS))
        self.preset.blockSignals(False)

    def _measured_toggled(self, on: bool) -> None:
        stage = self.doc.stage(self.stage_index)
        value = (stage.references.measured_tokens or 0) if on else None
        self.b.edit(("references", "measured_tokens"), value, "Measured input tokens")

    # --- refresh -------------------------------------------------------------------------

    def set_stage(self, index: int) -> None:
        self.stage_index = index
        self.refresh()

    def set_entries(self, entries: list[ModelEntry]) -> None:
        """The models being compared, to say which accept the stage's size."""
        self.entries = entries
        self._show_accepted()

    def refresh(self) -> None:
        self.stage_index = min(self.stage_index, len(self.doc.scenario.stages) - 1)
        self.b.refresh()
        stage = self.doc.stage(self.stage_index)
        by_jobs = stage.jobs is not None
        self.volume_form.setRowVisible(self.jobs_pair, by_jobs)
        self.volume_form.setRowVisible(self.requests, not by_jobs)
        period = text.PERIOD_WORDS[self.doc.scenario.period]
        self.total.setText(f"= <b>{text.count(stage.images, 'images')}</b> per {period}")
        self._sync_preset()
        self.auto_assumes.setEnabled(stage.quality == "auto")
        refs = stage.references.count > 0 or stage.mode == "edit"
        for w in (self.ref_w, self.ref_h, self.fidelity, self.measured_on):
            w.setEnabled(refs)
        self.measured.setEnabled(refs and stage.references.measured_tokens is not None)
        self.advanced.refresh(stage)
        self._show_accepted()

    def _show_accepted(self) -> None:
        """Which compared models cannot run the stage's size, quality or editing, and why."""
        stage = self.doc.stage(self.stage_index)
        entries = self.entries
        # A keystroke in a count changes none of it; with 500 models it is worth the check.
        key = (tuple(entries), stage.width, stage.height, stage.quality, stage.mode)
        if key == self._accepted_for:
            return
        self._accepted_for = key
        show_refusals(
            self.accepted,
            f"Size {text.size_text(stage.width, stage.height)}",
            entries,
            size_refusals(entries, stage),
            all_ok=f"✓ All {len(entries)} models offer this size",
        )
        quality = QUALITY_WORDS.get(stage.quality, stage.quality)
        shown = show_refusals(
            self.quality_note, f"Quality “{quality}”", entries, quality_refusals(entries, stage)
        )
        self.image_form.setRowVisible(self.quality_note, shown)
        shown = show_refusals(self.edit_note, "Editing", entries, edit_refusals(entries, stage))
        self.input_form.setRowVisible(self.edit_note, shown)

    def focus_first(self) -> None:
        self.requests.setFocus()
