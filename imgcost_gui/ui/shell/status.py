"""The status bar's standing labels: the day estimates are for, and how old and
whose the prices are."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel, QStatusBar

from imgcost_gui.ui.catalog import STALE_AFTER_DAYS, CatalogDocument
from imgcost_gui.ui.common import PRICE_CHECK_DAYS, day_words, old_prices


class StatusLabels:
    """Four permanent labels on ``bar``; each ``show_*`` brings some up to date."""

    def __init__(self, bar: QStatusBar):
        self.catalog = QLabel()
        self.stale = QLabel()
        self.old_prices = QLabel()
        self.old_prices.setObjectName("oldPricesStatus")
        self.plan = QLabel()
        self.plan.setObjectName("planStatus")
        for label in (self.plan, self.stale, self.old_prices, self.catalog):
            bar.addPermanentWidget(label)

    def show_plan_day(self, plan_from: dt.date | None) -> None:
        """The day every estimate on screen is for."""
        self.plan.setText(f"Estimates as of {day_words(plan_from)}")
        self.plan.setToolTip(
            "Prices and model lifecycles are taken as of this day: the scenario's "
            "“Plan from” date, else today."
            if plan_from
            else "Prices and model lifecycles are taken as of today. Set “Plan from” "
            "on the Workload tab to plan for another day."
        )

    def show_prices(self, cat: CatalogDocument) -> None:
        """Old shipped prices, the user's own, updated prices kept, a stale catalog."""
        self._show_old_prices(cat)
        self._show_whose(cat)
        self._show_stale(cat)

    def _show_old_prices(self, cat: CatalogDocument) -> None:
        user = cat.user
        old = list(
            old_prices(
                cat.catalog,
                users=lambda e, f: user.is_custom(e.id) or user.is_overridden(e.id, f.path),
            )
        )
        label = self.old_prices
        if old:
            n = len(old)
            label.setText(
                f"⚠ {n} price{'s' if n != 1 else ''} checked over {PRICE_CHECK_DAYS} days ago"
            )
            models = sorted({o.entry.name for o in old})
            shown = ", ".join(models[:8]) + (
                f" and {len(models) - 8} more" if len(models) > 8 else ""
            )
            label.setToolTip(
                f"Shipped prices of models in use that were last checked more than "
                f"{PRICE_CHECK_DAYS} days ago: {shown}. They are marked ⚠ in the Checked "
                "column of the Prices page."
            )
        else:
            label.setText("")
            label.setToolTip("")
        label.setVisible(bool(old))

    def _show_whose(self, cat: CatalogDocument) -> None:
        overrides = cat.user.overrides
        prices = sum(len(v) for v in overrides.prices.values()) + sum(
            len(rows) for keys in overrides.dated_prices.values() for rows in keys.values()
        )
        custom = len(overrides.custom_models)
        parts = [f"Prices checked {cat.catalog.checked.isoformat()}"]
        layer = cat.user.layer
        if layer is not None:
            parts.append("updated prices kept")
        if prices:
            parts.append(f"{prices} price{'s' if prices != 1 else ''} changed by you")
        if custom:
            parts.append(f"{custom} custom model{'s' if custom != 1 else ''}")
        if not prices and not custom and layer is None:
            parts.append("shipped prices")
        if cat.user.read_only:
            parts.append("your price file is read-only")
        self.catalog.setText(" · ".join(parts))
        self.catalog.setToolTip(
            f"Updated prices from {layer.source.title}, version {layer.source.version}, "
            f"kept on {layer.source.imported_on.isoformat()} (Prices > Drop updated prices "
            "takes them away)."
            if layer is not None
            else ""
        )

    def _show_stale(self, cat: CatalogDocument) -> None:
        age = cat.age_days()
        if cat.stale:
            self.stale.setText(
                f"⚠ Prices are {age} days old; check them before you commit a budget"
            )
            self.stale.setToolTip(
                f"The catalog was last checked more than {STALE_AFTER_DAYS} days ago."
            )
            self.stale.setStyleSheet("color: #b3261e; font-weight: 600;")
        else:
            self.stale.setText("")
