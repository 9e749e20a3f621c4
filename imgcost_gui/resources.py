"""Where the shipped ``resources/`` folder is, from a source tree or a frozen bundle.

A module of its own, outside the core, and light: the window finds its icon
here before the core (and pydantic) is imported. ``imgcost_gui.core.paths``
names the files in it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The shipped ``resources/`` folder; ``IMGCOST_RESOURCES`` points it elsewhere."""
    override = os.environ.get("IMGCOST_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"
