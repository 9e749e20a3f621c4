"""Scenario files dropped on the window: a highlight while one is dragged over
it, and the file opened when it is dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QApplication, QWidget

from imgcost_gui.core.storage import LEGACY_SCENARIO_SUFFIX, SCENARIO_SUFFIX


class Opens(Protocol):
    """What opens a dropped file (``FileActions``)."""

    def open_path(self, path: Path, *, ask: bool = True) -> bool: ...


#: Names a scenario file may have: NAME.imgcost, NAME.imgcost.json (older), any .json.
SCENARIO_SUFFIXES = (SCENARIO_SUFFIX, LEGACY_SCENARIO_SUFFIX, ".json")


def scenario_file_dropped(mime: QMimeData) -> Path | None:
    """The first local file dropped whose name a scenario file may have, if any."""
    for url in mime.urls() if mime.hasUrls() else []:
        name = url.toLocalFile()
        if url.isLocalFile() and name.lower().endswith(SCENARIO_SUFFIXES):
            return Path(name)
    return None


class DropHighlight(QWidget):
    """A frame over the whole window in the highlight colour, naming the file that
    will open; it lets every mouse and drag event through to the window."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("dropHighlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.text = ""
        window.installEventFilter(self)
        self.hide()

    def show_for(self, path: Path) -> None:
        self.text = f"Drop to open {path.name}"
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())  # type: ignore[union-attr]
        return False

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        wash = QColor(accent)
        wash.setAlpha(40)
        painter.fillRect(self.rect(), wash)
        pen = painter.pen()
        pen.setColor(accent)
        pen.setWidth(4)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(self.rect().adjusted(6, 6, -6, -6), 10, 10)
        font = painter.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        painter.setFont(font)
        label = painter.fontMetrics().boundingRect(self.text).adjusted(-18, -10, 18, 10)
        label.moveCenter(self.rect().center())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(label, 8, 8)
        painter.setPen(self.palette().color(QPalette.ColorRole.HighlightedText))
        painter.drawText(label, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()


class _FieldDrops(QObject):
    """Scenario files dragged over a field that takes drops itself (the notes, the
    name: text fields paste a dropped file's path) are the window's, as anywhere else."""

    def __init__(self, window: QWidget, drops: ScenarioDrops):
        super().__init__(window)  # gone with the window, and out of the application's filters
        self.window = window
        self.drops = drops
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind not in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.DragLeave,
            QEvent.Type.Drop,
        ):
            return False
        if (
            not isinstance(watched, QWidget)
            or watched is self.window
            or not self.window.isAncestorOf(watched)
        ):
            return False  # the window's own drag events reach it as they are
        if kind == QEvent.Type.DragLeave:
            self.drops.leave()
            return False
        assert isinstance(event, QDropEvent)  # enter and move events are drop events too
        if scenario_file_dropped(event.mimeData()) is None:
            return False  # text, or another file: the field takes it as usual
        if isinstance(event, QDragEnterEvent):
            self.drops.enter(event)
        elif isinstance(event, QDragMoveEvent):
            event.acceptProposedAction()
        else:
            self.drops.drop(event)
        return True


class ScenarioDrops:
    """A window's drag and drop of scenario files: the window's drag events call these,
    and a field's that would take the drop itself come here first."""

    def __init__(self, window: QWidget, files: Opens):
        self.files = files
        self.highlight = DropHighlight(window)
        window.setAcceptDrops(True)
        self._fields = _FieldDrops(window, self)

    def enter(self, event: QDragEnterEvent) -> None:
        path = scenario_file_dropped(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.highlight.show_for(path)

    def leave(self) -> None:
        self.highlight.hide()

    def drop(self, event: QDropEvent) -> None:
        self.highlight.hide()
        path = scenario_file_dropped(event.mimeData())
        if path is not None:
            event.acceptProposedAction()
            self.files.open_path(path)
