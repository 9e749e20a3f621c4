"""Start-up time of the app: how soon the window shows against a bare PySide6
window, how soon the charts draw, and the frozen bundle against the source.

    python benchmarks/bench_startup.py [RUNS]

Each run starts a process offscreen and reads what it prints, in seconds since
the benchmark started it (``IMGCOST_STARTUP_T0``):

- bare: a tiny script (written to a temp file) that shows a QMainWindow and
  exits on its first paint, the floor any Qt window pays;
- bare + pydantic: the same window after importing pydantic and building one
  model, the floor of any window that prices with the core before its first
  paint (the core's catalog and scenario are pydantic models);
- charts floor: the bare window that, once painted, imports the core, reads the
  shipped catalog, loads matplotlib as the app does and draws one empty figure:
  the least any window with a chart of ImgCost's can take, before any widget;
- window: the app (``--smoke-test`` with ``IMGCOST_STARTUP_TIMES=1``) until its
  window is first painted, target 2x bare (0.35 s on the machine measured);
- numbers: the same run until the comparison table is painted with the prices;
- charts: the same run until the charts first drew the comparison, target 0.8 s.

Runs alternate bare and app so both see the same machine. Prints medians and
the ratio window/bare, by the clock and by processor time (what each process
used until its window showed: steadier when other jobs share the machine). Then, as before, the whole smoke test timed from outside,
from source and from the frozen bundle (built first: python packaging/build.py
--bundle), and their ratio. Machines are noisy: compare ratios.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FROZEN = (
    ROOT / "dist" / "ImgCost" / ("imgcost-gui.exe" if sys.platform == "win32" else "imgcost-gui")
)
WINDOW_GOAL_RATIO, CHARTS_GOAL_S = 2.0, 0.8

BARE_WINDOW = """\
import os, sys, time

from PySide6.QtWidgets import QApplication, QMainWindow


class Window(QMainWindow):
    def paintEvent(self, event):
        t0 = float(os.environ["IMGCOST_STARTUP_T0"])
        print(f"window shown at {time.time() - t0:.3f} s", flush=True)
        print(f"window shown cpu {time.process_time():.3f} s", flush=True)
        QApplication.instance().exit(0)


app = QApplication(sys.argv[:1])
window = Window()
window.setWindowTitle("bare")
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""

#: The bare window, after pydantic is imported and one model built: what the core's
#: one dependency costs before anything of ImgCost's own.
PYDANTIC_WINDOW = BARE_WINDOW.replace(
    "app = QApplication(",
    "from pydantic import BaseModel, Field\n\n\n"
    "class One(BaseModel):\n    n: int = Field(1, ge=0)\n\n\n"
    "One()\napp = QApplication(",
)

#: The bare window, then after its paint what any chart of the app needs first.
CHARTS_FLOOR = BARE_WINDOW.replace(
    "        QApplication.instance().exit(0)",
    """        from imgcost_gui.core import load_shipped_catalog
        from imgcost_gui.ui.common import load_matplotlib

        load_shipped_catalog()
        load_matplotlib()
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        FigureCanvasAgg(Figure(figsize=(8, 3.6))).draw()
        print(f"charts drawn at {time.time() - t0:.3f} s", flush=True)
        QApplication.instance().exit(0)""",
)

MOMENT = re.compile(r"^(window shown|numbers shown|charts drawn) (at|cpu) ([0-9.]+) s$", re.M)


