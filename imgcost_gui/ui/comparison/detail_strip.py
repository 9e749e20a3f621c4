"""The strip under the comparison table: everything known of the selected model, in
full (warnings and notes, each stage's cost or why it cannot run, the time, the
user's own prices), wrapped and selectable; a muted hint when nothing is selected.
Its words come from the workspace (``tips.detail_html``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QToolButton, QWidget

from imgcost_gui.core import ModelEntry, ModelEstimate
from imgcost_gui.workspace.tips import detail_html

HINT = "Select a model to read its warnings, notes and the cost of each stage in full."
#: About three lines of text (it scrolls): the table keeps the room at 1280x800.
MAX_LINES = 3


class DetailStrip(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setObjectName("comparisonDetail")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text.setContentsMargins(6, 4, 6, 4)
        self.area = QScrollArea()
        self.area.setWidget(self.text)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Whole lines, as the label lays its rich text out (its lines are closer than
        # the font's line spacing): a taller strip showed the top of a fourth line, cut.
        # The margin under the last line is left out: past it, a longer text's next
        # line would start to show.
        self.text.setText("<br>".join(["Xg"] * MAX_LINES))
        lines = self.text.heightForWidth(400) - self.text.contentsMargins().bottom()
        self.area.setFixedHeight(lines)
        #: Every model opened to its stages, or none.
        self.show_stages = QToolButton()
        self.show_stages.setText("Show sta&ges")
        self.show_stages.setCheckable(True)
        self.show_stages.setToolTip(
            "Show each model's stages on lines under it, with what each stage costs "
            "(Right and Left open and close one model)"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.show_stages, 0, Qt.AlignmentFlag.AlignTop)
        self.show_model(None)

    def show_model(
        self,
        estimate: ModelEstimate | None,
        period: str = "month",
        entry: ModelEntry | None = None,
        shipped: ModelEntry | None = None,
    ) -> None:
        """The selected model's detail, or the hint when none is selected."""
        if estimate is None:
            muted = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            self.text.setText(f"<span style='color:{muted.name()}'>{HINT}</span>")
        else:
            self.text.setText(detail_html(estimate, period, entry, shipped))
