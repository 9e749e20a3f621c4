"""The keyboard: Ctrl+F finds on the page on show, Ctrl+E exports, F1 helps, and
every menu item and dialog button has an underlined letter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from imgcost_gui.ui.common.mnemonics import mnemonic_letter, with_mnemonic


def press(window, qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.ControlModifier):  # noqa: ANN001, ANN201
    window.activateWindow()
    qtbot.keyClick(window, key, modifier)


def test_ctrl_f_on_the_comparison_page_goes_to_the_model_search(window, qtbot):
    assert window.left_tabs.currentIndex() == 0  # the Workload tab
    window.model_picker.search.setText("flux")
    press(window, qtbot, Qt.Key.Key_F)
    qtbot.waitUntil(window.model_picker.search.hasFocus)
    assert window.left_tabs.tabText(window.left_tabs.currentIndex()) == "Models"
    assert window.model_picker.search.selectedText() == "flux"  # typing replaces it


def test_ctrl_f_on_the_prices_page_goes_to_the_price_search(window, qtbot):
    window.pages.setCurrentIndex(1)
    press(window, qtbot, Qt.Key.Key_F)
    qtbot.waitUntil(window.catalog_editor.search.hasFocus)
    assert window.pages.tabText(window.pages.currentIndex()) == "Prices"
    assert window.left_tabs.currentIndex() == 0  # the Comparison page was left alone


def test_ctrl_e_exports_the_comparison(window, qtbot, monkeypatch, tmp_path):
    asked: list[str] = []

    def dialog(parent, caption, start, filters):  # noqa: ANN001, ANN202
        asked.append(caption)
        return str(tmp_path / "table"), "CSV files (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    press(window, qtbot, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: bool(asked))
    assert (tmp_path / "table.csv").read_text(encoding="utf-8").startswith("Model,")


def test_copy_and_export_have_their_keys(window):
    assert window.comparison.export_action.shortcut() == QKeySequence("Ctrl+E")
    assert window.comparison.copy_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Copy)


def test_f1_opens_the_help(window, qtbot):
    press(window, qtbot, Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier)
    qtbot.waitUntil(lambda: window.help_window is not None and window.help_window.isVisible())


def all_menus(window) -> list[QMenu]:  # noqa: ANN001
    out = []

    def walk(menu: QMenu) -> None:
        menu.aboutToShow.emit()  # as when it opens: recent files are filled then
        out.append(menu)
        for action in menu.actions():
            if isinstance(action.menu(), QMenu):
                walk(action.menu())

    for action in window.menuBar().actions():
        walk(action.menu())
    return out


def test_every_menu_item_has_its_own_underlined_letter(window, tmp_path):
    plan = tmp_path / "R&D plan.imgcost"
    assert window.files.save_to(plan)  # a recent file, with an '&' in its name
    menus = all_menus(window)
    assert {m.title().replace("&", "") for m in menus} >= {
        "File", "Edit", "Prices", "View", "Help", "Appearance", "New from template", "Open recent",
    }  # fmt: skip
    for menu in menus:
        letters = []
        for action in menu.actions():
            if action.isSeparator() or not action.isEnabled():
                continue
            letter = mnemonic_letter(action.text())
            assert letter is not None, f"{menu.title()} > {action.text()}"
            letters.append(letter)
        assert len(letters) == len(set(letters)), f"{menu.title()}: {letters}"
    recent = next(m for m in menus if m.title().replace("&", "") == "Open recent")
    names = [
        a.text().replace("&&", "\0").replace("&", "").replace("\0", "&") for a in recent.actions()
    ]
    assert "R&D plan.imgcost" in names  # shown as named, not as a mnemonic


def test_menu_bar_titles_have_distinct_letters(window):
    letters = [mnemonic_letter(a.text()) for a in window.menuBar().actions()]
    assert None not in letters and len(letters) == len(set(letters))


def test_an_item_added_later_gets_a_letter_when_the_menu_opens(window):
    later = window.menus.prices_menu.addAction("Calibrate from responses…")
    window.menus.prices_menu.aboutToShow.emit()
    letter = mnemonic_letter(later.text())
    assert letter is not None
    others = [
        mnemonic_letter(a.text()) for a in window.menus.prices_menu.actions() if a is not later
    ]
    assert letter not in others


def test_with_mnemonic_prefers_word_starts_and_free_letters():
    taken = {"s"}
    assert with_mnemonic("Save As…", taken) == "Save &As…"
    assert with_mnemonic("Save", {"s"}) == "S&ave"  # no word start free: the next letter
    assert with_mnemonic("Open recent", {"o"}) == "Open &recent"
    assert with_mnemonic("&Quit", set()) == "&Quit"


@pytest.fixture
def boxes(monkeypatch):  # noqa: ANN001, ANN201
    """The buttons of each message box built by hand, as it was shown."""
    seen: list[list[str]] = []

    def exec_(box: QMessageBox) -> int:
        seen.append([b.text() for b in box.buttons()])
        return int(QMessageBox.StandardButton.Cancel.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return seen


def test_unsaved_changes_buttons_have_underlined_letters(window, boxes):
    window.scenario_panel.form.requests.setValue(321)
    assert not window.files.maybe_save()  # cancelled
    (buttons,) = boxes
    assert sorted(buttons) == ["&Cancel", "&Discard", "&Save"]


def test_replace_file_and_problem_boxes_have_underlined_letters(window, boxes, tmp_path):
    bad = tmp_path / "bad.imgcost"
    bad.write_text("{", encoding="utf-8")
    window.files.open_path(bad, ask=False)
    assert boxes[-1] == ["&OK"]


def test_recovery_buttons_have_underlined_letters(window_factory, boxes):
    from tests.ui.test_autosave import crash_with_unsaved_work

    crash_with_unsaved_work()
    window = window_factory(persist=True)
    window.files.offer_recovery()
    (buttons,) = boxes
    assert sorted(buttons) == ["&Discard", "&Keep for later", "&Recover"]
