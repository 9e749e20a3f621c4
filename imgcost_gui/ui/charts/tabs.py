"""The comparison charts (imports matplotlib: load it after the window is shown)."""

from __future__ import annotations

from functools import partial

from matplotlib.backend_bases import DrawEvent
from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTabWidget, QToolButton, QWidget

from .base import ChartInputs, ChartStyle, ChartView
from .cells import CheapestCellChart
from .cost_time import CostTimeChart
from .meters import MeterChart
from .volume import VolumeChart

__all__ = [
    "ChartInputs",
    "ChartTabs",
    "ChartView",
    "CheapestCellChart",
    "CostTimeChart",
    "MeterChart",
    "VolumeChart",
]


#: The chart shown last, by its title (kept between sessions).
CURRENT_KEY = "charts/current"


class ChartTabs(QTabWidget):
    """The charts; only the visible one redraws, the others catch up when shown.
    The tab chosen is kept for the next start."""

    #: A chart drew its data (start-up times, tests).
    drawn = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDocumentMode(True)
        self.meters = MeterChart()
        self.cells = CheapestCellChart()
        self.volume = VolumeChart()
        self.cost_time = CostTimeChart()
        self.charts: list[ChartView] = [self.meters, self.cells, self.volume, self.cost_time]
        for chart in self.charts:
            i = self.addTab(chart, chart.title)
            self.setTabToolTip(i, chart.explanation)
            chart.canvas.mpl_connect("draw_event", partial(self._drawn, chart))
        export = QToolButton()
        export.setText("Export chart…")
        export.setToolTip("Save the chart shown as PNG, SVG or PDF (with the words under it)")
        export.clicked.connect(lambda: self.charts[self.currentIndex()].export_dialog())
        self.export_button = export
        self.setCornerWidget(export, Qt.Corner.TopRightCorner)
        self._stale: set[int] = set()
        self._framed = False
        self._inputs: ChartInputs | None = None
        last = QSettings().value(CURRENT_KEY, "")
        titles = [chart.title for chart in self.charts]
        if last in titles:
            self.setCurrentIndex(titles.index(str(last)))
        self.currentChanged.connect(self._catch_up)
        self.currentChanged.connect(self._remember)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._scheme_changed)

    def set_inputs(self, inputs: ChartInputs) -> None:
        self._inputs = inputs
        self._stale = set(range(len(self.charts)))
        self._catch_up(self.currentIndex())

    def update_all(self) -> None:
        """Bring every chart up to date now (screenshots, tests)."""
        for i in list(self._stale):
            self._catch_up(i)

    def _catch_up(self, index: int) -> None:
        if self._inputs is None or index not in self._stale:
            return
        self._stale.discard(index)
        self.charts[index].set_inputs(self._inputs)

    def _remember(self, index: int) -> None:
        QSettings().setValue(CURRENT_KEY, self.charts[index].title)

    def _drawn(self, chart: ChartView, _event: DrawEvent) -> None:
        if chart.inputs is not None:
            if not self._framed:
                self._framed = True
                # The charts on hidden tabs were made without a draw, so the first one
                # shown came sooner; their first (empty) draw, which settles their
                # margins, follows it.
                for other in self.charts:
                    if other is not chart and other.inputs is None:
                        other.redraw()
            self.drawn.emit()

    def _scheme_changed(self, _scheme: object) -> None:
        self.restyle()

    def restyle(self) -> None:
        style = ChartStyle.from_palette()
        for chart in self.charts:
            chart.apply_style(style)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.PaletteChange:
            self.restyle()
        return super().event(e)
