"""Prices > Compare with what was billed: the plan against hand-made Usage and Costs API
exports, read off the UI thread, drift worked by hand, and bad exports in one line.

The plan: 1,000 images a month at 1024x1024 low on gpt-image-2, prompts of 50 tokens.
gpt-image-2 (text in $5 / 1M, image out $30 / 1M): 196 output tokens an image, so
196 x 30 / 1e6 + 50 x 5 / 1e6 = $0.00613 an image (tests/core/test_reconcile.py), and
$6.13 for the month.
The exports cover 30 days from 2026-11-01 (a 30-day month): scale 30 / 30 = 1.
  Images: 1,100 made against 1,000 planned: (1,100 - 1,000) / 1,000 = +10.0%.
  At actual volume: 1,100 x $0.00613 = $6.743, shown $6.74.
  Dollars: $0.20 input + $6.80 output = $7.00 billed against $6.13:
  (7.00 - 6.13) / 6.13 = +14.19%, shown +14.2%. "gpt-5, input" $1.50 names no model
  of the plan: not attributed.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from imgcost_gui.core import Scenario, Stage, UserCatalog, load_shipped_catalog
from imgcost_gui.core.catalog import MeasuredOutput
from imgcost_gui.ui.catalog import CatalogDocument
from imgcost_gui.ui.catalog.reconcile_dialog import ReconcileDialog

WAIT_MS = 10_000
NOV_1 = 1793491200  # 2026-11-01T00:00:00Z
DEC_1 = NOV_1 + 30 * 86400


def page(results: list[dict]) -> dict:
    bucket = {"object": "bucket", "start_time": NOV_1, "end_time": DEC_1, "results": results}
    return {"object": "page", "data": [bucket], "has_more": False, "next_page": None}


def usage(images: int, model: str = "gpt-image-2") -> dict:
    return page(
        [
            {
                "object": "organization.usage.images.result",
                "images": images,
                "num_model_requests": images,
                "model": model,
                "size": "1024x1024",
                "source": "image.generation",
            }
        ]
    )


def cost(value: float, line_item: str) -> dict:
    return {
        "object": "organization.costs.result",
        "amount": {"value": value, "currency": "usd"},
        "line_item": line_item,
        "project_id": None,
    }


def write(tmp_path: Path, name: str, value: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(value), encoding="utf-8")
    return path


PLAN = Scenario(
    name="November drafts",
    period="month",
    models=["gpt-image-2", "flux-2-pro"],
    stages=[
        Stage(
            name="Drafts", requests=1000, width=1024, height=1024, quality="low", prompt_tokens=50
        )
    ],
)


@pytest.fixture
def dialog(qtbot: Any) -> ReconcileDialog:
    doc = CatalogDocument(UserCatalog(load_shipped_catalog()))
    dialog = ReconcileDialog(doc, PLAN)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def read(qtbot: Any, dialog: ReconcileDialog, usage_path: Path, costs: Path | None = None) -> None:
    dialog.set_files(usage_path, costs)
    assert dialog.status.text() == f"Reading {usage_path.name}…"
    qtbot.waitUntil(lambda: not dialog.reader.busy, timeout=WAIT_MS)


def cells(dialog: ReconcileDialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_plan_against_the_bill_shows_the_drift_worked_by_hand(
    qtbot: Any, dialog: ReconcileDialog, tmp_path: Path
) -> None:
    costs = page(
        [
            cost(0.20, "gpt-image-2, input"),
            cost(6.80, "gpt-image-2, output"),
            cost(1.50, "gpt-5, input"),
        ]
    )
    read(
        qtbot, dialog, write(tmp_path, "usage.json", usage(1100)), write(tmp_path, "c.json", costs)
    )
    # flux-2-pro is planned but made nothing in the export: only gpt-image-2 is compared.
    assert cells(dialog) == [
        ["GPT Image 2", "1024x1024", "1,000", "1,100", "+10.0%", "$6.13", "$6.74", "", ""],
        ["GPT Image 2", "total", "1,000", "1,100", "+10.0%", "$6.13", "$6.74", "$7.00", "+14.2%"],
    ]
    assert dialog.status.text().startswith(
        "2026-11-01 to 2026-12-01 (30 days): the plan of “November drafts” per month, "
        "scaled by 30/30 = 1.000"
    )
    assert "Not attributed to a model: gpt-5, input $1.50." in dialog.notes.text()
    # The chart labels each drift over its bars, with units on the axes.
    assert dialog.canvas is not None
    images, dollars = dialog.canvas.figure.axes
    assert [t.get_text() for t in images.texts] == ["+10.0%"]
    assert [t.get_text() for t in dollars.texts] == ["+14.2%"]
    assert images.get_ylabel() == "Images in the span"
    assert dollars.get_ylabel() == "US dollars"


def test_without_a_costs_export_only_images_and_estimates_are_compared(
    qtbot: Any, dialog: ReconcileDialog, tmp_path: Path
) -> None:
    read(qtbot, dialog, write(tmp_path, "usage.json", usage(900)))
    # (900 - 1,000) / 1,000 = -10.0%; 900 x $0.00613 = $5.517, shown $5.52.
    assert cells(dialog)[-1] == [
        "GPT Image 2",
        "total",
        "1,000",
        "900",
        "−10.0%",
        "$6.13",
        "$5.52",
        "no costs file",
        "—",
    ]


def test_a_bad_export_says_why_in_one_line(
    qtbot: Any, dialog: ReconcileDialog, tmp_path: Path
) -> None:
    no_model = usage(10)
    del no_model["data"][0]["results"][0]["model"]
    read(qtbot, dialog, write(tmp_path, "grouped-wrong.json", no_model))
    line = dialog.status.text()
    assert "do not name their model" in line and "group_by=model" in line
    assert "\n" not in line
    assert dialog.table.rowCount() == 0
    # An export of other models names what it has.
    read(qtbot, dialog, write(tmp_path, "other.json", usage(10, model="dall-e-3")))
    line = dialog.status.text()
    assert line.startswith("⚠ other.json has no images of the scenario's models")
    assert "dall-e-3" in line and "\n" not in line
    # Not JSON at all.
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    read(qtbot, dialog, broken)
    assert "broken.json" in dialog.status.text() and "\n" not in dialog.status.text()


def test_estimates_say_when_they_use_measured_tokens(
    qtbot: Any, dialog: ReconcileDialog, tmp_path: Path
) -> None:
    # 250 tokens an image measured at 1024x1024 low: 250 x 30 / 1e6 + 0.00025 = $0.0078
    # an image, $7.75 for the 1,000 planned.
    kept = MeasuredOutput(
        tokens=250, low=240, high=260, responses=4, measured_on=dt.date(2026, 11, 30), file="f"
    )
    assert dialog.doc.keep_measured("gpt-image-2", {"1024x1024/low": kept}, "f")
    read(qtbot, dialog, write(tmp_path, "usage.json", usage(1100)))
    assert cells(dialog)[-1][5] == "$7.75"
    assert dialog.status.text().endswith(
        "Estimates of GPT Image 2 use the output tokens you measured."
    )


def test_after_a_failed_read_the_dialog_keeps_its_shape_and_says_where_the_chart_went(
    qtbot: Any, dialog: ReconcileDialog, tmp_path: Path
) -> None:
    def stacked() -> bool:
        # the lines sit one under another at the top, not spread down the dialog
        gap = dialog.status.geometry().top() - dialog.costs.geometry().bottom()
        return 0 <= gap < 40 and dialog.no_plot.isVisible() == (dialog.reconciled is None)

    assert dialog.no_plot.isVisible() and "once a usage export is read" in dialog.no_plot.text()
    assert not dialog.clear_costs.isEnabled()  # no costs export to clear yet
    assert stacked()
    good = write(tmp_path, "usage.json", usage(1100))
    costs = write(tmp_path, "c.json", page([cost(6.80, "gpt-image-2, output")]))
    read(qtbot, dialog, good, costs)
    assert dialog.canvas is not None and dialog.canvas.isVisible()
    assert not dialog.no_plot.isVisible()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    read(qtbot, dialog, good, broken)
    assert dialog.status.text().startswith("⚠ broken.json")
    assert not dialog.canvas.isVisible() and dialog.table.rowCount() == 0
    assert dialog.no_plot.isVisible() and "Nothing to draw" in dialog.no_plot.text()
    qtbot.waitUntil(stacked)
    dialog.clear_costs.click()  # back to the usage export alone: the chart returns
    qtbot.waitUntil(lambda: not dialog.reader.busy and dialog.reconciled is not None)
    assert dialog.canvas.isVisible() and not dialog.no_plot.isVisible()
