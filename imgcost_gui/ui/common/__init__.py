"""What every UI feature shares: form widgets, the save dialog, how dates read."""

from .dates import (
    PRICE_CHECK_DAYS,
    OldPrice,
    checked_days_ago,
    checked_long_ago,
    checked_text,
    day_words,
    old_prices,
    status_text,
    status_tip,
)
from .save_paths import ask_save_path, resolved, safe_file_name
from .widgets import (
    NO_DATE,
    Collapsible,
    ComboBox,
    DoubleSpinBox,
    OptionalDateEdit,
    SpinBox,
    form_layout,
)

__all__ = [
    "NO_DATE",
    "PRICE_CHECK_DAYS",
    "Collapsible",
    "ComboBox",
    "DoubleSpinBox",
    "OldPrice",
    "OptionalDateEdit",
    "SpinBox",
    "ask_save_path",
    "checked_days_ago",
    "checked_long_ago",
    "checked_text",
    "day_words",
    "form_layout",
    "old_prices",
    "resolved",
    "safe_file_name",
    "status_text",
    "status_tip",
]
