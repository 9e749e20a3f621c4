"""``imgcost estimate``: a workload's cost on one or more models."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import Any

from pydantic import BaseModel, ValidationError

from ..core.catalog import PriceCatalog
from ..core.compare import cheapest_in_time, rank
from ..core.duration import Team, UnknownTier
from ..core.estimate import UnknownModel, estimate
from ..core.results import ModelEstimate
from ..core.scenario import Scenario, Stage, StageQuality
from ..core.sizes import Size
from ..core.storage import describe_validation
from .common import UsageError, add_as_of, catalog, duration, money, scenario_file, signed, the_day

#: Exit status when --fail-over finds the cheapest eligible model over budget.
OVER_BUDGET = 3

QUALITY_CHOICES: tuple[str, ...] = StageQuality.__args__  # type: ignore[attr-defined]


def _schema_max(model: type[BaseModel], name: str) -> int | None:
    """The upper limit the file schema puts on a field, so the CLI says the same."""
    for meta in model.model_fields[name].metadata:
        le = getattr(meta, "le", None)
        if le is not None:
            return int(le)
    return None


def _number_flags() -> dict[str, tuple[str, int, int, int | None]]:
    """Stage flags with a number: default, and the range a value must fall in."""
    from ..core.scenario import ReferenceImages

    return {
        "images": ("--images", 1000, 0, _schema_max(Stage, "requests")),
        "outputs": ("--outputs", 1, 1, _schema_max(Stage, "outputs_per_request")),
        "prompt_tokens": ("--prompt-tokens", 50, 0, _schema_max(Stage, "prompt_tokens")),
        "references": ("--references", 0, 0, _schema_max(ReferenceImages, "count")),
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
    flags = [flag for key, (flag, *_) in _number_flags().items() if getattr(args, key) is not None]
    flags += [flag for key, (flag, _) in OTHER_FLAGS.items() if getattr(args, key) is not None]
    return flags + (["--batch"] if args.batch else [])


def _stage_from_flags(args: argparse.Namespace) -> Scenario:
    n: dict[str, int] = {}
    for key, (flag, default, low, high) in _number_flags().items():
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


#: Notice codes that make a named model unable to run the stage the user asked for.
REFUSALS = ("unsupported_size", "unsupported_quality")


def _check_stages(results: list[ModelEstimate], explicit: bool, from_file: bool) -> None:
    """Named models that cannot make the size or quality are an input error, not a result.

    On the command line any such model is a mistake to point out. In a scenario
    file a model that cannot run one stage is an answer (it shows what it can
    run), unless no named model can run that stage at all.
    """
    if not explicit or not results:
        return
    for i in range(len(results[0].stages)):
        stages = [r.stages[i] for r in results]
        if from_file and any(s.supported for s in stages):
            continue
        for s in stages:
            if not s.supported:
                why = next((n.message for n in s.notices if n.code in REFUSALS), None)
                if why is not None:
                    raise UsageError(f"{why}; choose another size, quality or model")


def rows(results: list[ModelEstimate], baseline: str | None) -> list[dict[str, Any]]:
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
    header = ["Model", "Provider", "Per image", f"Per {scenario.period}", "vs cheapest", "Time"]
    if baseline:
        header.append(f"vs {baseline}")
    body: list[tuple[list[str], str]] = []
    gone: list[dict[str, Any]] = []
    for d in rows:
        if d["status"] in ("retired", "upcoming"):
            gone.append(d)
            continue
        per_period = money(d["total_usd"])
        if d["low_usd"] is not None and d["high_usd"] is not None:
            per_period += f" ({money(d['low_usd'])}–{money(d['high_usd'])})"
        row = [d["model"], d["provider"], money(d["per_image_usd"]), per_period]
        row.append(signed(d["vs_cheapest_usd"]))
        row.append(duration(d["duration_s"]))
        if baseline:
            row.append("baseline" if d["model"] == baseline else signed(d["vs_baseline_usd"]))
        body.append((row, "; ".join(d["warnings"])))
    lines = [(header, "Warnings"), *body]
    widths = [max(len(r[i]) for r, _ in lines) for i in range(len(header))]
    day = rows[0]["as_of"] if rows else None
    as_of = f", prices as of {day}" if day else ""
    print(f"{scenario.name}: {scenario.images:,} images per {scenario.period}{as_of}")
    for row, warnings in lines:
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join([*cells, warnings]).rstrip())
    if gone:
        print(f"\nNot available on {day} (not ranked):")
        for d in gone:
            reason = next(
                (w for w in d["warnings"] if "retired" in w or "not available" in w), d["status"]
            )
            print(f"  {d['model']}  {reason}")


def _print_csv(rows: list[dict[str, Any]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    fields = [
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
        "status",
        "shuts_down",
        "duration_s",
        "limited_by",
    ]
    w.writerow([*fields, "warnings"])
    for d in rows:
        w.writerow([*(d[f] for f in fields), " | ".join(d["warnings"])])
    sys.stdout.write(buf.getvalue())


def _print_stage_csv(rows: list[dict[str, Any]]) -> None:
    """One row per model and stage: what drafts cost against finals."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    fields = ["images", "per_image_usd", "total_usd", "low_usd", "high_usd", "supported"]
    w.writerow(["model", "provider", "rank", "stage", *fields, "warnings"])
    for d in rows:
        for s in d["stages"]:
            w.writerow(
                [d["model"], d["provider"], d["rank"], s["stage"], *(s[f] for f in fields)]
                + [" | ".join(s["warnings"])]
            )
    sys.stdout.write(buf.getvalue())


