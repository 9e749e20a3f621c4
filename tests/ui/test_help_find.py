"""Help's "Find in this page" says when the words are not in the page."""

from __future__ import annotations

from imgcost_gui.ui.help import GUIDE


def test_words_not_in_the_page_read_not_found_until_the_text_changes(window, qtbot):
    help_window = window.show_help(GUIDE)
    qtbot.keyClicks(help_window.find_box, "zebra crossing")
    assert not help_window.find_next()
    assert help_window.find_note.isVisible()
    assert help_window.find_note.text() == "Not found"
    qtbot.keyClick(help_window.find_box, "\b")  # editing the words takes the note away
    assert not help_window.find_note.isVisible()
    help_window.find_box.setText("reconcile")
    assert help_window.find_next()
    assert not help_window.find_note.isVisible()
