"""Reading a user's file off the UI thread: the dialog stays responsive meanwhile.

A ``Reader`` runs one function at a time on its own thread pool and hands the
result (or the one line of a ``FileProblem``) back on the UI thread by signal.
A newer read makes an older one's answer stale: it is dropped, never shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from imgcost_gui.core import FileProblem, UnknownModel
from imgcost_gui.core.reconcile import ReconcileProblem

#: What a read may raise that the user can act on: said in one line, nothing kept.
EXPECTED = (FileProblem, OSError, UnknownModel, ReconcileProblem)


def problem_line(error: BaseException) -> str:
    """The one line a dialog shows for a file it could not use."""
    if isinstance(error, FileProblem):
        return error.message
    if isinstance(error, OSError):
        name = f"{error.filename}: " if error.filename else ""
        return f"{name}{error.strerror or error}"
    return str(error)


class _Carrier(QObject):
    """Lives on the UI thread; its signals cross from the worker by queued connection."""

    finished = Signal(int, object, str)


class _Job(QRunnable):
    def __init__(self, carrier: _Carrier, ticket: int, work: Callable[[], Any]):
        super().__init__()
        self.carrier, self.ticket, self.work = carrier, ticket, work

    def run(self) -> None:
        try:
            result = self.work()
        except EXPECTED as e:
            self.carrier.finished.emit(self.ticket, None, problem_line(e))
            return
        except Exception as e:  # noqa: BLE001 (a thread must answer, or the dialog waits forever)
            line = f"could not be read ({type(e).__name__}: {e})"
            self.carrier.finished.emit(self.ticket, None, line[:300])
            return
        self.carrier.finished.emit(self.ticket, result, "")


class Reader(QObject):
    """Runs ``work`` off the UI thread; ``done(result)`` or ``failed(line)`` on it."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        # Its own pool: destroying the reader (with its dialog) waits for the thread.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._carrier = _Carrier(self)
        self._carrier.finished.connect(self._finished)
        self._ticket = 0
        self.busy = False

    def start(self, work: Callable[[], Any]) -> None:
        self._ticket += 1
        self.busy = True
        self.pool.start(_Job(self._carrier, self._ticket, work))

    def _finished(self, ticket: int, result: object, problem: str) -> None:
        if ticket != self._ticket:
            return  # a newer read was asked for since
        self.busy = False
        if problem:
            self.failed.emit(problem)
        else:
            self.done.emit(result)

    def wait(self) -> None:
        self.pool.waitForDone()
