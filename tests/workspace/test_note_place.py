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


# --- at two pixels a point, the words 3 pixels inside their box -------------------------
# Each box: left = x + dx * 2 - (pad, or w - pad when right-aligned);
# top = y + dy * 2 + (pad when top-aligned, or h - pad). From a line or the frame's
# edge the box keeps 6 points (12 pixels): edge = (6 * 2 + 3) / 2 = 7.5 points.


def scaled(at, line, taken=()):
    return place_note(at, NOTE, line, FRAME, list(taken), pt=2, pad=3)


def test_points_and_padding_scale_the_place_right_of_the_point():
    p = scaled((100, 100), line=390)
    assert (p.ha, p.va, p.dx, p.dy) == ("left", "top", 10, -26)
    assert p.box == Box(117, 31, 217, 51)  # 100 + 20 - 3; 100 - 52 + 3


def test_scaled_before_the_line():
    # right of the point crosses x = 150, left of it leaves the frame (100 - 20 - 97 < 0)
    p = scaled((100, 100), line=150)
    assert (p.ha, p.va, p.dx, p.dy) == ("right", "top", 17.5, -26)  # (150 - 100) / 2 - 7.5
    assert p.box == Box(38, 31, 138, 51)  # ends 12 pixels before the line


def test_scaled_after_the_line():
    # at x = 300 right of the point leaves the frame (300 + 20 - 3 + 100 > 400); left of it
    # crosses the line at 200; before the line is taken: after it is clear
    p = scaled((300, 100), line=200, taken=[Box(0, 0, 190, 200)])
    assert (p.ha, p.dx) == ("left", -42.5)  # (200 - 300) / 2 + 7.5
    assert p.box == Box(212, 31, 312, 51)  # starts 12 pixels after the line


def test_scaled_at_the_bottom_and_at_the_top_of_the_frame():
    p = scaled((100, 100), line=150, taken=[Box(0, 35, 400, 180)])
    assert (p.ha, p.va, p.dy) == ("right", "bottom", -42.5)  # (0 - 100) / 2 + 7.5
    assert p.box == Box(38, 12, 138, 32)  # 12 pixels over the bottom
    p = scaled((100, 100), line=150, taken=[Box(0, 0, 400, 165)])
    assert (p.ha, p.va, p.dy) == ("right", "top", 42.5)  # (200 - 100) / 2 - 7.5
    assert p.box == Box(38, 168, 138, 188)  # 12 pixels under the top


def test_clearest_ties_go_to_the_first_and_a_clear_place_beats_any_other():
    frame = Box(0, 0, 100, 100)
    taken = [Box(0, 0, 10, 10)]
    a, b = Box(5, 5, 15, 15), Box(5, 0, 15, 5)  # each hides 5 x 5 of it
    assert clearest([a, b], taken, frame) == 0
    assert clearest([b, a], taken, frame) == 0
    one = Box(9, 9, 20, 20)  # hides 1 x 1
    assert clearest([Box(50, 50, 60, 60), one], taken, frame) == 0


def test_words_cut_off_count_ten_times_words_covered():
    frame = Box(0, 0, 100, 100)
    taken = [Box(0, 0, 21, 5)]
    covers = Box(0, 0, 21, 10)  # 21 x 5 = 105 of the taken box
    cut = Box(95, 50, 105, 60)  # 5 x 10 = 50 outside... 10 x 50 = 500
    cut_less = Box(99, 50, 110, 51)  # 10 of its 11 outside: counts 100, under 105
    assert clearest([covers, cut], taken, frame) == 0
    assert clearest([covers, cut_less], taken, frame) == 1


def test_boxes_apart_up_and_down_share_nothing():
    assert Box(0, 0, 10, 10).overlap(Box(0, 20, 10, 30)) == 0
    assert Box(0, 0, 10, 10).overlap(Box(20, 0, 30, 10)) == 0


def test_beside_the_point_above_comes_before_beside_the_line():
    # below is taken, left of the point leaves the frame; above and before the far line
    # (at 390) are both clear: above, beside its point, wins
    p = scaled((100, 100), line=390, taken=[Box(110, 35, 230, 60)])
    assert p.box == Box(117, 149, 217, 169)
    assert (p.ha, p.va) == ("left", "bottom")


def test_beside_the_line_comes_before_the_frames_edge():
    # below and above the point are taken, the frame's bottom is free: beside the far
    # line (its box 278..378) is still nearer the point's words than the bottom
    p = scaled((100, 100), line=390, taken=[Box(110, 35, 230, 60), Box(110, 140, 230, 180)])
    assert p.box == Box(278, 31, 378, 51)  # (390 - 100) / 2 - 7.5 = 137.5 points right


def test_at_the_frames_edge_right_of_the_point_comes_first():
    # everything from y = 35 to 180 taken: at the bottom, right of the point is clear,
    # and so is the place before the line: the point's own side wins
    p = scaled((100, 100), line=390, taken=[Box(0, 35, 400, 180)])
    assert p.box == Box(117, 12, 217, 32)
    assert (p.ha, p.va, p.dx) == ("left", "bottom", 10)
