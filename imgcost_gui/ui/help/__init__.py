"""Help in the app, offline: the user guide (from the README), the keyboard
shortcuts (from the window's actions), where prices come from (from the shipped
catalog) and the licence (from the installed packages' metadata)."""

from .help_window import GUIDE, LICENCE, PRICES, SHORTCUTS, HelpWindow, is_web_link
from .shortcuts import window_shortcuts

__all__ = [
    "GUIDE",
    "LICENCE",
    "PRICES",
    "SHORTCUTS",
    "HelpWindow",
    "is_web_link",
    "window_shortcuts",
]
