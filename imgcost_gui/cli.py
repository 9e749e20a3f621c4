"""``imgcost``: the estimation core from a terminal.

Bad input exits with status 2 and one line on stderr that names the problem
and the fix; nothing is written.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from pydantic import ValidationError

from . import __version__
from .core.catalog import ModelEntry, PriceCatalog
from .core.compare import rank
from .core.estimate import UnknownModel, estimate
from .core.overrides import Overrides, UserCatalog, load_shipped_catalog, price_fields
from .core.results import ModelEstimate
from .core.scenario import Scenario, Stage
from .core.sizes import Size
from .core.storage import FileProblem, describe_validation, load_scenario


class UsageError(Exception):
    """Input the user can fix; printed as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"imgcost: error: {message} (see 'imgcost --help')\n")


def _money(value: float | None) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "$0"
    if abs(value) < 0.1:
        return f"${value:,.4f}"
    return f"${value:,.2f}"


def _signed(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) < 5e-5:
        return "±0"
    return ("+" if value > 0 else "-") + _money(abs(value))


def _catalog(args: argparse.Namespace) -> PriceCatalog:
    shipped = load_shipped_catalog()
    if args.shipped:
        return shipped
    user = UserCatalog(shipped)
    for problem in user.problems:
        print(f"imgcost: warning: {problem}", file=sys.stderr)
    return user.catalog


#: Stage flags with a number: default, and the range a value must fall in.
NUMBER_FLAGS: dict[str, tuple[str, int, int, int | None]] = {
    "images": ("--images", 1000, 0, 10**12),
    "outputs": ("--outputs", 1, 1, 10),
    "prompt_tokens": ("--prompt-tokens", 50, 0, None),
    "references": ("--references", 0, 0, None),
}
#: Other stage flags and their defaults.
OTHER_FLAGS: dict[str, tuple[str, str]] = {
    "size": ("--size", "1024x1024"),
    "quality": ("--quality", "medium"),
    "mode": ("--mode", "generate"),
    "reference_size": ("--reference-size", "1024x1024"),
    "period": ("--period", "month"),
}


def _given_stage_flags(args: argparse.Namespace) -> list[str]:
    flags = [flag for key, (flag, *_) in NUMBER_FLAGS.items() if getattr(args, key) is not None]
    flags += [flag for key, (flag, _) in OTHER_FLAGS.items() if getattr(args, key) is not None]
    return flags + (["--batch"] if args.batch else [])


def _stage_from_flags(args: argparse.Namespace) -> Scenario:
    n: dict[str, int] = {}
    for key, (flag, default, low, high) in NUMBER_FLAGS.items():
        value = getattr(args, key)
        value = default if value is None else value
        if value < low or (high is not None and value > high):
            limit = f"from {low:,} to {high:,}" if high is not None else f"{low} or more"
            raise UsageError(f"{flag} must be {limit}, not {value:,}")
        n[key] = value
    text = {key: getattr(args, key) or default for key, (_flag, default) in OTHER_FLAGS.items()}
    try:
        size = Size.parse(text["size"])
    except ValueError as e:
        raise UsageError(f"--size: {e}") from None
    fields: dict[str, Any] = {
        "name": "Images",
        "requests": n["images"],
        "width": size.width,
        "height": size.height,
        "quality": text["quality"],
        "batch": args.batch,
        "mode": text["mode"],
        "prompt_tokens": n["prompt_tokens"],
        "outputs_per_request": n["outputs"],
    }
    if n["references"]:
        try:
            ref = Size.parse(text["reference_size"])
        except ValueError as e:
            raise UsageError(f"--reference-size: {e}") from None
        fields["references"] = {"count": n["references"], "width": ref.width, "height": ref.height}
    try:
        return Scenario(name="Command line", stages=[Stage(**fields)], period=text["period"])
    except ValidationError as e:
        raise UsageError(f"invalid value: {describe_validation(e)}") from None


