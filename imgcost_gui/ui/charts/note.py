"""The words under a chart: what it answers, painted in place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["ChartNote"]


class ChartNote(QWidget):
    """A few lines under a chart that say what it answers, painted in place.

    A QLabel given new words asks the whole window to lay itself out again
    (its size may have changed): about a frame's time on every edit. This one
    has room for three lines whatever it says and only repaints itself.
    """

    LINES = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headline = ""
        self._body = ""
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self.LINES + 4)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setVisible(False)

    def set_text(self, headline: str, body: str) -> None:
        if (headline, body) != (self._headline, self._body):
            self._headline, self._body = headline, body
            self.setToolTip(self.text())
            self.update()

    def headline(self) -> str:
        return self._headline

    def text(self) -> str:
        """Everything it says, the headline first."""
        return "\n".join(w for w in (self._headline, self._body) if w)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        rect = self.rect().adjusted(2, 1, -2, -1)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(
            Qt.TextFlag.TextWordWrap
        )
        if self._headline:
            bold = QFont(self.font())
            bold.setBold(True)
            painter.setFont(bold)
            used = painter.boundingRect(rect, flags, self._headline)
            painter.drawText(rect, flags, self._headline)
            rect.setTop(used.bottom() + 1)
            painter.setFont(self.font())
        painter.drawText(rect, flags, self._body)
        painter.end()
