"""One wording of a time for the window and the command line."""

import pytest

from imgcost_gui.cli.common import duration as cli_duration
from imgcost_gui.core.duration import duration_words
from imgcost_gui.workspace.text import duration as window_duration


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (None, "—"),
        (45, "45 s"),
        (89, "89 s"),
        (12 * 60, "12 min"),
        (89 * 60, "89 min"),
        (200 * 60 + 45.3, "3 h 21 min"),  # 10,000 images at 50 a minute, plus 45.3 s
        (3 * 3600, "3 h"),
        (47 * 3600 + 59 * 60, "47 h 59 min"),
        (52 * 3600, "2 d 4 h"),
        (72 * 3600, "3 d"),
    ],
)
def test_a_time_reads_the_same_in_the_window_and_the_command_line(seconds, words):
    assert duration_words(seconds) == words
    assert cli_duration(seconds) == window_duration(seconds) == words
