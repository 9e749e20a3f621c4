"""Python's garbage collections while the user pauses, not while they type.

A full collection walks every object the app keeps: with 500 models that is the
remembered estimates of each, and it took 9-16 ms, landing on one keystroke in
twenty and doubling it. The young collections cost too: an edit at that scale makes
tens of thousands of objects, and their collections took 3-5 ms of each keystroke (a
busy machine). ``IdleCollections`` freezes what start-up made (the catalog and the
window live as long as the app), leaves Python's young collections running between
bursts of typing, stops all collections from the first edit of a burst, and runs a
full one once no edit came for ``IDLE_MS``. A burst that never pauses (a held key)
collects its young objects every ``BURST_EDITS`` edits, so what it leaves behind
stays bounded. ``stop()`` puts Python's own schedule back.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: A pause this long after the last edit is when the full collection runs.
IDLE_MS = 1000
#: Young collections between full ones, were they left to Python: never, in effect.
NEVER = 1_000_000
#: Edits in one burst before its young objects are collected all the same: about
#: 15 s of a held key. That collection walks everything the burst made (tens of
#: milliseconds); short of it, a burst leaves only its few cycles behind.
BURST_EDITS = 500


class IdleCollections(QObject):
    """Collections at pauses; ``poke()`` on each edit, ``stop()`` at the end."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._saved = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.freeze()
        young, middle, _full = self._saved
        gc.set_threshold(young, middle, NEVER)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(IDLE_MS)
        self.timer.timeout.connect(self.collect)
        self.collections = 0
        #: Edits since collections were held back (0: Python collects as usual).
        self.burst = 0

    def poke(self) -> None:
        """An edit: no collection until the next pause."""
        if self.burst == 0:
            gc.disable()
        self.burst += 1
        if self.burst % BURST_EDITS == 0:
            gc.collect(1)  # a long burst: its young objects, not everything
        self.timer.start()

    def collect(self) -> None:
        gc.collect()
        self.collections += 1
        self._end_burst()

    def _end_burst(self) -> None:
        """Young collections as Python runs them, until the next edit."""
        self.burst = 0
        if self._was_enabled:
            gc.enable()

    def stop(self) -> None:
        """Python's own schedule again (the app is closing, or a test is over)."""
        self.timer.stop()
        self._end_burst()
        gc.set_threshold(*self._saved)
        gc.unfreeze()
