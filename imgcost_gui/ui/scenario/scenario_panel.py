"""The left side of the window: the scenario's name and period, its stages, and the selected stage."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core import ModelEntry, calendar
from imgcost_gui.core.scenario import MAX_NAME
from imgcost_gui.ui.common import form_layout, mnemonic_letter, with_mnemonic
from imgcost_gui.workspace import text

from .document import ScenarioDocument
from .fields import FieldBinder
from .form_rows import WINDOW_MNEMONICS, add_row, align_label_columns
from .notes_field import notes_field
from .stage_form import StageForm
from .time_fields import TimeFields

PERIOD_ITEMS = [
    ("per day", "day"),
    ("per week", "week"),
    ("per month", "month"),
    ("per year", "year"),
]


class ScenarioPanel(QWidget):
    """Scenario fields, the stage list (add, duplicate, remove, reorder, rename) and the stage form."""

    stageSelected = Signal(int)  # noqa: N815

    def __init__(
        self, doc: ScenarioDocument, report: Callable[[str], None], parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.doc = doc
        self.report = report
        self.b = FieldBinder(doc, lambda: (), report)

        head = form_layout()
        self.head = head
        self.name = self.b.line(
            ("name",),
            "Scenario name",
            "A name for this workload, shown in the title and in exports.",
        )
        self.name.setMaxLength(MAX_NAME)
        add_row(head, "&Scenario:", self.name)
        self.period = self.b.combo(
            ("period",), "Period", "The period every count and total refers to.", PERIOD_ITEMS
        )
        add_row(head, "&Counts are:", self.period)
        self.plan_from = self.b.optional_date(
            ("plan_from",),
            "Plan from",
            "The first day of the period you plan. Prices and model lifecycles (shutdowns, "
            "dated price changes) are taken as of this day. Unset, estimates are for today.",
            "Today",
        )
        self.plan_today = QToolButton()
        self.plan_today.setText("Use today")
        self.plan_today.setToolTip("Clear the date: estimate as of today, whatever day that is")
        self.plan_today.setAccessibleName("Plan from today")
        self.plan_today.clicked.connect(self.clear_plan_from)
        plan_row = QHBoxLayout()
        plan_row.setContentsMargins(0, 0, 0, 0)
        plan_row.addWidget(self.plan_from, 1)
        plan_row.addWidget(self.plan_today)
        plan_label = QLabel("P&lan from:")
        plan_label.setBuddy(self.plan_from)
        head.addRow(plan_label, plan_row)
        self.description = notes_field(self.b)
        notes = QWidget()
        notes_box = QVBoxLayout(notes)
        notes_box.setContentsMargins(0, 0, 0, 0)
        notes_box.setSpacing(2)
        notes_box.addWidget(self.description)
        notes_box.addWidget(self.description.limit_note)
        notes_label = add_row(head, "&Notes:", notes, self.description)
        notes_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        self.time = TimeFields(self.b, self._free_mnemonic)

        self.stages = QListWidget()
        self.stages.setObjectName("stageList")
        self.stages.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.stages.setToolTip(
            "Steps of the workload, such as drafts then finals. Double-click a stage to rename it."
        )
        self.stages.currentRowChanged.connect(self._stage_chosen)
        self.stages.itemChanged.connect(self._renamed)

        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        style = self.style()
        self.add_button = self._button(
            "Add",
            "Add a stage",
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder),
            self.add_stage,
        )
        self.duplicate_button = self._button(
            "Duplicate", "Duplicate the selected stage", None, self.duplicate_stage
        )
        self.remove_button = self._button(
            "Remove",
            "Remove the selected stage",
            style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon),
            self.remove_stage,
        )
        self.up_button = self._button(
            "",
            "Move the stage up",
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp),
            lambda: self.move_stage(-1),
        )
        self.down_button = self._button(
            "",
            "Move the stage down",
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown),
            lambda: self.move_stage(1),
        )
        for w in (self.add_button, self.duplicate_button, self.remove_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)

        self.stage_title = QLabel()
        self.stage_title.setObjectName("stageTitle")
        font = self.stage_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        font.setBold(True)
        self.stage_title.setFont(font)
        self.form = StageForm(doc, report)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(10, 8, 10, 10)
        body_layout.setSpacing(8)
        body_layout.addLayout(head)
        body_layout.addWidget(self.time)
        stages_label = QLabel("Stages")
        stages_label.setStyleSheet("font-weight: 600;")
        body_layout.addWidget(stages_label)
        body_layout.addWidget(self.stages)
        body_layout.addLayout(buttons)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        body_layout.addWidget(line)
        body_layout.addWidget(self.stage_title)
        body_layout.addWidget(self.form, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        doc.stageFocus.connect(self._focus_stage)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.body = body
        # Where each form sits is known only once laid out (a section just opened, a
        # group box's frame): line the labels up again whenever one moves or resizes.
        self._align_timer = QTimer(self)
        self._align_timer.setSingleShot(True)
        self._align_timer.timeout.connect(self.align_labels)
        for f in [self.head, self.time.form, *self.form.forms()]:
            parent = f.parentWidget()
            if parent is not None:
                parent.installEventFilter(self)
        self.refresh()

    # --- labels -------------------------------------------------------------------

    def _free_mnemonic(self, text: str) -> str:
        """``text`` with a letter no field shown beside it uses (the Advanced section's
        may repeat the top's: the two are never on screen together)."""
        advanced = self.form.advanced
        taken = {
            mnemonic_letter(label.text())
            for label in self.findChildren(QLabel)
            if label.buddy() is not None and not advanced.isAncestorOf(label)
        }
        window = self.window()
        if isinstance(window, QMainWindow):
            taken |= {mnemonic_letter(a.text()) for a in window.menuBar().actions()}
        return with_mnemonic(text, {t for t in taken if t} | WINDOW_MNEMONICS)

    def align_labels(self) -> None:
        """Line up the fields of the scenario, Time and stage groups down the pane."""
        align_label_columns([self.head, self.time.form, *self.form.forms()], self.body)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show):
            self._align_timer.start(0)
        return super().eventFilter(watched, event)

    def _button(
        self, label: str, tip: str, icon: QIcon | None, slot: Callable[[], object]
    ) -> QToolButton:
        b = QToolButton()
        b.setText(label)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        if icon is not None:
            b.setIcon(icon)
            b.setIconSize(QSize(16, 16))
        b.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if label and icon
            else Qt.ToolButtonStyle.ToolButtonTextOnly
            if label
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        b.clicked.connect(slot)
        return b

    def clear_plan_from(self) -> None:
        self.b.edit(("plan_from",), None, "Plan from")
        self.plan_from.setFocus()

    # --- stages -----------------------------------------------------------------

    @property
    def current_stage(self) -> int:
        return self.form.stage_index

    def select_stage(self, index: int) -> None:
        index = max(0, min(index, len(self.doc.scenario.stages) - 1))
        self.form.set_stage(index)
        self._sync_list()
        self.stageSelected.emit(index)

    def add_stage(self) -> None:
        self.select_stage(self.doc.add_stage(self.current_stage))

    def duplicate_stage(self) -> None:
        self.select_stage(self.doc.duplicate_stage(self.current_stage))

    def remove_stage(self) -> None:
        try:
            self.select_stage(self.doc.remove_stage(self.current_stage))
        except ValueError as e:
            self.report(str(e))

    def move_stage(self, offset: int) -> None:
        self.select_stage(self.doc.move_stage(self.current_stage, offset))

    def _focus_stage(self, index: int) -> None:
        # Undo or redo changed this stage: show it (e.g. where an undone move put it back).
        if index != self.current_stage or self.stages.currentRow() != index:
            self.select_stage(index)

    def _stage_chosen(self, row: int) -> None:
        if row >= 0 and row != self.form.stage_index:
            self.form.set_stage(row)
            self._sync_title()
            self.stageSelected.emit(row)

    def _renamed(self, item: QListWidgetItem) -> None:
        row = self.stages.row(item)
        name = item.text().strip()
        try:
            self.doc.set(("stages", row, "name"), name, "Rename stage")
        except ValueError as e:
            self.report(str(e))
            self._sync_list()

    # --- refresh ------------------------------------------------------------------

    def set_entries(self, entries: list[ModelEntry]) -> None:
        """The models compared: the stage form says which of them offer its size, and
        the Time group offers a tier for each of their vendors that has tiers."""
        self.form.set_entries(entries)
        self.time.set_entries(entries)  # new rows move the groups: the labels line up again

    def refresh(self) -> None:
        # Unset, the date reads as the day it stands for, so "today" is never a guess.
        self.plan_from.setSpecialValueText(f"Today ({calendar.today().isoformat()})")
        self.b.refresh()  # the Time group's tier fields refresh with it
        dated = self.doc.scenario.plan_from is not None
        self.plan_today.setEnabled(dated)
        # Only beside a date: unset, the field's words ("Today (2026-12-02)") are its
        # longest and need the room, and there is nothing to clear.
        self.plan_today.setVisible(dated)
        self.form.refresh()
        self._sync_list()

    def _sync_list(self) -> None:
        stages = self.doc.scenario.stages
        period = text.PERIOD_WORDS[self.doc.scenario.period]
        self.stages.blockSignals(True)
        try:
            while self.stages.count() > len(stages):
                self.stages.takeItem(self.stages.count() - 1)
            for i, stage in enumerate(stages):
                item = self.stages.item(i)
                if item is None:
                    item = QListWidgetItem()
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                    self.stages.addItem(item)
                if item.text() != stage.name:
                    item.setText(stage.name)
                item.setToolTip(
                    f"{stage.name}: {text.count(stage.images, 'images')} per {period}, "
                    f"{text.size_text(stage.width, stage.height)}, {stage.quality} quality, {stage.mode}"
                )
            self.stages.setCurrentRow(self.form.stage_index)
        finally:
            self.stages.blockSignals(False)
        self._fit_list()
        many = len(stages) > 1
        self.remove_button.setEnabled(many)
        self.up_button.setEnabled(self.form.stage_index > 0)
        self.down_button.setEnabled(self.form.stage_index < len(stages) - 1)
        self._sync_title()

    def _fit_list(self) -> None:
        """As tall as its stages (three rows at least, six at most, then it scrolls)."""
        rows = max(3, min(6, self.stages.count()))
        row = self.stages.sizeHintForRow(0) if self.stages.count() else 0
        row = row or self.stages.fontMetrics().height() + 2
        self.stages.setFixedHeight(rows * row + 2 * self.stages.frameWidth() + 4)

    def _sync_title(self) -> None:
        stage = self.doc.stage(self.form.stage_index)
        self.stage_title.setText(f"Stage “{stage.name}”")
