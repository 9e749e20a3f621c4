"""The scenario form by keyboard: Alt+letter reaches each field, and the notes field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from imgcost_gui.core.scenario import MAX_DESCRIPTION


def _letter(text: str) -> str:
    i = text.index("&")
    return text[i + 1].lower()


def _window_letters(window) -> set[str]:
    """Alt+letters the window gives outside the form, read from it: the menu bar's
    (File, Edit, Prices...) and other labelled fields' on screen with it (the
    comparison's Budget; not the Models tab's or the Prices page's, shown instead)."""
    menus = {_letter(a.text()) for a in window.menuBar().actions()}
    panel = window.scenario_panel
    fields = {
        _letter(w.text())
        for w in window.findChildren(QLabel)
        if w.buddy() is not None and "&" in w.text() and not panel.isAncestorOf(w) and w.isVisible()
    }
    assert "p" in menus and "b" in fields  # Prices, Budget
    return menus | fields


def _labels(panel, *, advanced: bool) -> list[QLabel]:
    inside = panel.form.advanced.isAncestorOf
    return [
        w for w in panel.findChildren(QLabel) if w.buddy() is not None and inside(w) == advanced
    ]


def test_every_form_label_has_its_own_letter_and_a_buddy(window):
    panel = window.scenario_panel
    main = _labels(panel, advanced=False)
    texts = sorted(w.text() for w in main)
    # the scenario, its Time group (OpenAI's tier) and every field of the stage
    assert len(main) == 20, texts
    assert all(w.text().count("&") == 1 for w in main), texts
    letters = [_letter(w.text()) for w in main]
    assert len(set(letters)) == len(letters), texts
    assert not set(letters) & _window_letters(window)
    for w in main:
        assert w.buddy().focusPolicy() != Qt.FocusPolicy.NoFocus, w.text()


def test_the_advanced_section_has_letters_apart_from_the_stage_fields(window):
    panel = window.scenario_panel
    advanced = _labels(panel, advanced=True)
    assert len(advanced) == 7
    letters = [_letter(w.text()) for w in advanced]
    assert len(set(letters)) == len(letters)
    stage = [w for w in _labels(panel, advanced=False) if panel.form.isAncestorOf(w)]
    assert not set(letters) & {_letter(w.text()) for w in stage}
    assert not set(letters) & _window_letters(window)


def _alt(window, qtbot, letter: str) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, letter, Qt.KeyboardModifier.AltModifier)


def test_alt_and_a_labels_letter_focuses_its_field(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel = window.scenario_panel
    stage = ("stages", panel.current_stage)
    window.doc.set_many([((*stage, "quality"), "auto"), ((*stage, "mode"), "edit")], "all on")
    window.doc.set((*stage, "references", "measured_tokens"), 900)
    for label in _labels(panel, advanced=False):
        assert label.buddy().isEnabled(), label.text()
        if not label.isVisibleTo(window):
            continue  # e.g. "Jobs" while the stage counts requests
        _alt(window, qtbot, _letter(label.text()))
        assert QApplication.focusWidget() is label.buddy(), label.text()


def test_alt_reaches_the_advanced_fields_once_shown(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    advanced = window.scenario_panel.form.advanced
    advanced.set_open(True)
    label = next(
        w
        for w in _labels(window.scenario_panel, advanced=True)
        if "Attempts" in w.text().replace("&", "")
    )
    _alt(window, qtbot, _letter(label.text()))
    assert QApplication.focusWidget() is advanced.retries


def test_alt_p_opens_the_prices_menu_and_alt_l_reaches_plan_from(window, qtbot, qtlog):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    panel = window.scenario_panel
    panel.name.setFocus()
    _alt(window, qtbot, "l")
    assert QApplication.focusWidget() is panel.plan_from
    # Alt+P is no field's letter: it goes to the menu bar (the Prices menu), not a field
    with qtlog.disabled():  # the offscreen platform cannot grab the keyboard for the menu
        _alt(window, qtbot, "p")
    assert QApplication.focusWidget() is window.menuBar()
    qtbot.waitUntil(window.menus.prices_menu.isVisible)
    window.menus.prices_menu.close()


def test_the_tier_field_is_reached_by_its_letter(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    time = window.scenario_panel.time
    assert time.tier_labels["OpenAI"].text() == "OpenAI &tier:"
    _alt(window, qtbot, "t")
    assert QApplication.focusWidget() is time.tier_boxes["OpenAI"]


def test_tab_walks_the_time_group_in_the_order_shown(window, qtbot):
    panel = window.scenario_panel
    time = panel.time
    panel.description.setFocus()
    order = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [time.tier_boxes["OpenAI"], time.parallel, time.finish_within]


# --- notes ---------------------------------------------------------------------------


def test_notes_show_the_start_of_the_text_on_several_lines(window):
    notes = window.scenario_panel.description
    text = window.doc.scenario.description
    assert notes.toPlainText() == text
    assert notes.textCursor().position() == 0
    assert notes.verticalScrollBar().value() == 0
    line = notes.fontMetrics().lineSpacing()
    assert notes.height() >= 3 * line
    window.doc.set(("description",), "short")
    assert 3 * line <= notes.height() < 4 * line + 12
    window.doc.set(("description",), "\n".join(f"line {i}" for i in range(20)))
    assert 6 * line <= notes.height() < 7 * line + 12  # grows to six lines, then scrolls


def test_typing_notes_is_kept_and_undone_in_one_step(window, qtbot):
    notes = window.scenario_panel.description
    before = window.doc.scenario.description
    notes.setFocus()
    notes.moveCursor(notes.textCursor().MoveOperation.End)
    qtbot.keyClicks(notes, " Ask Dana before June.")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "Second line")
    assert window.doc.scenario.description == before + " Ask Dana before June.\nSecond line"
    assert window.doc.undo_stack.count() == 1
    # Ctrl+Z in the field is the scenario's Undo: the whole burst goes at once
    qtbot.keyClick(notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.scenario.description == before
    assert notes.toPlainText() == before
    window.redo_action.trigger()
    assert notes.toPlainText().endswith("Second line")


def test_notes_past_the_limit_are_cut_with_a_message(window):
    notes = window.scenario_panel.description
    notes.setPlainText("x" * (MAX_DESCRIPTION + 25))
    assert window.doc.scenario.description == "x" * MAX_DESCRIPTION
    assert notes.toPlainText() == "x" * MAX_DESCRIPTION
    message = window.statusBar().currentMessage()
    assert message == "Notes can hold at most 10,000 characters: the last 25 were not kept."
    assert notes.limit_note.text() == "Notes are full (10,000 characters)"
    assert notes.limit_note.isVisibleTo(window)
    notes.setPlainText("x" * (MAX_DESCRIPTION - 120))
    assert notes.limit_note.text() == "120 characters left"
    notes.setPlainText("short again")
    assert not notes.limit_note.isVisibleTo(window)


def test_ctrl_z_in_the_name_field_is_the_scenarios_undo(window, qtbot):
    name = window.scenario_panel.name
    before = window.doc.scenario.name
    name.setFocus()
    name.end(False)
    qtbot.keyClicks(name, " v2")
    assert window.doc.scenario.name == before + " v2"
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.scenario.name == before
    assert name.text() == before
    assert window.redo_action.isEnabled()  # undone in the history, not typed over it
