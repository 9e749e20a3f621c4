"""The stage fields most people never touch: caching, retries, streaming, Responses API."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QWidget

from imgcost_gui.core import ResponsesOverhead, Stage
from imgcost_gui.ui.common import Collapsible, form_layout

from .document import FieldPath
from .fields import FieldBinder
from .form_rows import add_row


class AdvancedStageFields(Collapsible):
    """Closed by default; every field still reaches the core's Stage."""

    def __init__(self, b: FieldBinder, parent: QWidget | None = None):
        super().__init__("Advanced settings", QWidget(), parent)
        self.b = b
        body = self.content
        form = form_layout()
        # Indented under the section's title; the right edge matches the group boxes' fields.
        form.setContentsMargins(12, 4, 12, 0)
        self.form = form
        self.cached_text = b.share_spin(
            ("cached_text_share",),
            "Cached prompt share",
            "Share of prompt tokens billed at the cached-input rate (repeated system prompts).",
        )
        add_row(form, "&Cached prompt:", self.cached_text)
        self.cached_image = b.share_spin(
            ("cached_image_share",),
            "Cached reference share",
            "Share of reference-image tokens billed at the cached-input rate.",
        )
        add_row(form, "Cached refere&nces:", self.cached_image)
        self.retries = b.float_spin(
            ("retry_multiplier",),
            "Attempts per kept image",
            "Generations per image you keep: 1.5 means every other image is generated twice.",
            1,
            100,
            decimals=2,
            suffix=" ×",
        )
        add_row(form, "A&ttempts per image:", self.retries)
        self.failures = b.share_spin(
            ("failure_rate",),
            "Billed failure rate",
            "Share of requests that fail (moderation, timeouts) but are still billed.",
            hi=99.0,
        )
        add_row(form, "Billed failure&s:", self.failures)
        self.partials = b.int_spin(
            ("partial_images",),
            "Partial images",
            "Preview images streamed before the final one (0–3); each bills extra output tokens.",
            0,
            3,
            " previews",
        )
        add_row(form, "Streamed previe&ws:", self.partials)
        self.responses_on = QCheckBox("Via the Responses API")
        self.responses_on.toggled.connect(self._responses_toggled)
        b.custom(
            self.responses_on,
            ("responses",),
            lambda v: self.responses_on.setChecked(v is not None),
            "Responses API",
            "The image tool inside the Responses API also bills the main model's tokens.",
        )
        form.addRow("", self.responses_on)
        self.resp_in = b.int_spin(
            ("responses", "input_tokens"),
            "Main model input tokens",
            "Input tokens the main model bills per request.",
            0,
            10_000_000,
            " tokens",
            100,
        )
        self.resp_out = b.int_spin(
            ("responses", "output_tokens"),
            "Main model output tokens",
            "Output tokens the main model bills per request.",
            0,
            10_000_000,
            " tokens",
            100,
        )

        def money(rel: FieldPath, label: str, tip: str) -> QDoubleSpinBox:
            return b.float_spin(
                rel,
                label,
                tip,
                0.0,
                10_000.0,
                decimals=2,
                prefix="at $ ",
                suffix=" per 1M",
                convert=lambda v: Decimal(str(v)),
            )

        self.resp_in_rate = money(
            ("responses", "input_usd_per_m"),
            "Main model input price",
            "The main model's input price, USD per million tokens.",
        )
        self.resp_out_rate = money(
            ("responses", "output_usd_per_m"),
            "Main model output price",
            "The main model's output price, USD per million tokens.",
        )
        # Each count of the main model's tokens, with its price on the row under it
        # ("at $ 1.25 per 1M"): one label and one letter for the pair.
        add_row(form, "Main mode&l text in:", self.resp_in)
        form.addRow("", self.resp_in_rate)
        add_row(form, "Main model text &out:", self.resp_out)
        form.addRow("", self.resp_out_rate)
        body.setLayout(form)
        self.button.setToolTip(
            "Prompt caching, retries and failures, streamed previews, Responses API overhead"
        )

    def _responses_toggled(self, on: bool) -> None:
        self.b.edit(("responses",), ResponsesOverhead() if on else None, "Responses API")

    def refresh(self, stage: Stage) -> None:
        for w in (self.resp_in, self.resp_out, self.resp_in_rate, self.resp_out_rate):
            w.setEnabled(stage.responses is not None)
