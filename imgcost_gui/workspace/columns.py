"""Each comparison column, defined once: its title, header tip, what a cell shows,
how it sorts, what it exports, its alignment and its hover text.

The table model, the column widths and the CSV/clipboard export are all derived
from ``COLUMNS`` (and ``EXPORTED``, the same list with the model id beside the
name). A new column is one ``Column`` here; what a column is, and how it answers
for a row, is ``column.py``.
"""

from __future__ import annotations

import math

from . import text
from .column import Column as Column
from .column import Exported as Exported
from .column import Tone as Tone
from .comparison import ComparisonRow
from .lifecycle import shutdown_words
from .tips import (
    budget_tip,
    esc,
    model_tip,
    per_image_tip,
    time_tip,
    total_tip,
    why_not,
)

#: A word or two per kind of notice, for the narrow Notes column (the tooltip has the full text).
NOTE_WORDS = {
    "unsupported_size": "size not offered",
    "retired": "retired",
    "upcoming": "not out yet",
    "deprecated": "deprecated",
    "price_change": "price change in the period",
    "unsupported_quality": "quality not offered",
    "no_api": "no public API",
    "assumed_rule": "assumed token rule",
    "experimental_size": "experimental size",
    "no_edits": "cannot edit",
    "no_batch": "no batch discount",
    "no_references": "no reference image",
    "references_unpriced": "references not priced",
    "subscription_cap": "exceeds plans",
}


def short_name(name: str, provider: str) -> str:
    """The name without " on PROVIDER" where the Provider column beside it says so:
    "GPT Image 2.5 Flare on Azure OpenAI" reads "GPT Image 2.5 Flare" | "Azure OpenAI"
    (the tooltip and every export keep the whole name)."""
    suffix = f" on {provider}"
    return name[: -len(suffix)] if name.endswith(suffix) and len(name) > len(suffix) else name


# --- the cells ----------------------------------------------------------------------------

INF = math.inf


def _or_last(value: float | None) -> float:
    """A figure to sort on; none at all sorts last."""
    return INF if value is None else value


def _approx(row: ComparisonRow) -> str:
    return "≈ " if row.estimated else ""


def _per_image_display(row: ComparisonRow) -> str:
    e = row.estimate
    if row.ranged and e.low_usd is not None and e.high_usd is not None and e.images:
        return text.usd_range(e.low_usd / e.images, e.high_usd / e.images, per_image=True)
    if e.per_image_usd is None:
        return "—"
    return _approx(row) + text.usd_per_image(e.per_image_usd)


def _per_image_short(row: ComparisonRow) -> str:
    """Short of room, a range reads as its central value, approximately."""
    e = row.estimate
    if row.ranged and e.per_image_usd is not None:
        return "≈ " + text.usd_per_image(e.per_image_usd)
    return _per_image_display(row)


def _total_display(row: ComparisonRow) -> str:
    e = row.estimate
    if e.complete:
        if row.ranged and e.low_usd is not None and e.high_usd is not None:
            return text.usd_range(e.low_usd, e.high_usd)
        return _approx(row) + text.usd(e.total_usd)
    if e.partial_usd is not None:
        return f"{text.usd(e.partial_usd)} partial"
    return "cannot run it"


def _total_sort(row: ComparisonRow) -> float:
    """The central value (the price of the quality assumed for 'auto'); a partial
    total orders the models that cannot run every stage among themselves."""
    e = row.estimate
    total = e.total_usd  # worked out once by the core; None when a stage cannot run
    return total if total is not None else _or_last(e.partial_usd)


# --- how long the work takes (issue 12) ----------------------------------------------


def _time_display(row: ComparisonRow) -> str:
    return text.duration(row.estimate.duration_s)


def _stage_time(row: ComparisonRow, i: int) -> str:
    durations = row.estimate.durations
    return text.duration(durations[i].seconds) if i < len(durations) else "—"


# --- the cells of a stage's sub-row ---------------------------------------------------


def _stage_per_image(row: ComparisonRow, i: int) -> str:
    s = row.estimate.stages[i]
    if not s.supported:
        return ""
    if s.low_usd is not None and s.high_usd is not None and s.images and s.low_usd != s.high_usd:
        return text.usd_range(s.low_usd / s.images, s.high_usd / s.images, per_image=True)
    return text.usd_per_image(s.per_image_usd)


def _stage_per_image_short(row: ComparisonRow, i: int) -> str:
    s = row.estimate.stages[i]
    if s.low_usd is not None and s.high_usd is not None and s.low_usd != s.high_usd:
        return "≈ " + text.usd_per_image(s.per_image_usd)
    return _stage_per_image(row, i)


