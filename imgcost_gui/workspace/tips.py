"""What the comparison says on hover: how each meter's dollars come about and
where its price was found. Every number is the core's; this only lays them out
(rich text, as a tooltip reads it)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal

from imgcost_gui.core import METER_LABELS, METERS, ModelEntry, ModelEstimate, StageEstimate
from imgcost_gui.core.catalog import PublishedImagePrices, Source
from imgcost_gui.core.prices import price_fields

from . import text
from .comparison import ComparisonRow

#: Meters billed at a token rate: their price is the model's rates (``pricing.rates``).
RATE_METERS = ("text_in", "cached_text_in", "image_in", "cached_image_in", "image_out", "thinking")
#: Meters billed from the scenario's own prices (the Responses API main model).
SCENARIO_METERS = ("responses_in", "responses_out")


def esc(value: str) -> str:
    """Text for a rich-text tooltip: markup characters escaped, quotes left as typed."""
    return html.escape(value, quote=False)


def meter_sources(entry: ModelEntry) -> dict[str, Source]:
    """Where the price behind each meter of ``entry`` comes from.

    Token meters use the rates' source; a published per-image output price
    (``pricing.output``) its own; per-image, megapixel and subscription meters
    (and token meters of a model without rates) the pricing's source. Read from
    the pricing itself: a price's key names what it prices, not where it sits.
    """
    p = entry.pricing
    rates_obj = getattr(p, "rates", None)
    rates: Source | None = getattr(rates_obj, "source", None)
    output = getattr(p, "output", None)
    published = output.source if isinstance(output, PublishedImagePrices) else None
    other: Source | None = getattr(p, "source", None)
    out: dict[str, Source] = {}
    for meter in METERS:
        if meter in SCENARIO_METERS:
            continue
        source = (rates or other) if meter in RATE_METERS else (other or rates)
        if meter == "image_out" and published is not None:
            source = published
        own = entry.price_sources.get(meter)
        if own is not None:
            source = own  # the price with this meter's key is set apart (the user's, say)
        if source is not None:
            out[meter] = source
    return out


def user_price_lines(entry: ModelEntry | None, shipped: ModelEntry | None = None) -> list[str]:
    """Each price of ``entry`` the user set, said to be theirs, with the shipped value
    (from ``shipped``, the entry below the user's prices, when given) and its source."""
    if entry is None:
        return []
    mine = {f.path: f for f in price_fields(entry) if f.source is not None and f.source.by_user}
    if not mine:
        return []
    below = {f.path: f for f in price_fields(shipped)} if shipped is not None else {}
    published = _published_source(entry)
    lines = []
    for path, f in mine.items():
        line = f"Your price for {f.label}: {_price(f.value, f.unit)}"
        under = below.get(path)
        if under is not None and under.source is not None and not under.source.by_user:
            line += f" (shipped: {_price(under.value, under.unit)}, {source_text(under.source)})"
        elif published is not None:
            line += f" (instead of the published price: {source_text(published)})"
        lines.append(line)
    return lines


def _price(value: Decimal, unit: str) -> str:
    """'$25 / 1M tokens' from a price field's value and unit ('$ / 1M tokens')."""
    return f"${value}{unit[1:]}" if unit.startswith("$") else f"{value} {unit}".strip()


def _published_source(entry: ModelEntry) -> Source | None:
    p = entry.pricing
    rates = getattr(getattr(p, "rates", None), "source", None)
    source = rates or getattr(p, "source", None)
    return source if isinstance(source, Source) and not source.by_user else None


def source_text(source: Source) -> str:
    if source.by_user:
        return "your own price, set in ImgCost (not a published one)"
    trust = "official" if source.official else "secondary source"
    return f"{source.title} ({trust}, checked {source.checked.isoformat()})"


@dataclass(frozen=True)
class MeterLine:
    """One meter of one model, summed over the scenario's stages."""

    meter: str
    usd: float
    amount: float | None
    rates: tuple[float, ...]

    def how(self) -> str:
        """'690,000 tokens × $5.00 / 1M', or what is known of it."""
        if self.meter == "megapixels" and self.amount:
            return f"{text.count(self.amount)} megapixels"
        if self.amount is None:
            return ""
        tokens = f"{text.count(self.amount)} tokens"
        if len(self.rates) == 1:
            return f"{tokens} × {text.usd_per_million(self.rates[0])}"
        if self.rates:
            lo, hi = min(self.rates), max(self.rates)
            return (
                f"{tokens} at {text.usd_per_million(lo)} to {text.usd_per_million(hi)} "
                "(batch discount on some stages)"
            )
        return tokens


def meter_lines(e: ModelEstimate) -> list[MeterLine]:
    usd: dict[str, float] = {}
    amount: dict[str, float | None] = {}
    rates: dict[str, set[float]] = {}
    for stage in e.stages:
        for m in stage.meters:
            usd[m.meter] = usd.get(m.meter, 0.0) + m.usd
            if m.tokens is not None:
                amount[m.meter] = (amount.get(m.meter) or 0.0) + m.tokens
            else:
                amount.setdefault(m.meter, None)
            if m.rate_usd_per_m is not None:
                rates.setdefault(m.meter, set()).add(round(m.rate_usd_per_m, 9))
    order = {m: i for i, m in enumerate(METERS)}
    return [
        MeterLine(m, usd[m], amount.get(m), tuple(sorted(rates.get(m, ()))))
        for m in sorted(usd, key=lambda m: order.get(m, len(order)))
        if usd[m]
    ]


def total_tooltip(
    e: ModelEstimate, period: str, entry: ModelEntry | None, shipped: ModelEntry | None = None
) -> str:
    """Per-period cost, meter by meter: amount × rate = dollars, and each price's source.

    Meters that share a source (a model's token rates, usually) list it once, after them.
    """
    sources = meter_sources(entry) if entry is not None else {}
    rows = []
    lines = meter_lines(e)
    for i, line in enumerate(lines):
        label = METER_LABELS.get(line.meter, line.meter)
        if line.meter == "subscription" and e.plan:
            label += f" ({e.plan} plan)"
        rows.append(
            f"<tr><td style='white-space:nowrap'>{html.escape(label)}</td>"
            f"<td style='white-space:nowrap; padding-left:12px'>{html.escape(line.how())}</td>"
            f"<td align='right' style='padding-left:12px'>{text.usd(line.usd)}</td></tr>"
        )
        where = _where(line.meter, sources)
        following = _where(lines[i + 1].meter, sources) if i + 1 < len(lines) else None
        if where != following:
            rows.append(
                f"<tr><td colspan='3' style='padding-left:12px; padding-bottom:4px'>"
                f"<small>{html.escape(where)}</small></td></tr>"
            )
    head = (
        f"<p style='white-space:nowrap'><b>{html.escape(e.name)}</b>: "
        f"{text.usd(e.total_usd)} per {text.PERIOD_WORDS[period]}</p>"
    )
    tip = head + "<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>"
    if e.low_usd is not None and e.high_usd is not None:
        tip += f"If the model picks the quality: {text.usd(e.low_usd)} – {text.usd(e.high_usd)}"
    if len(e.stages) > 1:
        stages = " · ".join(f"{esc(s.stage)} {text.usd(s.total_usd)}" for s in e.stages)
        tip += f"<p>By stage: {stages}</p>"
    mine = user_price_lines(entry, shipped)
    if mine:
        tip += "<p>" + "<br>".join(f"<b>{esc(line)}</b>" for line in mine) + "</p>"
    return tip


def _where(meter: str, sources: dict[str, Source]) -> str:
    if meter in SCENARIO_METERS:
        return "Price: your Responses API prices (this scenario)"
    source = sources.get(meter)
    return f"Price: {source_text(source)}" if source else "Price: no source recorded"


def why_not(stage: StageEstimate) -> str:
    """Why a model cannot run a stage (empty when it can): the notice that refuses it."""
    if stage.supported:
        return ""
    for severity in ("error", "warning"):
        found = next((n.message for n in stage.notices if n.severity == severity), None)
        if found:
            return found
    return "the model cannot run this stage"


def detail_html(
    e: ModelEstimate,
    period: str,
    entry: ModelEntry | None = None,
    shipped: ModelEntry | None = None,
) -> str:
    """All the comparison knows of one model, for the strip under the table: every
    warning and note in full, each stage's cost (or why it cannot run), how long the
    work takes, and the user's own prices said to be theirs."""
    per = text.PERIOD_WORDS[period]
    if not e.available:
        cost = "not available on the day: not ranked"
    elif e.complete:
        cost = f"{text.usd(e.total_usd)} per {per}"
        if e.low_usd is not None and e.high_usd is not None and e.low_usd != e.high_usd:
            cost = f"{text.usd(e.low_usd)}–{text.usd(e.high_usd)} per {per} ('auto' quality)"
    elif e.partial_usd is not None:
        cost = f"{text.usd(e.partial_usd)} per {per} for the stages it runs (partial, not ranked)"
    else:
        cost = "cannot run this scenario"
    parts = [f"<b>{esc(e.name)}</b> · {esc(e.provider)} · {esc(cost)}"]
    warnings = [n.message for n in e.all_notices if n.severity != "info"]
    notes = [n.message for n in e.all_notices if n.severity == "info"]
    if warnings:
        parts.append("<b>Warnings:</b> " + " · ".join(f"⚠ {esc(w)}" for w in warnings))
    if notes:
        parts.append("<b>Notes:</b> " + " · ".join(esc(n) for n in notes))
    if len(e.stages) > 1 or not e.complete:
        stages = []
        for s in e.stages:
            if s.supported:
                stages.append(
                    f"{esc(s.stage)} {text.usd(s.total_usd)}"
                    f" ({text.usd_per_image(s.per_image_usd)} per image)"
                )
            else:
                stages.append(f"{esc(s.stage)}: cannot run it ({esc(why_not(s))})")
        parts.append(f"<b>Per stage, per {per}:</b> " + " · ".join(stages))
    if e.durations:
        why = esc(e.duration_why or "")
        took = (
            f"unknown: {why}" if e.duration_s is None else f"{text.duration(e.duration_s)}, {why}"
        )
        parts.append(f"<b>Time:</b> {took}")
    mine = user_price_lines(entry, shipped)
    if mine:
        parts.append(" · ".join(f"<b>{esc(line)}</b>" for line in mine))
    return "<br>".join(parts)


def partial_tooltip(e: ModelEstimate) -> str:
    """A model that cannot run every stage: what the stages it runs cost, and why not the rest."""
    runs = [s for s in e.stages if s.supported]
    lines = [
        f"<b>{esc(e.name)}</b> cannot run every stage: it is not ranked.",
        f"The stages it runs cost {text.usd(e.partial_usd)} per period (partial):",
    ]
    lines += [f"• {esc(s.stage)}: {text.usd(s.total_usd)}" for s in runs]
    lines += [
        f"• {esc(s.stage)}: cannot run it ({esc(why_not(s))})" for s in e.stages if not s.supported
    ]
    return "<br>".join(lines)


# --- the comparison's cells on hover -----------------------------------------------------

#: When the scenario states no usage tier, no time can be worked out: say how to get one.
NO_TIER = (
    "Set your usage tier with each vendor (the scenario's rate limits) "
    "to see how long the work takes."
)


def model_tip(row: ComparisonRow) -> str:
    """The model's name on hover: its id, over budget, and every notice."""
    e = row.estimate
    lines = [f"<b>{esc(e.name)}</b> ({esc(e.model)})"]
    if row.over_budget:
        lines.append("<b>Over budget:</b> the scenario as planned costs more than your budget.")
    lines += [f"• {esc(n.message)}" for n in e.all_notices]
    return "<br>".join(lines)


def per_image_tip(row: ComparisonRow) -> str | None:
    """The cost of an image, stage by stage."""
    e = row.estimate
    if not e.complete:
        return partial_tooltip(e) if e.partial_usd is not None else None
    parts = [f"{esc(s.stage)}: {text.usd_per_image(s.per_image_usd)}" for s in e.stages]
    return "Per image by stage<br>" + "<br>".join(parts)


def total_tip(row: ComparisonRow) -> str | None:
    """The cost per period meter by meter, or what a partial total covers."""
    e = row.estimate
    if not e.complete:
        return partial_tooltip(e) if e.partial_usd is not None else None
    return total_tooltip(e, row.period, row.entry)


def time_tip(row: ComparisonRow) -> str:
    """How long the work takes, what limits it, stage by stage; or how to get a time."""
    e = row.estimate
    if not e.durations:
        return NO_TIER
    period = text.PERIOD_WORDS[row.period]
    if e.duration_s is None:
        head = f"Unknown: {esc(e.duration_why or 'no published limits')}."
    else:
        head = (
            f"<b>{text.duration(e.duration_s)}</b> for the {period}'s work, stage after stage; "
            f"the longest stage is {esc(e.duration_why or '')}."
        )
    stages = [
        f"{esc(s.stage)}: {text.duration(d.seconds)}"
        + (f" ({esc(d.why)})" if d.seconds is None else "")
        for s, d in zip(e.stages, e.durations, strict=False)
    ]
    return "<br>".join([head, *stages]) if len(stages) > 1 else head


def stage_tip(row: ComparisonRow, i: int) -> str:
    """A stage's sub-row on hover: what it costs, or why the model cannot run it."""
    s = row.estimate.stages[i]
    head = f"<b>{esc(row.estimate.name)}</b>, stage <b>{esc(s.stage)}</b>: " + (
        f"{text.usd(s.total_usd)} per {text.PERIOD_WORDS[row.period]} "
        f"for {text.count(s.images, 'images')}"
        if s.supported
        else f"cannot run it: {esc(why_not(s))}"
    )
    return "<br>".join([head, *(f"• {esc(n.message)}" for n in s.notices)])


def budget_tip(row: ComparisonRow) -> str | None:
    """How many images the budget buys, and whether the plan fits in it."""
    if row.within_budget is None:
        return None
    verdict = (
        "<b>Over budget:</b> the scenario as planned costs more than the budget on this model."
        if row.over_budget
        else "The scenario as planned fits in the budget."
    )
    bought = text.count(row.within_budget, "images")
    plan = text.count(row.estimate.images, "images")
    return f"The budget buys {bought} in this scenario's mix (the plan: {plan}).<br>{verdict}"
