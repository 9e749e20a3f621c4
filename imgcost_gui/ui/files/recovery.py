"""Autosave of unsaved work, and recovery after a crash.

Every running window has its own session: while its scenario has unsaved
changes it is written every ~30 s to ``autosave/<session>.imgcost.json`` in the
user data folder, next to ``<session>.lock`` (a ``QLockFile`` naming the owner
process). A session only ever deletes its own files. At start-up, files whose
lock is gone or stale (the owner process no longer runs) are work left by a
crash; the app offers to bring it back. Files of a session that is still
running are never offered and never touched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLockFile

from imgcost_gui.core import FileProblem, Scenario, atomic_write_text, load_scenario, save_scenario
from imgcost_gui.core.paths import user_data_dir
from imgcost_gui.core.storage import LEGACY_SCENARIO_SUFFIX

AUTOSAVE_INTERVAL_MS = 30_000
#: Autosaves keep the name they always had, so an upgrade still finds them.
SCENARIO_SUFFIX = LEGACY_SCENARIO_SUFFIX
INFO_SUFFIX = ".info.json"
LOCK_SUFFIX = ".lock"

#: Sessions of this process that are open now (several windows, or tests).
_LIVE_SESSIONS: set[str] = set()


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    # Stale only when the owner process is gone, never because the file is old:
    # a session may run for days.
    lock.setStaleLockTime(0)
    return lock


@dataclass
class Recovered:
    """Work a session that did not close normally left behind."""

    scenario: Scenario
    source: Path | None
    saved_at: str
    session: str
    folder: Path
    #: Held while this session decides what to do, so no other start offers it too.
    claim: QLockFile | None = field(default=None, repr=False)

    @property
    def files(self) -> list[Path]:
        return [
            self.folder / f"{self.session}{suffix}"
            for suffix in (SCENARIO_SUFFIX, INFO_SUFFIX, LOCK_SUFFIX)
        ]

    def remove(self) -> None:
        """Delete the leftover files (the user recovered or discarded them)."""
        for p in self.files[:2]:
            p.unlink(missing_ok=True)
        self.release()
        self.files[2].unlink(missing_ok=True)

    def release(self) -> None:
        """Leave the files for a later start."""
        if self.claim is not None:
            self.claim.unlock()
            self.claim = None
            _LIVE_SESSIONS.discard(self.session)


class Autosave:
    """This session's autosave files, and the leftovers of sessions that crashed."""

    def __init__(self, folder: Path | None = None, session: str | None = None):
        self.folder = folder or user_data_dir() / "autosave"
        self.session = session or f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._lock: QLockFile | None = None
        self.wrote = False
        _LIVE_SESSIONS.add(self.session)

    @property
    def scenario_path(self) -> Path:
        return self.folder / f"{self.session}{SCENARIO_SUFFIX}"

    @property
    def info_path(self) -> Path:
        return self.folder / f"{self.session}{INFO_SUFFIX}"

    @property
    def lock_path(self) -> Path:
        return self.folder / f"{self.session}{LOCK_SUFFIX}"

    def write(self, scenario: Scenario, source: Path | None) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if self._lock is None:
            lock = _lock(self.lock_path)
            if lock.tryLock(0):
                self._lock = lock
        save_scenario(scenario, self.scenario_path)
        self.wrote = True
        info = {
            "source": str(source) if source else None,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "pid": os.getpid(),
        }
        atomic_write_text(self.info_path, json.dumps(info, indent=2) + "\n")

    def clear(self) -> None:
        """Remove this session's own files; never anybody else's."""
        if not self.wrote:
            return
        for p in (self.scenario_path, self.info_path):
            p.unlink(missing_ok=True)
        if self._lock is not None:
            self._lock.unlock()  # removes the lock file
            self._lock = None
        self.wrote = False

    def leftovers(self) -> list[Recovered]:
        """Readable work of sessions whose process is gone, newest first, each claimed."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob(f"*{SCENARIO_SUFFIX}"):
            session = path.name.removesuffix(SCENARIO_SUFFIX)
            if session == self.session:
                continue
            claim = _lock(self.folder / f"{session}{LOCK_SUFFIX}")
            if not claim.tryLock(0) and not _reclaim(claim, session):
                continue  # its session is still running (or another start is asking)
            try:
                scenario, _ = load_scenario(path)
            except FileProblem:
                claim.unlock()
                continue  # unreadable: left alone for the user to look at
            _LIVE_SESSIONS.add(session)  # claimed: not to be reclaimed by another window
            source, saved_at = _read_info(self.folder / f"{session}{INFO_SUFFIX}")
            found.append(Recovered(scenario, source, saved_at, session, self.folder, claim))
        found.sort(key=lambda r: r.saved_at, reverse=True)
        return found


def _reclaim(lock: QLockFile, session: str) -> bool:
    """Take a lock that names this very process but no session of it.

    After a restart (a container, say) a new process can get the pid of the one
    that crashed; its lock then looks alive to ``QLockFile``.
    """
    pid, _host, _app = lock.getLockInfo()
    if pid != os.getpid() or session in _LIVE_SESSIONS:
        return False
    return lock.removeStaleLockFile() and lock.tryLock(0)


def _read_info(path: Path) -> tuple[Path | None, str]:
    """The file the crashed session had saved to (if it still may be saved to) and when.

    The info file is not trusted: anything could have written it.
    """
    try:
        # a named pipe would block the start for ever; ours are some 200 bytes
        if not path.is_file() or path.stat().st_size > 64 * 1024:
            return None, ""
        info = json.loads(path.read_bytes()[: 64 * 1024].decode("utf-8"))
        if not isinstance(info, dict):
            return None, ""
        saved_at = info.get("saved_at", "")
        saved_at = saved_at[:32] if isinstance(saved_at, str) else ""
        return trusted_source(info.get("source"), path.parent), saved_at
    except (OSError, RuntimeError, ValueError, KeyError, TypeError, AttributeError):
        return None, ""


def trusted_source(source: object, autosave_folder: Path) -> Path | None:
    """``source`` resolved, when Save may write there after a recovery; else None.

    Only a scenario the user saved can be such a place: an absolute path to an
    existing file, outside the autosave folder, that opens as a current scenario
    (an upgraded one is saved under a new name, as when it is opened). Otherwise
    the recovered work has no file and Save asks Save As.
    """
    if not isinstance(source, str) or not source or "\x00" in source:
        return None
    try:
        path = Path(source)
        if not path.is_absolute():
            return None
        path = path.resolve(strict=True)
        folder = autosave_folder.resolve()
        if not path.is_file() or path.is_relative_to(folder):
            return None
        _scenario, upgraded = load_scenario(path)
    except (OSError, RuntimeError, ValueError, FileProblem):
        return None
    return None if upgraded else path
