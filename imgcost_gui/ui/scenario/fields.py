"""Form fields bound to one field of the scenario document.

A ``FieldBinder`` knows, for each widget, which field it edits. Edits become
undoable document changes; ``refresh()`` reads the document back into the
widgets (after undo, open, or a change of stage) without echoing edits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from imgcost_gui.ui.common import ComboBox, DoubleSpinBox, OptionalDateEdit, SpinBox

from .document import FieldPath, FieldRefused, ScenarioDocument

Reader = Callable[[], Any]
Writer = Callable[[Any], None]


def is_undo_key(event: QEvent) -> bool:
    """Ctrl+Z or its redo: a text field hands these to the window's Undo and Redo, so
    typing is undone with the scenario's history instead of a history of its own."""
    return (
        event.type() == QEvent.Type.ShortcutOverride
        and isinstance(event, QKeyEvent)
        and (
            event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
        )
    )


class LineEdit(QLineEdit):
    """A one-line text field whose Ctrl+Z is the scenario's Undo."""

    def event(self, e: QEvent) -> bool:
        if is_undo_key(e):
            e.ignore()
            return False
        return super().event(e)


def field_words(label: str) -> str:
    """A field's label inside a sentence: "quality", but "OpenAI tier" as it is."""
    first = label.split(" ", 1)[0]
    return label[:1].lower() + label[1:] if first[1:].islower() else label


