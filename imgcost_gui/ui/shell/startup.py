"""Start-up: work that waits for the window's first paint, and how long it took.

Reading the catalog (pydantic), building the features and importing matplotlib
each cost more than showing a window, so the window paints first ("Loading
prices…"), then the features are built and priced, then the charts load, each
from the event loop. With ``IMGCOST_STARTUP_TIMES=1`` the app prints when the
window was first painted, when the numbers were, and when the charts first drew,
in seconds since the process started, and the processor time it had used by then
(steadier than the clock on a busy machine).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

#: Set to 1: print "window shown at X s", "numbers shown at X s" and "charts drawn at
#: X s", each followed by "... cpu X s" (processor time this process had used by then).
TIMES_ENV = "IMGCOST_STARTUP_TIMES"
#: A wall-clock time (``time.time()``) to count from instead of the process start:
#: a benchmark sets it just before it starts the process.
T0_ENV = "IMGCOST_STARTUP_T0"


def process_started_at() -> float:
    """When this process started, as ``time.time()`` would have said then.

    ``IMGCOST_STARTUP_T0`` if set; on Linux the kernel's record of the start (to
    the clock tick); elsewhere the first import of this module.
    """
    t0 = os.environ.get(T0_ENV)
    if t0:
        return float(t0)
    try:
        after_paren = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started_ticks = int(after_paren[19])  # field 22, "starttime", in clock ticks
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return time.time() - (uptime - started_ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return _IMPORTED_AT


_IMPORTED_AT = time.time()


class StartupTimes:
    """Prints each moment once, in seconds since the process started."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = process_started_at() if enabled else 0.0
        self.seen: dict[str, float] = {}

    @classmethod
    def from_env(cls) -> StartupTimes:
        return cls(os.environ.get(TIMES_ENV) == "1")

    def mark(self, what: str) -> None:
        if not self.enabled or what in self.seen:
            return
        self.seen[what] = at = time.time() - self.started
        print(f"{what} at {at:.3f} s", file=sys.stdout, flush=True)
        print(f"{what} cpu {time.process_time():.3f} s", file=sys.stdout, flush=True)


#: A window never painted (minimised, or a platform that shows nothing) goes on after this.
PAINT_WAIT_MS = 2000


class FirstPaint(QObject):
    """Calls ``painted`` once, as ``widget`` is first painted, and ``then`` on the
    next turn of the event loop (once the paint is on screen)."""

    def __init__(
        self, widget: QWidget, painted: Callable[[], None], then: Callable[[], None]
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.painted = painted
        self.then = then
        self.done = False
        widget.installEventFilter(self)
        QTimer.singleShot(PAINT_WAIT_MS, self, self._go_on)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.painted()
            self._go_on()
        return super().eventFilter(watched, event)

    def _go_on(self) -> None:
        if self.done:
            return
        self.done = True
        self.widget.removeEventFilter(self)
        QTimer.singleShot(0, self.then)


class LoadingPage(QWidget):
    """What the window shows for the moment between its first paint and its
    features: the app's icon and "Loading prices…", quiet and centred."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loadingPage")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        icon = QLabel()
        icon.setPixmap(QApplication.windowIcon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(icon)
        self.label = QLabel("Loading prices…")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        muted = self.label.palette()
        muted.setColor(
            QPalette.ColorRole.WindowText, muted.color(QPalette.ColorRole.PlaceholderText)
        )
        self.label.setPalette(muted)
        layout.addWidget(self.label)
        layout.addStretch(2)  # a little above the middle, where the eye expects it