def _check_sizes(results: list[ModelEstimate], explicit: bool) -> None:
    """Named models that cannot make the size are an input error, not a result."""
    if not explicit:
        return
    for r in results:
        for s in r.stages:
            if not s.supported:
                why = next(
                    (n.message for n in s.notices if n.code == "unsupported_size"),
                    "size not supported",
                )
                raise UsageError(f"{why}; choose another size or model")


def _rows(results: list[ModelEstimate], baseline: str | None) -> list[dict[str, Any]]:
    out = []
    for r in rank(results, baseline):
        e = r.estimate
        d = e.to_dict()
        d["rank"] = r.position
        d["vs_baseline_usd"] = r.vs_baseline_usd
        d["vs_cheapest_usd"] = r.vs_cheapest_usd
        out.append(d)
    return out


def _print_table(rows: list[dict[str, Any]], scenario: Scenario, baseline: str | None) -> None:
    header = ["Model", "Provider", "Per image", f"Per {scenario.period}", "vs cheapest"]
    if baseline:
        header.append(f"vs {baseline}")
    body: list[tuple[list[str], str]] = []
    for d in rows:
        per_period = _money(d["total_usd"])
        if d["low_usd"] is not None and d["high_usd"] is not None:
            per_period += f" ({_money(d['low_usd'])}–{_money(d['high_usd'])})"
        row = [d["model"], d["provider"], _money(d["per_image_usd"]), per_period]
        row.append(_signed(d["vs_cheapest_usd"]))
        if baseline:
            row.append("baseline" if d["model"] == baseline else _signed(d["vs_baseline_usd"]))
        body.append((row, "; ".join(d["warnings"])))
    lines = [(header, "Warnings"), *body]
    widths = [max(len(r[i]) for r, _ in lines) for i in range(len(header))]
    print(f"{scenario.name}: {scenario.images:,} images per {scenario.period}")
    for row, warnings in lines:
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join([*cells, warnings]).rstrip())


def _print_csv(rows: list[dict[str, Any]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "model",
            "provider",
            "images",
            "per_image_usd",
            "total_usd",
            "low_usd",
            "high_usd",
            "vs_baseline_usd",
            "vs_cheapest_usd",
            "output_tokens_per_image",
            "warnings",
        ]
    )
    for d in rows:
        w.writerow(
            [
                d["model"],
                d["provider"],
                d["images"],
                d["per_image_usd"],
                d["total_usd"],
                d["low_usd"],
                d["high_usd"],
                d["vs_baseline_usd"],
                d["vs_cheapest_usd"],
                d["output_tokens_per_image"],
                " | ".join(d["warnings"]),
            ]
        )
    sys.stdout.write(buf.getvalue())


def cmd_estimate(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    if args.scenario:
        given = _given_stage_flags(args)
        if given:
            raise UsageError(
                f"{given[0]} does not apply to a scenario file; change the stage in the file "
                "(or in the app) instead"
            )
        try:
            scenario, _ = load_scenario(Path(args.scenario))
        except FileProblem as e:
            raise UsageError(e.message) from None
        models = args.model or scenario.models or None
    else:
        scenario = _stage_from_flags(args)
        models = args.model or ["all"]
    explicit = models is not None and "all" not in models
    baseline = args.baseline or scenario.baseline
    try:
        results = estimate(scenario, catalog, models)
    except UnknownModel as e:
        raise UsageError(str(e)) from None
    if baseline is not None and all(r.model != baseline for r in results):
        if baseline not in catalog.by_id:
            raise UsageError(str(UnknownModel(baseline)))
        raise UsageError(
            f"the baseline {baseline} is not among the compared models; add --model {baseline}"
        )
    _check_sizes(results, explicit)
    rows = _rows(results, baseline)
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv":
        _print_csv(rows)
    else:
        _print_table(rows, scenario, baseline)
    return 0


def _entry_summary(m: ModelEntry) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "vendor": m.vendor,
        "provider": m.provider,
        "status": m.lifecycle.status,
        "scheme": m.pricing.scheme,
    }


