"""The cheapest-cell grid never cuts its words with the next row: in a window too
short for a name and a price in each cell (the window's first size), a cell shows
its price alone at full size; given the room, the name comes back above it."""

from __future__ import annotations

from matplotlib.text import Text


def _row_height(chart):
    return chart.ax.get_window_extent().height / len(chart.grid.sizes)


def _assert_inside_their_rows(chart):
    row = _row_height(chart)
    for label in chart.labels:
        assert Text.get_window_extent(label).height <= row, f"{label.get_text()!r} is cut"
        assert label.get_fontsize() >= 9


def test_a_short_grid_shows_each_price_alone_and_whole(charted_window, draw_tab):
    chart = draw_tab(charted_window, charted_window.charts.tabs.cells)
    assert not chart.two_lines
    _assert_inside_their_rows(chart)
    shown = [label.get_text() for label in chart.labels]
    # the words in full are name and price: the price line is what is left
    assert shown == [words.split("\n")[-1] for words in chart.grid.labels()]
    assert all(t.endswith(" / image") or t == "no model" for t in shown)


def test_with_room_each_cell_names_its_model_again(charted_window, qtbot, draw_tab):
    chart = draw_tab(charted_window, charted_window.charts.tabs.cells)
    charted_window.resize(1280, 1400)
    qtbot.waitUntil(lambda: chart.canvas.height() > 450)
    draw_tab(charted_window, chart)
    assert chart.two_lines
    _assert_inside_their_rows(chart)
    assert [label.get_text() for label in chart.labels] == chart.grid.labels()
