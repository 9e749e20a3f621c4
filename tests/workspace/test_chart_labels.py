"""Labels beside a chart move apart just enough never to cover one another."""

from __future__ import annotations

import itertools

import pytest

from imgcost_gui.workspace.labels import spread, spread_boxes, wrap_name


def test_labels_far_apart_stay_where_they_want_to_be():
    assert spread([0.1, 0.5, 0.9], 0.1) == pytest.approx([0.1, 0.5, 0.9])


def test_three_labels_on_one_spot_fan_out_around_it():
    # three labels 0.1 tall wanting 0.5: one at 0.5, one a label's height each side
    assert spread([0.5, 0.5, 0.5], 0.1) == pytest.approx([0.4, 0.5, 0.6])


def test_a_pair_that_touches_moves_apart_around_its_middle():
    # 0.10 and 0.12 want to be 0.02 apart but need 0.1: each moves 0.04, around 0.11
    assert spread([0.12, 0.10, 0.9], 0.1) == pytest.approx([0.16, 0.06, 0.9])


def test_labels_of_different_heights_keep_half_of_each_apart():
    # 0.1 and 0.3 tall: their centres 0.2 apart, around 0.5
    assert spread([0.5, 0.5], [0.1, 0.3]) == pytest.approx([0.4, 0.6])


def test_labels_stay_inside_the_axes_edges_included():
    # a label 0.1 tall centred at 0.99 would stick out: the pair is pushed down to end at 1
    assert spread([0.95, 0.99], 0.1) == pytest.approx([0.85, 0.95])
    assert spread([0.0, 0.01], 0.1) == pytest.approx([0.05, 0.15])


def test_many_labels_never_overlap():
    wanted = [0.3, 0.31, 0.29, 0.7, 0.33, 0.69, 0.3]
    placed = spread(wanted, 0.08)
    for a, b in itertools.combinations(placed, 2):
        assert abs(a - b) >= 0.08 - 1e-9


def test_boxes_side_by_side_keep_their_heights_and_stacked_ones_move():
    # two labels 50 px wide at x 0 and 100: apart, they keep y 10; a third over the first moves
    ys = spread_boxes([(0, 10), (100, 10), (20, 12)], [(50, 10)] * 3, lo=0, hi=100, pad=2)
    assert ys[1] == pytest.approx(10)
    assert abs(ys[0] - ys[2]) >= 12 - 1e-9


def test_long_names_wrap_on_two_lines_at_most():
    assert (
        wrap_name("GPT Image 2.5 Sunburst on Azure OpenAI")
        == "GPT Image 2.5 Sunburst\non Azure OpenAI"
    )
    assert wrap_name("Muse Image 1.0") == "Muse Image 1.0"
    long = wrap_name("Amazon Titan Image Generator v1 with a much longer name than fits")
    assert long.count("\n") == 1 and long.endswith("…")
