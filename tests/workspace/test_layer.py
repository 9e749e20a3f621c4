"""The workspace stands on the core alone: no Qt, no matplotlib."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_workspace_loads_no_qt_and_no_matplotlib():
    code = (
        "import sys, imgcost_gui.workspace, imgcost_gui.workspace.state;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'matplotlib')"
        " or m.startswith('imgcost_gui.ui')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
