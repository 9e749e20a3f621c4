"""The price catalog that ships with ImgCost."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .catalog import PriceCatalog
from .paths import shipped_catalog_path
from .storage import FileProblem, read_versioned


@cache
def _read_shipped(path: str) -> PriceCatalog:
    try:
        value, _ = read_versioned(Path(path), "catalog", PriceCatalog, 1)
    except FileProblem as e:
        raise FileProblem(
            e.path,
            f"{e.args[0]} The price catalog that ships with ImgCost is damaged; reinstall ImgCost.",
        ) from None
    return value


def load_shipped_catalog(path: Path | None = None) -> PriceCatalog:
    """The catalog that ships with ImgCost (read once per process).

    A damaged file raises FileProblem with a message that says to reinstall.
    """
    return _read_shipped(str(path or shipped_catalog_path()))
