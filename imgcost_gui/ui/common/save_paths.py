"""Choosing where to save: in the user's Documents folder the first time, then
the folder last used; names that work on every system, a suffix that matches the
chosen format, and no file replaced without asking."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from .mnemonics import ask

#: The folder a file was last saved in or opened from (QSettings).
LAST_FOLDER_KEY = "files/lastFolder"

#: Characters Windows refuses in file names (and '/' everywhere).
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def safe_file_name(name: str, fallback: str = "Untitled") -> str:
    """``name`` with the characters file systems refuse taken out, for a suggested file name."""
    cleaned = _NOT_IN_NAMES.sub(" ", name)
    cleaned = re.sub(r"\s+", " ", cleaned).strip().rstrip(". ")
    return cleaned or fallback


def resolved(path: Path) -> Path:
    """``path`` absolute with its symlinks followed; as typed if they go round in a loop
    (``Path.resolve`` raises then, and the caller only wanted a name to show or compare)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):
        return Path(os.path.abspath(path))


def documents_folder() -> Path:
    """The user's Documents folder (their home folder where the system names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder() -> Path:
    """Where a save or open dialog opens: the folder last used while it still exists,
    else the user's Documents folder."""
    last = QSettings().value(LAST_FOLDER_KEY)
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember_folder(path: Path) -> None:
    """``path``'s folder is where the next dialog opens."""
    QSettings().setValue(LAST_FOLDER_KEY, str(resolved(Path(path)).parent))


def start_path(suggested: str) -> str:
    """``suggested`` as a dialog should offer it: a bare file name goes in ``start_folder()``,
    a name with a folder stays where it is."""
    if not suggested:
        return str(start_folder())
    path = Path(suggested)
    if path.is_absolute() or path.parent != Path("."):
        return suggested
    return str(start_folder() / path)


def filter_suffix(name_filter: str, known: Sequence[str]) -> str | None:
    """The suffix a dialog filter such as ``SVG vector image (*.svg)`` stands for."""
    for suffix in known:
        if f"*{suffix})" in name_filter or f"*{suffix} " in name_filter:
            return suffix
    return None


def _confirm_replace(parent: QWidget | None, path: Path) -> bool:
    answer = ask(
        parent,
        "Replace file?",
        f"{path.name} already exists in {path.parent}.\nReplace it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_save_path(
    parent: QWidget | None,
    caption: str,
    suggested: str,
    filters: str,
    suffixes: Sequence[str],
    *,
    other_suffixes: bool = False,
) -> Path | None:
    """Ask where to save; None if the user cancelled.

    ``suffixes`` are the endings the formats in ``filters`` use, the default
    first. A name typed without one of them (or, with ``other_suffixes``,
    without any extension) gets the suffix of the chosen filter; when that
    names a file that already exists, the user is asked before it is replaced
    (the dialog only asked about the name as typed).
    """
    start = start_path(suggested)
    while True:
        path, chosen = QFileDialog.getSaveFileName(parent, caption, start, filters)
        if not path:
            return None
        target = Path(path)
        if not (
            any(target.name.lower().endswith(s) for s in suffixes)
            or (other_suffixes and target.suffix)
        ):
            suffix = filter_suffix(chosen, suffixes) or suffixes[0]
            target = target.with_name(target.name + suffix)
            if target.exists() and not _confirm_replace(parent, target):
                start = str(target)
                continue
        remember_folder(target)
        return target
