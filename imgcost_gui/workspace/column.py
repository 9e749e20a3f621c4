"""What one comparison column is, and how it answers for a row: its heading, and
each cell's text, sort key, exported value, hover and tone, worked out once per row.

The columns themselves are ``columns.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from . import text
from .comparison import ComparisonRow
from .lifecycle import unavailable_text
from .tips import esc

#: A cell's unformatted value: what a spreadsheet gets.
Exported = str | float | int | None
#: What colour a cell's text carries, in words: the UI picks the shade.
Tone = Literal["muted", "saving", "extra"]

_WHAT = Literal["display", "short", "sort", "export", "hover", "tone"]


def _none(_row: ComparisonRow) -> None:
    return None


@dataclass(frozen=True)
class Column:
    """One column of the comparison, from its header to its exported value."""

    key: str
    #: The header; ``{period}`` reads as the scenario's period ("Per month").
    title: str
    #: The header's tooltip.
    tip: str
    display: Callable[[ComparisonRow], str]
    sort: Callable[[ComparisonRow], float | str | int]
    export: Callable[[ComparisonRow], Exported]
    align: Literal["left", "right"] = "left"
    #: The widest text it usually shows (the table sizes the column to it).
    sample: str = ""
    hover: Callable[[ComparisonRow], str | None] = _none
    tone: Callable[[ComparisonRow], Tone | None] = _none
    #: Its exported values are US dollars (the export's title says so).
    usd: bool = False
    #: A figure: a model not available on the day has none (one line says why instead).
    figure: bool = False
    #: What the cell of a stage's sub-row reads (the model's row expanded to its stages).
    stage: Callable[[ComparisonRow, int], str] = lambda _row, _i: ""
    #: A shorter text for a narrow table (the tooltip keeps the whole); None: the same.
    short: Callable[[ComparisonRow], str] | None = None
    #: The same for a stage's line, and the widest short text usually shown.
    stage_short: Callable[[ComparisonRow, int], str] | None = None
    short_sample: str = ""
    #: The header in the table, when it says more than the exported title;
    #: ``{budget}`` reads as the scenario's budget ("$150").
    table_title: str | None = None

    def heading(self, period: str) -> str:
        """The exported title (and the table's, unless ``table_title`` says more)."""
        return self.title.format(period=text.PERIOD_WORDS[period])

    def table_heading(self, period: str, budget: float | None = None) -> str:
        """The header the table shows, on two lines when it is two words or more (the
        columns stay as narrow as their figures)."""
        title = self.heading(period)
        if self.table_title is not None and budget is not None:
            title = self.table_title.format(
                period=text.PERIOD_WORDS[period],
                budget=f"${budget:,.0f}" if budget == int(budget) else text.usd(budget),
            )
        first, _, rest = title.rpartition(" ")
        return f"{first}\n{rest}" if first and self.align == "right" else title

    def export_heading(self, period: str) -> str:
        return self.heading(period) + (" (USD)" if self.usd else "")

    # --- one row's cell, each answer worked out once ---------------------------------

    def _answer(self, row: ComparisonRow, what: _WHAT, work: Callable[[], object]) -> object:
        # Most asks are the first for a new row (every edit makes new rows): a miss
        # costs a lookup, not a raised KeyError.
        answers = row.answers
        key = (self.key, what)
        value = answers.get(key, _UNKNOWN)
        if value is _UNKNOWN:
            value = answers[key] = work()
        return value

    def text_of(self, row: ComparisonRow) -> str:
        def work() -> str:
            if self.figure and not row.estimate.available:
                # Listed apart: what it would have cost does not matter on a day it cannot run.
                return (
                    f"{unavailable_text(row.estimate)} · not ranked"
                    if self.key == "per_image"
                    else ""
                )
            return self.display(row)

        return str(self._answer(row, "display", work))

    def short_of(self, row: ComparisonRow) -> str:
        """The cell's text where the table is short of room (``short``)."""
        if self.short is None or (self.figure and not row.estimate.available):
            return self.text_of(row)
        return str(self._answer(row, "short", lambda: self.short(row)))  # type: ignore[misc]

    def sort_of(self, row: ComparisonRow) -> float | str | int:
        value = self._answer(row, "sort", lambda: self.sort(row))
        assert isinstance(value, float | str | int)
        return value

    def value_of(self, row: ComparisonRow) -> Exported:
        def work() -> Exported:
            if self.figure and not row.estimate.available:
                return None  # no figure for a day the model cannot run; Notes says why
            return self.export(row)

        value = self._answer(row, "export", work)
        assert value is None or isinstance(value, str | float | int)
        return value

    def hover_of(self, row: ComparisonRow) -> str | None:
        def work() -> str | None:
            e = row.estimate
            if not e.available and self.key != "notes":
                return "<br>".join(
                    [f"<b>{esc(e.name)}</b> is {esc(unavailable_text(e))}: "
                     "it is listed apart and not ranked."]
                    + [f"• {esc(n.message)}" for n in e.all_notices]
                )  # fmt: skip
            return self.hover(row)

        value = self._answer(row, "hover", work)
        return value if isinstance(value, str) else None

    def tone_of(self, row: ComparisonRow) -> Tone | None:
        """Greyed for a model that cannot run the scenario (or not that day), else the column's."""
        if not row.estimate.complete or not row.estimate.available:
            return "muted"
        return self.tone(row)

    def aligned_right(self, row: ComparisonRow | None = None) -> bool:
        """Figures to the right; the one line a model not available gets reads from the left."""
        if self.align != "right":
            return False
        return row is None or row.estimate.available


#: An answer not worked out yet (None is an answer).
_UNKNOWN = object()
