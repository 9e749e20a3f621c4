"""Python's full garbage collections while the user pauses, not while they type.

A full collection walks every object the app keeps: with 500 models that is the
remembered estimates of each, and it took 9-16 ms, landing on one keystroke in
twenty and doubling it. ``IdleCollections`` freezes what start-up made (the
catalog and the window live as long as the app), leaves Python's quick young
collections as they are, runs the full one only once no edit came for
``IDLE_MS``, and puts Python's own schedule back when it is stopped.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: A pause this long after the last edit is when the full collection runs.
IDLE_MS = 1000
#: Young collections between full ones, were they left to Python: never, in effect.
NEVER = 1_000_000


class IdleCollections(QObject):
    """Full collections at pauses; ``poke()`` on each edit, ``stop()`` at the end."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._saved = gc.get_threshold()
        gc.freeze()
        young, middle, _full = self._saved
        gc.set_threshold(young, middle, NEVER)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_MS)
        self.timer.timeout.connect(self.collect)
        self.collections = 0

    def poke(self) -> None:
        """An edit: the full collection waits for the next pause."""
        self.timer.start()

    def collect(self) -> None:
        gc.collect()
        self.collections += 1

    def stop(self) -> None:
        """Python's own schedule again (the app is closing, or a test is over)."""
        self.timer.stop()
        gc.set_threshold(*self._saved)
        gc.unfreeze()
