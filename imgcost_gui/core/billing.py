"""What every pricing scheme's estimator shares: billed attempts, batch
discounts, resolution tiers, token meters, and the notices about size,
edits and 'auto' quality."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from .catalog import QUALITIES, ModelEntry, Tier
from .results import MeterCost, Notice, StageEstimate
from .scenario import ResponsesOverhead, Stage
from .sizes import Size

#: A stage of one shape priced at its counts. Making the plan does the work that
#: no count changes (size and quality checks, notices, unit prices), so typing a
#: new volume only multiplies: ``plan(stage)`` for any stage of the same shape
#: (every value but ``requests``, ``jobs`` and ``images_per_job`` the same).
StagePlan = Callable[[Stage], StageEstimate]

PER_MILLION = 1_000_000.0
#: How many months each scenario period lasts, for monthly subscriptions.
MONTHS_PER_PERIOD = {"day": 1 / 30.4375, "week": 7 / 30.4375, "month": 1.0, "year": 12.0}


def as_float(value: Decimal | None) -> float:
    return 0.0 if value is None else float(value)


def rate(value: Decimal | None, factor: float) -> float:
    return as_float(value) * factor


def token_meter(meter: str, tokens: float, usd_per_m: float) -> MeterCost:
    return MeterCost(meter, tokens * usd_per_m / PER_MILLION, tokens, usd_per_m)


def batch_factor(entry: ModelEntry, stage: Stage, notices: list[Notice]) -> float:
    if not stage.batch:
        return 1.0
    if entry.batch is None:
        notices.append(
            Notice("no_batch", f"{entry.name} has no batch discount; priced at the standard rate")
        )
        return 1.0
    return 1.0 - float(entry.batch.discount)


def billed_requests(entry: ModelEntry, stage: Stage) -> float:
    """Billed requests: every retry, and failed attempts where the provider bills them."""
    if entry.bills_failures:
        return stage.requests_per_period * stage.attempts_per_request
    return stage.requests_per_period * stage.retry_multiplier


def tier_for(tiers: Sequence[Tier], size: Size) -> Tier | None:
    """The smallest tier that holds the size's pixels."""
    fits = [t for t in tiers if size.pixels <= t.max_pixels]
    return min(fits, key=lambda t: t.max_pixels) if fits else None


def qualities_to_price(entry: ModelEntry, stage: Stage) -> tuple[str, ...]:
    """Qualities to price: the chosen one, or for 'auto' the assumed one and the
    model's cheapest and dearest levels (the range it may pick from)."""
    if stage.quality == "auto":
        levels = entry.quality_levels or ("low", "high")
        assumed: str = stage.auto_assumes
        if entry.quality_levels and assumed not in levels:
            # Assume no more than the model offers: its nearest level below.
            order = QUALITIES.index(stage.auto_assumes)
            below = [q for q in levels if QUALITIES.index(q) <= order]
            assumed = max(below, key=QUALITIES.index) if below else levels[0]
        return (assumed, levels[0], levels[-1])
    return (stage.quality,)


def quality_notice(entry: ModelEntry, stage: Stage) -> Notice | None:
    """An error when the model does not offer the stage's quality level."""
    if stage.quality == "auto" or not entry.qualities:
        return None  # (quick answers first: this runs for every model on every edit)
    levels = entry.quality_levels
    if not levels or stage.quality in levels:
        return None
    return Notice(
        "unsupported_quality",
        f"{entry.name} offers quality {', '.join(levels)}; it has no '{stage.quality}' "
        f"(stage '{stage.name}')",
        "error",
    )


def size_and_edit_notices(entry: ModelEntry, stage: Stage) -> tuple[bool, list[Notice]]:
    notices: list[Notice] = []
    check = entry.sizes.check(stage.size)
    if not check.supported:
        near = ", ".join(str(s) for s in check.nearest)
        hint = f"; nearest accepted: {near}" if near else ""
        notices.append(Notice("unsupported_size", f"{entry.name}: {check.reason}{hint}", "error"))
        return False, notices
    bad_quality = quality_notice(entry, stage)
    if bad_quality is not None:
        notices.append(bad_quality)
        return False, notices
    if check.experimental:
        notices.append(
            Notice(
                "experimental_size",
                f"{entry.name}: {stage.size} is an experimental output size; results may vary",
            )
        )
    if stage.mode == "edit" and not entry.edits:
        notices.append(
            Notice(
                "no_edits",
                f"{entry.name} cannot edit images, and stage '{stage.name}' is an edit",
                "error",
            )
        )
        return False, notices
    return True, notices


def responses_overhead(
    entry: ModelEntry, stage: Stage, notices: list[Notice]
) -> ResponsesOverhead | None:
    """The main model's tokens to add when images are made through the Responses
    API, for the models that API can call; others are called directly (a notice)."""
    o = stage.responses
    if o is None:
        return None
    if not entry.responses_api:
        notices.append(
            Notice(
                "no_responses_api",
                f"{entry.name} is not called through OpenAI's Responses API; "
                "its overhead is not added",
                "info",
            )
        )
        return None
    return o


def responses_at(o: ResponsesOverhead | None, attempts: float) -> list[MeterCost]:
    """The Responses overhead's meters for ``attempts`` billed requests."""
    if o is None:
        return []
    return [
        token_meter("responses_in", o.input_tokens * attempts, float(o.input_usd_per_m)),
        token_meter("responses_out", o.output_tokens * attempts, float(o.output_usd_per_m)),
    ]


def auto_quality_notice(
    entry: ModelEntry,
    priced_as: str,
    low: float | None,
    high: float | None,
    images: int,
) -> Notice:
    """Says that 'auto' lets the model pick, the level priced, and the range."""
    if low is None or high is None or not images:
        text = f"quality auto: {entry.name} picks the quality; priced as {priced_as}"
    else:
        text = (
            f"quality auto: {entry.name} picks the quality; priced as {priced_as}, "
            f"range ${low / images:.3f}–${high / images:.3f} per image"
        )
    return Notice("auto_quality", text, "info")


def unpriced_plan(entry: ModelEntry, notices: list[Notice], counted: bool = False) -> StagePlan:
    """A stage this model cannot price; ``notices`` say why. ``counted``: the
    attempts are still counted (the size is accepted but has no price)."""
    why = tuple(notices)

    def at(stage: Stage) -> StageEstimate:
        billed = billed_requests(entry, stage) * stage.outputs_per_request if counted else 0.0
        return StageEstimate(stage.name, stage.images, billed, False, notices=why)

    return at


def tier_or_notice(
    entry: ModelEntry, tiers: Sequence[Tier], stage: Stage, notices: list[Notice]
) -> Tier | None:
    """The resolution tier billed for the stage's size, or None with an error notice."""
    tier = tier_for(tiers, stage.size)
    if tier is None:
        notices.append(
            Notice(
                "unsupported_size",
                f"{entry.name}: {stage.size} is larger than its biggest tier",
                "error",
            )
        )
    return tier
