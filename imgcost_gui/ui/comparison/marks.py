"""The marks of the comparison's cells: the over-budget sign, the Notes severity
icons, and the shade of a cell's tone (from the palette, lighter on dark)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from imgcost_gui.workspace.columns import Tone

_ICONS: dict[str, QIcon] = {}


def over_budget_icon() -> QIcon:
    """A red 'no entry' sign: the budget rules this model out."""
    if "over" not in _ICONS:
        pixmap = QPixmap(32, 32)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#c62828"))
        painter.drawEllipse(2, 2, 28, 28)
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(7, 13, 18, 6, 2, 2)
        painter.end()
        _ICONS["over"] = QIcon(pixmap)
    return _ICONS["over"]


def severity_icon(severity: str | None) -> QIcon | None:
    """The style's warning or error icon, for the Notes cell."""
    if severity is None:
        return None
    if severity not in _ICONS:
        pixmap = {
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
        }[severity]
        _ICONS[severity] = QApplication.style().standardIcon(pixmap)
    return _ICONS[severity]


def _dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tone_colour(tone: Tone | None, palette: QPalette) -> QColor | None:
    """The shade of a cell's tone: greyed, green for savings, red for extra cost
    (lighter shades on a dark background)."""
    if tone is None:
        return None
    if tone == "muted":
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
    if tone == "saving":
        return QColor("#6fcf97" if _dark(palette) else "#1e7d45")
    return QColor("#ff8a80" if _dark(palette) else "#b3261e")
