"""The core runs headless: the CLI, scripts and tests use it without Qt or
matplotlib being imported (they are slow to load and absent on servers)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import imgcost_gui.core as core
from imgcost_gui.core import compare, estimate, layered, overrides, storage  # every module

catalog = core.load_shipped_catalog()
core.estimate(core.Scenario(), catalog, [m.id for m in catalog.models])
heavy = sorted(
    name for name in sys.modules
    if name.split(".")[0] in ("PySide6", "shiboken6", "matplotlib")
)
print(",".join(heavy))
"""


def test_core_imports_neither_qt_nor_matplotlib():
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"the core pulled in: {done.stdout.strip()}"
