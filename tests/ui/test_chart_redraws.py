"""Charts follow typing by redrawing only what moved, and look exactly as a
full redraw would: same pixels, same scale, nothing left behind in exports."""

from __future__ import annotations

import matplotlib
import pytest

from imgcost_gui.ui import text
from imgcost_gui.ui.charts.base import round_up, steady_limit


def edit_requests(window, delta: int) -> None:
    stage = window.doc.scenario.stages[0]
    window.doc.set(("stages", 0, "requests"), stage.requests + delta)
    window.recompute()
    window.flush_charts()


def show(window, chart) -> None:
    tabs = window.charts.tabs
    tabs.setCurrentWidget(chart)
    chart.canvas.draw()  # the full draw a newly shown tab gets


def pixels(chart) -> bytes:
    return bytes(chart.canvas.buffer_rgba())


@pytest.mark.parametrize(
    ("x", "end"),
    [
        (201.09, 250.0),  # 173.35 x 1.16: the next round step above 2 is 2.5
        (100.0, 100.0),
        (0.0123, 0.015),
        (7.2, 8.0),
        (9.1, 10.0),
        (1234.0, 1500.0),
    ],
)
def test_axis_ends_on_a_round_number(x, end):
    assert round_up(x) == pytest.approx(end)


def test_axis_end_holds_until_the_data_outgrows_or_halves():
    assert steady_limit(250.0, 240.0) == 250.0  # still fits: the scale holds
    assert steady_limit(250.0, 126.0) == 250.0  # above half of it: holds
    assert steady_limit(250.0, 260.0) == 300.0  # outgrown: next round end
    assert steady_limit(250.0, 100.0) == 100.0  # under half: shrinks to fit
    assert steady_limit(None, 201.09) == 250.0


@pytest.mark.parametrize("chart_name", ["meters", "volume"])
def test_typing_redraws_only_the_data_and_matches_a_full_redraw(charted_window, chart_name):
    chart = getattr(charted_window.charts.tabs, chart_name)
    show(charted_window, chart)
    scale = chart.ax.get_xlim()
    edit_requests(charted_window, 3)
    assert chart.last_draw == "blit"
    assert chart.ax.get_xlim() == scale  # a small edit leaves the scale where it was
    fast = pixels(chart)
    chart.canvas.draw()
    assert pixels(chart) == fast, "the quick redraw shows something a full redraw does not"


def test_moving_the_outlined_cell_matches_a_full_redraw(charted_window):
    chart = charted_window.charts.tabs.cells
    show(charted_window, chart)
    charted_window.doc.set(("stages", 0, "quality"), "high")
    charted_window.recompute()
    charted_window.flush_charts()
    assert chart.last_draw == "blit"
    fast = pixels(chart)
    chart.canvas.draw()
    assert pixels(chart) == fast


def test_bars_and_totals_follow_the_edit(charted_window):
    chart = charted_window.charts.tabs.meters
    show(charted_window, chart)
    edit_requests(charted_window, 250)
    totals = [sum(widths) for widths in zip(*chart.data().values(), strict=True)]
    shown = [e.total_usd for e in chart.shown]
    assert totals == pytest.approx(shown)
    assert [t.get_text() for t in chart.totals] == [text.usd(v) for v in shown]


def test_a_big_edit_rescales_so_every_bar_and_total_fits(charted_window):
    chart = charted_window.charts.tabs.meters
    show(charted_window, chart)
    before = chart.ax.get_xlim()[1]
    requests = charted_window.doc.scenario.stages[0].requests
    edit_requests(charted_window, requests * 4)  # five times the drafts
    end = chart.ax.get_xlim()[1]
    longest = max(e.total_usd for e in chart.shown)
    assert end > before
    assert longest * 1.16 <= end  # room for the total printed after the longest bar
    assert chart.last_draw == "full"


def test_exports_hold_the_data_drawn_over_the_frame(charted_window, tmp_path):
    chart = charted_window.charts.tabs.meters
    show(charted_window, chart)
    edit_requests(charted_window, 3)
    path = tmp_path / "meters.svg"
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text stays text in the file
        chart.export(path)
    svg = path.read_text(encoding="utf-8")
    for e in chart.shown:
        assert text.usd(e.total_usd) in svg.replace("&#36;", "$")
