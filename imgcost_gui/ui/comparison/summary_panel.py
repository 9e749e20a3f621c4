"""The answer at a glance, above the comparison table: the best API option in
large type, the runners-up, the options shown apart and why, the mixed plan when
it saves money, and the detail line about the whole comparison.

Every word comes from ``workspace.answer``; this widget only lays it out. Names
are links: activating one emits ``modelActivated`` with the model's id, so the
table can select its row. Colours are taken from the palette when drawn, and
drawn again when the palette changes (dark mode).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from imgcost_gui.core import ModelEstimate, PriceCatalog, Scenario
from imgcost_gui.ui.common.steady import SteadyBox
from imgcost_gui.workspace.answer import Answer, Line, answer

#: How much larger the answer reads than the text around it.
HEADLINE_SCALE = 1.6
CAPTION_SCALE = 0.9
#: How far the muted lines move from the text colour towards the background.
MUTED = 0.4
LINK_PREFIX = "model:"


def _mix(a: QColor, b: QColor, t: float) -> str:
    """``a`` moved ``t`` of the way to ``b``, as #rrggbb."""
    mixed = QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )
    return mixed.name()


def _scaled(font: QFont, factor: float, *, bold: bool = False) -> QFont:
    out = QFont(font)
    if font.pointSizeF() > 0:
        out.setPointSizeF(font.pointSizeF() * factor)
    else:
        out.setPixelSize(max(1, round(font.pixelSize() * factor)))
    out.setBold(bold)
    return out


def _font_size_css(font: QFont) -> str:
    return f"{font.pointSizeF():g}pt" if font.pointSizeF() > 0 else f"{font.pixelSize()}px"


