"""The reliability campaign (issue 9): kills mid-save, hostile files, fuzzing, a
read-only folder. It runs in CI with the rest; the whole folder takes well under
two minutes on two cores. ``-m "not slow"`` leaves out the kill campaign."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: the longer parts of the reliability campaign")
