"""Under the Prices table: the output tokens the user measured for the selected model.

They are not prices, so they are not rows of the table: each size and quality
reads its mean, its p5-p95 range, how many responses, from which file and on
which day, with Reset beside it, and "Reset all" for the model.
"""

from __future__ import annotations

import html
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from imgcost_gui.core.catalog import QUALITIES, MeasuredOutput

HEADINGS = ("Size and quality", "Mean", "Range (p5–p95)", "Based on", "File", "Measured on")


def responses_words(n: int) -> str:
    """ "1 response", "1,200 responses"."""
    return f"{n:,} response{'' if n == 1 else 's'}"


def measured_line(key: str, m: MeasuredOutput) -> str:
    """One measured value in words: what a screen reader says for the row."""
    return (
        f"{key.replace('/', ' ')}: {m.tokens:,} tokens an image, {m.low:,}–{m.high:,}, "
        f"{responses_words(m.responses)}, from {m.file} on {m.measured_on.isoformat()}"
    )


class MeasuredSection(QWidget):
    """The selected model's measured output tokens; hidden when it has none."""

    #: The user asked to forget measured tokens: model id, and the group key (None: all).
    resetMeasured = Signal(str, object)  # noqa: N815 (Qt's naming)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("measuredTokens")
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.table = QWidget()
        self.grid = QGridLayout(self.table)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(2)
        self.grid.setColumnStretch(len(HEADINGS) + 1, 1)
        self.model_id: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        self.hide()

    def _focused_row(self) -> int | None:
        """The grid row of the button that has keyboard focus (0: "Reset all"), if any."""
        focused = QApplication.focusWidget()
        if focused is None or not self.table.isAncestorOf(focused):
            return None
        at = self.grid.indexOf(focused)
        if at < 0:
            return None
        # (row, column, row span, column span); the stubs say only "object"
        position = cast(tuple[int, int, int, int], self.grid.getItemPosition(at))
        return position[0]

    def _clear(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setObjectName("")  # gone from the section even before it is deleted
                widget.deleteLater()

    def show_model(self, model_id: str | None, name: str, found: dict[str, MeasuredOutput]) -> None:
        focused = self._focused_row()
        self._clear()
        self.model_id = model_id
        if model_id is None or not found:
            self.hide()
            return
        self.title.setText(
            f"<b>Measured output tokens</b> of {html.escape(name, quote=True)}, from your own API responses: "
            "estimates use them instead of the published rule, and their range as low–high."
        )
        for col, heading in enumerate(HEADINGS):
            label = QLabel(f"<i>{heading}</i>")
            self.grid.addWidget(label, 0, col)
        all_button = QPushButton("Reset all measured")
        all_button.setObjectName("resetMeasuredAll")
        all_button.setToolTip(f"Forget every measured token count of {name}")
        all_button.clicked.connect(lambda: self.resetMeasured.emit(model_id, None))
        self.grid.addWidget(all_button, 0, len(HEADINGS), Qt.AlignmentFlag.AlignLeft)
        resets: list[QPushButton] = []
        for n, (key, m) in enumerate(sorted(found.items(), key=lambda kv: _order(kv[0])), 1):
            cells = (
                key.replace("/", " "),
                f"{m.tokens:,}",
                f"{m.low:,}–{m.high:,}",
                responses_words(m.responses),
                m.file,
                m.measured_on.isoformat(),
            )
            for col, text in enumerate(cells):
                label = QLabel(text)
                label.setTextFormat(Qt.TextFormat.PlainText)
                if col in (1, 2, 3):
                    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if col == 0:
                    label.setAccessibleName(measured_line(key, m))
                if col == 4:
                    label.setToolTip(text)
                self.grid.addWidget(label, n, col)
            reset = QPushButton("Reset")
            reset.setObjectName(f"resetMeasured-{key}")
            reset.setToolTip(f"Forget the measured tokens of {key.replace('/', ' ')}")
            reset.clicked.connect(lambda _=False, k=key: self.resetMeasured.emit(model_id, k))
            self.grid.addWidget(reset, n, len(HEADINGS), Qt.AlignmentFlag.AlignLeft)
            resets.append(reset)
        self.show()
        if focused is not None:
            # The focused button was just replaced: the one now in its row takes the
            # focus (the next group's Reset), else "Reset all measured".
            buttons = [all_button, *resets]
            target = buttons[focused] if focused < len(buttons) else all_button
            target.show()  # a widget added to a shown grid shows only later, too late for focus
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def shown_rows(self) -> list[list[str]]:
        """The texts each measured line of the grid shows (the headings left out)."""
        rows = []
        for r in range(1, self.grid.rowCount()):
            texts = []
            for c in range(len(HEADINGS)):
                item = self.grid.itemAtPosition(r, c)
                widget = item.widget() if item is not None else None
                if isinstance(widget, QLabel):
                    texts.append(widget.text())
            if texts:
                rows.append(texts)
        return rows


def _order(key: str) -> tuple[int, int, int]:
    """Sizes by area, then qualities cheapest first."""
    size, _, quality = key.partition("/")
    w, _, h = size.partition("x")
    rank = QUALITIES.index(quality) if quality in QUALITIES else len(QUALITIES)
    try:
        return int(w) * int(h), int(w), rank
    except ValueError:
        return 10**12, 0, rank
