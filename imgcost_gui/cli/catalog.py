"""``imgcost catalog``: the models, one model's prices, and price updates."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from ..core.catalog import ModelEntry, PriceCatalog
from ..core.estimate import UnknownModel
from ..core.prices import entry_on, price_fields
from .common import UsageError, add_as_of, catalog, the_day


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


def _show(cat: PriceCatalog, args: argparse.Namespace, day: dt.date) -> int:
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
    width = max((len(f.path) for f in fields), default=0)
    print(f"  Prices in force on {day} (FIELD for 'imgcost prices set'):")
    for f in fields:
        src = f.source
        where = (
            f" — {src.title}, {'official' if src.official else 'secondary'}, checked {src.checked}"
            if src
            else ""
        )
        print(f"    {f.path.ljust(width)}  {f.label}: {f.value} {f.unit}{where}")
    for change in entry.price_changes:
        when = "from" if change.effective > day else "since"
        moved = ", ".join(f"{k} {v}" for k, v in change.prices.items())
        print(f"  Price change {when} {change.effective}: {moved} ({change.source.title})")
    if entry.batch:
        print(f"  Batch: {float(entry.batch.discount) * 100:g}% off every meter")
    if entry.note:
        print(f"  Note: {entry.note}")
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    cat = catalog(args)
    day = the_day(args)
    if args.action == "list":
        return _list(cat, args, day)
    return _show(cat, args, day)


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    c = sub.add_parser("catalog", help="list the models or show one model's prices")
    c.add_argument("action", choices=["list", "show"])
    c.add_argument("id", nargs="?")
    c.add_argument("--all", action="store_true", help="include retired models")
    add_as_of(c)
    c.add_argument("--format", choices=["table", "json"], default="table")
    c.set_defaults(func=cmd_catalog)
