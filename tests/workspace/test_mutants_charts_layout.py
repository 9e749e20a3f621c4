"""Where the charts' axes end and where their labels go, pinned where mutation
testing found them loose (scripts/mutate, issue 10): every figure here is an axis
end, a label's place or a name's words the user reads."""

from __future__ import annotations

import math

import pytest

from imgcost_gui.workspace.labels import Box, spread, spread_boxes, wrap_name
from imgcost_gui.workspace.scales import (
    decades_around,
    round_up,
    steady_limit,
    steady_log_range,
    volume_range,
)

# --- round axis ends ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "end"),
    [(0.5, 0.5), (1.0, 1.0), (1.1, 1.2), (2.0, 2.0), (2.1, 2.5), (7.0, 8.0), (8.5, 10.0),
     (41.0, 50.0), (0.013, 0.015)],
)  # fmt: skip
def test_an_axis_ends_at_the_next_round_number(x, end):
    assert round_up(x) == pytest.approx(end)


@pytest.mark.parametrize("x", [0.0, -3.0, math.inf, math.nan])
def test_an_axis_with_nothing_to_show_ends_at_one(x):
    assert round_up(x) == 1.0


def test_an_axis_end_holds_until_the_data_outgrows_it_or_halves():
    assert steady_limit(None, 7.0) == 8.0
    assert steady_limit(10.0, 7.0) == 10.0  # held
    assert steady_limit(10.0, 10.0) == 10.0  # exactly full: held
    assert steady_limit(10.0, 5.0) == 10.0  # exactly half: held
    assert steady_limit(10.0, 4.0) == 4.0  # under half: a closer end
    assert steady_limit(10.0, 11.0) == 12.0  # outgrown


# --- log axes ---------------------------------------------------------------------------


def test_equal_values_still_get_a_decade():
    assert decades_around(5.0, 5.0) == (1.0, 10.0)
    # 10 to 10: the decade above, so a log axis has two labels
    assert decades_around(10.0, 10.0) == (10.0, 100.0)


def test_a_log_range_leaves_half_again_at_both_ends():
    # 1.2 / 1.5 = 0.8 is under 1: the axis starts at 0.1
    assert steady_log_range(None, 1.2, 50.0) == (0.1, 100.0)
    # a point at 1.2 on an axis from 1 has less room than half again: a fresh range
    assert steady_log_range((1.0, 100.0), 1.2, 10.0) == (0.1, 100.0)
    # 80 x 1.5 = 120 is past 100: the axis grows to 1,000
    assert steady_log_range((1.0, 100.0), 2.0, 80.0) == (1.0, 1000.0)


# --- the volume axis --------------------------------------------------------------------


def test_the_volume_axis_spans_a_twentieth_to_twenty_times_your_volume():
    # 1,000: 50 to 20,000, whole decades 10 to 100,000
    assert volume_range(None, 1000) == (10.0, 100_000.0)
    # 400: 20 to 8,000 -> 10 to 10,000
    assert volume_range(None, 400) == (10.0, 10_000.0)
    # 200: exactly 10 to 4,000 -> 10 to 10,000
    assert volume_range(None, 200) == (10.0, 10_000.0)


def test_the_volume_axis_reaches_every_break_even():
    assert volume_range(None, 1000, [1.0]) == (1.0, 100_000.0)
    assert volume_range(None, 1000, [0.0]) == (10.0, 100_000.0)  # no break-even at 0


def test_the_volume_axis_holds_while_your_volume_is_a_decade_inside():
    # 10..10,000 shown, volume typed up to 1,000: exactly a decade inside the top, held
    assert volume_range((10.0, 10_000.0), 1000) == (10.0, 10_000.0)
    # 1,500 is less than a decade from 10,000: a fresh range
    assert volume_range((10.0, 10_000.0), 1500) == (10.0, 100_000.0)
    # 100..100,000 shown, volume down to 1,000: exactly a decade inside the bottom, held
    assert volume_range((100.0, 100_000.0), 1000) == (100.0, 100_000.0)
    # 800 is less than a decade above 100: a fresh range
    assert volume_range((100.0, 100_000.0), 800) == (10.0, 100_000.0)


def test_the_volume_axis_moves_when_a_break_even_leaves_it():
    held = (10.0, 10_000.0)
    assert volume_range(held, 1000, [10.0, 10_000.0]) == held  # both on the ends: shown
    assert volume_range(held, 1000, [50.0, 20_000.0]) == (10.0, 100_000.0)


# --- names on labels ------------------------------------------------------------------


def test_a_long_name_is_cut_at_a_word_with_an_ellipsis():
    # "Stable" / "Diffusion" / "3.5 Large" at 12 a line; the second line is cut
    assert wrap_name("Stable Diffusion 3.5 Large", 12) == "Stable\nDiffusion…"


def test_one_word_longer_than_the_line_is_cut_inside_it():
    assert wrap_name("Supercalifragilistic", 10, lines=1) == "Supercali…"


def test_a_hyphenated_name_stays_whole():
    assert wrap_name("Open gpt-image-1", 12) == "Open\ngpt-image-1"


# --- labels that must not cover each other --------------------------------------------


def test_labels_apart_stay_where_they_want_to_be():
    assert spread([0.2, 0.55], 0.2) == pytest.approx([0.2, 0.55])


def test_overlapping_labels_move_apart_around_their_middle():
    # 0.18 apart, 0.2 tall: they overlap by 0.02 and move 0.01 each
    assert spread([0.2, 0.38], 0.2) == pytest.approx([0.19, 0.39])


def test_a_run_of_three_moves_as_one():
    # 0.5 and 0.52 join first (centred on 0.41), then reach 0.3: offsets 0, 0.2, 0.4
    # around (0.3 + 0.3 + 0.12) / 3 = 0.24
    assert spread([0.3, 0.5, 0.52], 0.2) == pytest.approx([0.24, 0.44, 0.64])


def test_labels_taller_than_the_room_start_at_its_bottom():
    # 2 tall in a room from 10 to 11: its bottom goes to 10
    assert spread([10.5], 2.0, lo=10.0, hi=11.0) == pytest.approx([11.0])


def test_boxes_touching_side_by_side_keep_their_height():
    assert spread_boxes([(0, 50), (10, 50)], [(10, 8), (10, 8)], 0, 100) == [50, 50]


def test_boxes_overlapping_across_a_group_are_spread_together():
    # the second box reaches 40, so the third (from 30) overlaps it: one group of three,
    # 10 tall each with the padding, around 50
    ys = spread_boxes([(0, 50), (10, 50), (30, 50)], [(20, 8), (30, 8), (10, 8)], 0, 100)
    assert ys == pytest.approx([40, 50, 60])


def test_boxes_overlap_only_when_they_share_area():
    a = Box(0, 0, 10, 10)
    assert a.overlaps(Box(5, 5, 15, 15))
    for touching in (
        Box(10, 0, 20, 10),
        Box(-10, 0, 0, 10),
        Box(0, 10, 10, 20),
        Box(0, -10, 10, 0),
    ):
        assert not a.overlaps(touching) and not touching.overlaps(a)
    assert not a.overlaps(Box(0, 20, 10, 30))  # same columns, rows apart
