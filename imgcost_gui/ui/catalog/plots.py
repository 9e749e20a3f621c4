"""The two plots of the Prices dialogs: a Figure on a FigureCanvasQTAgg, never pyplot.

matplotlib is imported when a plot is first drawn, not with the Prices menu.
Colours follow the Qt palette (dark mode stays readable); the series colours
are Okabe-Ito's, safe for colour-blind readers, and each series also has its
own marker or hatch so it never rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication, QPalette

from imgcost_gui.ui.common import load_matplotlib

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

#: Okabe-Ito blue, vermillion, bluish green; a lighter twin of each for dark backgrounds.
_LIGHT = ("#0072B2", "#D55E00", "#009E73")
_DARK = ("#5AB4F0", "#FF8A50", "#3DD3A6")


@dataclass(frozen=True)
class PlotColours:
    background: str
    axes: str
    text: str
    grid: str
    series: tuple[str, str, str]

    @classmethod
    def from_palette(cls, palette: QPalette | None = None) -> PlotColours:
        p = palette or QGuiApplication.palette()
        window = p.color(QPalette.ColorRole.Window)
        text = p.color(QPalette.ColorRole.WindowText)
        pairs = zip(
            (window.red(), window.green(), window.blue()),
            (text.red(), text.green(), text.blue()),
            strict=True,
        )
        mix = [(a * 3 + b) // 4 for a, b in pairs]
        dark = window.lightness() < 128
        return cls(
            background=window.name(),
            axes=p.color(QPalette.ColorRole.Base).name(),
            text=text.name(),
            grid="#{:02x}{:02x}{:02x}".format(*mix),
            series=_DARK if dark else _LIGHT,
        )


def new_canvas(width: float = 6.0, height: float = 3.6) -> FigureCanvasQTAgg:
    """An empty figure on a Qt canvas, coloured like the window."""
    load_matplotlib()
    import matplotlib
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    # "$" in these labels is a dollar, never the start of TeX math (as in the charts).
    matplotlib.rcParams["text.parse_math"] = False
    colours = PlotColours.from_palette()
    figure = Figure(figsize=(width, height), layout="constrained")
    figure.set_facecolor(colours.background)
    canvas = FigureCanvasQTAgg(figure)  # type: ignore[no-untyped-call]  # unannotated backend
    canvas.setMinimumSize(360, 260)
    return canvas


def style_axes(ax: Axes, colours: PlotColours) -> None:
    ax.set_facecolor(colours.axes)
    ax.tick_params(colors=colours.text, labelsize=8)
    for spine in ax.spines.values():
        spine.set_color(colours.grid)
    ax.grid(True, color=colours.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.xaxis.label.set_color(colours.text)
    ax.yaxis.label.set_color(colours.text)
    ax.title.set_color(colours.text)


def thousands(value: float, _pos: object = None) -> str:
    """A tick label in whole units with thousands separators: 1,500."""
    return f"{value:,.0f}"
