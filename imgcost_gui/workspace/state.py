"""The state of one open window, without Qt: the scenario, the effective catalog,
the models compared and the selected stage, and what follows from them.

Widgets edit it through its setters and listen through one plain callable
(``on_change``); the comparison rows and the charts' data are worked out from it
on first ask after each change. The ``EstimateMemo`` lives as long as the
workspace, so an edit re-prices only the (model, stage) pairs it changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from imgcost_gui.core import PriceCatalog, Scenario
from imgcost_gui.core.memo import EstimateMemo

from .charts import ChartInputs
from .comparison import ComparisonRow, compare, summary_text

#: What the workspace tells its listener: which part changed.
Change = Literal["scenario", "catalog", "models", "stage"]


class Workspace:
    """Scenario, catalog, models and selection; the comparison and charts they give."""

    def __init__(
        self,
        scenario: Scenario,
        catalog: PriceCatalog,
        model_ids: list[str] | None = None,
        *,
        on_change: Callable[[Change], None] | None = None,
    ) -> None:
        self._scenario = scenario
        self._catalog = catalog
        self._model_ids = model_ids
        self._stage_index = 0
        self.memo = EstimateMemo()
        #: Called after every change, with what changed.
        self.on_change = on_change
        self._rows: list[ComparisonRow] | None = None
        self._charts: ChartInputs | None = None

    # --- what the user set ------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self._scenario

    def set_scenario(self, scenario: Scenario) -> None:
        """A new (or edited) scenario: the comparison is priced again on next ask."""
        self._scenario = scenario
        self._changed("scenario")

    @property
    def catalog(self) -> PriceCatalog:
        return self._catalog

    def set_catalog(self, catalog: PriceCatalog) -> None:
        """The effective catalog (shipped prices and the user's own)."""
        self._catalog = catalog
        self._changed("catalog")

    @property
    def model_ids(self) -> list[str] | None:
        """The models compared; None: every model available on the plan day."""
        return self._model_ids

    def set_models(self, model_ids: list[str] | None) -> None:
        self._model_ids = model_ids or None
        self._changed("models")

    @property
    def stage_index(self) -> int:
        return self._stage_index

    def select_stage(self, index: int) -> None:
        """The stage the size x quality chart shows; the table does not change."""
        if index == self._stage_index:
            return
        self._stage_index = index
        self._charts = None
        self._notify("stage")

    # --- what follows -----------------------------------------------------------------

    @property
    def rows(self) -> list[ComparisonRow]:
        """Every compared model's row, in the order the models were named."""
        if self._rows is None:
            self._rows = compare(self._scenario, self._catalog, self._model_ids, memo=self.memo)
        return self._rows

    @property
    def summary(self) -> str:
        return summary_text(self.rows, self._scenario)

    @property
    def charts(self) -> ChartInputs:
        """What every chart draws from: the same estimates as the table."""
        if self._charts is None:
            self._charts = ChartInputs(
                self._scenario,
                self._catalog,
                self._model_ids,
                self.rows,
                self._stage_index,
            )
        return self._charts

    def _changed(self, what: Change) -> None:
        self._rows = None
        self._charts = None
        self._notify(what)

    def _notify(self, what: Change) -> None:
        if self.on_change is not None:
            self.on_change(what)
