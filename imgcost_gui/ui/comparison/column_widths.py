"""How wide each column of the comparison is: the short ones as wide as their header
or their widest text, Notes a fixed share (the strip under the table has them in
full), and the model's name whatever is left, never less than a typical name and,
in a wide window, no more than the longest (Notes then has the rest).

Worked out when the models, the headers or the table's width change, not on every
edit: columns do not jump while the user types (a figure's column keeps room for a
typical figure, ``Column.sample``), and what is elided has its full text in the
tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QTableView

from imgcost_gui.workspace.columns import COLUMNS

from .comparison_model import (
    COL_MODEL,
    COL_PER_IMAGE,
    COL_VS_BASELINE,
    COL_WARNINGS,
    ComparisonModel,
)
from .comparison_table import ARROW_W, MARK_W

#: Notes: a few words each.
NOTES_WIDTH = 120
#: The name the model's column keeps room for, when the figures leave too little.
TYPICAL_NAME = "GPT Image 2.5 Sunburst"
#: Cell margins, and the sort arrow beside a header's title (px).
MARGIN, ARROW = 14, 18
#: What gives way when the window is narrow, in turn: vs baseline shows its amount
#: without the percentage, the cost of an image its central value (≈) without the
#: range (``Column.short``; the tooltips keep the whole). Nothing is cut.
GIVES_WAY = (COL_VS_BASELINE, COL_PER_IMAGE)


def column_widths(
    table: QTableView, model: ComparisonModel
) -> tuple[dict[int, int], frozenset[int]]:
    """The width of each column but the model's, which stretches (it has a width
    only where it would be squeezed under half a typical name), and the columns
    that show their short text to leave the model's name its room."""
    fm = table.fontMetrics()
    bold = QFont(table.font())
    bold.setBold(True)
    header = QFontMetrics(bold)
    rows = [r for r in model.rows if r.estimate.available]

    def fit(col: int, texts: set[str], short: bool = False) -> int:
        column = COLUMNS[col]
        content = max((fm.horizontalAdvance(t) for t in texts), default=0)
        if column.figure:
            sample = column.short_sample if short else column.sample
            content = max(content, fm.horizontalAdvance(sample))
        else:  # a name: the sample is as wide as it gets; longer ones are elided
            content = min(content, fm.horizontalAdvance(column.sample))
        lines = str(model.headerData(col, Qt.Orientation.Horizontal)).split("\n")
        title = max(header.horizontalAdvance(line) for line in lines) + ARROW
        return max(title, content + MARGIN)

    widths = {
        col: fit(col, {column.text_of(r) for r in rows})
        for col, column in enumerate(COLUMNS)
        if col not in (COL_MODEL, COL_WARNINGS)
    }
    widths[COL_WARNINGS] = NOTES_WIDTH
    name = name_room(table)
    narrow: set[int] = set()
    for col in GIVES_WAY:
        if left_for_name(table, widths) >= name:
            break
        if not table.isColumnHidden(col):
            widths[col] = fit(col, {COLUMNS[col].short_of(r) for r in rows}, short=True)
            narrow.add(col)
    # A wide window: the longest name in full, and Notes the rest.
    longest = max((header.horizontalAdvance(r.estimate.name) for r in model.rows), default=0)
    spare = left_for_name(table, widths)
    widths[COL_WARNINGS] += max(0, spare - (longest + ARROW_W + MARK_W + MARGIN))
    if spare < name // 2:
        # A window too narrow (under about 1100 px): rather than the name shrinking to
        # a few letters, it keeps a typical name's room and the figures scroll.
        widths[COL_MODEL] = name
    return widths, frozenset(narrow)


def name_room(table: QTableView) -> int:
    """The width the model's column keeps at the least: a typical name, its marks."""
    return table.fontMetrics().horizontalAdvance(TYPICAL_NAME) + ARROW_W + MARK_W + MARGIN


def left_for_name(table: QTableView, widths: dict[int, int]) -> int:
    """What the shown columns of ``widths`` leave of the table's width for the name."""
    frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
    return table.width() - frame - sum(w for c, w in widths.items() if not table.isColumnHidden(c))
