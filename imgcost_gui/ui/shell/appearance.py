"""View > Appearance: System, Light or Dark, kept between sessions (QSettings).

Qt 6.8 and later are asked for the colour scheme (``QStyleHints.setColorScheme``);
where the platform does not follow the request (most Linux desktops, older Qt)
the app's palette is set instead. The charts restyle on either change.
"""

from __future__ import annotations

from typing import Literal, get_args

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

Appearance = Literal["system", "light", "dark"]
APPEARANCES: tuple[Appearance, ...] = get_args(Appearance)
APPEARANCE_KEY = "view/appearance"
#: What the View > Appearance menu calls each.
LABELS: dict[Appearance, str] = {"system": "&System", "light": "&Light", "dark": "&Dark"}

#: The platform's own palette, as the app started (put back for "system").
_system_palette: QPalette | None = None
#: Whether the app's palette is one of ours: a palette set by the app no longer
#: follows the platform, so "system" leaves it alone unless it must undo ours.
_palette_set = False


def saved_appearance() -> Appearance:
    value = QSettings().value(APPEARANCE_KEY, "system")
    return next((a for a in APPEARANCES if a == value), "system")


def dark_palette() -> QPalette:
    """A dark palette for Qt's Fusion style, readable at every role the app uses."""
    p = QPalette()
    text, muted, disabled = QColor("#e8e8e8"), QColor("#a0a0a0"), QColor("#7a7a7a")
    colours = {
        QPalette.ColorRole.Window: QColor("#2d2d2d"),
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: QColor("#1f1f1f"),
        QPalette.ColorRole.AlternateBase: QColor("#292929"),
        QPalette.ColorRole.ToolTipBase: QColor("#3a3a3a"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: muted,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#383838"),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff8a80"),
        QPalette.ColorRole.Light: QColor("#4a4a4a"),
        QPalette.ColorRole.Midlight: QColor("#3f3f3f"),
        QPalette.ColorRole.Mid: QColor("#262626"),
        QPalette.ColorRole.Dark: QColor("#1a1a1a"),
        QPalette.ColorRole.Shadow: QColor("#101010"),
        QPalette.ColorRole.Highlight: QColor("#3d7bd9"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#7ab8ff"),
        QPalette.ColorRole.LinkVisited: QColor("#c29cff"),
    }
    for role, colour in colours.items():
        p.setColor(role, colour)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def _scheme(appearance: Appearance) -> Qt.ColorScheme:
    return {
        "light": Qt.ColorScheme.Light,
        "dark": Qt.ColorScheme.Dark,
        "system": Qt.ColorScheme.Unknown,
    }[appearance]


def apply_appearance(appearance: Appearance) -> None:
    """Make the app look ``appearance`` now (nothing is stored)."""
    global _system_palette, _palette_set
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _system_palette is None:
        _system_palette = QPalette(app.palette())
    hints = QGuiApplication.styleHints()
    asks_scheme = hasattr(hints, "setColorScheme")  # Qt 6.8
    if asks_scheme:
        if appearance == "system":
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(_scheme(appearance))
    followed = asks_scheme and hints.colorScheme() == _scheme(appearance)
    if appearance == "system" or followed:
        if _palette_set:
            app.setPalette(_system_palette)
            _palette_set = False
        return
    app.setPalette(dark_palette() if appearance == "dark" else app.style().standardPalette())
    _palette_set = True


def set_appearance(appearance: Appearance) -> None:
    """Apply ``appearance`` and keep it for the next start."""
    QSettings().setValue(APPEARANCE_KEY, appearance)
    apply_appearance(appearance)
