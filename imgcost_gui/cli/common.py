"""What every ``imgcost`` command shares: the one-line error, money, the day
an answer is for, and the user's catalog."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import NoReturn

from ..core.calendar import plan_day
from ..core.catalog import PriceCatalog
from ..core.duration import duration_words
from ..core.overrides import UserCatalog, load_shipped_catalog
from ..core.scenario import Scenario
from ..core.storage import FileProblem, load_scenario, one_line


class UsageError(Exception):
    """Input the user can fix; printed as one line."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"imgcost: error: {message} (see 'imgcost --help')\n")


def money(value: float | None) -> str:
    if value is None:
        return "—"
    if value == 0:
        return "$0"
    if abs(value) < 0.1:
        return f"${value:,.4f}"
    return f"${value:,.2f}"


def signed(value: float | None) -> str:
    if value is None:
        return ""
    if abs(value) < 5e-5:
        return "±0"
    return ("+" if value > 0 else "-") + money(abs(value))


def date_arg(text: str) -> dt.date:
    """A YYYY-MM-DD command-line date (argparse type)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, for example 2027-01-01"
        ) from None


def add_as_of(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--as-of",
        type=date_arg,
        metavar="YYYY-MM-DD",
        help="the day prices and lifecycles are taken on (default: the scenario's "
        "'plan from' date, else today)",
    )


def the_day(args: argparse.Namespace, plan_from: dt.date | None = None) -> dt.date:
    return plan_day(plan_from, getattr(args, "as_of", None))


def user_catalog(args: argparse.Namespace) -> UserCatalog:
    try:
        shipped = load_shipped_catalog()
    except FileProblem as e:
        raise UsageError(e.message) from None
    user = UserCatalog(shipped)
    for problem in user.problems:
        print(f"imgcost: warning: {one_line(problem)}", file=sys.stderr)
    return user


def catalog(args: argparse.Namespace) -> PriceCatalog:
    if args.shipped:
        try:
            return load_shipped_catalog()
        except FileProblem as e:
            raise UsageError(e.message) from None
    return user_catalog(args).catalog


duration = duration_words  # "3 h 20 min", as the window says it


def scenario_file(path: str) -> Scenario:
    """A scenario file, or a one-line error (exit 2) saying why it cannot be read."""
    try:
        scenario, _ = load_scenario(Path(path))
    except FileProblem as e:
        raise UsageError(e.message) from None
    return scenario
