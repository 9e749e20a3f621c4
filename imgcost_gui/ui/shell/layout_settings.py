"""The window's size and splitter positions, kept between sessions (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

GEOMETRY_KEY = "window/geometry"


def restore_geometry(window: QMainWindow) -> None:
    """Put back the window's place and size (before it shows); a first start keeps the default."""
    geometry = QSettings().value(GEOMETRY_KEY)
    if geometry is not None:
        window.restoreGeometry(geometry)


def restore_splitters(splitters: dict[str, QSplitter]) -> None:
    """Put back where the user left each splitter, by its settings key."""
    s = QSettings()
    for key, splitter in splitters.items():
        state = s.value(key)
        if state is not None:
            splitter.restoreState(state)


def save_layout(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    s = QSettings()
    s.setValue(GEOMETRY_KEY, window.saveGeometry())
    for key, splitter in splitters.items():
        s.setValue(key, splitter.saveState())
