"""``imgcost calibrate``: measured token counts from saved API responses, beside
the published rule, and kept for later estimates with ``--save``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from ..core.calendar import today
from ..core.calibration import (
    CalibrationGroup,
    References,
    calibrate,
    measured_outputs,
    read_responses,
)
from ..core.catalog import MeasuredOutput, PublishedImagePrices, TokenPricing
from ..core.estimate import UnknownModel
from ..core.overrides import UserCatalog
from ..core.sizes import Size
from ..core.storage import FileProblem, one_line
from .common import UsageError, user_catalog


def _references(args: argparse.Namespace) -> References | None:
    if args.references is None:
        if args.reference_size is not None:
            raise UsageError("--reference-size needs --references COUNT")
        return None
    try:
        size = Size.parse(args.reference_size or "1024x1024")
    except ValueError as e:
        raise UsageError(f"--reference-size: {e}") from None
    if not 0 <= args.references <= 16:
        raise UsageError("--references must be from 0 to 16 images a request")
    return References(args.references, size, args.high_fidelity)


def cmd_calibrate(args: argparse.Namespace) -> int:
    user = user_catalog(args)
    entry = user.catalog.by_id.get(args.model)
    if entry is None:
        raise UsageError(str(UnknownModel(args.model[:80])))
    references = _references(args)
    if args.save and not (
        isinstance(entry.pricing, TokenPricing)
        and not isinstance(entry.pricing.output, PublishedImagePrices)
    ):
        raise UsageError(
            f"{args.model} is not billed by output tokens, so measured tokens would change "
            "none of its estimates; calibrate a model billed by tokens, or leave out --save"
        )
    try:
        found = read_responses(Path(args.file))
    except FileProblem as e:
        raise UsageError(e.message) from None
    groups = calibrate(found.found, entry, references)
    kept = measured_outputs(groups, found.file, today()) if args.save else {}
    if args.save and not kept:
        raise UsageError("no group has a quality ImgCost prices; nothing was kept")
    if args.format == "json":
        json.dump([g.to_dict() for g in groups], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        _print_table(groups, entry.name, found.file)
    for line in found.skipped_lines():
        print(f"imgcost: note: {one_line(line)}", file=sys.stderr)
    if args.save:
        # JSON on stdout stays one document; what was kept is said on stderr then.
        _save(user, args.model, kept, sys.stderr if args.format == "json" else sys.stdout)
    return 0


def _save(user: UserCatalog, model: str, kept: dict[str, MeasuredOutput], out: TextIO) -> None:
    try:
        user.keep_measured(model, kept)
    except OSError as e:
        raise UsageError(f"could not save the measured tokens ({e.strerror or e})") from None
    print(f"Kept for {model} in {user.measured_path}:", file=out)
    for key, m in kept.items():
        print(
            f"  {key}: {m.tokens:,} tokens an image ({m.low:,}-{m.high:,}), "
            f"{m.responses} responses, {m.measured_on.isoformat()}",
            file=out,
        )
    print("Undo with 'imgcost calibrate --reset --model ID' or the app's Prices page.", file=out)


def _num(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}"


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _print_table(groups: list[CalibrationGroup], name: str, file: str) -> None:
    print(f"{name}: measured from {file} against the published rule (tokens per image)")
    head = ("size", "quality", "n", "measured mean", "p5-p95", "estimated", "ratio")
    rows = [
        (
            str(g.size),
            g.quality,
            str(g.responses),
            _num(g.output_tokens.mean, 1),
            f"{_num(g.output_tokens.p5)}-{_num(g.output_tokens.p95)}",
            _num(g.output_tokens_estimated),
            _ratio(g.output_ratio),
        )
        for g in groups
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print(
            "  "
            + "  ".join(
                c.rjust(w) if i > 1 else c.ljust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
    for g in groups:
        if g.why_no_output_estimate:
            print(f"  {g.key}: no estimate: {g.why_no_output_estimate}")
        if g.input_image_tokens is not None:
            s = g.input_image_tokens
            line = (
                f"  {g.key}: reference images {_num(s.mean, 1)} tokens a request "
                f"({_num(s.p5)}-{_num(s.p95)}, {g.input_image_requests} "
                f"request{'s' if g.input_image_requests != 1 else ''})"
            )
            if g.input_image_tokens_estimated is not None:
                line += f"; estimated {g.input_image_tokens_estimated:,}, ratio {_ratio(g.input_image_ratio)}"
            else:
                line += f"; no estimate: {g.why_no_input_estimate}"
            print(line)
        for note in g.notes:
            print(f"  {g.key}: {note}")


def cmd_reset(args: argparse.Namespace) -> int:
    user = user_catalog(args)
    if args.model not in user.catalog.by_id and args.model not in user.measured.models:
        raise UsageError(str(UnknownModel(args.model[:80])))
    try:
        user.reset_measured(args.model)
    except OSError as e:
        raise UsageError(f"could not save the measured tokens ({e.strerror or e})") from None
    print(f"Forgot the measured tokens of {args.model}; estimates use the published rule.")
    return 0


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "calibrate",
        help="measure a model's tokens from saved API responses; keep them with --save",
    )
    p.add_argument("file", nargs="?", help="saved responses: JSON Lines or a JSON list")
    p.add_argument("--model", required=True, help="the catalog id the responses came from")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument(
        "--save", action="store_true", help="keep the measured means for later estimates"
    )
    p.add_argument(
        "--reset", action="store_true", help="forget the model's measured tokens (no FILE)"
    )
    p.add_argument("--references", type=int, help="reference images each request sent")
    p.add_argument("--reference-size", metavar="WxH", help="their size (default 1024x1024)")
    p.add_argument("--high-fidelity", action="store_true", help="they were sent at high fidelity")
    p.set_defaults(func=_dispatch)


def _dispatch(args: argparse.Namespace) -> int:
    if args.reset:
        if args.file is not None or args.save:
            raise UsageError("--reset takes no FILE and no --save")
        return cmd_reset(args)
    if args.file is None:
        raise UsageError("name the FILE of saved responses (or use --reset)")
    return cmd_calibrate(args)
