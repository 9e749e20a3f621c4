"""Lines that change with every edit (the summary, the detail line) keep the rest
of the window still, and still get the room their words need."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from imgcost_gui.ui.common.steady import SteadyBox

SHORT = "Best option: $49.00 a month"
LONG = " ".join(["then GPT Image 1 Mini on Azure OpenAI $54.18 (+$5.18)"] * 8)


class LayoutRequests(QObject):
    """Counts the window's own 'lay yourself out again' requests."""

    def __init__(self, window: QWidget):
        super().__init__()
        self.window, self.count = window, 0
        window.installEventFilter(self)

    def eventFilter(self, watched, event):  # noqa: N802
        if watched is self.window and event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def window_with_box(qtbot, text: str) -> tuple[QWidget, QLabel, SteadyBox, QLabel]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    label = QLabel(text)
    label.setWordWrap(True)
    box = SteadyBox(label)
    below = QLabel("the table")
    layout.addWidget(box)
    layout.addWidget(below, 1)
    window.resize(400, 500)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    return window, label, box, below


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def test_new_figures_on_as_many_lines_leave_the_window_alone(qtbot):
    window, label, box, below = window_with_box(qtbot, SHORT)
    requests = LayoutRequests(window)
    top_of_table = below.y()
    label.setText("Best option: $51.67 a month")  # new figures, still one line
    settle()
    assert requests.count == 0
    assert below.y() == top_of_table
    assert label.text() == "Best option: $51.67 a month"


def test_words_that_need_more_lines_get_them_and_move_what_is_below(qtbot):
    window, label, box, below = window_with_box(qtbot, SHORT)
    one_line = box.height()
    label.setText(LONG)
    settle()
    needed = label.heightForWidth(box.width())
    assert box.height() >= needed > one_line  # nothing clipped
    assert label.height() == box.height()
    assert below.y() >= box.y() + needed
    label.setText(SHORT)  # and back: the room is given back
    settle()
    assert box.height() == one_line


def test_the_box_hides_with_its_words(qtbot):
    window, label, box, below = window_with_box(qtbot, SHORT)
    label.hide()
    settle()
    assert not box.isVisible()
    label.show()
    settle()
    assert box.isVisible()
    assert box.height() >= label.heightForWidth(box.width())


def test_a_narrower_window_wraps_the_words_onto_more_lines(qtbot):
    window, label, box, below = window_with_box(qtbot, LONG)
    wide = box.height()
    window.resize(220, 700)
    settle()
    assert box.height() >= label.heightForWidth(box.width()) > wide
