"""Help in the app, offline: the user guide (from the README), the keyboard
shortcuts (from the window's actions), where prices come from (from the shipped
catalog) and the licence (from the installed packages' metadata)."""

from typing import TYPE_CHECKING

from .pages import GUIDE, LICENCE, PRICES, SHORTCUTS

if TYPE_CHECKING:
    from .help_window import HelpWindow, is_web_link
    from .shortcuts import window_shortcuts


def __getattr__(name: str) -> object:
    # The window is imported when first wanted: the app starts without it.
    if name in ("HelpWindow", "is_web_link"):
        from . import help_window

        return getattr(help_window, name)
    if name == "window_shortcuts":
        from .shortcuts import window_shortcuts

        return window_shortcuts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "GUIDE",
    "LICENCE",
    "PRICES",
    "SHORTCUTS",
    "HelpWindow",
    "is_web_link",
    "window_shortcuts",
]