def _stage_total(row: ComparisonRow, i: int) -> str:
    s = row.estimate.stages[i]
    if not s.supported:
        return "cannot run"
    if s.low_usd is not None and s.high_usd is not None and s.low_usd != s.high_usd:
        return text.usd_range(s.low_usd, s.high_usd)
    return text.usd(s.total_usd)


def _stage_notes(row: ComparisonRow, i: int) -> str:
    reason = why_not(row.estimate.stages[i])
    if reason:
        return reason
    notices = [n for n in row.estimate.stages[i].notices if n.severity != "info"]
    return ", ".join(
        dict.fromkeys(NOTE_WORDS.get(n.code, n.code.replace("_", " ")) for n in notices)
    )


def _vs_baseline(row: ComparisonRow) -> str:
    if row.is_baseline:
        return "baseline"
    r = row.ranked
    return text.signed_usd(r.vs_baseline_usd) + text.signed_pct(r.vs_baseline_pct)


def _vs_baseline_tone(row: ComparisonRow) -> Tone | None:
    delta = row.ranked.vs_baseline_usd
    if delta is None or row.is_baseline or abs(delta) < 0.005:
        return None
    return "saving" if delta < 0 else "extra"


def _vs_cheapest(row: ComparisonRow) -> str:
    if row.ranked.position == 1:
        return "cheapest"
    return text.signed_usd(row.ranked.vs_cheapest_usd)


def _budget_display(row: ComparisonRow) -> str:
    """'1,240 images' the budget buys, or 'over by $12.40' for a plan that costs more."""
    if not row.has_budget:
        return ""
    if row.within_budget is None:
        return "unlimited" if row.estimate.complete else "—"
    total = row.estimate.total_usd
    if row.over_budget and total is not None and row.budget_usd is not None:
        return f"over by {text.usd(total - row.budget_usd)}"
    return text.count(row.within_budget, "images")


def _budget_sort(row: ComparisonRow) -> float:
    if not row.estimate.complete:
        return -1  # buys nothing: the model cannot run the scenario
    return INF if row.within_budget is None else row.within_budget  # None = unlimited


def _notes(row: ComparisonRow) -> str:
    e = row.estimate
    shown = [n for n in e.all_notices if n.severity != "info"]
    if not e.available:  # why it cannot run that day is all that matters
        shown = [n for n in shown if n.code in ("retired", "upcoming")] or shown
    shutdown = shutdown_words(e)
    words = dict.fromkeys(
        shutdown
        if n.code == "shuts_down" and shutdown
        else NOTE_WORDS.get(n.code, n.code.replace("_", " "))
        for n in shown
    )
    if not e.complete and e.available and e.partial_usd is not None:
        runs = [st.stage for st in e.stages if st.supported]
        words[f"runs only {', '.join(runs)}"] = None
    return ", ".join(words)


def _notes_hover(row: ComparisonRow) -> str | None:
    shown = esc(_notes(row))
    notes = [f"• {esc(n.message)}" for n in row.estimate.all_notices]
    return "<br>".join([shown, *notes]) if notes else shown or None


_SEVERITY_ORDER = {None: 0, "info": 1, "warning": 2, "error": 3}

