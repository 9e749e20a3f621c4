"""The prices: the user's catalog as an undoable document, the Prices page, the
dialog that takes in updated prices, and the watch on another window's changes."""

from .catalog_document import STALE_AFTER_DAYS, CatalogDocument
from .catalog_editor import CatalogEditor
from .catalog_watcher import OverridesWatcher
from .price_actions import PriceActions
from .prices_update_dialog import update_prices_from_file

__all__ = [
    "STALE_AFTER_DAYS",
    "CatalogDocument",
    "CatalogEditor",
    "OverridesWatcher",
    "PriceActions",
    "update_prices_from_file",
]
