"""The help's "Where prices come from": the shipped catalog's sources, counted.

Qt-free: Markdown from the catalog the app ships, read when the page is shown,
so it can never disagree with the prices in use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from imgcost_gui.core import PriceCatalog, price_fields
from imgcost_gui.core.catalog import Source

from .markdown import link


@dataclass
class SourceUse:
    """One source and the shipped prices that come from it."""

    source: Source
    prices: int = 0
    models: set[str] = field(default_factory=set)
    checked: set[dt.date] = field(default_factory=set)


def source_uses(catalog: PriceCatalog) -> list[SourceUse]:
    """Every source of a shipped price, most prices first."""
    uses: dict[tuple[str, bool], SourceUse] = {}
    for entry in catalog.models:
        for price in price_fields(entry):
            src = price.source
            if src is None or src.by_user:
                continue
            use = uses.setdefault((src.title, src.official), SourceUse(src))
            use.prices += 1
            use.models.add(entry.id)
            use.checked.add(src.checked)
    return sorted(uses.values(), key=lambda u: (-u.prices, u.source.title))


def _days(days: set[dt.date]) -> str:
    lo, hi = min(days), max(days)
    return lo.isoformat() if lo == hi else f"{lo.isoformat()} to {hi.isoformat()}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def price_sources_markdown(catalog: PriceCatalog) -> str:
    """The page: counts, the table of sources, and how to bring prices up to date."""
    uses = source_uses(catalog)
    official = sum(u.prices for u in uses if u.source.official)
    secondary = sum(u.prices for u in uses if not u.source.official)
    only_secondary = sum(1 for m in catalog.models if m.only_secondary)
    checked = set().union(*(u.checked for u in uses)) if uses else {catalog.checked}
    lines = [
        "# Where prices come from",
        "",
        f"The prices shipped with this copy of ImgCost were last checked on "
        f"**{catalog.checked.isoformat()}**. Each price names its source and the day it was "
        f"checked (hover a price on the Prices page); these were checked from "
        f"{_days(checked)}.",
        "",
        f"- **{_plural(official + secondary, 'price')}** of "
        f"{_plural(len(catalog.models), 'model')}",
        f"- **{official:,} official**: from the vendor's own pricing pages and guides",
        f"- **{secondary:,} from secondary sources**: resellers, price trackers such as "
        "LiteLLM and genai-prices, and figures derived from a vendor's own tables",
        f"- {_plural(only_secondary, 'model')} have no official price at all; treat "
        "their costs as a guide, and check the vendor's page before you commit a budget",
        "",
        "## Sources",
        "",
        "| Source | Official | Prices | Models | Checked |",
        "|---|---|---:|---:|---|",
    ]
    for u in uses:
        title = link(u.source.title, u.source.url)
        lines.append(
            f"| {title} | {'yes' if u.source.official else 'no'} | {u.prices} "
            f"| {len(u.models)} | {_days(u.checked)} |"
        )
    lines += [
        "",
        "## How to bring prices up to date",
        "",
        "- **Prices > Update prices from file…** reads LiteLLM's "
        "`model_prices_and_context_window.json`, genai-prices' `data.json` or an ImgCost "
        "catalog file, shows every change with a checkbox, and keeps the ones you choose "
        "as *updated prices*. **Prices > Drop updated prices** goes back to the shipped ones.",
        "- **Your own price** (a reseller's, a negotiated rate): change it on the **Prices** "
        "page. It is kept on your machine apart from the shipped prices, marked as yours, "
        "and can be reset or exported for your team.",
        "- **The command line** does the same: `imgcost catalog update FILE --apply`, "
        "`imgcost prices set ID FIELD VALUE`.",
        "- A new release of ImgCost ships a newly checked catalog.",
        "",
        "The status bar says how old the prices are, and marks prices checked long ago.",
    ]
    return "\n".join(lines) + "\n"
