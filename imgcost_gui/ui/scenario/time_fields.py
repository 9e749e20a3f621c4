"""How long the work may take: the team's usage tier with each vendor, how many
requests it sends at once, and the hours it has (issue 12).

Which vendors have tiers, and what they are called, come from the catalog's
throughput data of the models compared; nothing here knows OpenAI's tiers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QWidget

from imgcost_gui.core import ModelEntry
from imgcost_gui.core.duration import Team
from imgcost_gui.ui.common import ComboBox, form_layout

from .fields import FieldBinder
from .form_rows import add_row

#: What an unset tier reads: the time of that vendor's models stays unknown.
NOT_SET = "Not set"


def tier_caption(name: str) -> str:
    """A tier as the vendor's pages write it: "Free", "Tier 3"."""
    return f"Tier {name}" if name.isdigit() else name[:1].upper() + name[1:]


class VendorTiers:
    """A vendor's usage tiers, as its first compared model with tiers publishes them."""

    def __init__(self, vendor: str, entry: ModelEntry):
        assert entry.throughput is not None
        self.vendor = vendor
        self.example = entry
        self.tiers = entry.throughput.tiers

    @property
    def names(self) -> list[str]:
        return [t.name for t in self.tiers]

    def item_tip(self, name: str) -> str:
        tier = next(t for t in self.tiers if t.name == name)
        if 0 in (tier.images_per_minute, tier.requests_per_minute):
            return f"{tier_caption(name)}: {self.example.name} cannot be used on this tier."
        limits = [
            f"{value:,} {what} a minute"
            for value, what in (
                (tier.images_per_minute, "images"),
                (tier.tokens_per_minute, "tokens"),
                (tier.requests_per_minute, "requests"),
            )
            if value is not None
        ]
        said = ", ".join(limits) if limits else "no published limit"
        return f"{tier_caption(name)}: {self.example.name} allows {said}."


def vendors_with_tiers(entries: list[ModelEntry]) -> list[VendorTiers]:
    """Each vendor among ``entries`` whose throughput data names usage tiers, in catalog order."""
    found: dict[str, VendorTiers] = {}
    for e in entries:
        if e.throughput and e.throughput.tiers and e.vendor not in found:
            found[e.vendor] = VendorTiers(e.vendor, e)
    return list(found.values())


def _field_before(widget: QWidget) -> QWidget:
    """The field Tab reaches just before ``widget`` (Qt orders tabs after a field, not a label)."""
    before = widget.previousInFocusChain()
    while before is not None and before is not widget.window():
        if before.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return before
        before = before.previousInFocusChain()
    return widget.window()


