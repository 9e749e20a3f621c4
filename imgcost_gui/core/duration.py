"""How long a stage's work takes on a model: the binding limit and the time.

Inputs are the model's published limits (``Throughput``: images, tokens and
requests per minute by usage tier, requests in flight, typical latency, the
batch completion window) and the team's own (``Team``: its tier with each
vendor, how many requests it runs at once). The work runs as fast as the
tightest limit allows; the last request's latency is added once. A batch stage
finishes within the vendor's completion window. What nobody publishes stays
unknown: the time is None and the reason says which figure is missing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .catalog import ModelEntry, Throughput
from .results import Duration, StageEstimate
from .scenario import Stage

#: Meters whose tokens count against a tokens-per-minute limit.
TOKEN_METERS = ("text_in", "cached_text_in", "image_in", "cached_image_in", "image_out", "thinking")


@dataclass(frozen=True, slots=True)
class Team:
    """The team's side of the limits: its tier with each vendor, and how many
    requests it sends at once (None: as many as the limits allow)."""

    tiers: dict[str, str] = field(default_factory=dict)
    parallel_requests: int | None = None
    #: A tier the vendor does not have is an error (a flag someone typed), not an
    #: unknown time (a scenario file, whose other figures still stand).
    strict: bool = True

    def tier_for(self, vendor: str) -> str | None:
        for name, tier in self.tiers.items():
            if name.lower() == vendor.lower() or name == "*":
                return tier
        return None


class UnknownTier(ValueError):
    """A tier name the vendor does not have."""


def tiers_of(entry: ModelEntry) -> list[str]:
    return [t.name for t in entry.throughput.tiers] if entry.throughput else []


def stage_duration(
    entry: ModelEntry, stage: Stage, est: StageEstimate, team: Team | None = None
) -> Duration:
    """How long ``stage`` takes on ``entry`` for ``team``; see the module docstring."""
    team = team or Team()
    t = entry.throughput
    if not est.supported:
        return Duration(None, None, "the model cannot run this stage")
    if t is None:
        return Duration(None, None, f"{entry.vendor} publishes no rate limits or latency")
    requests = est.billed_images / stage.outputs_per_request
    if requests <= 0:
        return Duration(0.0, None, "no requests")
    latency = float(t.latency_p50_s) if t.latency_p50_s is not None else None
    if stage.batch and entry.batch is not None and t.batch_window_hours:
        jobs = math.ceil(requests / t.batch_max_requests) if t.batch_max_requests else 1
        return Duration(
            t.batch_window_hours * 3600.0,
            "batch_window",
            f"a batch completes within {t.batch_window_hours} h "
            f"({jobs} batch job{'s' if jobs != 1 else ''})",
            jobs,
        )
    bounds: dict[str, float] = {}
    if t.tiers:
        tier_name = team.tier_for(entry.vendor)
        if tier_name is None:
            names = ", ".join(tiers_of(entry))
            return Duration(
                None, None, f"say your {entry.vendor} usage tier ({names}) to get a time"
            )
        tier = t.tier(tier_name)
        if tier is None:
            why = f"{entry.vendor} has no tier {tier_name!r}; its tiers are {', '.join(tiers_of(entry))}"
            if team.strict:
                raise UnknownTier(why)
            return Duration(None, None, why)
        tokens = sum(m.tokens or 0.0 for m in est.meters if m.meter in TOKEN_METERS)
        for name, per_minute, amount in (
            ("images_per_minute", tier.images_per_minute, est.billed_images),
            ("tokens_per_minute", tier.tokens_per_minute, tokens),
            ("requests_per_minute", tier.requests_per_minute, requests),
        ):
            if per_minute == 0:
                return Duration(None, name, f"{entry.name} is not available on tier {tier.name}")
            if per_minute is not None and amount:
                bounds[name] = amount / per_minute * 60.0
    if latency is not None:
        caps = [c for c in (t.concurrent_requests, team.parallel_requests) if c]
        if caps:
            cap = min(caps)
            which = "concurrency" if cap == t.concurrent_requests else "parallel_requests"
            bounds[which] = math.ceil(requests / cap) * latency
    if not bounds:
        if latency is None:
            return Duration(None, None, f"no published rate limit or latency for {entry.name}")
        # Nothing caps how many run at once: the whole stage takes one latency.
        return Duration(latency, "latency", "no limit caps requests in flight")
    limited_by = max(bounds, key=lambda k: bounds[k])
    seconds = bounds[limited_by] + (latency or 0.0)
    why = _why(limited_by, t, latency)
    return Duration(seconds, limited_by, why)


def _why(limited_by: str, t: Throughput, latency: float | None) -> str:
    words = {
        "images_per_minute": "images per minute",
        "tokens_per_minute": "tokens per minute (input and output)",
        "requests_per_minute": "requests per minute",
        "concurrency": f"{t.concurrent_requests} requests in flight x latency",
        "parallel_requests": "your parallel requests x latency",
    }
    tail = (
        f", plus the last request's {latency:g} s"
        if latency is not None
        else "; latency unknown, not added"
    )
    queued = "; requests beyond the cap wait in a queue" if t.queues else ""
    return f"limited by {words[limited_by]}{tail}{queued}"


def duration_words(seconds: float | None) -> str:
    """How long work takes, as a person reads it: 45 s, 12 min, 3 h 20 min, 2 d 4 h
    ("—" when unknown). The one wording of a time, for the window and the command line."""
    if seconds is None:
        return "—"
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    hours, minutes = divmod(round(seconds / 60), 60)
    if hours >= 48:
        days, hours = divmod(hours, 24)
        return f"{days} d {hours} h" if hours else f"{days} d"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
