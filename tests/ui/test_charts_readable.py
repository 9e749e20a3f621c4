"""What a user reads on each chart: units, names beside the lines, values where
"your volume" crosses them, keys, "+N more", and no label covering another."""

from __future__ import annotations

import itertools

import matplotlib
import pytest
from matplotlib.backend_bases import MouseEvent
from matplotlib.text import Text

from imgcost_gui.ui.charts.style import SERIES_DARK, SERIES_LIGHT
from imgcost_gui.workspace import text


def show(window, chart):
    tabs = window.charts.tabs
    tabs.setCurrentWidget(chart)
    window.flush_charts()
    chart.canvas.draw()
    return chart


def boxes(texts):
    """Where each text's words are on screen (an annotation's leader line left out)."""
    return [Text.get_window_extent(t) for t in texts if t.get_visible() and t.get_text()]


def assert_apart(texts):
    for a, b in itertools.combinations(boxes(texts), 2):
        assert not a.overlaps(b), f"{a} overlaps {b}"


def test_one_colour_blind_safe_palette_of_okabe_ito_colours():
    # Okabe & Ito's eight, yellow left out on white (too faint), black as near-black and
    # last; the order keeps the first four furthest apart under colour-blind simulations
    okabe_ito = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
                 "#CC79A7"}  # fmt: skip
    assert set(SERIES_LIGHT[:-1]) <= okabe_ito and "#F0E442" not in SERIES_LIGHT
    assert SERIES_LIGHT[:4] == ("#0072B2", "#D55E00", "#CC79A7", "#56B4E9")
    assert len(set(SERIES_DARK)) == len(SERIES_DARK) == len(SERIES_LIGHT)


def test_volume_lines_carry_their_names_and_the_axes_their_units(charted_window):
    chart = show(charted_window, charted_window.charts.tabs.volume)
    assert chart.ax.get_ylabel() == "USD per month"
    assert chart.ax.get_xlabel() == "Images per month"
    names = [label.get_text().replace("\n", " ") for label in chart.end_labels.values()]
    assert names == [chart.curves.names[m] for m in chart.lines]
    assert not chart.figure.legends  # the names at the line ends replace the legend
    assert_apart(chart.end_labels.values())
    right = chart.ax.get_window_extent().x1
    assert all(b.x0 >= right for b in boxes(chart.end_labels.values()))  # beside the axes


def test_your_volume_says_the_volume_and_each_lines_cost_there(charted_window):
    chart = show(charted_window, charted_window.charts.tabs.volume)
    images = charted_window.doc.scenario.images
    assert chart.now_text.get_text() == f"your volume: {text.count(images)} images/month"
    table = {r.estimate.model: r.estimate.total_usd for r in chart.inputs.rows}  # the table's
    values = {m: value.get_text() for m, (_dot, value) in chart.crossings.items()}
    assert values == {m: text.usd(table[m]) for m in chart.lines}
    # lines that cost the same there share one value (the shipped catalog has such twins)
    shown = [v.get_text() for _dot, v in chart.crossings.values() if v.get_visible()]
    assert sorted(shown) == sorted(set(values.values()))
    assert_apart([value for _dot, value in chart.crossings.values()] + [chart.now_text])


def test_hovering_a_line_brings_it_forward(charted_window):
    chart = show(charted_window, charted_window.charts.tabs.volume)
    first, *others = chart.lines
    label = chart.end_labels[first]
    (box,) = boxes([label])
    event = MouseEvent("motion_notify_event", chart.canvas, box.x0 + 3, (box.y0 + box.y1) / 2)
    chart.canvas.callbacks.process("motion_notify_event", event)
    assert chart.highlighted == first
    assert chart.lines[first].get_linewidth() > chart.lines[others[0]].get_linewidth()
    assert all((chart.lines[m].get_alpha() or 1) < 0.5 for m in others)
    chart.highlight(None)
    assert all((line.get_alpha() or 1) == 1 for line in chart.lines.values())


