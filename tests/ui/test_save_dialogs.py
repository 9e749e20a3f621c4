"""Saving and exporting: the chosen format wins, nothing is replaced without asking,
and suggested names are valid on every system."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from imgcost_gui.core import load_scenario
from imgcost_gui.ui.common.save_paths import safe_file_name

WINDOWS_REFUSES = set('<>:"/\\|?*')


class SaveDialog:
    """Stands in for the native save dialog: answers in turn, remembers what it was offered."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *answers: tuple[Path, str]):
        self.answers = list(answers)
        self.suggested: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self))

    def __call__(self, parent, caption, start, filters):  # noqa: ANN001, ANN204
        self.suggested.append(start)
        path, chosen = self.answers.pop(0) if self.answers else ("", "")
        return str(path), chosen


def test_save_as_asks_before_replacing_the_file_its_suffix_points_to(
    window, monkeypatch, tmp_path, dialogs
):
    existing = tmp_path / "plan.imgcost"
    existing.write_text("precious", encoding="utf-8")
    scenario_filter = "ImgCost scenarios (*.imgcost *.imgcost.json)"
    dialog = SaveDialog(
        monkeypatch, (tmp_path / "plan", scenario_filter), (tmp_path / "other", scenario_filter)
    )
    dialogs.answer = QMessageBox.StandardButton.No
    window.save_as_action.trigger()
    assert dialogs.titles() == ["Replace file?"]
    assert existing.read_text(encoding="utf-8") == "precious"
    assert dialog.suggested[1] == str(existing)  # asked again, from the name it refused
    assert (tmp_path / "other.imgcost").exists()
    assert window.windowTitle().startswith("other.imgcost")

    SaveDialog(monkeypatch, (tmp_path / "plan", scenario_filter))
    dialogs.answer = QMessageBox.StandardButton.Yes
    window.save_as_action.trigger()
    assert load_scenario(existing)[0] == window.doc.scenario


def test_save_as_with_the_json_filter_saves_json(window, monkeypatch, tmp_path):
    SaveDialog(monkeypatch, (tmp_path / "plan", "JSON files (*.json)"))
    window.save_as_action.trigger()
    assert (tmp_path / "plan.json").exists()


@pytest.mark.parametrize(
    ("chosen", "suffix", "magic"),
    [
        ("SVG vector image (*.svg)", ".svg", b"<?xml"),
        ("PDF document (*.pdf)", ".pdf", b"%PDF"),
        ("PNG image (*.png)", ".png", b"\x89PNG"),
    ],
)
def test_chart_export_honours_the_chosen_format(
    charted_window, monkeypatch, tmp_path, chosen, suffix, magic
):
    chart = charted_window.charts.tabs.meters
    SaveDialog(monkeypatch, (tmp_path / "costs", chosen))
    chart.export_dialog()
    written = tmp_path / f"costs{suffix}"
    assert written.read_bytes().startswith(magic)


def test_chart_export_asks_before_replacing(charted_window, monkeypatch, tmp_path, dialogs):
    existing = tmp_path / "costs.svg"
    existing.write_text("mine", encoding="utf-8")
    SaveDialog(monkeypatch, (tmp_path / "costs", "SVG vector image (*.svg)"))
    dialogs.answer = QMessageBox.StandardButton.No
    charted_window.charts.tabs.meters.export_dialog()
    assert dialogs.titles() == ["Replace file?"]
    assert existing.read_text(encoding="utf-8") == "mine"


def test_csv_export_adds_csv_and_asks_before_replacing(window, monkeypatch, tmp_path, dialogs):
    SaveDialog(monkeypatch, (tmp_path / "table", "CSV files (*.csv)"))
    window.comparison.export_action.trigger()
    written = tmp_path / "table.csv"
    assert written.read_text(encoding="utf-8").startswith("Model,Model id,")
    written.write_text("keep me", encoding="utf-8")
    SaveDialog(monkeypatch, (tmp_path / "table", "CSV files (*.csv)"))
    dialogs.answer = QMessageBox.StandardButton.No
    window.comparison.export_action.trigger()
    assert dialogs.titles() == ["Replace file?"]
    assert written.read_text(encoding="utf-8") == "keep me"
    # a name with its own extension is the user's choice
    SaveDialog(monkeypatch, (tmp_path / "table.txt", "CSV files (*.csv)"))
    window.comparison.export_action.trigger()
    assert (tmp_path / "table.txt").read_text(encoding="utf-8").startswith("Model,")


def test_suggested_names_are_valid_on_windows(charted_window, monkeypatch):
    window = charted_window
    assert ":" in window.doc.scenario.name  # "Campaign: drafts then finals"
    dialog = SaveDialog(monkeypatch)
    window.save_as_action.trigger()
    window.comparison.export_action.trigger()
    window.charts.tabs.update_all()  # as when each tab is opened to press its Export
    for chart in window.charts.tabs.charts:
        chart.export_dialog()
    assert len(dialog.suggested) == 2 + len(window.charts.tabs.charts)
    for suggested in dialog.suggested:
        assert not WINDOWS_REFUSES & set(Path(suggested).name), suggested
        assert Path(suggested).name.startswith("Campaign drafts then finals")


def test_safe_file_name():
    assert safe_file_name('Q3: "hero" shots <final>?') == "Q3 hero shots final"
    assert safe_file_name("a/b\\c|d*e") == "a b c d e"
    assert safe_file_name(" ... ") == "Untitled"
    assert safe_file_name("trailing dot.") == "trailing dot"
