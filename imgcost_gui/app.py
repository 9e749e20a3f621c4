"""``imgcost-gui``: the desktop app's entry point.

The window is shown first; matplotlib (the slowest import) loads from the event
loop after the window's first paint, so the app feels up at once.
``IMGCOST_STARTUP_TIMES=1`` prints when the window and the charts were first
drawn (``benchmarks/bench_startup.py`` reads them).
"""

from __future__ import annotations

import argparse
import gc
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

    from imgcost_gui.core.paths import resources_dir

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

    from imgcost_gui.core import FileProblem, UserCatalog, load_shipped_catalog

    from .ui.shell import FirstPaint, MainWindow, StartupTimes

    times = StartupTimes.from_env()

    try:
        shipped = load_shipped_catalog()
    except FileProblem as e:
        # Nothing can be priced without it: one clear message, not a traceback.
        print(f"imgcost-gui: {e.message}", file=sys.stderr)
        if not args.smoke_test:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.critical(None, "ImgCost cannot start", e.message)
        return 2
    window = MainWindow(UserCatalog(shipped), persist=not args.smoke_test)
    if args.scenario is not None and args.smoke_test:
        # no dialog may block a smoke test: report on stderr instead
        from imgcost_gui.core import FileProblem, load_scenario

        try:
            scenario, _ = load_scenario(args.scenario)
        except FileProblem as e:
            print(f"imgcost-gui: {e.message}", file=sys.stderr)
            return 2
        window.doc.load(scenario, args.scenario.resolve())
    elif args.scenario is not None:
        window.files.open_path(args.scenario, ask=False)
    window.charts.drawn.connect(lambda: times.mark("charts drawn"))

    if args.smoke_test:
        result = {"code": 0}

        def finish() -> None:
            try:
                app.processEvents()
                window.load_charts()
                app.processEvents()  # let the new canvases take their size before drawing
                window.recompute()
                window.flush_charts()
                tabs = window.charts.tabs
                assert tabs is not None  # load_charts made them
                tabs.update_all()
                tabs.charts[tabs.currentIndex()].canvas.draw()  # type: ignore[no-untyped-call]  # matplotlib's Qt backend is unannotated
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
            window.close()
            app.exit(result["code"])

        FirstPaint(window, lambda: times.mark("window shown"), finish)
        window.show()
        app.exec()
        return result["code"]

    def after_show() -> None:
        window.finish_start()
        # The catalog and the window live as long as the app: keep them out of every
        # collection (a full pass over them took ~100 ms at 500 models, a dropped frame).
        gc.freeze()
        # Work a crashed session left is offered whether or not a file was opened.
        window.files.offer_recovery()

    FirstPaint(window, lambda: times.mark("window shown"), after_show)
    window.show()
    return app.exec()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
