"""``imgcost``: the estimation core from a terminal.

Bad input exits with status 2 and one line on stderr that names the problem
and the fix; nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from pydantic import BaseModel

from .. import __version__
from ..core.catalog import PriceCatalog
from ..core.overrides import Overrides
from ..core.scenario import Scenario
from ..core.storage import one_line
from . import calibrate, catalog, estimate, plan, prices, reconcile
from .common import Parser, UsageError


def cmd_schema(args: argparse.Namespace) -> int:
    models: dict[str, type[BaseModel]] = {
        "scenario": Scenario,
        "catalog": PriceCatalog,
        "overrides": Overrides,
    }
    model = models[args.kind]
    json.dump(model.model_json_schema(by_alias=True), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="imgcost", description="Estimate what image generation will cost, model by model."
    )
    p.add_argument("--version", action="version", version=f"imgcost {__version__}")
    p.add_argument(
        "--shipped",
        action="store_true",
        help="ignore your price overrides; use the shipped catalog",
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=Parser)
    estimate.add_parser(sub)
    catalog.add_parser(sub)
    prices.add_parser(sub)
    plan.add_parser(sub)
    calibrate.add_parser(sub)
    reconcile.add_parser(sub)
    s = sub.add_parser("schema", help="print the JSON Schema of a file type")
    s.add_argument("kind", choices=["scenario", "catalog", "overrides"])
    s.set_defaults(func=cmd_schema)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except UsageError as e:
        print(f"imgcost: error: {one_line(str(e))}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
