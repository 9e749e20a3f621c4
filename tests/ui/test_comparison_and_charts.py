"""Copy, CSV export, chart export and palette-derived chart colours."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from imgcost_gui.ui.charts.base import ChartStyle


def test_copy_pastes_into_a_spreadsheet(window):
    window.comparison.select_model("gpt-image-2")
    window.comparison.copy_selection()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t")[:5] == [
        "Model",
        "Model id",
        "Provider",
        "Per image (USD)",
        "Per month (USD)",
    ]
    # the name a person reads under "Model", the id a script matches under "Model id"
    assert len(lines) == 2 and lines[1].startswith("GPT Image 2\tgpt-image-2\tOpenAI\t")
    float(lines[1].split("\t")[4])  # a raw number, not "$173.35"


def test_csv_export_has_every_model(window, tmp_path):
    path = tmp_path / "comparison.csv"
    window.comparison.export_csv(path)
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert len(rows) == 1 + window.comparison.model.rowCount()


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_every_chart_exports(charted_window, tmp_path, suffix):
    tabs = charted_window.charts.tabs
    tabs.update_all()
    for chart in tabs.charts:
        path = tmp_path / f"{type(chart).__name__}.{suffix}"
        chart.export(path)
        assert path.stat().st_size > 1000


def test_chart_colours_follow_a_dark_palette():
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.Base, "#171717"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
    ):
        dark.setColor(role, QColor(colour))
    style = ChartStyle.from_palette(dark)
    assert style.dark and style.background == "#202124" and style.text == "#e8eaed"
    assert ChartStyle.from_palette(dark).series(0) != ChartStyle.from_palette(
        QPalette(QColor("#ffffff"))
    ).series(0)


def test_restyle_keeps_the_data(charted_window):
    chart = charted_window.charts.tabs.meters
    before = chart.data()
    charted_window.charts.tabs.restyle()
    assert chart.data() == before


def test_new_from_template(window):
    from imgcost_gui.ui.files import templates

    names = [name for name, _ in templates()]
    assert {"Onboarding thumbnails", "Marketplace listing edits", "4K print run"} <= set(names)
    path = dict(templates())["Marketplace listing edits"]
    window.files.new_from_template(path)
    stage = window.doc.scenario.stages[0]
    assert stage.mode == "edit" and stage.references.count == 2
    assert window.doc.path is None
    window.recompute()
    assert window.comparison.table.isColumnHidden(6) is False  # the template sets a budget


def test_dollar_signs_in_chart_text_stay_literal(charted_window):
    """A custom model called "Acme $5 plan" next to a "$0.04" label is not math text.

    matplotlib would read the text between two dollar signs as TeX and print it
    in italics with the dollars gone.
    """
    from matplotlib.text import Text

    tabs = charted_window.charts.tabs
    tabs.update_all()
    for chart in tabs.charts:
        texts = chart.figure.findobj(Text)
        assert texts and not any(t.get_parse_math() for t in texts), type(chart).__name__