class FieldBinder:
    """Binds widgets to fields under a prefix (the scenario, or its selected stage)."""

    def __init__(
        self,
        doc: ScenarioDocument,
        prefix: Callable[[], FieldPath],
        report: Callable[[str], None],
        place: Callable[[], str] = lambda: "",
    ):
        """``place`` names where the fields are in the user's words ("Stage 2 (Finals)"),
        for messages about a value the core refused."""
        self.doc = doc
        self.prefix = prefix
        self.report = report
        self.place = place
        self._bindings: list[tuple[QWidget, FieldPath, Writer]] = []
        self._refreshing = False

    def path(self, rel: FieldPath) -> FieldPath:
        return self.prefix() + rel

    def value(self, rel: FieldPath) -> Any:
        try:
            return self.doc.get(self.path(rel))
        except (AttributeError, IndexError):
            return None  # e.g. a Responses field while Responses is off

    def edit(self, rel: FieldPath, value: Any, label: str) -> None:
        if self._refreshing:
            return
        try:
            self.doc.set(self.path(rel), value, f"Change {field_words(label)}")
        except ValueError as e:
            self.report(self.refusal(label, e))
            self.refresh()

    def refusal(self, label: str, error: ValueError) -> str:
        """Why a value was refused, naming the field as the form does: never ``stages.0.quality``."""
        if not isinstance(error, FieldRefused):
            return str(error)  # already in words, such as a duplicate stage name
        field = field_words(label)
        place = self.place()
        return f"{place}: {field}: {error.reason}" if place else f"{label}: {error.reason}"

    def bind(self, widget: QWidget, rel: FieldPath, write: Writer, label: str, tip: str) -> None:
        # Spin boxes and combos ask for room for their widest value; the form is narrower.
        if isinstance(widget, (QAbstractSpinBox, QLineEdit)):
            widget.setMinimumWidth(72)
        if isinstance(widget, QComboBox):
            widget.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            widget.setMinimumContentsLength(8)
        widget.setToolTip(tip)
        widget.setAccessibleName(label)
        widget.setObjectName("field_" + "_".join(str(k) for k in rel))
        self._bindings.append((widget, rel, write))

    def unbind(self, widget: QWidget) -> None:
        """Forget a widget about to be deleted (a field that no longer applies)."""
        self._bindings = [b for b in self._bindings if b[0] is not widget]

    def refresh(self) -> None:
        self._refreshing = True
        try:
            for widget, rel, write in self._bindings:
                value = self.value(rel)
                widget.blockSignals(True)
                try:
                    write(value)
                finally:
                    widget.blockSignals(False)
        finally:
            self._refreshing = False

    # --- widget makers ------------------------------------------------------------

    def int_spin(
        self,
        rel: FieldPath,
        label: str,
        tip: str,
        lo: int,
        hi: int,
        suffix: str = "",
        step: int = 1,
        *,
        unset: str | None = None,
    ) -> QSpinBox:
        """A count; with ``unset``, the lowest value reads ``unset`` and stores None."""
        w = SpinBox()
        w.setRange(lo, hi)
        w.setSuffix(suffix)
        w.setSingleStep(step)
        w.setGroupSeparatorShown(True)
        w.setAlignment(Qt.AlignmentFlag.AlignRight)
        w.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        if unset is not None:
            w.setSpecialValueText(unset)
        w.valueChanged.connect(
            lambda v: self.edit(rel, None if unset is not None and v == lo else int(v), label)
        )

        def write(v: Any) -> None:
            if v is None and unset is not None:
                v = lo
            if v is not None and w.value() != v:
                w.setValue(int(v))

        self.bind(w, rel, write, label, tip)
        return w

    def share_spin(self, rel: FieldPath, label: str, tip: str, hi: float = 100.0) -> QDoubleSpinBox:
        """A 0-1 share shown as a percentage."""
        w = DoubleSpinBox()
        w.setRange(0, hi)
        w.setDecimals(1)
        w.setSuffix(" %")
        w.setAlignment(Qt.AlignmentFlag.AlignRight)
        w.valueChanged.connect(lambda v: self.edit(rel, round(v / 100, 4), label))

        def write(v: Any) -> None:
            if v is not None and abs(w.value() - v * 100) > 1e-6:
                w.setValue(v * 100)

        self.bind(w, rel, write, label, tip)
        return w

    def float_spin(
        self,
        rel: FieldPath,
        label: str,
        tip: str,
        lo: float,
        hi: float,
        *,
        decimals: int = 2,
        prefix: str = "",
        suffix: str = "",
        convert: Callable[[float], Any] = float,
        unset: str | None = None,
    ) -> QDoubleSpinBox:
        """A number; with ``unset``, the lowest value reads ``unset`` and stores None."""
        w = DoubleSpinBox()
        w.setRange(lo, hi)
        w.setDecimals(decimals)
        w.setPrefix(prefix)
        w.setSuffix(suffix)
        w.setAlignment(Qt.AlignmentFlag.AlignRight)
        w.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
        if unset is not None:
            w.setSpecialValueText(unset)

        def changed(v: float) -> None:
            empty = unset is not None and v <= lo
            self.edit(rel, None if empty else convert(round(v, decimals)), label)

        w.valueChanged.connect(changed)

        def write(v: Any) -> None:
            if v is None and unset is not None:
                v = lo
            if v is not None and abs(w.value() - float(v)) > 10**-decimals / 2:
                w.setValue(float(v))

        self.bind(w, rel, write, label, tip)
        return w

    def combo(
        self, rel: FieldPath, label: str, tip: str, items: list[tuple[str, Any]]
    ) -> QComboBox:
        w = ComboBox()
        for text, value in items:
            w.addItem(text, value)
        w.currentIndexChanged.connect(lambda i: self.edit(rel, w.itemData(i), label))

        def write(v: Any) -> None:
            i = w.findData(v)
            if i >= 0 and i != w.currentIndex():
                w.setCurrentIndex(i)

        self.bind(w, rel, write, label, tip)
        return w

    def check(self, rel: FieldPath, label: str, tip: str) -> QCheckBox:
        w = QCheckBox(label)
        w.toggled.connect(lambda on: self.edit(rel, bool(on), label))

        def write(v: Any) -> None:
            if v is not None and w.isChecked() != bool(v):
                w.setChecked(bool(v))

        self.bind(w, rel, write, label, tip)
        return w

    def line(self, rel: FieldPath, label: str, tip: str, placeholder: str = "") -> QLineEdit:
        w = LineEdit()
        w.setPlaceholderText(placeholder)
        w.textEdited.connect(lambda t: self.edit(rel, t, label))

        def write(v: Any) -> None:
            if v is not None and w.text() != v:
                w.setText(str(v))

        self.bind(w, rel, write, label, tip)
        return w

    def optional_date(self, rel: FieldPath, label: str, tip: str, unset: str) -> OptionalDateEdit:
        """A date field that may be unset; ``unset`` is what it reads then."""
        w = OptionalDateEdit()
        w.setSpecialValueText(unset)
        w.dateChanged.connect(lambda _d: self.edit(rel, w.value(), label))

        def write(v: Any) -> None:
            if w.value() != v:
                w.set_value(v)

        self.bind(w, rel, write, label, tip)
        return w

    def custom(self, widget: QWidget, rel: FieldPath, write: Writer, label: str, tip: str) -> None:
        """Bind a widget whose edits the caller sends through ``edit``."""
        self.bind(widget, rel, write, label, tip)
