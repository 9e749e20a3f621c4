"""``imgcost plan``: the cheapest model for each stage, and what mixing saves."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import Any

from ..core.compare import cheapest_plan
from ..core.estimate import UnknownModel, estimate
from .common import UsageError, add_as_of, catalog, money, scenario_file, the_day


def cmd_plan(args: argparse.Namespace) -> int:
    cat = catalog(args)
    scenario = scenario_file(args.scenario)
    models = args.model or scenario.models or None
    try:
        results = estimate(scenario, cat, models, as_of=the_day(args, scenario.plan_from))
    except UnknownModel as e:
        raise UsageError(str(e)) from None
    plan = cheapest_plan(results, cat)
    data = plan.to_dict()
    if args.format == "json":
        json.dump(data, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if args.format == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["stage", "model", "total_usd"])
        for p in plan.stages:
            w.writerow([p.stage, p.model or "", p.total_usd if p.total_usd is not None else ""])
        w.writerow(["total", "", data["total_usd"] if plan.total_usd is not None else ""])
        sys.stdout.write(buf.getvalue())
        return 0
    _print_table(plan, scenario.period)
    return 0


def _print_table(plan: Any, period: str) -> None:
    width = max((len(p.stage) for p in plan.stages), default=5)
    print(f"Cheapest model for each stage, per {period}:")
    for p in plan.stages:
        who = p.model or f"none ({p.why_none})"
        print(f"  {p.stage.ljust(width)}  {money(p.total_usd).rjust(10)}  {who}")
    print(f"  {'Total'.ljust(width)}  {money(plan.total_usd).rjust(10)}")
    best = plan.best_single
    if best is not None:
        line = f"Best single model: {best.model} at {money(best.total_usd)}"
        if plan.saving_usd is not None:
            line += f"; mixing saves {money(plan.saving_usd)}"
        print(line)


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "plan", help="the cheapest model for each stage of a scenario, and what it saves"
    )
    p.add_argument("scenario", help="a saved scenario (*.imgcost, or *.imgcost.json)")
    p.add_argument("--model", action="append", help="compare only these model ids (repeat)")
    add_as_of(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(func=cmd_plan)