def cmd_estimate(args: argparse.Namespace) -> int:
    cat = catalog(args)
    if args.scenario:
        given = _given_stage_flags(args)
        if given:
            raise UsageError(
                f"{given[0]} does not apply to a scenario file; change the stage in the file "
                "(or in the app) instead"
            )
        scenario = scenario_file(args.scenario)
        models = args.model or scenario.models or None
    else:
        scenario = _stage_from_flags(args)
        models = args.model or ["all"]
    explicit = models is not None and "all" not in models
    baseline = args.baseline or scenario.baseline
    # The scenario's own limits, with the flags on top.
    team = Team(
        tiers={"*": args.tier} if args.tier else dict(scenario.tiers),
        parallel_requests=args.parallel or scenario.parallel_requests,
    )
    try:
        results = estimate(
            scenario, cat, models, as_of=the_day(args, scenario.plan_from), team=team
        )
    except (UnknownModel, UnknownTier) as e:
        raise UsageError(str(e)) from None
    if baseline is not None and all(r.model != baseline for r in results):
        if baseline not in cat.by_id:
            raise UsageError(str(UnknownModel(baseline)))
        raise UsageError(
            f"the baseline {baseline} is not among the compared models; add --model {baseline}"
        )
    if args.by_stage and args.format != "csv":
        raise UsageError("--by-stage goes with --format csv")
    _check_stages(results, explicit, bool(args.scenario))
    table = rows(results, baseline)
    if args.format == "json":
        json.dump(table, sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.format == "csv" and args.by_stage:
        _print_stage_csv(table)
    elif args.format == "csv":
        _print_csv(table)
    else:
        _print_table(table, scenario, baseline)
        _print_in_time(results, cat, scenario)
    return _budget_gate(args.fail_over, table, scenario.period)


def _print_in_time(results: list[ModelEstimate], cat: PriceCatalog, scenario: Scenario) -> None:
    """With the scenario's time limit: the cheapest option that finishes in time."""
    hours = scenario.finish_within_hours
    if hours is None:
        return
    found = cheapest_in_time(results, cat, hours)
    said = f"\nCheapest that finishes within {hours:g} h: "
    if found.best is None:
        tier = "; give your usage tier (--tier)" if found.needs_tier else ""
        print(f"{said}none; {found.why_none}{tier}")
        return
    e = found.best
    print(
        f"{said}{e.model} at {money(e.total_usd)} per {scenario.period} ({duration(e.duration_s)})"
    )


def _budget_gate(limit: float | None, table: list[dict[str, Any]], period: str) -> int:
    """Exit 3 when the cheapest model that can run the scenario costs more than ``limit``."""
    if limit is None:
        return 0
    priced = [d["total_usd"] for d in table if d["rank"] is not None]
    if not priced:
        print("imgcost: over budget: no compared model can run the scenario", file=sys.stderr)
        return OVER_BUDGET
    cheapest = min(priced)
    if cheapest > limit:
        print(
            f"imgcost: over budget: the cheapest model costs {money(cheapest)} per {period}, "
            f"more than {money(limit)}",
            file=sys.stderr,
        )
        return OVER_BUDGET
    return 0


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    e = sub.add_parser("estimate", help="cost of a workload on one or more models")
    e.add_argument("scenario", nargs="?", help="a saved scenario (*.imgcost, or *.imgcost.json)")
    e.add_argument(
        "--model", action="append", help="model id (repeat to compare; 'all' = every active model)"
    )
    e.add_argument("--size", help="WIDTHxHEIGHT (default 1024x1024)")
    e.add_argument(
        "--quality",
        choices=QUALITY_CHOICES,
        help="default medium; xhigh and max exist on GPT Image 2.5 and later",
    )
    e.add_argument("--images", type=int, help="requests per period (default 1000)")
    e.add_argument("--outputs", type=int, help="images per request, 1 to 10 (default 1)")
    e.add_argument("--mode", choices=["generate", "edit"], help="default generate")
    e.add_argument("--references", type=int, help="reference images sent with each request")
    e.add_argument("--reference-size", help="size of each reference image (default 1024x1024)")
    e.add_argument("--prompt-tokens", type=int, help="prompt length in tokens (default 50)")
    e.add_argument("--period", choices=["day", "week", "month", "year"], help="default month")
    e.add_argument("--batch", action="store_true", help="use the batch (asynchronous) discount")
    e.add_argument("--baseline", help="model id to compare every other model against")
    add_as_of(e)
    e.add_argument(
        "--tier", help="your usage tier with the vendor (OpenAI: free, 1 to 5), for the time column"
    )
    e.add_argument(
        "--parallel", type=int, help="requests you send at once (default: as many as allowed)"
    )
    e.add_argument(
        "--fail-over",
        type=float,
        metavar="USD",
        help="exit with status 3 when the cheapest eligible model costs more than USD per period",
    )
    e.add_argument("--format", choices=["table", "csv", "json"], default="table")
    e.add_argument(
        "--by-stage", action="store_true", help="with --format csv: one row per model and stage"
    )
    e.set_defaults(func=cmd_estimate)
