"""A place for the charts that shows at once and loads matplotlib later.

Importing matplotlib costs a noticeable part of start-up, so the window shows
first and ``ChartsHost.load()`` runs from the event loop afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget

from imgcost_gui.ui.common import load_matplotlib
from imgcost_gui.workspace.charts import ChartInputs

if TYPE_CHECKING:
    from .tabs import ChartTabs


class ChartsHost(QStackedWidget):
    #: A chart drew the comparison (the first time: the charts are up).
    drawn = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        placeholder = QLabel("Loading charts…")
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setEnabled(False)
        self.addWidget(placeholder)
        self.setMinimumHeight(290)  # the tabs, a canvas of 200 px or more and the note under it
        self.tabs: ChartTabs | None = None
        self._inputs: ChartInputs | None = None

    @property
    def loaded(self) -> bool:
        return self.tabs is not None

    def load(self) -> None:
        if self.tabs is not None:
            return
        load_matplotlib()  # first, and the quick way
        from .tabs import ChartTabs

        self.tabs = ChartTabs()
        self.tabs.drawn.connect(self.drawn)
        self.addWidget(self.tabs)
        self.setCurrentWidget(self.tabs)
        if self._inputs is not None:
            self.tabs.set_inputs(self._inputs)

    def set_inputs(self, inputs: ChartInputs) -> None:
        self._inputs = inputs
        if self.tabs is not None:
            self.tabs.set_inputs(inputs)
