"""Rows of the scenario form: labels whose Alt+letter focuses their field, and one
label column width for every group so the fields line up down the pane.

Letters the window already uses elsewhere are left to it: the menu bar's
(File, Edit, Prices, View, Help) and the comparison's Budget field. "&Plan from"
keeps its P from before the Prices menu had one.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

#: Alt+letters taken outside the scenario form, visible together with it.
WINDOW_MNEMONICS = frozenset("befhv")


def mnemonic_of(text: str) -> str | None:
    """The letter after a single "&" (Qt's mnemonic marker), lower case."""
    i = 0
    while (i := text.find("&", i)) >= 0 and i + 1 < len(text):
        if text[i + 1] != "&":
            return text[i + 1].lower()
        i += 2
    return None


def with_mnemonic(text: str, taken: Iterable[str]) -> str:
    """``text`` with "&" before a letter nobody has: a word's first letter if one is free.

    Left without one when every letter is taken: a repeated Alt+letter would
    only move between fields, never reach the one wanted.
    """
    used = set(taken) | WINDOW_MNEMONICS
    starts = [i for i, c in enumerate(text) if c.isalpha() and (i == 0 or text[i - 1] == " ")]
    rest = [i for i, c in enumerate(text) if c.isalpha() and i not in starts]
    for i in starts + rest:
        if text[i].lower() not in used:
            return f"{text[:i]}&{text[i:]}"
    return text


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
