"""How fast the window follows the user's typing.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_ui.py [RUNS]

Opens the main window on its example scenario and, like a user typing into
the requests field, changes one stage value per run through the scenario
document. For each chart tab it times:

- numbers: the edit until the comparison table holds the new figures
  (the core's estimate, ranking and the table model), target one frame (16.7 ms);
- chart: the same plus the visible chart's data, its redraw and Qt painting
  the window, target 50 ms. The window redraws charts at most once per 50 ms
  (a lone edit at once); this measures one redraw, not that spacing.

A chart whose frame (scale, names, legend) is unchanged redraws only its
data over a saved picture of the frame; the runs here are such edits, as
typing a request count is. Prints how each chart's last edit was drawn.

Prints medians and p90 over RUNS edits. Machines are noisy: compare medians.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("IMGCOST_DATA_DIR", tempfile.mkdtemp())


from imgcost_gui.core.catalog import BASIC_QUALITIES as QUALITIES  # noqa: E402


def p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


def settle(app: object, seconds: float = 1.5) -> None:
    """Let the new window finish laying itself out, as it has before anyone types.

    For most of a second after it opens, the window lays out and repaints
    itself whole several times (tables sizing their columns, the first chart
    draws); edits timed then would be charged for that.
    """
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    from PySide6.QtWidgets import QApplication

    from imgcost_gui.core import UserCatalog, load_shipped_catalog
    from imgcost_gui.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    window = MainWindow(UserCatalog(load_shipped_catalog()), persist=False)
    window.resize(1280, 800)
    window.show()
    window.load_charts()
    settle(app)
    tabs = window.charts.tabs
    assert tabs is not None
    requests = window.doc.scenario.stages[0].requests

    for index, chart in enumerate(tabs.charts):
        tabs.setCurrentIndex(index)
        settle(app, 0.3)
        numbers: list[float] = []
        charts: list[float] = []
        for i in range(runs + 5):
            start = time.perf_counter()
            if chart is tabs.cells:  # a request count does not move this chart; quality does
                window.doc.set(("stages", 0, "quality"), QUALITIES[i % 3])
            else:
                window.doc.set(("stages", 0, "requests"), requests + 1 + i % 7)
            window.recompute()  # what the 0 ms timer runs on the next turn of the event loop
            done_numbers = time.perf_counter()
            window.flush_charts()  # what the chart timer runs
            app.processEvents()  # runs the canvas's draw_idle
            done_chart = time.perf_counter()
            if i >= 5:  # warm-up
                numbers.append((done_numbers - start) * 1000)
                charts.append((done_chart - start) * 1000)
        print(
            f"{chart.title:<30} numbers median {statistics.median(numbers):5.1f} ms "
            f"(p90 {p90(numbers):5.1f}); chart median {statistics.median(charts):5.1f} ms "
            f"(p90 {p90(charts):5.1f}); drawn: {chart.last_draw}"
        )
    window.doc.undo_stack.setClean()
    window.close()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: PySide6 can crash while collecting Qt objects then


if __name__ == "__main__":
    main()
