"""The scenario's notes: a few lines of text, undone with the rest of the scenario."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy, QWidget

from imgcost_gui.core.scenario import MAX_DESCRIPTION

from .fields import FieldBinder, is_undo_key

#: Below this many characters left, the field says how many remain.
WARN_LEFT = 500
#: The field is this many lines high when short, and grows to the most before scrolling.
FEWEST_LINES = 3
MOST_LINES = 6


class NotesEdit(QPlainTextEdit):
    """Plain text that grows from three lines to six with what is written.

    Undo and redo are the scenario's (one step per burst of typing, in the
    Edit menu's history), not the field's own: the field passes Ctrl+Z on.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())
        #: Says how many characters are left near the limit; the form shows it under the field.
        self.limit_note = QLabel()
        self.limit_note.setVisible(False)
        self.textChanged.connect(self._show_left)
        self._fit()

    def _show_left(self) -> None:
        left = MAX_DESCRIPTION - len(self.toPlainText())
        self.limit_note.setText(
            f"{left:,} characters left"
            if left > 0
            else f"Notes are full ({MAX_DESCRIPTION:,} characters)"
        )
        self.limit_note.setVisible(left <= WARN_LEFT)

    def event(self, e: QEvent) -> bool:
        if is_undo_key(e):
            e.ignore()  # the window's Undo and Redo take it
            return False
        return super().event(e)

    def lines_shown(self) -> int:
        # The plain-text layout measures its document in lines, wrapped ones included.
        lines = int(self.document().documentLayout().documentSize().height())
        return max(FEWEST_LINES, min(MOST_LINES, lines))

    def _fit(self) -> None:
        height = (
            self.fontMetrics().lineSpacing() * self.lines_shown()
            + 2 * self.document().documentMargin()
            + 2 * self.frameWidth()
            + 2  # the viewport's own edge
        )
        if self.height() != int(height):
            self.setFixedHeight(int(height))

    def resizeEvent(self, e: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(e)
        self._fit()  # a narrower field wraps onto more lines


def notes_field(b: FieldBinder) -> NotesEdit:
    """The field bound to ``Scenario.description``; text past the schema's limit is refused."""
    w = NotesEdit()
    w.setPlaceholderText("Optional notes: who asked, what the numbers assume")

    def edited() -> None:
        text = w.toPlainText()
        if len(text) > MAX_DESCRIPTION:
            b.report(
                f"Notes can hold at most {MAX_DESCRIPTION:,} characters: "
                f"the last {len(text) - MAX_DESCRIPTION:,} were not kept."
            )
            cursor = w.textCursor()
            position = min(cursor.position(), MAX_DESCRIPTION)
            w.blockSignals(True)
            w.setPlainText(text[:MAX_DESCRIPTION])
            cursor = w.textCursor()
            cursor.setPosition(position)
            w.setTextCursor(cursor)
            w.blockSignals(False)
            text = text[:MAX_DESCRIPTION]
        b.edit(("description",), text, "Notes")

    w.textChanged.connect(edited)

    def write(v: object) -> None:
        if isinstance(v, str) and w.toPlainText() != v:
            w.setPlainText(v)  # the start of the text shows, cursor at the top
            w._show_left()

    b.custom(
        w,
        ("description",),
        write,
        "Notes",
        "Anything a colleague should know about this scenario: who asked, what the "
        f"numbers assume. Saved in the scenario file; at most {MAX_DESCRIPTION:,} characters.",
    )
    w.setMinimumWidth(72)
    return w
