"""What the Calibrate and Compare dialogs show their results in: a read-only table
(numbers to the right, a tooltip on each heading, as tall as its rows, no empty band
below) and lines of plain text that wrap."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
)

#: Rows shown before the table scrolls.
MOST_ROWS = 10


def result_table(
    name: str, columns: Sequence[str], tips: dict[int, str], *, stretch: int | None = None
) -> QTableWidget:
    """A table that takes the width of its columns, or all it is given (``stretch``:
    the column that takes the rest)."""
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    for col, tip in tips.items():
        item = table.horizontalHeaderItem(col)
        if item is not None:
            item.setToolTip(tip)
    fit_rows(table)
    return table


def fill(
    table: QTableWidget,
    rows: Sequence[Sequence[str]],
    *,
    numbers_from: int,
    bold: Sequence[bool] = (),
    tips: dict[tuple[int, int], str] | None = None,
) -> None:
    """Put ``rows`` in ``table``: columns from ``numbers_from`` on align right."""
    table.setRowCount(len(rows))
    font = QFont(table.font())
    font.setBold(True)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c >= numbers_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if r < len(bold) and bold[r]:
                item.setFont(font)
            tip = (tips or {}).get((r, c))
            if tip:
                item.setToolTip(tip)
            table.setItem(r, c, item)
    fit_rows(table)


def fit_rows(table: QTableWidget) -> None:
    """As tall as the header and the rows, up to ``MOST_ROWS`` (at least one)."""
    shown = min(max(table.rowCount(), 1), MOST_ROWS)
    row = table.verticalHeader().defaultSectionSize()
    header = table.horizontalHeader().sizeHint().height()
    table.setFixedHeight(header + shown * row + 2 * table.frameWidth())


def text_line(name: str, text: str = "", *, shown: bool = True) -> QLabel:
    """A label of plain text (file contents are never read as markup) that wraps."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setVisible(shown)
    return label


def plot_placeholder(name: str, text: str) -> QLabel:
    """Quiet words where a dialog's chart will be: they hold its room until there is
    one (without them the dialog's few lines spread down its height)."""
    label = text_line(name, text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label
