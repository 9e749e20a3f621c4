"""What the Calibrate dialog's table and notes say: the columns, one group's cells as
``imgcost calibrate`` prints them, the notes the table cannot hold, the lines that
sum up what was measured and what estimates use from now on, and why a model's
responses cannot be compared."""

from __future__ import annotations

from imgcost_gui.core.calibration import CalibrationGroup, Responses
from imgcost_gui.core.catalog import MeasuredOutput

COLUMNS = (
    "Size",
    "Quality",
    "N",
    "Output\nmeasured",
    "Output\np5–p95",
    "Output\nestimated",
    "Ratio",
    "References\nmeasured",
    "References\nestimated",
)
COLUMN_TIPS = {
    2: "Responses of this size and quality",
    3: "Mean output tokens per image, over every image of the group",
    4: "5th to 95th percentile of output tokens per image (nearest rank)",
    5: "Output tokens per image by the published rule",
    6: "Measured mean divided by the estimate",
    7: "Mean reference-image tokens per request, over requests that sent any",
    8: "Reference-image tokens per request by the published tile rule",
}


def gone(model_id: str) -> str:
    """Why a model's responses cannot be compared: it left the catalog."""
    return (
        f"The model “{model_id}” is no longer in the price catalog (a custom model "
        "deleted, or the overrides reloaded without it). Choose another model."
    )


def _num(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def group_cells(g: CalibrationGroup) -> list[str]:
    """One table row, as ``imgcost calibrate`` prints it (tokens per image)."""
    s, ins = g.output_tokens, g.input_image_tokens
    return [
        str(g.size),
        g.quality,
        str(g.responses),
        _num(s.mean, 1),
        f"{_num(s.p5)}–{_num(s.p95)}",
        _num(g.output_tokens_estimated),
        _ratio(g.output_ratio),
        "—" if ins is None else _num(ins.mean, 1),
        _num(g.input_image_tokens_estimated),
    ]


#: Why reference images have no estimate, in the dialog's words (the core names CLI flags).
NO_REFERENCES = (
    "responses do not say how many reference images were sent; give the count above "
    "to compare with the published tile rule"
)


def group_notes(groups: list[CalibrationGroup], found: Responses) -> list[str]:
    """What the table cannot say: why a figure has no estimate, notes, responses left out."""
    lines: list[str] = []
    for g in groups:
        label = f"{g.size} {g.quality}"
        if g.why_no_output_estimate:
            lines.append(f"{label}: no estimate: {g.why_no_output_estimate}.")
        if g.input_image_tokens is not None:
            n = g.input_image_requests
            where = f"{n} request{'s' if n != 1 else ''} sent reference images"
            if g.input_image_tokens_estimated is None:
                why = g.why_no_input_estimate or ""
                if "--references" in why:
                    why = NO_REFERENCES
                lines.append(f"{label}: {where}; no estimate: {why}.")
            else:
                lines.append(f"{label}: {where}, ratio {_ratio(g.input_image_ratio)}.")
        lines += [f"{label}: {note}." for note in g.notes]
    lines += [f"{line}." for line in found.skipped_lines()]
    return lines


def _responses_word(n: int) -> str:
    return f"{n:,} response{'s' if n != 1 else ''}"


def now_used(name: str, kept: dict[str, MeasuredOutput]) -> str:
    """What estimates use from now on, in words."""
    parts = [
        f"{key.replace('/', ' ')}: {m.tokens:,} tokens an image ({m.low:,}–{m.high:,}, "
        f"{_responses_word(m.responses)})"
        for key, m in kept.items()
    ]
    return (
        f"Saved. Estimates of {name} now use the measured output tokens, with p5–p95 as "
        f"the low–high range: {'; '.join(parts)}. Edit > Undo takes them back; the Prices "
        "page lists and resets them."
    )


def measured_summary(found: Responses, groups: list[CalibrationGroup], name: str) -> str:
    """The status line over the table: how many responses, in how many groups, against
    which model's published rule."""
    n = len(found.found)
    g = len(groups)
    left = sum(found.skipped.values())
    return (
        f"{_responses_word(n)} from {found.file} in {g} group{'s' if g != 1 else ''} of "
        f"size and quality"
        + (f"; {_responses_word(left)} left out (see below)" if left else "")
        + f". Tokens per image, measured against {name}'s "
        "published rule."
    )


def reference_spreads(groups: list[CalibrationGroup]) -> dict[tuple[int, int], str]:
    """The tooltips of the measured reference tokens: each group's p5-p95."""
    return {
        (
            row,
            7,
        ): f"p5–p95: {_num(g.input_image_tokens.p5)}–{_num(g.input_image_tokens.p95)}"
        for row, g in enumerate(groups)
        if g.input_image_tokens is not None
    }
