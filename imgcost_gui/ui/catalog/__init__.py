"""The prices: the user's catalog as an undoable document, the Prices page, the
dialog that takes in updated prices, the watch on another window's changes, and
the dialogs that calibrate token counts from API responses and compare the plan
with what was billed (``PriceActions.calibrate`` and ``.reconcile``)."""

from typing import TYPE_CHECKING

from .catalog_document import STALE_AFTER_DAYS, CatalogDocument
from .catalog_watcher import OverridesWatcher
from .price_actions import PriceActions
from .prices_page import PricesPage

if TYPE_CHECKING:
    from .catalog_editor import CatalogEditor


def __getattr__(name: str) -> object:
    # The editor is imported when first wanted: the window shows without it.
    if name == "CatalogEditor":
        from .catalog_editor import CatalogEditor

        return CatalogEditor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CatalogEditor",
    "STALE_AFTER_DAYS",
    "CatalogDocument",
    "OverridesWatcher",
    "PriceActions",
    "PricesPage",
]
