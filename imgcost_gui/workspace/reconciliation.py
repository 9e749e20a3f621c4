"""The rows of a plan compared with what was billed: one per model and size, then
the model's total. The dialog's table and ``imgcost reconcile`` both print them,
each with its own words for money, drifts and the model."""

from __future__ import annotations

from collections.abc import Callable

from imgcost_gui.core.reconcile import ModelReconciliation, Reconciliation

#: A row's cells, and whether it is a model's total.
Row = tuple[tuple[str, ...], bool]


def reconciliation_rows(
    r: Reconciliation,
    *,
    name: Callable[[ModelReconciliation], str],
    money: Callable[[float | None], str],
    pct: Callable[[float | None], str],
) -> list[Row]:
    """Model, size, planned and actual images, images drift, estimated, estimated at
    the actual volume, billed and dollars drift (the last two on the totals only)."""
    rows: list[Row] = []
    for m in r.models:
        for s in m.sizes:
            cells = (
                name(m),
                s.size or "all sizes",
                f"{s.planned_images:,.0f}",
                f"{s.actual_images:,}",
                pct(s.images_drift_pct),
                money(s.estimated_usd),
                money(s.estimated_usd_at_actual),
                "",
                "",
            )
            rows.append((cells, False))
        billed = money(m.billed_usd) if m.billed_usd is not None else "no costs file"
        total = (
            name(m),
            "total",
            f"{m.planned_images:,.0f}",
            f"{m.actual_images:,}",
            pct(m.images_drift_pct),
            money(m.estimated_usd),
            money(m.estimated_usd_at_actual),
            billed,
            pct(m.usd_drift_pct),
        )
        rows.append((total, True))
    return rows
