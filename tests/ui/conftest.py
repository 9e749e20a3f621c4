"""Fixtures for driving the real window: no dialog ever blocks a test."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from imgcost_gui.core import UserCatalog, load_shipped_catalog
from imgcost_gui.ui.common import load_matplotlib
from imgcost_gui.ui.shell import MainWindow

# matplotlib as the app loads it (before any test module imports it).
load_matplotlib()


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["imgcost-tests"]


@pytest.fixture(autouse=True)
def app_names(qapp: QApplication) -> None:
    qapp.setOrganizationName("ImgCostTests")
    qapp.setApplicationName("ImgCostTests")


@dataclass
class Dialogs:
    """Message boxes the code under test asked, and what they answer."""

    asked: list[tuple[str, str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Discard

    def titles(self) -> list[str]:
        return [title for _kind, title, _text in self.asked]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    record = Dialogs()

    def question(
        parent: Any, title: str, text: str, *args: Any, **kwargs: Any
    ) -> QMessageBox.StandardButton:
        record.asked.append(("question", title, text))
        return record.answer

    def note(kind: str):  # noqa: ANN202
        def show(
            parent: Any, title: str, text: str, *args: Any, **kwargs: Any
        ) -> QMessageBox.StandardButton:
            record.asked.append((kind, title, text))
            return QMessageBox.StandardButton.Ok

        return show

    def exec_(box: QMessageBox) -> int:
        # A message box built by hand (custom button texts): answered like the static ones.
        record.asked.append(("box", box.windowTitle(), f"{box.text()}\n{box.informativeText()}"))
        return int(record.answer.value)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(note(kind)))
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return record


def make_window(
    qtbot: Any,
    *,
    charts: bool = False,
    user: UserCatalog | None = None,
    persist: bool = False,
) -> MainWindow:
    """The real window; ``persist`` True gives it autosave, as a normal start has."""
    window = MainWindow(user or UserCatalog(load_shipped_catalog()), persist=persist)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if charts:
        window.load_charts()
        window.recompute()
        window.flush_charts()
    return window


@pytest.fixture
def window_factory(qtbot: Any):  # noqa: ANN201
    """Open another window (a second start of the app, or one on a special catalog)."""
    return lambda **kwargs: make_window(qtbot, **kwargs)


@pytest.fixture
def window(qtbot: Any) -> MainWindow:
    return make_window(qtbot)


@pytest.fixture
def charted_window(qtbot: Any) -> MainWindow:
    return make_window(qtbot, charts=True)


def _draw_tab(window: MainWindow, chart: Any) -> Any:
    """``chart``'s tab brought forward and the comparison drawn on it at once."""
    window.charts.tabs.setCurrentWidget(chart)
    window.flush_charts()
    chart.canvas.draw()
    return chart


@pytest.fixture
def draw_tab() -> Any:
    """Bring a chart's tab forward and draw it now: ``draw_tab(window, chart)``."""
    return _draw_tab


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A Qt warning fails the test (the offscreen platform's own notice aside)."""
    for item in items:
        item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
        # the offscreen platform's notices: it cannot resize or raise a (tooltip) window
        item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise"))
