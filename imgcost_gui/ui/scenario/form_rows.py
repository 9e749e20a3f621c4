"""Rows of the scenario form: labels whose Alt+letter focuses their field, and one
label column width for every group so the fields line up down the pane.

Letters the window already uses elsewhere are left to it: the menu bar's
(File, Edit, Prices, View, Help) and the comparison's Budget field. Which letter
a label has, and how a free one is found, is ``ui.common.mnemonics``'s.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

#: Alt+letters taken outside the scenario form, visible together with it: the menu
#: bar's File, Edit, Prices, View, Help and the comparison's Budget. The window's
#: own menu bar is read too once the form is in it (``ScenarioPanel``).
WINDOW_MNEMONICS = frozenset("befhpv")


def add_row(form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None) -> QLabel:
    """A labelled row; Alt+the label's letter focuses ``buddy`` (the field itself by default)."""
    label = QLabel(text)
    label.setBuddy(buddy or field)
    form.addRow(label, field)
    return label


def form_labels(form: QFormLayout) -> list[QLabel]:
    labels = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QLabel):
            labels.append(widget)
    return labels


def align_label_columns(forms: Iterable[QFormLayout], origin: QWidget) -> None:
    """Give the forms' label columns widths that make every field start at one x.

    Forms sit at different depths (in a group box, inside a section): each
    label column is widened by what its form is left of the rightmost one.
    Forms not on screen (a closed section) keep their widths until shown.
    """
    placed = []
    for form in forms:
        parent = form.parentWidget()
        if parent is None or not parent.isVisible():
            continue
        left = parent.mapTo(origin, QPoint(form.contentsRect().x(), 0)).x()
        placed.append((form, left))
    if not placed:
        return
    end = max(
        left + label.sizeHint().width() for form, left in placed for label in form_labels(form)
    )
    for form, left in placed:
        for label in form_labels(form):
            if label.minimumWidth() != end - left:
                label.setMinimumWidth(end - left)
            # The label now fills its column: its own text must sit at the right.
            top = label.alignment() & Qt.AlignmentFlag.AlignTop
            label.setAlignment(Qt.AlignmentFlag.AlignRight | (top or Qt.AlignmentFlag.AlignVCenter))
