"""A break-even note never covers the "your volume" line or its words and values:
in the shipped campaign the subscription's break-even (4,224 images) sits just
left of the user's 4,600, and its note, drawn to the right as a rule, ran across
the line."""

from __future__ import annotations

from matplotlib.text import Text

from imgcost_gui.workspace import text


def _note_boxes(chart):
    # the words and their box (an annotation's leader line left out)
    out = []
    for _dot, note in chart.break_evens:
        note.update_bbox_position_size(chart.canvas.get_renderer())
        out.append(note.get_bbox_patch().get_window_extent())
    return out


def _line_x(chart):
    return chart.ax.transData.transform((chart.curves.images, 1))[0]


def _assert_clear(chart):
    frame = chart.ax.get_window_extent()
    x = _line_x(chart)
    words = [chart.now_text] + [v for _d, v in chart.crossings.values() if v.get_visible()]
    for box in _note_boxes(chart):
        assert not box.x0 <= x <= box.x1, "the note runs across the your-volume line"
        assert frame.x0 <= box.x0 and box.x1 <= frame.x1, "the note is cut off by the axes"
        for t in words:
            assert not box.overlaps(Text.get_window_extent(t)), f"the note covers {t.get_text()}"


def test_the_break_even_note_stays_clear_of_your_volume(charted_window, draw_tab):
    chart = draw_tab(charted_window, charted_window.charts.tabs.volume)
    (found,) = chart.curves.break_evens  # the campaign's one: Midjourney against Muse
    assert found.images < charted_window.doc.scenario.images  # just left of the line
    (note,) = [n for _d, n in chart.break_evens]
    assert "from 2,817 to 4,224 images/month" in note.get_text()
    _assert_clear(chart)
    # the axes are too narrow for it on either side of its dot: it ends before the line
    assert _note_boxes(chart)[0].x1 < _line_x(chart)


def test_the_note_goes_back_beside_its_dot_when_your_volume_moves_away(
    charted_window, qtbot, draw_tab
):
    draw_tab(charted_window, charted_window.charts.tabs.volume)
    charted_window.resize(1800, 1000)  # room for the note right of its dot
    qtbot.waitUntil(lambda: charted_window.charts.tabs.volume.canvas.width() > 1000)
    doc = charted_window.doc
    # a quarter of every stage: the same mix, so the same break-even, at 1,150 images
    changes = [
        (("stages", i, "requests"), s.requests // 4) for i, s in enumerate(doc.scenario.stages)
    ]
    doc.set_many(changes, "A quarter of the work")
    chart = draw_tab(charted_window, charted_window.charts.tabs.volume)
    assert chart.curves.images == 250 * 4 + 75 + 75
    (note,) = [n for _d, n in chart.break_evens]
    assert "from 2,817 to 4,224 images/month" in note.get_text()
    _assert_clear(chart)
    dot_x, dot_y = chart.ax.transData.transform(note.xy)
    (box,) = _note_boxes(chart)
    assert box.x0 > dot_x and box.y1 < dot_y  # right of its dot and below, as a rule
    assert text.count(chart.curves.images) in chart.now_text.get_text()


def test_a_quick_redraw_moves_the_note_as_the_line_moves(charted_window, qtbot, draw_tab):
    chart = draw_tab(charted_window, charted_window.charts.tabs.volume)
    before = _note_boxes(chart)[0]
    assert before.x1 < _line_x(chart)
    doc = charted_window.doc
    changes = [
        (("stages", i, "requests"), s.requests // 4) for i, s in enumerate(doc.scenario.stages)
    ]
    doc.set_many(changes, "A quarter of the work")
    charted_window.flush_charts()
    _assert_clear(chart)
    assert _note_boxes(chart)[0].x0 > before.x0