MODEL = Column(
    "model",
    "Model",
    "The model and the name its vendor sells it under.",
    display=lambda r: (
        short_name(r.estimate.name, r.estimate.provider) + (" (baseline)" if r.is_baseline else "")
    ),
    sort=lambda r: r.estimate.name.lower(),
    export=lambda r: r.estimate.name,
    sample="GPT Image 2.5 Sunburst",
    hover=model_tip,
    stage=lambda r, i: r.estimate.stages[i].stage,
)
#: Exported beside the name: what a script matches on.
MODEL_ID = Column(
    "model_id",
    "Model id",
    "The model's id in the catalog.",
    display=lambda r: r.estimate.model,
    sort=lambda r: r.estimate.model,
    export=lambda r: r.estimate.model,
)
PROVIDER = Column(
    "provider",
    "Provider",
    "Who bills you: the vendor itself or a reseller.",
    display=lambda r: r.estimate.provider,
    sort=lambda r: r.estimate.provider.lower(),
    export=lambda r: r.estimate.provider,
    sample="Black Forest Labs",
    hover=lambda r: f"Billed by {r.estimate.provider}; model made by {r.estimate.vendor}",
    stage=lambda r, i: text.count(r.estimate.stages[i].images, "images"),
)
PER_IMAGE = Column(
    "per_image",
    "Per image",
    "Average cost of one kept image over the whole scenario, retries and failures included.",
    display=_per_image_display,
    short=_per_image_short,
    stage_short=_stage_per_image_short,
    short_sample="$0.0000",
    sort=lambda r: _or_last(r.estimate.per_image_usd),
    export=lambda r: r.estimate.per_image_usd,
    align="right",
    sample="$0.0000",
    hover=per_image_tip,
    usd=True,
    figure=True,
    stage=_stage_per_image,
)
TOTAL = Column(
    "total",
    "Per {period}",
    "What the whole scenario costs over its period: a range when 'auto' quality lets the "
    "model decide, '≈' when a figure rests on an assumption. Hover a cell for each meter.",
    display=_total_display,
    sort=_total_sort,
    export=lambda r: r.estimate.total_usd,
    align="right",
    sample="$1,234.56",
    hover=total_tip,
    usd=True,
    figure=True,
    stage=_stage_total,
)
TIME = Column(
    "time",
    "Time",
    "How long the period's work takes at your usage tier, stage after stage: the binding "
    "rate limit and each request's latency. Hover for what limits it.",
    display=_time_display,
    sort=lambda r: _or_last(r.estimate.duration_s),
    export=lambda r: r.estimate.duration_s,
    align="right",
    sample="—",
    hover=time_tip,
    figure=True,
    stage=_stage_time,
)
VS_BASELINE = Column(
    "vs_baseline",
    "vs baseline",
    "This model's cost minus the baseline's (negative = you save).",
    display=_vs_baseline,
    short=lambda r: "baseline" if r.is_baseline else text.signed_usd(r.ranked.vs_baseline_usd),
    short_sample="−$123.45",
    sort=lambda r: _or_last(r.ranked.vs_baseline_usd),
    export=lambda r: r.ranked.vs_baseline_usd,
    align="right",
    sample="−$123.45 (−12%)",
    hover=_vs_baseline,  # in full, should the column be narrow
    tone=_vs_baseline_tone,
    usd=True,
    figure=True,
)
VS_CHEAPEST = Column(
    "vs_cheapest",
    "vs cheapest",
    "How much more this model costs than the cheapest one that can run the scenario.",
    display=_vs_cheapest,
    sort=lambda r: _or_last(r.ranked.vs_cheapest_usd),
    export=lambda r: r.ranked.vs_cheapest_usd,
    align="right",
    sample="+$123.45",
    hover=_vs_cheapest,
    usd=True,
    figure=True,
)
BUDGET = Column(
    "budget",
    "In budget",
    "How many images (in this scenario's mix) the budget buys on this model, or by how "
    "much the plan goes over it.",
    display=_budget_display,
    sort=_budget_sort,
    export=lambda r: r.within_budget if r.has_budget else None,
    align="right",
    sample="over by $123.45",
    hover=budget_tip,
    tone=lambda r: "extra" if r.over_budget else None,
    figure=True,
    table_title="Within {budget} budget",
)
NOTES = Column(
    "notes",
    "Notes",
    "Warnings and notes about the estimate. Hover for all of them.",
    display=_notes,
    sort=lambda r: _SEVERITY_ORDER[r.estimate.worst_severity],
    export=lambda r: "; ".join(n.message for n in r.estimate.all_notices if n.severity != "info"),
    hover=_notes_hover,
    stage=_stage_notes,
)

#: The table's columns. Their numbers (``COL_*``) stay as they were before Time came;
#: the table shows Time beside the cost (``SHOWN``).
COLUMNS: tuple[Column, ...] = (
    MODEL,
    PROVIDER,
    PER_IMAGE,
    TOTAL,
    VS_BASELINE,
    VS_CHEAPEST,
    BUDGET,
    NOTES,
    TIME,
)
(
    COL_MODEL,
    COL_PROVIDER,
    COL_PER_IMAGE,
    COL_TOTAL,
    COL_VS_BASELINE,
    COL_VS_CHEAPEST,
    COL_BUDGET,
    COL_WARNINGS,
    COL_TIME,
) = range(len(COLUMNS))
COLUMN_COUNT = len(COLUMNS)
#: The order the table shows its columns in (column numbers, left to right).
SHOWN: tuple[int, ...] = (
    COL_MODEL,
    COL_PROVIDER,
    COL_PER_IMAGE,
    COL_TOTAL,
    COL_TIME,
    COL_VS_BASELINE,
    COL_VS_CHEAPEST,
    COL_BUDGET,
    COL_WARNINGS,
)
#: The figures a row not available on the day has instead one line saying why:
#: (first column, columns spanned, counted as ``SHOWN`` lays them out).
UNAVAILABLE_SPAN = (COL_PER_IMAGE, COL_WARNINGS - COL_PER_IMAGE)
