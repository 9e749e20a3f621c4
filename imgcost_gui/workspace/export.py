"""What copy and CSV export write: the comparison's columns with raw numbers, the
model id beside the name, the low and high ends of a range, the time in seconds
and each stage's cost, derived from the columns in ``columns``."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Literal

from . import text
from .columns import (
    BUDGET,
    COLUMNS,
    MODEL,
    MODEL_ID,
    TIME,
    TOTAL,
    Column,
    Exported,
    _or_last,
)
from .comparison import ComparisonRow

#: What copy and CSV export write: every column ("vs cheapest" too, when the budget
#: hides it for room), the model id beside the name.
EXPORTED: tuple[Column, ...] = (MODEL, MODEL_ID, *COLUMNS[1:8])


def _range_end(end: Literal["low", "high"]) -> Column:
    def value(row: ComparisonRow) -> Exported:
        e = row.estimate
        bound = e.low_usd if end == "low" else e.high_usd
        return bound if bound is not None else e.total_usd

    return Column(
        f"total_{end}",
        f"Per {{period}} {end}",
        f"The {end} end of the range 'auto' quality makes.",
        display=lambda r: text.usd(value(r)),  # type: ignore[arg-type]
        sort=lambda r: _or_last(value(r)),  # type: ignore[arg-type]
        export=value,
        usd=True,
        figure=True,
    )


TOTAL_LOW, TOTAL_HIGH = _range_end("low"), _range_end("high")
#: Time, exported in seconds.
TIME_EXPORT = Column(
    "time",
    "Time (s)",
    TIME.tip,
    display=TIME.display,
    sort=TIME.sort,
    export=TIME.export,
    figure=True,
)


def stage_column(i: int, name: str) -> Column:
    """Stage ``i``'s cost per period, exported beside the total ("Drafts (USD)")."""

    def value(row: ComparisonRow) -> Exported:
        stages = row.estimate.stages
        return stages[i].total_usd if i < len(stages) else None

    return Column(
        f"stage_{i}",
        name.replace("{", "{{").replace("}", "}}"),
        f"What stage {name} costs per period.",
        display=lambda r: text.usd(value(r)),  # type: ignore[arg-type]
        sort=lambda r: _or_last(value(r)),  # type: ignore[arg-type]
        export=value,
        usd=True,
        figure=True,
    )


def exported_columns(has_budget: bool, rows: Sequence[ComparisonRow] = ()) -> list[Column]:
    """The exported columns; the budget's only when there is a budget. With ``rows``,
    what they call for: the low and high ends when a cost is a range, the time when
    the scenario says its tier, and each stage's cost when there is more than one."""
    out = [c for c in EXPORTED if c is not BUDGET or has_budget]
    after_total = out.index(TOTAL) + 1
    extra: list[Column] = []
    if any(r.ranged for r in rows):
        extra += [TOTAL_LOW, TOTAL_HIGH]
    if any(r.estimate.durations for r in rows):
        extra.append(TIME_EXPORT)
    out[after_total:after_total] = extra
    stages = rows[0].estimate.stages if rows else ()
    if len(stages) > 1:
        out += [stage_column(i, s.stage) for i, s in enumerate(stages)]
    return out


def export_value(value: Exported) -> str | int:
    """A raw number a spreadsheet reads: dollars to six decimals at most, no '$'."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return value


def table_text(
    rows: Sequence[ComparisonRow], period: str, has_budget: bool, delimiter: str = ","
) -> str:
    """The rows (in the order given) as delimited text with raw numbers, titles first."""
    columns = exported_columns(has_budget, rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow([c.export_heading(period) for c in columns])
    for row in rows:
        writer.writerow([export_value(c.value_of(row)) for c in columns])
    return buffer.getvalue()
