"""The summary a designer reads first, over the comparison table: what it says,
where a click on a name goes, and that it stays readable (dark palette, narrow).

Shipped prices, per image: Ideogram 3.0 $0.03 low / $0.09 high; FLUX1.1 [pro]
and Recraft V3 $0.04 at any quality. Midjourney Basic: $10 a month with 3.3
fast GPU hours, extra hours $4, 1/240 hour an image. OpenAI tier 3: 50 images a
minute, gpt-image-2's latency 45.3 s, 196 tokens a low 1024x1024 image at $30/M.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from imgcost_gui.core import Scenario, Stage, load_shipped_catalog
from imgcost_gui.ui.comparison.summary_panel import SummaryPanel
from imgcost_gui.workspace.comparison import compare, summary_text

CATALOG = load_shipped_catalog()
PER_IMAGE = ["ideogram-3.0", "flux-pro-1.1", "recraft-v3", "midjourney"]


def drafts_and_finals(**scenario: object) -> Scenario:
    return Scenario(
        stages=[
            Stage(name="Drafts", requests=1000, quality="low", prompt_tokens=0),
            Stage(name="Finals", requests=100, quality="high", prompt_tokens=0),
        ],
        **scenario,
    )


def shown(panel: SummaryPanel) -> list[str]:
    """The lines the user reads, top to bottom, as plain text."""
    doc = QTextDocument()
    out = []
    for label in panel.findChildren(QLabel):
        if label.isVisible():
            doc.setHtml(label.text())
            out.append(doc.toPlainText().replace("\xa0", " "))
    return out


@pytest.fixture
def panel(qtbot) -> SummaryPanel:
    p = SummaryPanel()
    qtbot.addWidget(p)
    p.resize(900, 200)
    p.show()
    qtbot.waitExposed(p)
    return p


def show(panel: SummaryPanel, scenario: Scenario, models: list[str] = PER_IMAGE) -> str:
    rows = compare(scenario, CATALOG, models)
    detail = summary_text(rows, scenario)
    panel.show_answer([r.estimate for r in rows], CATALOG, scenario, detail)
    return detail


def test_it_reads_the_answer_runners_up_apart_and_mixed_plan(panel):
    # Ideogram 3.0: 1,000 x $0.03 + 100 x $0.09 = $39.00 for 1,100 images ($0.035 each);
    # FLUX1.1 [pro] and Recraft V3: 1,100 x $0.04 = $44.00, $5.00 more;
    # Midjourney: 1,100 / 240 h = 4.583 h, 1.283 h over Basic: $10 + $5.13 = $15.13;
    # drafts on Ideogram $30 + finals on FLUX1.1 [pro] $4 = $34.00, saves $5.00.
    detail = show(panel, drafts_and_finals())
    lines = shown(panel)
    assert lines[:5] == [
        "Best API option",
        "Ideogram 3.0   $39.00 a month   $0.035 per image",
        "then FLUX1.1 [pro] $44.00 (+$5.00), Recraft V3 (raster) $44.00 (+$5.00)",
        "Midjourney (subscription) $15.13 — subscription, no public API; not ranked as the answer",
        "Mixed plan: Drafts → Ideogram 3.0; Finals → FLUX1.1 [pro] — $34.00, saves $5.00 a month",
    ]
    # Below, the comparison's own summary line, exactly as given.
    assert lines[5].startswith("1,100 images per month · best API option: Ideogram 3.0")
    assert len(lines) == 6
    assert panel.text() == detail


def test_the_answer_is_large_and_its_name_bold(panel):
    show(panel, drafts_and_finals())
    base = panel.font().pointSizeF()
    assert panel.headline.font().pointSizeF() == pytest.approx(base * 1.6)
    assert "<b>Ideogram 3.0</b>" in panel.headline.text()
    assert panel.caption.font().pointSizeF() < base


def test_a_click_on_a_name_asks_for_that_model(panel, qtbot):
    show(panel, drafts_and_finals())
    label = panel.headline
    fm = label.fontMetrics()
    on_name = QPoint(label.contentsRect().left() + fm.horizontalAdvance("Ide"), fm.height() // 2)
    with qtbot.waitSignal(panel.modelActivated) as signal:
        qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=on_name)
    assert signal.args == ["ideogram-3.0"]


def test_the_keyboard_reaches_the_names_too(panel, qtbot):
    show(panel, drafts_and_finals())
    panel.runners.setFocus()
    qtbot.keyClick(panel.runners, Qt.Key.Key_Tab)  # the first link: FLUX1.1 [pro]
    with qtbot.waitSignal(panel.modelActivated) as signal:
        qtbot.keyClick(panel.runners, Qt.Key.Key_Return)
    assert signal.args == ["flux-pro-1.1"]


def test_a_time_limit_names_itself_and_the_answer_says_how_long(panel):
    # 10,000 low images on gpt-image-2 at OpenAI tier 3: 200 min + 45.3 s = 3 h 21 min,
    # 10,000 x $0.00588 = $58.80.
    sc = Scenario(
        stages=[Stage(requests=10_000, quality="low", prompt_tokens=0)],
        tiers={"OpenAI": "3"},
        finish_within_hours=4,
    )
    show(panel, sc, ["gpt-image-2", "midjourney"])
    lines = shown(panel)
    assert lines[0] == "Cheapest that finishes within 4 h"
    assert lines[1] == "GPT Image 2   $58.80 a month   $0.0059 per image · finishes in 3 h 21 min"


def test_when_nothing_qualifies_the_large_line_says_why(panel):
    sc = drafts_and_finals(finish_within_hours=24)  # no tier: no model has a known time
    show(panel, sc)
    lines = shown(panel)
    assert lines[:2] == [
        "Cheapest that finishes within 24 h",
        "No API option has a known time: set your usage tier",
    ]
    assert not panel.runners.isVisible() and not panel.plan.isVisible()
    # What could not be timed is named, then the subscription, still apart.
    assert lines[2] == (
        "Not known to finish within 24 h: Ideogram 3.0 $39.00 (time unknown) · FLUX1.1 [pro]"
        " $44.00 (time unknown) · Recraft V3 (raster) $44.00 (time unknown)"
    )
    assert lines[3].startswith("Midjourney (subscription) $15.13")


def test_only_a_subscription_gives_no_answer(panel):
    show(panel, drafts_and_finals(), ["midjourney"])
    assert shown(panel)[:2] == ["Best API option", "No API option can run this scenario"]


def test_a_new_answer_replaces_every_line(panel):
    show(panel, drafts_and_finals())
    # One model: no runners-up, nothing apart, no plan.
    show(panel, drafts_and_finals(), ["flux-pro-1.1"])
    lines = shown(panel)
    assert lines[1] == "FLUX1.1 [pro]   $44.00 a month   $0.040 per image"
    assert len(lines) == 3  # caption, answer, detail


def _dark() -> QPalette:
    p = QPalette()
    for role, colour in {
        QPalette.ColorRole.Window: "#202020",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#181818",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Link: "#7ab8ff",
    }.items():
        p.setColor(role, QColor(colour))
    return p


@pytest.mark.parametrize("label", ["caption", "headline", "apart", "plan"])
def test_every_line_is_lighter_than_a_dark_background(panel, label):
    show(panel, drafts_and_finals())
    panel.setPalette(_dark())
    image = getattr(panel, label).grab().toImage()
    lightness = [
        image.pixelColor(x, y).lightness()
        for x in range(0, image.width(), 2)
        for y in range(image.height())
    ]
    background = QColor("#202020").lightness()
    # Text drawn light on dark: nothing darker than the background, and some ink well above it.
    assert min(lightness) >= background - 2
    assert max(lightness) > background + 80
    if label in ("headline", "plan"):  # the names they hold take the palette's link colour
        link = QColor("#7ab8ff")
        assert any(
            abs(c.red() - link.red()) + abs(c.green() - link.green()) + abs(c.blue() - link.blue())
            < 24
            for c in (
                image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
            )
        )


def test_at_a_narrow_width_the_lines_wrap_without_cutting_or_overlapping(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    panel = SummaryPanel(holder)
    show(panel, drafts_and_finals())
    holder.resize(360, 600)
    panel.resize(360, panel.heightForWidth(360))
    holder.show()
    qtbot.waitExposed(holder)
    labels = [lb for lb in panel.findChildren(QLabel) if lb.isVisible()]
    assert panel.headline.height() > panel.headline.fontMetrics().height() * 1.5  # it wrapped
    for a, b in zip(labels, labels[1:], strict=False):
        assert a.geometry().bottom() < b.geometry().top()
    for lb in labels:
        assert lb.width() <= 360
        assert lb.height() >= lb.heightForWidth(lb.width())


def test_tab_stops_only_on_lines_that_hold_a_link(window):
    """Tab reaches the model names to follow; the caption and the detail line are no stops."""
    from PySide6.QtCore import Qt

    panel = window.comparison.summary
    assert panel.headline.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert not panel.caption.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert not panel.detail.focusPolicy() & Qt.FocusPolicy.TabFocus