def moments(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run ``cmd`` once; the moments it printed, in seconds since it was started
    ("window shown"), and the processor time used by then ("window shown cpu")."""
    run_env = dict(env, IMGCOST_STARTUP_TIMES="1", IMGCOST_STARTUP_T0=repr(time.time()))
    done = subprocess.run(cmd, env=run_env, check=True, capture_output=True, text=True)
    return {
        name if kind == "at" else f"{name} cpu": float(value)
        for name, kind, value in MOMENT.findall(done.stdout)
    }


def time_runs(cmd: list[str], runs: int, env: dict[str, str]) -> list[float]:
    out = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            shot = str(Path(tmp) / "shot.png")
            start = time.perf_counter()
            subprocess.run(
                [*cmd, "--smoke-test", "--screenshot", shot],
                env=env,
                check=True,
                capture_output=True,
            )
            out.append(time.perf_counter() - start)
    return out


def window_and_charts(runs: int, env: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bare_script = Path(tmp) / "bare_window.py"
        bare_script.write_text(BARE_WINDOW, encoding="utf-8")
        bare_cmd = [sys.executable, str(bare_script)]
        floor_script = Path(tmp) / "pydantic_window.py"
        floor_script.write_text(PYDANTIC_WINDOW, encoding="utf-8")
        floor_cmd = [sys.executable, str(floor_script)]
        charts_floor_script = Path(tmp) / "charts_floor.py"
        charts_floor_script.write_text(CHARTS_FLOOR, encoding="utf-8")
        charts_floor_cmd = [sys.executable, str(charts_floor_script)]
        app_cmd = [sys.executable, "-m", "imgcost_gui", "--smoke-test"]
        moments(bare_cmd, env)  # warm the OS file cache
        moments(floor_cmd, env)
        moments(charts_floor_cmd, env)
        moments(app_cmd, env)
        bare, floor, window, charts, numbers, charts_floor = [], [], [], [], [], []
        cpu: dict[str, list[float]] = {"bare": [], "floor": [], "window": []}
        for _ in range(runs):
            for times, key, cmd in ((bare, "bare", bare_cmd), (floor, "floor", floor_cmd)):
                seen = moments(cmd, env)
                times.append(seen["window shown"])
                cpu[key].append(seen["window shown cpu"])
            charts_floor.append(moments(charts_floor_cmd, env)["charts drawn"])
            seen = moments(app_cmd, env)
            window.append(seen["window shown"])
            charts.append(seen["charts drawn"])
            numbers.append(seen.get("numbers shown", seen["window shown"]))
            if "window shown cpu" in seen:  # an app from before it printed its processor time
                cpu["window"].append(seen["window shown cpu"])
    b, f, w, c = (statistics.median(v) for v in (bare, floor, window, charts))
    print(f"bare PySide6 window shown: median {b:.3f} s over {runs} runs")
    print(f"bare window + pydantic:    median {f:.3f} s ({f / b:.2f}x bare, the core's floor)")
    print(f"app window shown:          median {w:.3f} s (min {min(window):.3f})")
    n, cf_ = statistics.median(numbers), statistics.median(charts_floor)
    print(f"app numbers shown:         median {n:.3f} s (min {min(numbers):.3f})")
    print(f"app charts drawn:          median {c:.3f} s (min {min(charts):.3f})")
    print(
        f"charts floor (bare + core + matplotlib + one empty draw): median {cf_:.3f} s; "
        f"app charts/floor = {c / cf_:.2f}"
    )
    cb, cf = statistics.median(cpu["bare"]), statistics.median(cpu["floor"])
    app_cpu = ""
    if cpu["window"]:
        cw = statistics.median(cpu["window"])
        app_cpu = f", app {cw:.3f} s ({cw / cb:.2f}x)"
    print(
        f"processor time to the window: bare {cb:.3f} s, + pydantic {cf:.3f} s "
        f"({cf / cb:.2f}x){app_cpu}"
    )
    ratio = w / b
    verdict = "OK" if ratio <= WINDOW_GOAL_RATIO and c <= CHARTS_GOAL_S else "over the goal"
    print(
        f"window/bare = {ratio:.2f} (goal {WINDOW_GOAL_RATIO:g}x); "
        f"charts goal {CHARTS_GOAL_S:g} s: {verdict}"
    )


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["IMGCOST_DATA_DIR"] = tempfile.mkdtemp()
    # An installed app starts from compiled bytecode: let the warm-up run write it
    # (to a folder of its own), or every run would be charged for compiling.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp()
    window_and_charts(runs, env)
    source = [sys.executable, "-m", "imgcost_gui"]
    time_runs(source, 1, env)  # warm the OS file cache and matplotlib's font cache
    src = statistics.median(time_runs(source, runs, env))
    print(f"from source: median {src:.2f} s over {runs} runs")
    if not FROZEN.exists():
        print("frozen bundle not built; run: python packaging/build.py --bundle")
        return 0
    time_runs([str(FROZEN)], 1, env)
    frz = statistics.median(time_runs([str(FROZEN)], runs, env))
    print(f"frozen:      median {frz:.2f} s over {runs} runs; frozen/source = {frz / src:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
