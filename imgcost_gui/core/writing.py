"""Writing the files ImgCost keeps so that nothing is lost: atomic saves that
write through a symlink and keep the file's mode, a lock for two writers, a
signature that tells a file changed under us, temp files of killed saves
cleaned up, and a file we cannot read kept aside, never overwritten."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import secrets
import stat
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; a lock is a no-op there
    fcntl = None  # type: ignore[assignment]

#: A temp file of ours older than this is left by a save that was killed.
STALE_TEMP_SECONDS = 60.0


# --- writing ---------------------------------------------------------------------------

#: ``.NAME.RANDOM.tmp``, as ``atomic_write_text`` (and ``tempfile.mkstemp`` before it)
#: names its temp files; only the files ImgCost saves this way (JSON, scenarios).
_OUR_TEMP = re.compile(r"^\.(?P<name>.+\.(?:json|imgcost))\.[a-z0-9_]{8}\.tmp$")
_TEMP_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"


def _write_target(path: Path) -> Path:
    """Where a save of ``path`` lands: through symlinks, to the file they point at."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if target.is_symlink():  # realpath gave up: the links go round in a circle
        raise OSError(errno.ELOOP, "the path is a loop of symbolic links", str(path))
    return target


def _temp_name(target: Path) -> Path:
    random = "".join(secrets.choice(_TEMP_ALPHABET) for _ in range(8))
    return target.with_name(f".{target.name}.{random}.tmp")


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` so that a crash leaves either the old file or the new one.

    A symlink is written through: its target gets the new text and the link stays
    a link. An existing file keeps its permission mode; a new one gets the
    process's umask, like any file the user makes. Temp files of ours that a
    killed save left in the folder are removed afterwards.
    """
    target = _write_target(Path(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None  # a new file: 0o666 less the umask, applied by os.open
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = _temp_name(target)
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
        except OSError as e:  # name the user's file, not our temp file
            raise type(e)(e.errno, e.strerror, str(target)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            if mode is not None:
                if hasattr(os, "fchmod"):
                    os.fchmod(f.fileno(), mode)
                else:
                    os.chmod(tmp, mode)
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)
    remove_stale_temp_files(target.parent)


def _fsync_folder(folder: Path) -> None:
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def remove_stale_temp_files(folder: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete temp files of ours (``.NAME.json.RANDOM.tmp``) that a killed save left.

    Only plain files older than ``older_than`` seconds are removed, so a save in
    progress in another window is never touched. Returns what was removed; a
    folder that cannot be listed, or a file that cannot be removed, is skipped.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not _OUR_TEMP.match(entry.name):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < older_than:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


# --- two writers -----------------------------------------------------------------------


class FileSignature(NamedTuple):
    """What tells a file apart from the one read before: changed when it is rewritten."""

    mtime_ns: int
    size: int
    inode: int


def file_signature(path: Path) -> FileSignature | None:
    """The file's signature now, or None when it does not exist (or cannot be reached).

    Compare it with the one taken at the last read to know another process wrote
    the file since (an atomic save always gives a new inode).
    """
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return FileSignature(info.st_mtime_ns, info.st_size, info.st_ino)


_held = threading.local()


@contextlib.contextmanager
def locked(path: Path, timeout: float = 10.0) -> Iterator[None]:
    """Hold the cross-process lock of ``path`` for a read-modify-write.

    The lock is an advisory ``flock`` on ``.NAME.lock`` beside the file (beside
    the target of a symlink, so every link shares it); other processes that use
    ``locked`` on the same file wait. Nested use in one thread is allowed. Where
    there is no ``fcntl`` (Windows), and where the folder cannot hold the lock
    file (read-only: the write fails on its own), this is a no-op. Raises
    ``TimeoutError`` after ``timeout`` seconds of waiting.
    """
    target = _write_target(Path(path)).absolute()
    held: set[Path] = getattr(_held, "paths", set())
    _held.paths = held
    if fcntl is None or target in held:
        yield
        return
    lock_path = target.with_name(f".{target.name}.lock")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:
        if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            yield
            return
        raise
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"{target.name} is being saved by another ImgCost for more than "
                        f"{timeout:g} s; try again, or close the other window"
                    ) from None
                time.sleep(0.02)
        held.add(target)
        try:
            yield
        finally:
            held.discard(target)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def keep_aside(path: Path) -> Path:
    """Rename an unreadable file out of the way; return its new name."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.unreadable-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.unreadable-{stamp}-{n}")
    os.replace(path, target)
    return target
