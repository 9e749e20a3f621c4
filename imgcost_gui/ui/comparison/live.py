"""The comparison kept live: after each edit the table shows new numbers on the
next turn of the event loop, and the charts follow, at most once per interval.

One ``Workspace`` lives as long as the window, and with it one ``EstimateMemo``:
an edit re-prices only the (model, stage) pairs it changed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from imgcost_gui.core import PriceCatalog, UnknownModel
from imgcost_gui.ui.scenario import ScenarioDocument
from imgcost_gui.workspace import ChartInputs, Workspace

from .comparison_panel import ComparisonPanel
from .model_picker import compared_ids

#: Typing stays live: recompute at most once per event-loop turn (ms).
RECOMPUTE_DELAY_MS = 0
#: Charts redraw at most this often while edits keep coming (a redraw takes 25-55 ms).
CHART_INTERVAL_MS = 50


class LiveComparison(QObject):
    """Prices the scenario against the catalog, shows the rows, and feeds the charts."""

    #: The table holds the new rows (the charts may follow later).
    computed = Signal()

    def __init__(
        self,
        doc: ScenarioDocument,
        catalog: Callable[[], PriceCatalog],
        stage: Callable[[], int],
        panel: ComparisonPanel,
        draw_charts: Callable[[ChartInputs], None],
        report: Callable[[str], None],
        parent: QObject | None = None,
        *,
        shipped: Callable[[], PriceCatalog | None] | None = None,
    ):
        super().__init__(parent)
        self.doc = doc
        self._catalog = catalog
        self._stage = stage
        self.panel = panel
        self.draw_charts = draw_charts
        self.report = report
        #: The catalog below the user's own prices (the table names the shipped price
        #: beside one the user changed); None: not known.
        self._shipped = shipped
        self.workspace = Workspace(doc.scenario, catalog())

        self.recompute_timer = QTimer(self)
        self.recompute_timer.setSingleShot(True)
        self.recompute_timer.setInterval(RECOMPUTE_DELAY_MS)
        self.recompute_timer.timeout.connect(self.recompute)
        self.chart_timer = QTimer(self)
        self.chart_timer.setSingleShot(True)
        self.chart_timer.timeout.connect(self.flush_charts)
        self._charts_flushed_at = 0.0
        self._charted: tuple[object, ...] | None = None
        self._chart_inputs: ChartInputs | None = None

    def schedule(self) -> None:
        """Recompute on the next turn of the event loop (edits in one turn share it)."""
        self.recompute_timer.start()

    def recompute(self) -> None:
        """Ask the workspace for the comparison and pass it to the table and the charts."""
        self.recompute_timer.stop()
        ws = self.workspace
        catalog = self._catalog()
        scenario = self.doc.scenario
        ids = compared_ids(self.doc, catalog) or None
        missing = [m for m in scenario.models if m not in catalog.by_id]
        if missing:
            self.report(f"Not in the catalog, left out: {', '.join(missing)}")
        ws.set_scenario(scenario)
        ws.set_catalog(catalog)
        ws.set_models(ids)
        ws.select_stage(self._stage())
        try:
            rows = ws.rows
        except UnknownModel as e:  # the catalog changed under the picker
            self.report(str(e))
            return
        self.panel.show_rows(rows, catalog, self._shipped() if self._shipped else None)
        self.computed.emit()
        self._chart_inputs = ws.charts
        # Throttle, not debounce: a lone edit redraws on the next turn of the event
        # loop; edits that come faster than the charts can draw share one redraw.
        since = (time.monotonic() - self._charts_flushed_at) * 1000
        if not self.chart_timer.isActive():
            self.chart_timer.start(max(0, int(CHART_INTERVAL_MS - since)))

    def flush_charts(self) -> None:
        """Give the charts the latest comparison now (the chart timer does this on its own)."""
        self.chart_timer.stop()
        if self.recompute_timer.isActive():
            self.recompute()  # never draw the last numbers for a scenario that has moved on
            self.chart_timer.stop()
        self._charts_flushed_at = time.monotonic()
        if self._chart_inputs is not None:
            inputs, self._chart_inputs = self._chart_inputs, None
            # A recompute that changed nothing (a refresh, a re-selection) must not
            # cost a redraw: compare what the charts would show with what they show.
            picture = (
                inputs.scenario.model_dump_json(),
                inputs.catalog,  # held, so a new catalog cannot take its id
                inputs.model_ids,
                inputs.rows,
                inputs.stage_index,
            )
            if picture == self._charted:
                return
            self._charted = picture
            self.draw_charts(inputs)
