"""``imgcost reconcile``: a scenario's plan against OpenAI's Usage and Costs exports."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

from ..core.estimate import UnknownModel
from ..core.reconcile import ReconcileProblem, Reconciliation, reconcile
from ..core.storage import FileProblem, load_scenario, one_line
from ..core.usage_exports import read_costs_export, read_usage_export
from ..workspace.reconciliation import reconciliation_rows
from .common import UsageError, catalog, date_arg, money

CSV_COLUMNS = (
    "model",
    "size",
    "planned_images",
    "actual_images",
    "images_drift_pct",
    "estimated_usd",
    "estimated_usd_at_actual",
    "billed_usd",
    "usd_drift_pct",
)


def cmd_reconcile(args: argparse.Namespace) -> int:
    cat = catalog(args)
    try:
        scenario, _ = load_scenario(Path(args.scenario))
        usage = read_usage_export(Path(args.usage))
        costs = read_costs_export(Path(args.costs)) if args.costs else None
    except FileProblem as e:
        raise UsageError(e.message) from None
    try:
        result = reconcile(scenario, cat, usage, costs, args.model, as_of=args.as_of)
    except (UnknownModel, ReconcileProblem) as e:
        raise UsageError(str(e)) from None
    if args.format == "json":
        json.dump(result.to_dict(), sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        sys.stdout.write(_csv(result))
    else:
        _print_table(result)
    if args.format != "table":
        for note in result.notes:
            print(f"imgcost: note: {one_line(note)}", file=sys.stderr)
    return 0


def _blank(value: float | None) -> Any:
    return "" if value is None else value


def _csv(r: Reconciliation) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for m in r.models:
        for s in m.sizes:
            w.writerow(
                [m.model, s.size or "all", s.planned_images, s.actual_images]
                + [_blank(v) for v in (s.images_drift_pct, s.estimated_usd)]
                + [_blank(s.estimated_usd_at_actual), "", ""]
            )
        w.writerow(
            [m.model, "total", m.planned_images, m.actual_images]
            + [_blank(v) for v in (m.images_drift_pct, m.estimated_usd, m.estimated_usd_at_actual)]
            + [_blank(m.billed_usd), _blank(m.usd_drift_pct)]
        )
    for item, usd in r.unattributed_usd.items():
        w.writerow(["", f"not attributed: {item}", "", "", "", "", "", usd, ""])
    return buf.getvalue()


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:+.1f}%"


def _print_table(r: Reconciliation) -> None:
    print(
        f"{r.start.date().isoformat()} to {r.end.date().isoformat()} ({r.span_days:g} days): "
        f"the plan per {r.period} scaled by {r.span_days:g}/{r.period_days} = {r.scale:.3f}, "
        f"priced as of {r.priced_on.isoformat()}"
    )
    head = (
        "model",
        "size",
        "planned",
        "actual",
        "drift",
        "estimated",
        "at actual",
        "billed",
        "drift",
    )
    rows = [
        cells
        for cells, _total in reconciliation_rows(r, name=lambda m: m.model, money=money, pct=_pct)
    ]
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        cells = (
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )
        print("  " + "  ".join(cells).rstrip())
    for item, usd in r.unattributed_usd.items():
        print(f"  not attributed to a model: {one_line(item)[:80]} {money(usd)}")
    for note in r.notes:
        print(f"Note: {one_line(note)}")


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "reconcile",
        help="a scenario's planned images and dollars against OpenAI's usage and costs exports",
    )
    p.add_argument("scenario", help="a saved scenario (*.imgcost, or *.imgcost.json)")
    p.add_argument("usage", help="an export of /v1/organization/usage/images (JSON)")
    p.add_argument("costs", nargs="?", help="an export of /v1/organization/costs (JSON)")
    p.add_argument("--model", action="append", help="reconcile only these model ids (repeat)")
    p.add_argument(
        "--as-of",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="the day prices are taken on (default: the usage export's first day)",
    )
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_reconcile)
