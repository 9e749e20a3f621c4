"""The window that holds the features together: menus, banner, status bar, layout."""

from .idle_gc import IdleCollections
from .main_window import MainWindow
from .startup import FirstPaint, StartupTimes

__all__ = ["FirstPaint", "IdleCollections", "MainWindow", "StartupTimes"]
