"""The user guide the app ships: the README's user sections (``scripts/build_help.py``)."""

from __future__ import annotations

from pathlib import Path

from imgcost_gui.core.paths import resources_dir


def guide_path() -> Path:
    return resources_dir() / "help" / "guide.md"


def guide_markdown() -> str:
    """The guide, or a page saying where it should have been."""
    path = guide_path()
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        why = getattr(e, "strerror", None) or str(e)
        return (
            "# User guide\n\nThe user guide is missing from this copy of ImgCost "
            f"(it should be at `{path}`: {why}). The README has the same text.\n"
        )