def cmd_catalog(args: argparse.Namespace) -> int:
    catalog = _catalog(args)
    if args.action == "list":
        entries = catalog.models if args.all else catalog.active()
        if args.format == "json":
            json.dump([_entry_summary(m) for m in entries], sys.stdout, indent=2)
            sys.stdout.write("\n")
            return 0
        width = max(len(m.id) for m in entries)
        print(f"Catalog checked {catalog.checked.isoformat()}; {len(entries)} models")
        for m in entries:
            status = "" if m.lifecycle.status == "active" else f"  [{m.lifecycle.status}]"
            print(f"{m.id.ljust(width)}  {m.name} ({m.provider}){status}")
        return 0
    if not args.id:
        raise UsageError(
            "'catalog show' needs a model id, for example: imgcost catalog show gpt-image-2"
        )
    entry = catalog.by_id.get(args.id)
    if entry is None:
        raise UsageError(str(UnknownModel(args.id)))
    if args.format == "json":
        print(entry.model_dump_json(indent=2))
        return 0
    print(f"{entry.name} ({entry.id}), sold by {entry.provider}; {entry.lifecycle.status}")
    if entry.lifecycle.note:
        print(f"  {entry.lifecycle.note}")
    for f in price_fields(entry):
        src = f.source
        where = (
            f" — {src.title}, {'official' if src.official else 'secondary'}, checked {src.checked}"
            if src
            else ""
        )
        print(f"  {f.label}: {f.value} {f.unit}{where}")
    if entry.batch:
        print(f"  Batch: {float(entry.batch.discount) * 100:g}% off every meter")
    if entry.note:
        print(f"  Note: {entry.note}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    model = {"scenario": Scenario, "catalog": PriceCatalog, "overrides": Overrides}[args.kind]
    json.dump(model.model_json_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="imgcost", description="Estimate what image generation will cost, model by model."
    )
    p.add_argument("--version", action="version", version=f"imgcost {__version__}")
    p.add_argument(
        "--shipped",
        action="store_true",
        help="ignore your price overrides; use the shipped catalog",
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    e = sub.add_parser("estimate", help="cost of a workload on one or more models")
    e.add_argument("scenario", nargs="?", help="a saved *.imgcost.json scenario")
    e.add_argument(
        "--model", action="append", help="model id (repeat to compare; 'all' = every active model)"
    )
    e.add_argument("--size", help="WIDTHxHEIGHT (default 1024x1024)")
    e.add_argument("--quality", choices=["low", "medium", "high", "auto"], help="default medium")
    e.add_argument("--images", type=int, help="requests per period (default 1000)")
    e.add_argument("--outputs", type=int, help="images per request, 1 to 10 (default 1)")
    e.add_argument("--mode", choices=["generate", "edit"], help="default generate")
    e.add_argument("--references", type=int, help="reference images sent with each request")
    e.add_argument("--reference-size", help="size of each reference image (default 1024x1024)")
    e.add_argument("--prompt-tokens", type=int, help="prompt length in tokens (default 50)")
    e.add_argument("--period", choices=["day", "week", "month", "year"], help="default month")
    e.add_argument("--batch", action="store_true", help="use the batch (asynchronous) discount")
    e.add_argument("--baseline", help="model id to compare every other model against")
    e.add_argument("--format", choices=["table", "csv", "json"], default="table")
    e.set_defaults(func=cmd_estimate)

    c = sub.add_parser("catalog", help="list the models or show one model's prices")
    c.add_argument("action", choices=["list", "show"])
    c.add_argument("id", nargs="?")
    c.add_argument("--all", action="store_true", help="include retired models")
    c.add_argument("--format", choices=["table", "json"], default="table")
    c.set_defaults(func=cmd_catalog)

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
        print(f"imgcost: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