@pytest.mark.parametrize("period", ["week", "year"])
def test_units_follow_the_scenarios_period(charted_window, period):
    charted_window.doc.set(("period",), period)
    charted_window.recompute()
    chart = show(charted_window, charted_window.charts.tabs.volume)
    assert chart.ax.get_ylabel() == f"USD per {period}"
    assert chart.now_text.get_text().endswith(f"images/{period}")


def test_the_grid_has_a_colour_key_and_each_cell_the_colour_of_its_model(charted_window):
    chart = show(charted_window, charted_window.charts.tabs.cells)
    (key,) = chart.figure.legends
    named = [t.get_text() for t in key.get_texts()]
    keyed = chart.grid.keyed()
    assert named[: len(keyed)] == [chart.grid.names[m] for m in keyed]
    swatches = [h.get_facecolor() for h in key.legend_handles]
    fills = chart.image.get_array()
    n = len(chart.qualities)
    for i, (_size, _quality, best) in enumerate(chart.data()):
        if best in keyed:
            r, c = divmod(i, n)
            assert tuple(fills[r][c]) == pytest.approx(swatches[keyed.index(best)])
    assert min(label.get_fontsize() for label in chart.labels) >= 9  # was 8


def test_the_grid_says_why_the_stages_cell_wins(charted_window):
    chart = show(charted_window, charted_window.charts.tabs.cells)
    note = chart.note.text()
    assert chart.note.isVisible()
    row, column = chart.grid.outlined
    best = chart.grid.cells[row * len(chart.qualities) + column].cheapest
    assert note.startswith("Your stage “")
    assert f"Cheapest at 1024×1024, {chart.qualities[column]} quality: " in note
    assert chart.grid.names[best] in note and " per image" in note
    # hovering a cell says the same of that cell
    x, y = chart.ax.transData.transform((column, row))
    assert chart.tooltip_at(x, y) == note.removeprefix(note.split(". ")[0] + ". ")


def test_the_meter_chart_says_how_many_models_have_no_bar(charted_window):
    chart = show(charted_window, charted_window.charts.tabs.meters)
    can_run = len(chart.inputs.ranked)
    bars = len(chart.shown)
    assert bars < can_run  # the shipped catalog has more models than fit
    assert chart.more_text.get_text() == f"+{can_run - bars} more in the table"
    (box,) = boxes([chart.more_text])
    assert box.y1 <= min(b.y0 for b in boxes(chart.ax.get_yticklabels()))  # under the last bar


def test_the_budget_label_never_runs_into_the_bar_values(charted_window):
    chart = charted_window.charts.tabs.meters
    show(charted_window, chart)
    cheapest = chart.shown[0].total_usd
    charted_window.doc.set(("budget_usd",), round(cheapest * 1.02, 2))
    charted_window.recompute()
    show(charted_window, chart)
    assert chart.budget_text.get_text().startswith("budget $")
    assert_apart([chart.budget_text, *chart.totals, chart.more_text])
    (budget,) = boxes([chart.budget_text])
    assert budget.y0 >= chart.ax.get_window_extent().y1 - 1  # above the bars, not among them


def test_auto_quality_shows_each_bars_range_in_its_value(charted_window):
    for i in range(len(charted_window.doc.scenario.stages)):
        charted_window.doc.set(("stages", i, "quality"), "auto")
    charted_window.recompute()
    chart = show(charted_window, charted_window.charts.tabs.meters)
    ranged = [
        (e, t.get_text()) for e, t in zip(chart.shown, chart.totals, strict=True) if e.high_usd
    ]
    assert ranged
    for e, words in ranged:
        assert words == f"{text.usd(e.low_usd)}–{text.usd(e.high_usd)}"
    ends = [r.get_x() + r.get_width() for r in chart.extensions.patches if r.get_width() > 0]
    assert ends == pytest.approx([e.high_usd for e, _ in ranged if e.high_usd > e.total_usd])
    assert_apart(chart.totals)


