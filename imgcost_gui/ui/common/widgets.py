"""Form widgets every feature uses: fields a wheel does not change unless focused,
a date that may be unset, a form layout and a section that opens and closes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core import calendar


class _WheelNeedsFocus:
    """A wheel turned over an unfocused field scrolls the form instead of changing the value."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt API)
        if self.hasFocus():  # type: ignore[attr-defined]
            super().wheelEvent(event)  # type: ignore[misc]
        else:
            event.ignore()  # the scroll area behind gets it


class SpinBox(_WheelNeedsFocus, QSpinBox):
    pass


class DoubleSpinBox(_WheelNeedsFocus, QDoubleSpinBox):
    pass


class ComboBox(_WheelNeedsFocus, QComboBox):
    pass


#: What an unset ``OptionalDateEdit`` holds; it shows its special text ("Today") instead.
NO_DATE = QDate(2000, 1, 1)


class OptionalDateEdit(_WheelNeedsFocus, QDateEdit):
    """A date that may be unset: unset, it shows ``specialValueText`` (such as "Today").

    Qt shows the special text at the minimum date, so the minimum stands for
    "no date". The first step up or down from it, and the calendar opened on
    it, start from today rather than from that stand-in.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setDateRange(NO_DATE, QDate(2100, 12, 31))
        self.setDate(NO_DATE)
        self.calendarWidget().installEventFilter(self)

    def value(self) -> dt.date | None:
        d = self.date()
        return None if d == NO_DATE else dt.date(d.year(), d.month(), d.day())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(NO_DATE if value is None else QDate(value.year, value.month, value.day))

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt API)
        if self.date() == NO_DATE:
            self.set_value(calendar.today())
            return
        super().stepBy(steps)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            watched is self.calendarWidget()
            and event.type() == QEvent.Type.Show
            and self.date() == NO_DATE
        ):
            today = calendar.today()
            self.calendarWidget().setCurrentPage(today.year, today.month)
        return super().eventFilter(watched, event)


def form_layout() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setHorizontalSpacing(10)
    form.setVerticalSpacing(6)
    return form


class Collapsible(QWidget):
    """A titled section that opens and closes; closed by default."""

    def __init__(self, title: str, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.button = QToolButton()
        self.button.setText(title)
        self.button.setCheckable(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setArrowType(Qt.ArrowType.RightArrow)
        self.button.setAutoRaise(True)
        self.button.setStyleSheet("QToolButton { font-weight: 600; border: none; }")
        self.content = content
        content.setVisible(False)
        self.button.toggled.connect(self.set_open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.button)
        layout.addWidget(content)

    def set_open(self, open_: bool) -> None:
        self.button.setChecked(open_)
        self.button.setArrowType(Qt.ArrowType.DownArrow if open_ else Qt.ArrowType.RightArrow)
        self.content.setVisible(open_)
