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

Then the scale case (``--scale`` alone runs only it): a generated catalog of
500 models (the shipped ones copied under new ids, as ``bench_core.big_catalog``
makes it) and a ten-stage scenario comparing all of them. It times the same
edits, medians and p95, as the window is wired: its ``Workspace`` keeps one
``EstimateMemo`` across edits, so an edit re-prices only the stage it changed.
Targets: 16 ms to the numbers, 50 ms (p95) to the chart. Last, the table itself at
that scale: sorting by each column, and every model opened to its ten stages.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

# The checkout this script is in, not whichever ImgCost is installed: a worktree of
# an older commit measures that commit.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("IMGCOST_DATA_DIR", tempfile.mkdtemp())


from PySide6.QtCore import Qt  # noqa: E402

from imgcost_gui.core.catalog import BASIC_QUALITIES as QUALITIES  # noqa: E402
from imgcost_gui.ui.shell import IdleCollections  # noqa: E402


def p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


def p95(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * 0.95))]


#: One frame, and what a chart redraw may take while the user types.
NUMBERS_MS, CHART_MS = 16.0, 50.0
SCALE_MODELS = 500


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


def time_edits(app: object, window: object, runs: int, warmup: int = 5) -> dict[str, object]:
    """Per chart tab: (numbers ms, chart ms) of ``runs`` edits, and how the last was drawn."""
    tabs = window.charts.tabs  # type: ignore[attr-defined]
    assert tabs is not None
    doc = window.doc  # type: ignore[attr-defined]
    requests = doc.scenario.stages[0].requests
    out: dict[str, object] = {}
    for index, chart in enumerate(tabs.charts):
        tabs.setCurrentIndex(index)
        settle(app, 0.3)
        numbers: list[float] = []
        charts: list[float] = []
        for i in range(runs + warmup):
            start = time.perf_counter()
            if chart is tabs.cells:  # a request count does not move this chart; quality does
                doc.set(("stages", 0, "quality"), QUALITIES[i % 3])
            else:
                # A new count each time, as typing makes: every model prices it afresh.
                doc.set(("stages", 0, "requests"), requests + 1 + 1000 * index + i)
            window.recompute()  # type: ignore[attr-defined]  # the 0 ms timer's work
            done_numbers = time.perf_counter()
            window.flush_charts()  # type: ignore[attr-defined]  # what the chart timer runs
            app.processEvents()  # type: ignore[attr-defined]  # runs the canvas's draw_idle
            done_chart = time.perf_counter()
            if i >= warmup:
                numbers.append((done_numbers - start) * 1000)
                charts.append((done_chart - start) * 1000)
        out[chart.title] = (numbers, charts, chart.last_draw)
    return out


def scale(app: object, runs: int) -> None:
    """500 models, ten stages, as the window is wired: one memo kept across edits."""
    from bench_core import big_catalog, ten_stages

    from imgcost_gui.core import UserCatalog, load_shipped_catalog
    from imgcost_gui.ui.shell import MainWindow

    big = big_catalog(load_shipped_catalog(), SCALE_MODELS)
    folder = tempfile.mkdtemp()
    user = UserCatalog(big, os.path.join(folder, "overrides.json"), load=False)
    scenario = ten_stages().model_copy(update={"models": [m.id for m in big.models]})
    window = MainWindow(user, persist=False)
    window.resize(1280, 800)
    window.show()
    window.doc.load(scenario.model_copy(deep=True), None)
    window.load_charts()
    window.recompute()
    window.flush_charts()
    settle(app)
    idle = IdleCollections(window)  # as the app does once started (app.py)
    window.live.computed.connect(idle.poke)
    rows = window.comparison.model.rowCount()
    print(f"scale: {rows} models x 10 stages, memo kept across edits:")
    for title, (numbers, charts, drawn) in time_edits(app, window, runs, 3).items():
        ok = p95(numbers) <= NUMBERS_MS and p95(charts) <= CHART_MS
        print(
            f"  {title:<28} numbers median {statistics.median(numbers):6.1f} ms "
            f"(p95 {p95(numbers):6.1f}); chart median {statistics.median(charts):6.1f} ms "
            f"(p95 {p95(charts):6.1f}); drawn: {drawn}; "
            f"{'OK' if ok else f'over {NUMBERS_MS:g}/{CHART_MS:g} ms'}"
        )
    table_actions(app, window)
    window.doc.undo_stack.setClean()
    idle.stop()
    window.close()


def table_actions(app: object, window: object) -> None:
    """What a user does to the table itself at scale: sort by each column (both ways),
    open every model to its stages and close them again, then an edit with them open."""
    panel = window.comparison  # type: ignore[attr-defined]
    table = panel.table
    sorts: list[float] = []
    for _ in range(3):
        for col in range(panel.model.columnCount()):
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                start = time.perf_counter()
                table.sortByColumn(col, order)
                app.processEvents()  # type: ignore[attr-defined]
                sorts.append((time.perf_counter() - start) * 1000)
    table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    start = time.perf_counter()
    panel.detail.show_stages.setChecked(True)
    app.processEvents()  # type: ignore[attr-defined]
    opened = (time.perf_counter() - start) * 1000
    lines = panel.model.rowCount()
    doc = window.doc  # type: ignore[attr-defined]
    requests = doc.scenario.stages[0].requests
    edits = []
    for i in range(10):
        start = time.perf_counter()
        doc.set(("stages", 0, "requests"), requests + 1 + i % 7)
        window.recompute()  # type: ignore[attr-defined]
        edits.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    panel.detail.show_stages.setChecked(False)
    app.processEvents()  # type: ignore[attr-defined]
    closed = (time.perf_counter() - start) * 1000
    print(
        f"  table: sort median {statistics.median(sorts):.1f} ms (p95 {p95(sorts):.1f}); "
        f"show stages ({lines} lines) {opened:.0f} ms, an edit then "
        f"{statistics.median(edits):.1f} ms, hide them {closed:.0f} ms"
    )


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = int(args[0]) if args else 60
    from PySide6.QtWidgets import QApplication

    from imgcost_gui.core import UserCatalog, load_shipped_catalog
    from imgcost_gui.ui.shell import MainWindow

    app = QApplication.instance() or QApplication([])
    if "--scale" in sys.argv:
        scale(app, max(10, runs // 3))
        sys.stdout.flush()
        os._exit(0)
    window = MainWindow(UserCatalog(load_shipped_catalog()), persist=False)
    window.resize(1280, 800)
    window.show()
    window.load_charts()
    settle(app)
    idle = IdleCollections(window)  # as the app does once started (app.py)
    window.live.computed.connect(idle.poke)
    for title, (numbers, charts, drawn) in time_edits(app, window, runs).items():
        print(
            f"{title:<30} numbers median {statistics.median(numbers):5.1f} ms "
            f"(p90 {p90(numbers):5.1f}); chart median {statistics.median(charts):5.1f} ms "
            f"(p90 {p90(charts):5.1f}); drawn: {drawn}"
        )
    window.doc.undo_stack.setClean()
    idle.stop()
    window.close()
    scale(app, max(10, runs // 3))
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: PySide6 can crash while collecting Qt objects then


if __name__ == "__main__":
    main()