class TimeFields(QGroupBox):
    """The scenario's "Time" group: tiers by vendor, requests at once, finish within."""

    def __init__(
        self, b: FieldBinder, mnemonic: Callable[[str], str], parent: QWidget | None = None
    ):
        """``mnemonic`` marks a letter of a tier row's label that no other field uses."""
        super().__init__("Time", parent)
        self.b = b
        self.mnemonic = mnemonic
        self.form = form_layout()
        self.vendors: list[VendorTiers] = []
        self.tier_boxes: dict[str, QComboBox] = {}
        self.tier_labels: dict[str, QLabel] = {}
        self.no_tiers = QLabel("None of the compared models publishes usage tiers.")
        self.no_tiers.setWordWrap(True)
        self.no_tiers.setToolTip(
            "Usage tiers come from the price catalog. Compare a model whose vendor "
            "publishes them (such as OpenAI's GPT Image models) to set yours."
        )
        self.no_tiers.setVisible(False)
        self.form.addRow(self.no_tiers)
        self.parallel = b.int_spin(
            ("parallel_requests",),
            "Requests at once",
            "How many requests you send at the same time. With a vendor that caps requests "
            "in flight or answers slowly, this sets how long the work takes (requests at "
            "once × latency). Unset: as many as the vendor's limits allow.",
            0,
            1_000_000,
            " at once",
            unset="As many as allowed",
        )
        add_row(self.form, "Requests at &once:", self.parallel)
        self.finish_within = b.float_spin(
            ("finish_within_hours",),
            "Finish within",
            "The hours you have for the period's work. The summary then names the cheapest "
            "option that finishes in time, and says which cannot. Needs your usage tier: "
            "without it a model's time is unknown. Unset: no limit.",
            0.0,
            100_000.0,
            decimals=1,
            suffix=" hours",
            unset="No limit",
        )
        add_row(self.form, "Finish &within:", self.finish_within)
        self.setLayout(self.form)

    # --- tiers ----------------------------------------------------------------------

    def set_entries(self, entries: list[ModelEntry]) -> None:
        """Offer a tier field for each vendor of the compared models that has tiers."""
        vendors = vendors_with_tiers(entries)
        if [(v.vendor, v.names) for v in vendors] == [(v.vendor, v.names) for v in self.vendors]:
            return
        for vendor in list(self.tier_boxes):
            box = self.tier_boxes.pop(vendor)
            self.b.unbind(box)
            self.form.removeRow(box)
            del self.tier_labels[vendor]
        self.vendors = vendors
        # Made after the rest of the form, the fields would come last on Tab: put
        # them where they are shown, before "Requests at once".
        before = _field_before(self.parallel)
        for row, v in enumerate(vendors):
            box = self._tier_box(v)
            label = QLabel(self.mnemonic(f"{v.vendor} tier:"))
            label.setBuddy(box)
            self.form.insertRow(1 + row, label, box)
            self.tier_boxes[v.vendor] = box
            self.tier_labels[v.vendor] = label
            QWidget.setTabOrder(before, box)
            before = box
        self.no_tiers.setVisible(not vendors)
        self.refresh()

    def _tier_box(self, v: VendorTiers) -> QComboBox:
        box = ComboBox()
        box.addItem(NOT_SET, None)
        box.setItemData(
            0,
            f"Unknown: the time of {v.vendor}'s models is not worked out.",
            Qt.ItemDataRole.ToolTipRole,
        )
        for name in v.names:
            box.addItem(tier_caption(name), name)
            box.setItemData(box.count() - 1, v.item_tip(name), Qt.ItemDataRole.ToolTipRole)
        box.currentIndexChanged.connect(lambda i: self._tier_chosen(v.vendor, box.itemData(i)))
        tiers = ", ".join(tier_caption(n) for n in v.names)
        self.b.custom(
            box,
            ("tiers",),
            lambda _v: self.refresh(),
            f"{v.vendor} tier",
            f"Your usage tier with {v.vendor} ({tiers}), as its account pages show it. "
            f"It sets how many images and tokens a minute {v.vendor} lets you generate, "
            f"so how long the work takes on its models. Not set: their time is unknown.",
        )
        box.setObjectName(f"field_tiers_{v.vendor}")
        return box

    def _stored(self, vendor: str) -> str | None:
        """The tier the estimates use for ``vendor``, as the core reads the scenario
        (a key of any case, or the "*" the CLI writes for every vendor)."""
        return Team(dict(self.b.doc.scenario.tiers)).tier_for(vendor)

    def _tier_chosen(self, vendor: str, name: str | None) -> None:
        """Store ``name`` so that the core uses it for ``vendor`` (None: no tier)."""
        tiers = {k: t for k, t in self.b.doc.scenario.tiers.items() if k.lower() != vendor.lower()}
        if name is not None:
            # First: the core takes the first key that matches, "*" included.
            tiers = {vendor: name, **tiers}
        elif "*" in tiers:
            # "*" would still give this vendor a tier: keep it for the other vendors shown.
            wild = tiers.pop("*")
            for v in self.vendors:
                if v.vendor != vendor and Team(tiers).tier_for(v.vendor) is None:
                    tiers[v.vendor] = wild
        # Each vendor's tier is its own step in the history (the text tells them apart).
        self.b.edit(("tiers",), tiers, f"{vendor} tier")

    def refresh(self) -> None:
        for v in self.vendors:
            box = self.tier_boxes[v.vendor]
            stored = self._stored(v.vendor)
            box.blockSignals(True)
            try:
                # A tier from a file that this vendor does not have is shown, not dropped.
                for extra in range(box.count() - 1, len(v.names), -1):
                    box.removeItem(extra)
                if stored is None:
                    box.setCurrentIndex(0)
                    continue
                assert v.example.throughput is not None
                known = v.example.throughput.tier(stored)
                at = v.names.index(known.name) + 1 if known is not None else None
                if at is None:
                    box.addItem(f"{stored} (not one of {v.vendor}'s tiers)", stored)
                    at = box.count() - 1
                box.setCurrentIndex(at)
            finally:
                box.blockSignals(False)
