"""What the comparison says on hover: how each meter's dollars come about and
where its price was found. Every number is the core's; this only lays them out
(rich text, as a tooltip reads it)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from imgcost_gui.core import METER_LABELS, METERS, ModelEntry, ModelEstimate
from imgcost_gui.core.catalog import PublishedImagePrices, Source

from . import text

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
        if source is not None:
            out[meter] = source
    return out


def source_text(source: Source) -> str:
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


def total_tooltip(e: ModelEstimate, period: str, entry: ModelEntry | None) -> str:
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
    return tip


def _where(meter: str, sources: dict[str, Source]) -> str:
    if meter in SCENARIO_METERS:
        return "Price: your Responses API prices (this scenario)"
    source = sources.get(meter)
    return f"Price: {source_text(source)}" if source else "Price: no source recorded"