def timed_window(window, limit=None):
    window.doc.set(("tiers",), {"OpenAI": "3"})
    if limit is not None:
        window.doc.set(("finish_within_hours",), limit)
    window.recompute()
    return show(window, window.charts.tabs.cost_time)


def test_cost_vs_time_names_its_points_axes_and_answer(charted_window):
    chart = timed_window(charted_window)
    pts = chart.points
    assert pts.points, "with tier 3 the OpenAI models have a time"
    assert chart.ax.get_ylabel() == "USD per month"
    assert chart.ax.get_xlabel() == "Time to do a month's work (log scale)"
    shown = [a.get_text() for a in chart.labels if a.get_visible()]
    assert shown == [pts.label(p) for p in pts.labelled]
    assert shown[0].startswith(pts.point(pts.answer).name + ": $")  # the answer first
    assert chart.note.headline().startswith("Cheapest with a known time: ")
    assert_apart([a for a in chart.labels if a.get_visible()])
    assert "\nTime unknown for " in chart.note.text()
    ticks = [t.get_text() for t in chart.ax.get_xticklabels()]
    assert ticks and all(t.endswith(("s", "min", "h", "days")) for t in ticks)


def test_a_time_limit_is_a_line_with_its_words(charted_window):
    chart = timed_window(charted_window, limit=8)
    assert chart.limit_line.get_visible()
    assert chart.limit_line.get_xdata()[0] == 8
    assert chart.limit_text.get_text() == "finish within 8 h"
    assert chart.note.headline().startswith("Cheapest that finishes within 8 h: ")
    assert chart.corner.get_visible()
    assert chart.corner.get_x() + chart.corner.get_width() == pytest.approx(8)


def test_without_a_tier_the_caption_says_to_set_one(charted_window):
    chart = show(charted_window, charted_window.charts.tabs.cost_time)
    assert "set it in the scenario" in chart.note.text() or (
        chart.note.text().endswith("set your usage tier in the scenario")
    )


def test_cost_vs_time_quick_redraw_matches_a_full_one(charted_window):
    chart = timed_window(charted_window)
    stage = charted_window.doc.scenario.stages[0]
    charted_window.doc.set(("stages", 0, "requests"), stage.requests + 3)
    charted_window.recompute()
    charted_window.flush_charts()
    assert chart.last_draw == "blit"  # the answer's words are under the chart, not in its frame
    fast = bytes(chart.canvas.buffer_rgba())
    chart.canvas.draw()
    assert bytes(chart.canvas.buffer_rgba()) == fast


def test_the_chart_tab_chosen_is_shown_at_the_next_start(window_factory):
    first = window_factory(charts=True)
    tabs = first.charts.tabs
    tabs.setCurrentWidget(tabs.volume)
    first.close()
    again = window_factory(charts=True)
    assert again.charts.tabs.currentWidget() is again.charts.tabs.volume
    assert again.charts.tabs.tabText(again.charts.tabs.currentIndex()) == "Cost vs volume"


def test_hovering_a_point_says_what_limits_its_time(charted_window):
    chart = timed_window(charted_window)
    p = chart.points.point(chart.points.answer)
    x, y = chart.ax.transData.transform((p.hours, p.cost))
    tip = chart.tooltip_at(x + 2, y - 2)
    assert tip.startswith(chart.points.label(p)) and "limited by" in tip
    corner = chart.ax.get_window_extent()  # the axes' ends lie beyond every point
    assert chart.tooltip_at(corner.x0 + 2, corner.y0 + 2) is None


def test_an_export_keeps_the_words_under_the_chart(charted_window, tmp_path):
    chart = show(charted_window, charted_window.charts.tabs.cells)
    path = tmp_path / "cells.svg"
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text stays text in the file
        chart.export(path)
    svg = path.read_text(encoding="utf-8").replace("&#36;", "$")
    assert f"Your stage “{chart.grid.stage_name}”." in svg
    assert not [t for t in chart.figure.texts if t.get_text()]  # gone from the screen again
