"""Where a chart's note goes (a break-even note on the volume chart): beside its
point as a rule, never across the "your volume" line, never over other words,
never cut off by the axes. Pixels here are points (pt = 1) and the words fill
their box (pad = 0), so each box is hand arithmetic from the point."""

from __future__ import annotations

from imgcost_gui.workspace.labels import Box, clearest, place_note

FRAME = Box(0, 0, 400, 200)
NOTE = (100, 20)  # width, height


def place(at, line, taken=(), frame=FRAME, size=NOTE):
    return place_note(at, size, line, frame, list(taken), pt=1, pad=0)


def test_with_room_it_sits_right_of_its_point_and_below():
    p = place((100, 100), line=390)
    # 10 right of x = 100; its top 26 under y = 100
    assert (p.ha, p.va, p.dx, p.dy) == ("left", "top", 10, -26)
    assert p.box == Box(110, 54, 210, 74)


def test_words_where_it_would_sit_send_it_left_of_its_point():
    value = Box(250, 50, 370, 80)  # over the right-below place (260..360, 54..74)
    p = place((250, 100), line=390, taken=[value])
    assert (p.ha, p.va) == ("right", "top")
    assert p.box == Box(140, 54, 240, 74)  # ends 10 left of x = 250


def test_it_never_runs_across_the_line():
    # right of the point it would cross x = 150; left of it, it would leave the frame
    p = place((100, 100), line=150)
    assert p.box == Box(44, 54, 144, 74)  # ends 6 before the line
    assert (p.ha, p.va) == ("right", "top")


def test_above_its_point_when_below_is_taken_and_the_sides_do_not_fit():
    below = Box(0, 0, 400, 80)
    p = place((100, 100), line=390, taken=[below])
    assert (p.ha, p.va) == ("left", "bottom")
    assert p.box == Box(110, 126, 210, 146)  # its bottom 26 over y = 100


def test_a_small_chart_puts_it_at_the_bottom_beside_the_line():
    # everything beside the point is taken; the frame's bottom still has room
    near = Box(0, 40, 400, 160)
    p = place((100, 100), line=150, taken=[near])
    assert p.box == Box(44, 6, 144, 26)  # 6 above the bottom, 6 before the line


def test_with_no_clear_place_it_hides_the_least():
    # all but the bottom taken; at the bottom, right of the line is taken too, and
    # before the line a small value's corner is in the way: 4 x 6 hidden is least
    taken = [Box(0, 40, 400, 200), Box(150, 0, 400, 40), Box(140, 20, 150, 30)]
    p = place((100, 100), line=150, taken=taken)
    assert p.box == Box(44, 6, 144, 26)


def test_clearest_takes_the_first_clear_place_and_counts_words_cut_off_tenfold():
    frame = Box(0, 0, 100, 100)
    taken = [Box(0, 0, 10, 10)]
    over_words = Box(0, 0, 20, 20)  # hides 100 of the taken box
    cut_off = Box(95, 0, 115, 20)  # 15 x 20 = 300 outside: counts 3,000
    clear_a, clear_b = Box(50, 50, 60, 60), Box(70, 70, 80, 80)
    assert clearest([over_words, clear_a, clear_b], taken, frame) == 1
    assert clearest([cut_off, over_words], taken, frame) == 1
    assert clearest([over_words, cut_off], taken, frame) == 0


def test_box_overlap_is_the_shared_area():
    assert Box(0, 0, 10, 10).overlap(Box(5, 5, 20, 20)) == 25
    assert Box(0, 0, 10, 10).overlap(Box(10, 0, 20, 10)) == 0  # touching: nothing shared
    assert Box(0, 0, 10, 10).overlap(Box(20, 20, 30, 30)) == 0
    assert Box(0, 0, 4, 5).area == 20
