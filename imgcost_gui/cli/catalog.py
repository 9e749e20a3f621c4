"""``imgcost catalog``: the models, one model's prices, and price updates."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from ..core.catalog import ModelEntry, PriceCatalog
from ..core.estimate import UnknownModel
from ..core.peers import UnknownRows, apply_rows, diff_catalog, read_price_file, render_text
from ..core.prices import PriceField, entry_on, price_fields
from ..core.storage import FileProblem
from .common import UsageError, add_as_of, catalog, the_day, user_catalog


def _summary(cat: PriceCatalog, m: ModelEntry, day: dt.date) -> dict[str, Any]:
    lc = cat.lifecycle_of(m)
    return {
        "id": m.id,
        "name": m.name,
        "vendor": m.vendor,
        "provider": m.provider,
        "status": cat.status(m, day),
        "shuts_down": lc.retired_on.isoformat() if lc.retired_on else None,
        "scheme": m.pricing.scheme,
    }


def _dates(cat: PriceCatalog, m: ModelEntry) -> str:
    lc = cat.lifecycle_of(m)
    parts = []
    if lc.announced_on:
        parts.append(f"available from {lc.announced_on}")
    if lc.deprecated_on:
        parts.append(f"deprecated {lc.deprecated_on}")
    if lc.retired_on:
        parts.append(f"shuts down {lc.retired_on}")
    return "; ".join(parts)


def _list(cat: PriceCatalog, args: argparse.Namespace, day: dt.date) -> int:
    entries = cat.models if args.all else cat.active(day)
    if args.format == "json":
        json.dump([_summary(cat, m, day) for m in entries], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    width = max((len(m.id) for m in entries), default=0)
    print(f"Catalog checked {cat.checked.isoformat()}; {len(entries)} models as of {day}")
    for m in entries:
        status = cat.status(m, day)
        shown = "" if status == "active" else f"  [{status}]"
        dates = _dates(cat, m)
        dates = f"  ({dates})" if dates and status != "active" else ""
        print(f"{m.id.ljust(width)}  {m.name} ({m.provider}){shown}{dates}")
    return 0


def _where(f: PriceField, below: dict[str, PriceField]) -> str:
    """Where a price came from; a price of the user's names the one it replaces."""
    src = f.source
    if src is None:
        return ""
    if src.by_user:
        under = below.get(f.path)
        if under is None or under.source is None:
            return " — your price"
        return f" — your price (instead of {under.value}{_where(under, {})})"
    kind = "official" if src.official else "secondary"
    return f" — {src.title}, {kind}, checked {src.checked}"


def _show(
    cat: PriceCatalog, args: argparse.Namespace, day: dt.date, under: PriceCatalog | None
) -> int:
    if not args.id:
        raise UsageError(
            "'catalog show' needs a model id, for example: imgcost catalog show gpt-image-2"
        )
    entry = cat.by_id.get(args.id)
    if entry is None:
        raise UsageError(str(UnknownModel(args.id)))
    if args.format == "json":
        data = json.loads(entry.model_dump_json())
        data["status"] = cat.status(entry, day)
        data["as_of"] = day.isoformat()
        print(json.dumps(data, indent=2))
        return 0
    base = under.by_id.get(entry.id) if under is not None else None
    lc = cat.lifecycle_of(entry)
    dates = _dates(cat, entry)
    print(f"{entry.name} ({entry.id}), sold by {entry.provider}; {cat.status(entry, day)} on {day}")
    if dates:
        print(f"  {dates}")
    if lc.note:
        print(f"  {lc.note}")
    if entry.quality_levels:
        print(f"  Quality: {', '.join(entry.quality_levels)}")
    fields = price_fields(entry_on(entry, day))
    below = {f.path: f for f in price_fields(entry_on(base, day))} if base else {}
    width = max((len(f.path) for f in fields), default=0)
    print(f"  Prices in force on {day} (FIELD for 'imgcost prices set'):")
    for f in fields:
        print(f"    {f.path.ljust(width)}  {f.label}: {f.value} {f.unit}{_where(f, below)}")
    for change in entry.price_changes:
        when = "from" if change.effective > day else "since"
        moved = ", ".join(f"{k} {v}" for k, v in change.prices.items())
        print(f"  Price change {when} {change.effective}: {moved} ({change.source.title})")
    if entry.batch:
        print(f"  Batch: {float(entry.batch.discount) * 100:g}% off every meter")
    if entry.note:
        print(f"  Note: {entry.note}")
    return 0


def _update(args: argparse.Namespace, day: dt.date) -> int:
    """Diff a peer's price file against the catalog; keep it as a layer with --apply."""
    user = user_catalog(args)
    if args.revert:
        if args.id or args.apply:
            raise UsageError(
                "--revert takes no file and no --apply: imgcost catalog update --revert"
            )
        had = user.revert_update()
        print(
            "Updated prices dropped; the shipped prices apply."
            if had
            else "No updated prices to drop."
        )
        return 0
    if not args.id:
        raise UsageError(
            "'catalog update' needs a price file, for example: imgcost catalog update "
            "model_prices_and_context_window.json"
        )
    try:
        peer = read_price_file(Path(args.id))
    except FileProblem as e:
        raise UsageError(e.message) from None
    # The diff is against the shipped catalog: what the update layer would change.
    diff = diff_catalog(user.shipped, peer, day=day)
    if args.format == "json":
        print(json.dumps(diff.to_dict(), indent=2))
    else:
        sys.stdout.write(render_text(diff))
    if not args.apply:
        if args.format != "json":
            print(f"{len(diff.rows)} change(s) can be kept: add --apply (or --row ID ... --apply).")
        return 0
    chosen = args.row or [r.id for r in diff.rows]
    try:
        layer = apply_rows(diff, chosen, imported_on=day)
    except UnknownRows as e:
        raise UsageError(f"{e}; the ids are the first word of each line above") from None
    try:
        user.keep_update(layer)
    except OSError as e:
        raise UsageError(
            f"could not save the updated prices ({e.strerror or e}); nothing changed"
        ) from None
    print(
        f"Kept {len(chosen)} change(s) from {peer.title} as your updated prices "
        f"({user.layer_path}); 'imgcost catalog update --revert' drops them.",
        file=sys.stderr if args.format == "json" else sys.stdout,
    )
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    day = the_day(args)
    if args.action == "update":
        return _update(args, day)
    if args.action == "list":
        return _list(catalog(args), args, day)
    if args.shipped:
        return _show(catalog(args), args, day, None)
    user = user_catalog(args)
    return _show(user.catalog, args, day, user.base)


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    c = sub.add_parser(
        "catalog",
        help="list the models, show one model's prices, or take in a price update",
        description="list | show ID | update FILE [--apply [--row ID ...]] | update --revert",
    )
    c.add_argument("action", choices=["list", "show", "update"])
    c.add_argument("id", nargs="?", metavar="ID_OR_FILE")
    c.add_argument("--all", action="store_true", help="include retired models")
    c.add_argument(
        "--apply", action="store_true", help="update: keep the changes as your updated prices"
    )
    c.add_argument(
        "--row",
        action="append",
        metavar="ID",
        help="update --apply: keep only this change (repeat)",
    )
    c.add_argument("--revert", action="store_true", help="update: drop your updated prices")
    add_as_of(c)
    c.add_argument("--format", choices=["table", "json"], default="table")
    c.set_defaults(func=cmd_catalog)
