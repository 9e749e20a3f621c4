"""The window's size and splitter positions, kept between sessions (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

GEOMETRY_KEY = "window/geometry"


def restore_layout(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    """Put back what ``save_layout`` kept; a first start keeps the defaults."""
    s = QSettings()
    geometry = s.value(GEOMETRY_KEY)
    if geometry is not None:
        window.restoreGeometry(geometry)
    for key, splitter in splitters.items():
        state = s.value(key)
        if state is not None:
            splitter.restoreState(state)


def save_layout(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    s = QSettings()
    s.setValue(GEOMETRY_KEY, window.saveGeometry())
    for key, splitter in splitters.items():
        s.setValue(key, splitter.saveState())
