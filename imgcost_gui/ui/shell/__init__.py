"""The window that holds the features together: menus, banner, status bar, layout."""

from .main_window import MainWindow

__all__ = ["MainWindow"]
