"""``imgcost prices``: the user's own prices, the same file the app edits.

``set ID FIELD VALUE [--from DATE]``, ``reset ID [FIELD]``, ``export FILE``,
``import FILE``. FIELD is a price key as ``imgcost catalog show ID`` lists it.
"""

from __future__ import annotations

import argparse
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core.estimate import UnknownModel
from ..core.overrides import ReadOnlyOverrides, UserCatalog
from ..core.prices import UnknownPrice, price_fields
from ..core.storage import FileProblem, describe_validation
from .common import UsageError, date_arg, user_catalog


def _entry_fields(user: UserCatalog, model_id: str) -> list[str]:
    entry = user.catalog.by_id.get(model_id)
    if entry is None:
        raise UsageError(str(UnknownModel(model_id)))
    return [f.path for f in price_fields(entry)]


def _set(user: UserCatalog, args: argparse.Namespace) -> str:
    if args.field is None or args.value is None:
        raise UsageError(
            "'prices set' needs ID FIELD VALUE, for example: imgcost prices set gpt-image-2 "
            "image_out 25"
        )
    fields = _entry_fields(user, args.id)
    if args.field not in fields:
        raise UsageError(str(UnknownPrice(args.id, args.field, fields)))
    try:
        value = Decimal(args.value.lstrip("$"))
    except InvalidOperation:
        raise UsageError(f"{args.value!r} is not a price; write a number such as 0.04") from None
    if not value.is_finite() or value < 0:
        raise UsageError(f"a price must be a number of zero or more, not {args.value}")
    user.set_price(args.id, args.field, value, effective=args.from_)
    when = f" from {args.from_}" if args.from_ else ""
    return f"{args.id} {args.field} is now {value}{when} (saved in {user.path})"


def _reset(user: UserCatalog, args: argparse.Namespace) -> str:
    fields = _entry_fields(user, args.id)
    if args.value is not None:
        raise UsageError("'prices reset' takes ID [FIELD], no value")
    if args.field is None:
        user.reset_model(args.id)
        return f"{args.id}: your prices are reset to the shipped ones"
    if args.field not in fields:
        raise UsageError(str(UnknownPrice(args.id, args.field, fields)))
    user.reset_price(args.id, args.field, effective=args.from_)
    return f"{args.id} {args.field}: reset to the shipped price"


def cmd_prices(args: argparse.Namespace) -> int:
    user = user_catalog(args)
    try:
        if args.action == "set":
            message = _set(user, args)
        elif args.action == "reset":
            message = _reset(user, args)
        elif args.action == "export":
            user.export(Path(args.id))
            message = f"Your prices are exported to {args.id}"
        else:
            message = user.import_file(Path(args.id))
    except (ReadOnlyOverrides, ValueError) as e:
        raise UsageError(str(e)) from None
    except FileProblem as e:
        raise UsageError(e.message) from None
    except ValidationError as e:
        raise UsageError(f"not a valid price: {describe_validation(e)}") from None
    except OSError as e:
        raise UsageError(
            f"could not save your prices ({e.strerror or e}); nothing changed"
        ) from None
    print(message)
    return 0


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "prices",
        help="change your own prices (the same file the app edits)",
        description="set ID FIELD VALUE [--from DATE] | reset ID [FIELD] | export FILE | "
        "import FILE. FIELD names are listed by 'imgcost catalog show ID'.",
    )
    p.add_argument("action", choices=["set", "reset", "export", "import"])
    p.add_argument(
        "id", metavar="ID_OR_FILE", help="model id (set, reset) or file (export, import)"
    )
    p.add_argument("field", nargs="?", metavar="FIELD")
    p.add_argument("value", nargs="?", metavar="VALUE", help="USD, in the field's unit")
    p.add_argument(
        "--from",
        dest="from_",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="the price holds from this day on (a negotiated rate, an announced change)",
    )
    p.set_defaults(func=cmd_prices)
