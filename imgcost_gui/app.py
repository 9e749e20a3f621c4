"""``imgcost-gui``: the desktop app's entry point.

The window is shown first, before the core is imported; the catalog is read and
the features built after its first paint, and matplotlib (the slowest import)
loads after the numbers are on screen, so the app feels up at once.
``IMGCOST_STARTUP_TIMES=1`` prints when the window, the numbers and the charts
were first drawn (``benchmarks/bench_startup.py`` reads them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import imgcost_gui

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

APP_NAME = "ImgCost"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="imgcost-gui",
        description="Compare what image-generation models will cost for your workload.",
    )
    parser.add_argument(
        "scenario",
        nargs="?",
        type=Path,
        help="a scenario file (*.imgcost; an older *.imgcost.json opens too) to open",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window, render the comparison and charts, then quit (exit code 0 when all went well)",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE",
        help="with --smoke-test: save the whole window to FILE",
    )
    parser.add_argument(
        "--version", action="version", version=f"imgcost-gui {imgcost_gui.__version__}"
    )
    return parser.parse_args(argv)


def app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    from imgcost_gui.resources import resources_dir

    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in (16, 32, 48, 64, 128, 256):
        png = folder / f"imgcost-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    return icon


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    from PySide6.QtWidgets import QApplication

    import imgcost_gui.ui  # noqa: F401  before any Qt call: it keeps None alive (see there)

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(imgcost_gui.__version__)
    app.setWindowIcon(app_icon())

    from .ui.shell import FirstPaint, IdleCollections, MainWindow, StartupTimes

    times = StartupTimes.from_env()
    # The window first, empty ("Loading prices…"): it paints before the core is imported.
    window = MainWindow(persist=not args.smoke_test)
    result = {"code": 0}

    def stop(code: int) -> None:
        result["code"] = code
        app.exit(code)  # the window closes once the loop is over (see below)

    def build() -> None:
        """After the first paint: read the catalog, build the features, price the scenario."""
        from imgcost_gui.core import FileProblem, UserCatalog, load_scenario, load_shipped_catalog

        try:
            shipped = load_shipped_catalog()
        except FileProblem as e:
            # Nothing can be priced without it: one clear message, not a traceback.
            print(f"imgcost-gui: {e.message}", file=sys.stderr)
            if not args.smoke_test:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.critical(window, "ImgCost cannot start", e.message)
            stop(2)
            return
        window.build(UserCatalog(shipped))
        if args.scenario is not None and args.smoke_test:
            # no dialog may block a smoke test: report on stderr instead
            try:
                scenario, _ = load_scenario(args.scenario)
            except FileProblem as e:
                print(f"imgcost-gui: {e.message}", file=sys.stderr)
                stop(2)
                return
            window.doc.load(scenario, args.scenario.resolve())
        elif args.scenario is not None:
            window.files.open_path(args.scenario, ask=False)
        window.charts.drawn.connect(lambda: times.mark("charts drawn"))
        then = smoke_finish if args.smoke_test else after_build
        FirstPaint(window.comparison, lambda: times.mark("numbers shown"), then)

    def smoke_finish() -> None:
        try:
            app.processEvents()
            window.load_charts()
            app.processEvents()  # let the new canvases take their size before drawing
            window.recompute()
            window.flush_charts()
            tabs = window.charts.tabs
            assert tabs is not None  # load_charts made them
            # The chart shown first, as a user's start draws it ("charts drawn"), then
            # the others: a smoke test that draws every chart finds a failing one.
            tabs.charts[tabs.currentIndex()].canvas.draw()  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated
            tabs.update_all()
            app.processEvents()
            if args.screenshot is not None:
                args.screenshot.parent.mkdir(parents=True, exist_ok=True)
                if not window.grab().save(str(args.screenshot)):
                    print(f"imgcost-gui: could not write {args.screenshot}", file=sys.stderr)
                    result["code"] = 1
        except Exception as e:  # a smoke test reports every failure as an exit code
            print(f"imgcost-gui: smoke test failed: {e!r}", file=sys.stderr)
            result["code"] = 1
        window.doc.undo_stack.setClean()
        stop(result["code"])

    def after_build() -> None:
        window.finish_start()
        # The catalog and the window live as long as the app: kept out of every
        # collection (a full pass over them took ~100 ms at 500 models, a dropped
        # frame), and full collections wait for a pause in the typing.
        collections["idle"] = collector = IdleCollections(window)
        window.live.computed.connect(collector.poke)
        # Work a crashed session left is offered whether or not a file was opened.
        window.files.offer_recovery()

    collections: dict[str, IdleCollections] = {}
    FirstPaint(window, lambda: times.mark("window shown"), build)
    window.show()
    code = app.exec()
    for collector in collections.values():
        collector.stop()
    # Closed after the loop, not in it: closing the last window inside it would also
    # post a "quit" that a later event loop in this process (tests) would stop on.
    if window.isVisible():  # a window the user closed was closed (and asked) then
        window.close()
    return result["code"] if result["code"] else code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
