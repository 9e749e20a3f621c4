"""Fixtures of the core tests of the user's prices over the hand-made catalog
(hand_prices.py). Modules that test them over the shipped catalog, such as
test_overrides.py, define their own ``user``."""

from __future__ import annotations

import pytest

from imgcost_gui.core import UserCatalog

from .hand_prices import HAND


@pytest.fixture
def path(tmp_path):
    return tmp_path / "price-overrides.json"


@pytest.fixture
def user(path):
    return UserCatalog(HAND, path)
