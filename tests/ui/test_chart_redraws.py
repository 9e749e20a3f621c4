"""Charts follow typing by redrawing only what moved, and look exactly as a
full redraw would: same pixels, same scale, nothing left behind in exports."""

from __future__ import annotations

import matplotlib
import pytest
from PySide6.QtWidgets import QApplication

from imgcost_gui.ui.charts.base import round_up, steady_limit
from imgcost_gui.workspace import text


def edit_requests(window, delta: int) -> None:
    stage = window.doc.scenario.stages[0]
    window.doc.set(("stages", 0, "requests"), stage.requests + delta)
    window.recompute()
    window.flush_charts()


def show(window, chart) -> None:
    # The chart at the height these checks were written for (about 340 px; a 1280x800
    # window gave the charts that before the summary panel took its lines). At about
    # 230 px an edit re-runs the constrained layout, which moves the axes by a millionth
    # of their height: a full redraw then differs from the quick one in anti-aliasing.
    window.resize(1280, 880)
    window.compare_split.setSizes([380, 380])
    QApplication.processEvents()
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


def test_legend_keeps_every_swatch_after_a_theme_change(charted_window):
    chart = charted_window.charts.tabs.meters
    show(charted_window, chart)
    charted_window.charts.tabs.restyle()  # what a switch to dark mode does
    (legend,) = chart.figure.legends
    assert legend.legend_handles and all(h.get_visible() for h in legend.legend_handles)


def test_png_export_draws_each_artist_once(charted_window, tmp_path):
    """The export is what savefig alone would write: the quick-redraw bookkeeping
    must not paint the data a second time over it."""
    chart = charted_window.charts.tabs.volume
    show(charted_window, chart)
    ours, plain = tmp_path / "ours.png", tmp_path / "plain.png"
    chart.export(ours)
    chart.canvas.mpl_disconnect(chart._draw_cid)
    chart.figure.savefig(plain, facecolor=chart.figure.get_facecolor(), dpi=200)
    assert ours.read_bytes() == plain.read_bytes()


def test_log_axis_spans_a_decade_even_for_equal_values():
    from imgcost_gui.ui.charts.volume import decades_around

    assert decades_around(10.0, 10.0) == (10.0, 100.0)
    assert decades_around(12.0, 12.0) == (10.0, 100.0)
    assert decades_around(0.5, 30.0) == (0.1, 100.0)


def test_volume_range_holds_while_typing_and_widens_for_a_far_break_even():
    from imgcost_gui.ui.charts.volume import volume_range

    # 4,600 images: 230 to 92,000 around it, whole decades 100 to 100,000
    assert volume_range(None, 4600) == (100.0, 100_000.0)
    assert volume_range((100.0, 100_000.0), 5001) == (100.0, 100_000.0)  # held
    assert volume_range((100.0, 100_000.0), 12_000) == (100.0, 1_000_000.0)  # a decade from the end
    # a subscription that pays off only above 300,000 images stays on the chart
    assert volume_range((100.0, 100_000.0), 4600, [300_000]) == (100.0, 1_000_000.0)
