"""A message strip across the top of the window: seen, but never in the way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget


class Banner(QFrame):
    """A dismissable, non-modal message (problems found at start-up)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.icon = QLabel()
        self.icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(20, 20)
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("&Dismiss")
        close.setAutoRaise(True)
        close.setToolTip("Hide this message")
        close.clicked.connect(self.dismiss)
        #: The messages on show, one line each.
        self.messages: list[str] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def dismiss(self) -> None:
        self.messages = []
        self.hide()

    def add_messages(self, messages: list[str]) -> None:
        """Show ``messages`` below the ones already on show (each once)."""
        self.show_messages([*self.messages, *(m for m in messages if m not in self.messages)])

    def show_messages(self, messages: list[str]) -> None:
        self.messages = list(messages)
        if not messages:
            self.hide()
            return
        self.text.setText("\n".join(messages))
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.Window, QColor("#4a3b10" if dark else "#fff4cc"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffe9a8" if dark else "#3d2e00"))
        self.setPalette(palette)
        self.show()
