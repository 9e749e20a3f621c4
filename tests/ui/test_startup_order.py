"""The window paints before the core loads, then fills in: what a user sees in the
first half second, and that matplotlib loads without what ImgCost never uses."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QApplication

from imgcost_gui.core import UserCatalog, load_shipped_catalog
from imgcost_gui.ui.shell import MainWindow
from imgcost_gui.ui.shell.startup import LoadingPage


def run_python(code: str, tmp_path) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IMGCOST_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_window_paints_before_the_core_or_matplotlib_is_imported(tmp_path):
    out = run_python(
        """
        import sys
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from imgcost_gui.ui.shell import MainWindow
        window = MainWindow(persist=False)
        window.show()
        app.processEvents()
        print("shown", window.isVisible(), window.windowTitle())
        print("loaded", sorted(m for m in ("pydantic", "matplotlib", "imgcost_gui.core.catalog")
                                if m in sys.modules))
        """,
        tmp_path,
    )
    assert "shown True ImgCost" in out
    assert "loaded []" in out  # none of the slow imports came before the first paint


def test_the_empty_window_says_it_is_loading_then_shows_the_comparison(qtbot):
    window = MainWindow(persist=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    page = window.centralWidget()
    assert isinstance(page, LoadingPage)
    assert page.label.text() == "Loading prices…"
    assert window.windowTitle() == "ImgCost"
    window.close()  # closed while loading: nothing to save, nothing asked
    assert not window.isVisible()

    window = MainWindow(persist=False)
    qtbot.addWidget(window)
    window.show()
    window.build(UserCatalog(load_shipped_catalog()))
    QApplication.processEvents()
    assert not isinstance(window.centralWidget(), LoadingPage)  # gone with the features' arrival
    assert not any(page.isVisible() for page in window.findChildren(LoadingPage))
    assert window.comparison.model.rowCount() > 10  # priced at once
    assert window.windowTitle().endswith("— ImgCost")


def test_matplotlib_loads_without_3d_and_property_docstrings_but_set_still_checks(tmp_path):
    out = run_python(
        """
        import sys
        from imgcost_gui.ui.common import load_matplotlib
        load_matplotlib()
        from matplotlib.lines import Line2D
        from matplotlib.projections import get_projection_names
        print("3d toolkit", sys.modules.get("mpl_toolkits.mplot3d"))
        print("projections", "3d" in get_projection_names())
        line = Line2D([0, 1], [0, 1])
        line.set(color="#d55e00", linewidth=2.5)
        print("set", line.get_color(), line.get_linewidth())
        try:
            line.set(colour="red")
        except AttributeError as e:
            print("refused", e)
        print("doc", len(Line2D.set.__doc__ or ""))
        """,
        tmp_path,
    )
    assert "3d toolkit None" in out  # never imported
    assert "projections False" in out
    assert "set #d55e00 2.5" in out
    assert "refused" in out and "colour" in out  # a misspelt property is still refused
    doc = int(out.split("doc ")[1])
    assert doc < 100  # the long generated docstring was skipped