class SummaryPanel(SteadyBox):
    """The best API option and what to know beside it, over the comparison table.

    Its lines change with every edit; as a ``SteadyBox`` it asks the window for
    room only when they need another height (a narrow pane's lines wrap as at 420 px).
    """

    #: A model's name was activated (its id): the table can select its row.
    modelActivated = Signal(str)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(None, parent, min_width=160, wrap_floor=420)
        self.caption = self._label()
        self.headline = self._label()
        self.runners = self._label()
        #: Cheaper options a time limit leaves out, and why.
        self.slower = self._label()
        self.apart = self._label()
        self.plan = self._label()
        #: What the comparison as a whole says (volume, what is left out, budget).
        self.detail = self._label()
        self.headline.setAccessibleName("Answer")
        self.detail.setAccessibleName("Comparison summary")

        #: Its lines, top to bottom (a host may take the detail line elsewhere).
        self.lines = layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.headline)
        layout.addSpacing(2)
        for label in (self.runners, self.slower, self.apart, self.plan):
            layout.addWidget(label)
        layout.addSpacing(4)
        layout.addWidget(self.detail)
        layout.addStretch(1)  # lines stay together at the top when given more height

        self._answer: Answer | None = None
        self._period = "month"
        self._names: dict[str, str] = {}
        self._render()

    def _label(self) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setOpenExternalLinks(False)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        label.linkActivated.connect(self._link_activated)
        label.linkHovered.connect(lambda link, lb=label: self._link_hovered(lb, link))
        return label

    # --- feeding ------------------------------------------------------------------

    def show_answer(
        self,
        estimates: Sequence[ModelEstimate],
        catalog: PriceCatalog | None,
        scenario: Scenario,
        rows_summary_html: str,
    ) -> None:
        """Show the answer for ``estimates``, and ``rows_summary_html`` as the detail
        line (alone when no ``catalog`` says which models are API options)."""
        self._answer = (
            None
            if catalog is None
            else answer(estimates, catalog, within_hours=scenario.finish_within_hours)
        )
        self._period = scenario.period
        self._names = {e.model: e.name for e in estimates}
        self.detail.setText(rows_summary_html)
        self._render()

    def text(self) -> str:
        """The detail line as given (what the summary label held before this panel)."""
        return self.detail.text()

    @property
    def answer(self) -> Answer | None:
        return self._answer

    def answer_words(self) -> str:
        """The caption and the large line as plain words ("Best API option: X $49.00 a month")."""
        a = self._answer
        if a is None:
            return ""
        if a.best is None:
            return a.nothing
        return f"{a.caption}: {a.best.name} {a.best.cost_words(self._period)}"

    # --- drawing --------------------------------------------------------------------

    def _render(self) -> None:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        muted = _mix(text, pal.color(QPalette.ColorRole.Window), MUTED)
        link = pal.color(QPalette.ColorRole.Link).name()
        base = self.font()
        self.caption.setFont(_scaled(base, CAPTION_SCALE))
        self.headline.setFont(_scaled(base, HEADLINE_SCALE))

        a = self._answer
        if a is None:
            for label in self._answer_labels():
                label.clear()
        else:
            self.caption.setText(_muted(html.escape(a.caption), muted))
            self.headline.setText(self._headline(a, link, muted, _font_size_css(base)))
            self.runners.setText(_line_html(a.runners_line(), link))
            self.slower.setText(_muted(_line_html(a.slower_line(), link), muted))
            self.apart.setText(_muted(_line_html(a.apart_line(), link), muted))
            self.plan.setText(_line_html(a.plan.line(self._period), link) if a.plan else "")
        for label in (*self._answer_labels(), self.detail):
            label.setVisible(bool(label.text()))
            # Tab stops only where there is a link to follow; every line stays selectable.
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextBrowserInteraction
                if "<a " in label.text()
                else Qt.TextInteractionFlag.TextSelectableByMouse
            )

    def _answer_labels(self) -> tuple[QLabel, ...]:
        return (self.caption, self.headline, self.runners, self.slower, self.apart, self.plan)

    def _headline(self, a: Answer, link: str, muted: str, base_size: str) -> str:
        if a.best is None:
            return html.escape(a.nothing)
        best = a.best
        name = _link(best.model, f"<b>{html.escape(best.name)}</b>", link)
        cost = _whole(best.cost_words(self._period))
        facts = ""
        if best.facts:
            facts = (
                f'&nbsp;&nbsp; <span style="font-size:{base_size}; color:{muted}">'
                f"{' · '.join(_whole(f) for f in best.facts)}</span>"
            )
        return f"{name}&nbsp;&nbsp; {cost}{facts}"

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if hasattr(self, "detail") and event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.FontChange,
            QEvent.Type.ApplicationFontChange,
            QEvent.Type.StyleChange,
        ):
            self._render()

    # --- links -----------------------------------------------------------------------

    def _link_activated(self, href: str) -> None:
        if href.startswith(LINK_PREFIX):
            self.modelActivated.emit(href[len(LINK_PREFIX) :])

    def _link_hovered(self, label: QLabel, href: str) -> None:
        model = href[len(LINK_PREFIX) :] if href.startswith(LINK_PREFIX) else None
        name = self._names.get(model, model) if model else None
        label.setToolTip(f"Select {name} in the table" if name else "")


def _link(model: str, inner_html: str, colour: str) -> str:
    href = html.escape(LINK_PREFIX + model, quote=True)
    return f'<a href="{href}" style="color:{colour}; text-decoration:none">{inner_html}</a>'


def _whole(words: str) -> str:
    """``words`` as rich text that wraps only around it, never inside."""
    return html.escape(words).replace(" ", "&nbsp;")


def _muted(rich: str, colour: str) -> str:
    return f'<span style="color:{colour}">{rich}</span>' if rich else ""


def _line_html(line: Line, link: str) -> str:
    """A line of the answer as rich text, the names it holds as links."""
    return "".join(
        _link(p.model, html.escape(p.text), link)
        if p.model
        else (_whole(p.text) if p.whole else html.escape(p.text))
        for p in line
    )
