"""A box for text that changes on every edit and keeps the rest of the window still.

A word-wrapped label whose text changes asks its parent for a new size, and that
request climbs to the window, which then lays out every pane again: about 11 ms
at 500 models, for a headline whose new figures need no more room than the old.
``SteadyBox`` holds such text (one label, or a widget of lines) as its ``body``
and passes a change on only when the height the body needs at the box's width
changed. It asks for the width its host gives it and the height that width
needs, as a line of wrapped text does.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget


class SteadyBox(QWidget):
    """Holds ``body``; its size changes reach the window only when its height does.

    ``min_width``: the narrowest the box may be made. ``wrap_floor``: its minimum
    height is what the body needs at this width or the box's own, whichever is
    wider (a narrow pane's lines are not made a column of single words).
    ``hint_width``: the width it asks for before its host has given it one.
    The box shows and hides with its body.
    """

    def __init__(
        self,
        body: QWidget | None = None,
        parent: QWidget | None = None,
        *,
        min_width: int = 160,
        wrap_floor: int = 0,
        hint_width: int = 320,
    ) -> None:
        super().__init__(parent)
        self.body = body if body is not None else QWidget()
        self.body.setParent(self)
        self.body.installEventFilter(self)
        self._min_width, self._floor, self._hint_width = min_width, wrap_floor, hint_width
        #: The heights the host last laid the box out for: (needed, minimum).
        self._asked: tuple[int, int] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        hidden = Qt.WidgetAttribute.WA_WState_Hidden
        explicit = Qt.WidgetAttribute.WA_WState_ExplicitShowHide
        if self.body.testAttribute(explicit) and self.body.testAttribute(hidden):
            self.hide()

    # --- what it asks of its host -------------------------------------------------------

    def _height_at(self, width: int) -> int:
        body = self.body
        height = body.heightForWidth(width) if body.hasHeightForWidth() else -1
        return height if height >= 0 else body.sizeHint().height()

    def _width(self) -> int:
        # Until a host has sized it, the width it asks for.
        resized = self.testAttribute(Qt.WidgetAttribute.WA_Resized)
        return self.width() if resized else self._hint_width

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        return self._height_at(width)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self._hint_width, self._height_at(self._width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(self._min_width, self._height_at(max(self._width(), self._floor)))

    def _needs(self) -> tuple[int, int]:
        return self._height_at(self._width()), self.minimumSizeHint().height()

    # --- following the body ------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self._refit()
            return True
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.body:
            kind = event.type()
            if kind == QEvent.Type.HideToParent:
                self.hide()
            elif kind == QEvent.Type.ShowToParent:
                self.show()
        return False

    def _refit(self) -> None:
        """The body changed what it asks for: tell the host only if its height moved."""
        needs = self._needs()
        if needs != self._asked:
            self._asked = needs
            self.updateGeometry()
        self.body.setGeometry(self.rect())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.body.setGeometry(self.rect())
        # The host may have used a height it remembered for this width from before
        # the text changed: if the body needs another, ask again.
        needs = self._needs()
        if needs != self._asked or needs[0] != self.height():
            self._asked = needs
            self.updateGeometry()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._refit()
