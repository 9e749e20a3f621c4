"""The state of one open window without Qt: the workspace, the comparison rows
and their columns, and each chart's data. Imports only the core; the widgets in
``imgcost_gui.ui`` adapt it."""

from .cells import CellGrid, cheapest_cells
from .charts import ChartInputs, MeterBars, meter_bars
from .columns import COLUMNS, Column
from .comparison import ComparisonRow, compare, summary_text
from .export import table_text
from .state import Workspace
from .volume import BreakEven, VolumeCurves, volume_curves

__all__ = [
    "COLUMNS",
    "BreakEven",
    "CellGrid",
    "ChartInputs",
    "Column",
    "ComparisonRow",
    "MeterBars",
    "VolumeCurves",
    "Workspace",
    "cheapest_cells",
    "compare",
    "meter_bars",
    "summary_text",
    "table_text",
    "volume_curves",
]
