"""What the "Compare with what was billed" dialog's table and status line say: the
columns, a row per model and size then the model's total, drifts in per cent, and the
span the plan was scaled to (the words ``imgcost reconcile`` prints)."""

from __future__ import annotations

from imgcost_gui.core import Scenario
from imgcost_gui.core.reconcile import Reconciliation
from imgcost_gui.workspace.reconciliation import reconciliation_rows
from imgcost_gui.workspace.text import MINUS, usd

COLUMNS = (
    "Model",
    "Size",
    "Planned\nimages",
    "Actual\nimages",
    "Images\ndrift",
    "Estimated",
    "Estimated at\nactual volume",
    "Billed",
    "Dollars\ndrift",
)
COLUMN_TIPS = {
    2: "The images the plan bills (retries and billed failures too), scaled to the span",
    3: "Images the Usage API counted",
    4: "(actual − planned) / planned",
    5: "The plan's dollars, scaled to the span",
    6: "The images actually made, at the plan's cost per image of that size",
    7: "Dollars the Costs API billed for the model's line items",
    8: "(billed − estimated) / estimated",
}


def pct(value: float | None) -> str:
    """A drift: '+10.0%', '−2.5%', or '—' when there was no plan to drift from."""
    if value is None:
        return "—"
    sign = "+" if value > 0 else MINUS if value < 0 else ""
    return f"{sign}{abs(value):.1f}%"


def table_rows(result: Reconciliation) -> list[tuple[list[str], bool]]:
    """The table's cells, a row per model and size then the model's total (True)."""
    return [
        (list(cells), total)
        for cells, total in reconciliation_rows(result, name=lambda m: m.name, money=usd, pct=pct)
    ]


def span_text(r: Reconciliation, scenario: Scenario) -> str:
    days = f"{r.span_days:g} day{'s' if r.span_days != 1 else ''}"
    return (
        f"{r.start.date().isoformat()} to {r.end.date().isoformat()} ({days}): the plan of "
        f"“{scenario.name}” per {r.period}, scaled by {r.span_days:g}/{r.period_days} = "
        f"{r.scale:.3f}, priced as of {r.priced_on.isoformat()}."
    )
