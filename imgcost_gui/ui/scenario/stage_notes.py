"""Lines under a stage's fields that say which compared models cannot run them:
the size, the quality, editing. Each names the field as the form labels it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from imgcost_gui.core import ModelEntry, Size, Stage
from imgcost_gui.core.billing import quality_notice

from .fields import field_words

#: Models listed in a note's tooltip before "… and N more".
LISTED = 20


def size_refusals(entries: list[ModelEntry], stage: Stage) -> list[tuple[ModelEntry, str]]:
    size = Size(stage.width, stage.height)
    checks = [(e, e.sizes.check(size)) for e in entries]
    return [(e, c.reason or "size not offered") for e, c in checks if not c.supported]


def quality_refusals(entries: list[ModelEntry], stage: Stage) -> list[tuple[ModelEntry, str]]:
    return [
        (e, f"offers {', '.join(e.quality_levels)}")
        for e in entries
        if quality_notice(e, stage) is not None
    ]


def edit_refusals(entries: list[ModelEntry], stage: Stage) -> list[tuple[ModelEntry, str]]:
    if stage.mode != "edit":
        return []
    return [(e, "cannot edit images") for e in entries if not e.edits]


def show_refusals(
    label: QLabel,
    field: str,
    entries: list[ModelEntry],
    refused: list[tuple[ModelEntry, str]],
    *,
    all_ok: str = "",
) -> bool:
    """Say on ``label`` how many of ``entries`` run ``field`` ("Quality “Max”"), and in
    its tooltip which cannot and why. Returns whether there is anything to show:
    not when all can and ``all_ok`` is empty."""
    if not entries or not refused:
        label.setText(all_ok if entries else "")
        label.setToolTip("")
        return bool(entries and all_ok)
    n = len(entries) - len(refused)
    label.setText(f"{field}: offered by {n} of {len(entries)} models · hover for the others")
    lines = [f"• {e.name}: {why}" for e, why in refused[:LISTED]]
    if len(refused) > LISTED:
        lines.append(f"… and {len(refused) - LISTED} more")
    label.setToolTip(
        f"Not priced for {field_words(field)}; nothing is changed for you.\n" + "\n".join(lines)
    )
    return True
