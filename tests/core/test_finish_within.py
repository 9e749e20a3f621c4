"""A scenario can say the work must be done within some hours; the file keeps it."""

import pytest
from pydantic import ValidationError

from imgcost_gui.core.scenario import Scenario


def test_finish_within_hours_round_trips_through_the_file_text():
    s = Scenario(finish_within_hours=36)
    again = Scenario.model_validate_json(s.model_dump_json())
    assert again.finish_within_hours == 36


def test_no_limit_by_default():
    assert Scenario().finish_within_hours is None


@pytest.mark.parametrize("bad", [0, -1, 200_000])
def test_a_limit_must_be_positive_and_sane(bad):
    with pytest.raises(ValidationError):
        Scenario(finish_within_hours=bad)
