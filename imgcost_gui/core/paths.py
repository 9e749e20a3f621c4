"""Where ImgCost finds its shipped files and keeps the user's own."""

from __future__ import annotations

import os
from pathlib import Path

from imgcost_gui.resources import resources_dir

APP_NAME = "ImgCost"

__all__ = [
    "APP_NAME",
    "measured_tokens_path",
    "overrides_path",
    "resources_dir",
    "shipped_catalog_path",
    "templates_dir",
    "updated_prices_path",
    "user_data_dir",
]


def shipped_catalog_path() -> Path:
    return resources_dir() / "catalog.json"


def templates_dir() -> Path:
    return resources_dir() / "templates"


def user_data_dir() -> Path:
    """The user's own folder; ``IMGCOST_DATA_DIR`` points it elsewhere (tests)."""
    override = os.environ.get("IMGCOST_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def overrides_path() -> Path:
    return user_data_dir() / "price-overrides.json"


def updated_prices_path() -> Path:
    """The "updated prices" layer kept by ``imgcost catalog update --apply``."""
    return user_data_dir() / "updated-prices.json"


def measured_tokens_path() -> Path:
    """Output tokens measured from the user's responses (``imgcost calibrate --save``)."""
    return user_data_dir() / "measured-tokens.json"
