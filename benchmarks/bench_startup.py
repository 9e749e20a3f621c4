"""Start-up time of the app from source and from the frozen bundle.

    python benchmarks/bench_startup.py [RUNS]

Each run starts the app offscreen with --smoke-test (window shown, comparison
and charts drawn, screenshot saved, exit) and is timed from outside. Prints
medians and the frozen/source ratio; the bundle must have been built first
(python packaging/build.py --bundle). Machines are noisy: compare ratios.
"""

from __future__ import annotations

import os
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


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env["IMGCOST_DATA_DIR"] = tempfile.mkdtemp()
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
