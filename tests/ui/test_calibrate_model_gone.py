"""Prices > Calibrate from responses when the chosen model leaves the catalog while its
file is read (a custom model deleted, the overrides reloaded): the dialog says so
instead of staying on "Reading…", and nothing is kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from imgcost_gui.core import UserCatalog, load_shipped_catalog
from imgcost_gui.core.catalog import MeasuredOutput
from imgcost_gui.ui.catalog import CatalogDocument
from imgcost_gui.ui.catalog.calibrate_dialog import CalibrateDialog

BODY = {
    "created": 1793491260,
    "size": "1024x1024",
    "quality": "medium",
    "data": [{"b64_json": "iVBORw0KGgo="}],
    "usage": {
        "input_tokens": 40,
        "input_tokens_details": {"text_tokens": 40, "image_tokens": 0},
        "output_tokens": 1800,
        "total_tokens": 1840,
    },
}


def test_a_model_deleted_while_its_file_is_read_is_named_not_left_reading(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps(BODY) + "\n", encoding="utf-8")
    doc = CatalogDocument(UserCatalog(load_shipped_catalog()))
    doc.add_custom("gpt-image-2", "my-gpt", "My GPT")
    dialog = CalibrateDialog(doc, "my-gpt")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(path)
    assert dialog.status.text() == "Reading mine.jsonl…"
    doc.delete_custom("my-gpt")  # before the answer comes back
    qtbot.waitUntil(lambda: not dialog.reader.busy, timeout=10_000)
    qtbot.waitUntil(lambda: "Reading" not in dialog.status.text(), timeout=10_000)
    assert "“my-gpt” is no longer in the price catalog" in dialog.status.text()
    assert not dialog.save_button.isEnabled()
    assert not dialog.save()
    # and reading again says the same at once
    dialog.open_file(path)
    assert "no longer in the price catalog" in dialog.status.text()


def test_keeping_measured_values_of_a_model_gone_keeps_nothing() -> None:
    doc = CatalogDocument(UserCatalog(load_shipped_catalog()))
    m = MeasuredOutput(
        tokens=1800,
        low=1800,
        high=1800,
        responses=1,
        measured_on=dt.date(2026, 12, 1),
        file="mine.jsonl",
    )
    assert not doc.keep_measured("no-such-model", {"1024x1024/medium": m}, "mine.jsonl")
    assert doc.undo_stack.count() == 0


def test_with_no_model_to_calibrate_choosing_a_file_says_why_nothing_happens(
    qtbot: Any, tmp_path: Path
) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps(BODY) + "\n", encoding="utf-8")
    shipped = load_shipped_catalog()
    per_image = [m for m in shipped.models if m.id.startswith("flux")]
    doc = CatalogDocument(UserCatalog(shipped.model_copy(update={"models": per_image})))
    dialog = CalibrateDialog(doc, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.model.count() == 0
    dialog.open_file(path)
    assert dialog.status.text() == (
        "⚠ None of the catalog's models is billed by output tokens, so there is "
        "nothing to measure these responses against."
    )
    assert not dialog.reader.busy and not dialog.save_button.isEnabled()
