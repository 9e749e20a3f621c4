"""The charts' colours: one colour-blind-safe palette, and the rest from the Qt palette."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette

__all__ = ["SERIES_DARK", "SERIES_LIGHT", "ChartStyle", "mix"]

# One palette for every chart: Okabe-Ito (colour-blind safe), its yellow left
# out on light backgrounds (too faint on white) and its blue and black swapped
# for lighter twins on dark ones. The order keeps the first few furthest apart
# (most charts show three or four series) under Machado et al. (2009) simulations
# of deuteranopia, protanopia and tritanopia: the first four no closer than
# CIELAB dE 20 in any of them, all seven no closer than 16 (light) and 13 (dark).
# Past the seventh series the colours repeat, so a chart that can show more
# names each one as well (line-end labels, the names in the cells).
SERIES_LIGHT = ("#0072B2", "#D55E00", "#CC79A7", "#56B4E9", "#E69F00", "#009E73", "#222222")
SERIES_DARK = ("#4EA8F0", "#FF6F2E", "#E79ACB", "#F0E442", "#2DCC9A", "#F0A000", "#F2F2F2")


def mix(colour: str, other: str, share: float) -> str:
    """``colour`` with ``share`` (0..1) of ``other`` mixed in: a tint or a shade."""
    a, b = QColor(colour), QColor(other)
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    ).name()


@dataclass(frozen=True)
class ChartStyle:
    background: str
    axes: str
    text: str
    muted: str
    grid: str
    accent: str
    dark: bool

    @classmethod
    def from_palette(cls, palette: QPalette | None = None) -> ChartStyle:
        p = palette or QGuiApplication.palette()

        def hex_(
            role: QPalette.ColorRole, group: QPalette.ColorGroup = QPalette.ColorGroup.Active
        ) -> str:
            return p.color(group, role).name()

        base = p.color(QPalette.ColorRole.Base)
        window = p.color(QPalette.ColorRole.Window)
        text = p.color(QPalette.ColorRole.WindowText)
        grid = QColor(
            (window.red() * 3 + text.red()) // 4,
            (window.green() * 3 + text.green()) // 4,
            (window.blue() * 3 + text.blue()) // 4,
        )
        return cls(
            background=window.name(),
            axes=base.name(),
            text=text.name(),
            muted=hex_(QPalette.ColorRole.WindowText, QPalette.ColorGroup.Disabled),
            grid=grid.name(),
            accent=hex_(QPalette.ColorRole.Highlight),
            dark=window.lightness() < 128,
        )

    def series(self, i: int) -> str:
        colours = SERIES_DARK if self.dark else SERIES_LIGHT
        return colours[i % len(colours)]

    @property
    def good(self) -> str:
        """Okabe-Ito's bluish green, for a region that holds the answer."""
        return "#2DCC9A" if self.dark else "#009E73"

    def faint(self, colour: str, share: float = 0.6) -> str:
        """``colour`` moved towards the axes' background: a cell fill text reads on,
        the lighter extension of a bar."""
        return mix(colour, self.axes, share)
