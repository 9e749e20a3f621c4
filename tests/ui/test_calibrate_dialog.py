"""Prices > Calibrate from responses: hand-written responses in the APIs' shape, read off
the UI thread, the table a user reads, saving (and undoing) the measured values, and a
file without usage that changes nothing.

The responses, worked by hand (output tokens per image; a request of two images counts
each image as half its output tokens):
  1024x1024 medium: 1,600; 1,800; and one request of two images, 4,000 -> 2,000 and 2,000.
    N = 3 responses; mean (1,600 + 1,800 + 2,000 + 2,000) / 4 = 1,850; p5 (rank 1 of 4)
    1,600; p95 (rank ceil(3.8) = 4) 2,000. The first also sent one reference image:
    4,200 tokens.
  1536x1024 high (a Responses API body, the image tool's usage): 5,000; 5,400.
    N = 2; mean 5,200; p5 5,000; p95 5,400.
gpt-image-2's published rule (tests/core/test_calibration.py works it through):
  1024x1024 medium 1,756 tokens; 1536x1024 high 5,488. One 1024x1024 reference image:
  one 512 px tile, 65 + 129 + 4,160 = 4,354 tokens.
Ratios: 1,850 / 1,756 = 1.05; 5,200 / 5,488 = 0.95; 4,200 / 4,354 = 0.96.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from imgcost_gui.core import Scenario, Stage, UserCatalog, estimate, load_shipped_catalog
from imgcost_gui.ui.catalog import CatalogDocument, CatalogEditor, PriceActions
from imgcost_gui.ui.catalog.calibrate_dialog import CalibrateDialog

WAIT_MS = 10_000


def images_body(size: str, quality: str, output: int, images: int = 1, refs: int = 0) -> dict:
    return {
        "created": 1793491260,
        "size": size,
        "quality": quality,
        "output_format": "png",
        "data": [{"b64_json": "iVBORw0KGgo="}] * images,
        "usage": {
            "input_tokens": 40 + refs,
            "input_tokens_details": {"text_tokens": 40, "image_tokens": refs},
            "output_tokens": output,
            "total_tokens": 40 + refs + output,
        },
    }


def responses_body(size: str, quality: str, output: int) -> dict:
    return {
        "id": "resp_1",
        "object": "response",
        "output": [
            {
                "type": "image_generation_call",
                "id": "ig_1",
                "status": "completed",
                "size": size,
                "quality": quality,
                "result": "iVBORw0KGgo=",
            }
        ],
        "tool_usage": {
            "image_gen": {
                "input_tokens": 30,
                "input_tokens_details": {"text_tokens": 30, "image_tokens": 0},
                "output_tokens": output,
                "total_tokens": 30 + output,
            }
        },
        "usage": {"input_tokens": 900, "output_tokens": output + 500, "total_tokens": 9999},
    }


BODIES = [
    images_body("1024x1024", "medium", 1600, refs=4200),
    images_body("1024x1024", "medium", 1800),
    images_body("1024x1024", "medium", 4000, images=2),
    responses_body("1536x1024", "high", 5000),
    responses_body("1536x1024", "high", 5400),
]


@pytest.fixture
def responses(tmp_path: Path) -> Path:
    path = tmp_path / "responses.jsonl"
    path.write_text("\n".join(json.dumps(b) for b in BODIES) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def doc(qtbot: Any) -> CatalogDocument:
    return CatalogDocument(UserCatalog(load_shipped_catalog()))


def opened(qtbot: Any, doc: CatalogDocument, path: Path) -> CalibrateDialog:
    dialog = CalibrateDialog(doc, "gpt-image-2")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.open_file(path)
    # The answer comes back by signal: until the event loop runs, the dialog says so.
    assert dialog.status.text() == f"Reading {path.name}…"
    assert not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.reader.busy, timeout=WAIT_MS)
    return dialog


def cells(dialog: CalibrateDialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def gpt2_medium(doc: CatalogDocument) -> Any:
    scenario = Scenario(
        stages=[Stage(requests=10, width=1024, height=1024, quality="medium", prompt_tokens=0)]
    )
    (est,) = estimate(scenario, doc.catalog, ["gpt-image-2"])
    return est


def test_the_table_shows_the_means_and_counts_worked_by_hand(
    qtbot: Any, doc: CatalogDocument, responses: Path
) -> None:
    dialog = opened(qtbot, doc, responses)
    assert cells(dialog) == [
        ["1024x1024", "medium", "3", "1,850.0", "1,600–2,000", "1,756", "1.05", "4,200.0", "—"],
        ["1536x1024", "high", "2", "5,200.0", "5,000–5,400", "5,488", "0.95", "—", "—"],
    ]
    assert dialog.status.text().startswith("5 responses from responses.jsonl in 2 groups")
    assert "1 request sent reference images" in dialog.notes.text()
    assert "give the count above" in dialog.notes.text()
    # Given the reference image each request sent, they are compared with the tile rule.
    dialog.references.setValue(1)
    qtbot.waitUntil(lambda: not dialog.reader.busy, timeout=WAIT_MS)
    assert cells(dialog)[0][7:] == ["4,200.0", "4,354"]
    assert "ratio 0.96" in dialog.notes.text()
    # The plot names each group beside its point.
    assert dialog.canvas is not None
    labels = {t.get_text() for t in dialog.canvas.figure.axes[0].texts}
    assert {"1024x1024 medium", "1536x1024 high", "1024x1024 medium (references)"} <= labels


def test_saving_makes_estimates_use_them_and_the_prices_page_show_them(
    qtbot: Any, doc: CatalogDocument, responses: Path
) -> None:
    editor = CatalogEditor(doc)
    qtbot.addWidget(editor)
    editor.show()
    assert gpt2_medium(doc).stages[0].output_tokens_per_image == 1756
    dialog = opened(qtbot, doc, responses)
    assert dialog.save()
    assert "1024x1024 medium: 1,850 tokens an image (1,600–2,000, 3 responses)" in (
        dialog.saved.text()
    )
    assert "Edit > Undo takes them back" in dialog.saved.text()
    assert not dialog.save_button.isEnabled()  # saved once, not twice
    est = gpt2_medium(doc)
    assert est.stages[0].output_tokens_per_image == 1850
    # $30 / 1M image output tokens: 10 images x 1,850 tokens, and 1,600 to 2,000 as the range.
    assert est.total_usd == pytest.approx(10 * 1850 * 30 / 1e6)
    assert (est.low_usd, est.high_usd) == (
        pytest.approx(10 * 1600 * 30 / 1e6),
        pytest.approx(10 * 2000 * 30 / 1e6),
    )
    assert any(
        "measured from 3 responses on 2026-12-01" in n.message for n in est.stages[0].notices
    )
    # The Prices page turns to the model and lists what was measured, apart from its prices.
    assert editor.selected() is not None and editor.selected().entry.id == "gpt-image-2"
    assert editor.measured.isVisible()
    assert editor.measured.shown_rows() == [
        [
            "1024x1024 medium",
            "1,850",
            "1,600–2,000",
            "3 responses",
            "responses.jsonl",
            "2026-12-01",
        ],
        ["1536x1024 high", "5,200", "5,000–5,400", "2 responses", "responses.jsonl", "2026-12-01"],
    ]
    # One undoable step, like every other change on the Prices page.
    doc.undo_stack.undo()
    assert gpt2_medium(doc).stages[0].output_tokens_per_image == 1756
    assert not editor.measured.isVisible()
    doc.undo_stack.redo()
    assert gpt2_medium(doc).stages[0].output_tokens_per_image == 1850
    # Kept on disk for the next start.
    again = UserCatalog(load_shipped_catalog())
    assert again.catalog.get("gpt-image-2").measured_output["1536x1024/high"].tokens == 5200


def test_a_file_without_usage_blocks_says_so_in_one_line_and_writes_nothing(
    qtbot: Any, doc: CatalogDocument, tmp_path: Path
) -> None:
    bad = tmp_path / "no-usage.jsonl"
    bodies = [{"created": 1, "size": "1024x1024", "quality": "low", "data": [{"url": "x"}]}] * 3
    bad.write_text("\n".join(json.dumps(b) for b in bodies), encoding="utf-8")
    dialog = opened(qtbot, doc, bad)
    line = dialog.status.text()
    assert "no response with a usage block" in line
    assert "\n" not in line
    assert dialog.table.rowCount() == 0
    assert not dialog.save_button.isEnabled()
    assert not dialog.save()
    assert not doc.user.measured_path.exists()
    assert doc.undo_stack.count() == 0


def test_the_menu_action_reports_what_was_kept(
    qtbot: Any, doc: CatalogDocument, responses: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    actions = PriceActions(window, doc)
    said: list[str] = []
    shown: list[bool] = []
    actions.report.connect(said.append)
    actions.showPrices.connect(lambda: shown.append(True))

    def exec_(dialog: CalibrateDialog) -> int:
        qtbot.waitUntil(lambda: not dialog.reader.busy, timeout=WAIT_MS)
        dialog.save()
        return 0

    monkeypatch.setattr(CalibrateDialog, "exec", exec_)
    assert actions.calibrate(responses)
    assert said == ["Measured tokens of GPT Image 2 kept; Undo takes them back."]
    assert shown == [True]


def test_a_save_that_fails_says_so_and_leaves_no_undo_step(
    qtbot: Any, doc: CatalogDocument, responses: Path
) -> None:
    failures: list[str] = []
    doc.saveFailed.connect(failures.append)
    doc.user.measured_path.mkdir(parents=True)  # a folder where the file should be
    dialog = opened(qtbot, doc, responses)
    assert not dialog.save()
    assert dialog.saved.text() == "The measured values were not saved; nothing was changed."
    (failure,) = failures  # the reason is the system's own words ("Is a directory")
    assert failure.startswith(f"Could not save your measured tokens in {doc.user.measured_path}: ")
    assert failure.endswith(
        "Nothing was changed: estimates use the measured tokens they used before."
    )
    assert doc.undo_stack.count() == 0
    assert gpt2_medium(doc).stages[0].output_tokens_per_image == 1756


def test_the_models_offered_are_those_billed_by_output_tokens(
    qtbot: Any, doc: CatalogDocument
) -> None:
    dialog = CalibrateDialog(doc)
    qtbot.addWidget(dialog)
    names = [dialog.model.itemText(i) for i in range(dialog.model.count())]
    assert names[0] == "GPT Image 2 (gpt-image-2)"
    assert "GPT Image 1 (gpt-image-1) — retired" in names  # retired ones last, and said so
    assert names.index("GPT Image 1 (gpt-image-1) — retired") > names.index(
        "GPT Image 2.5 Flare (gpt-image-2.5-flare)"
    )
    # Billed per image (its tokens set no price), or not by tokens at all: not offered.
    assert not any("gpt-image-1-mini)" in n and "Azure" not in n for n in names)
    assert not any("flux" in n.lower() for n in names)
    # Typing searches anywhere in the name.
    completer = dialog.model.completer()
    completer.setCompletionPrefix("flare")
    found = [
        completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())
    ]
    assert found and all("Flare" in n for n in found)


def test_until_a_file_is_read_quiet_words_hold_the_charts_room(
    qtbot: Any, doc: CatalogDocument, responses: Path
) -> None:
    dialog = CalibrateDialog(doc, "gpt-image-2")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.no_plot.isVisible()
    assert "drawn here once a file is read" in dialog.no_plot.text()
    dialog.open_file(responses)
    qtbot.waitUntil(lambda: not dialog.reader.busy, timeout=WAIT_MS)
    assert dialog.canvas is not None
    qtbot.waitUntil(dialog.canvas.isVisible)  # shown as the layout takes it in
    assert not dialog.no_plot.isVisible()
