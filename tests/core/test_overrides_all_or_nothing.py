"""The user's prices, version 2 (issue 9 items 3-5): all or nothing. A refused
import changes nothing, in memory or on disk; a save that fails (read-only
folder, full disk) leaves memory as it was."""

from __future__ import annotations

import errno
import os
from decimal import Decimal

import pytest

from imgcost_gui.core import FileProblem, Scenario, Stage, estimate_model
from imgcost_gui.core import layered as layered_module

from .hand_prices import MEDIUM_1000, D, on_disk, per_image, tok_total, write

# --- imports: all or nothing --------------------------------------------------------------

GOOD = {"tok": {"text_in": "4"}, "cells": {"1024x1024/high": "0.5"}}


@pytest.mark.parametrize(
    "bad",
    [
        {"prices": {**GOOD, "cells": {"1024x1024/high": "0.5", "1024x1024/ultra": "0.9"}}},
        {"prices": {**GOOD, "cells": {"1024x1024/high": "0.5", "1536x1024/low": "-1"}}},
        {"prices": {**GOOD, "no-such-model": {"image_out": "1"}}},
        {
            "prices": GOOD,
            "dated_prices": {"tok": {"nonsense": [{"from": "2027-01-01", "usd": "1"}]}},
        },
        {
            "prices": GOOD,
            "dated_prices": {"tok": {"image_out": [{"from": "2027-01-01", "usd": "-1"}]}},
        },
    ],
    ids=["unknown-key", "negative", "unknown-model", "dated-unknown-key", "dated-negative"],
)
def test_a_refused_import_changes_nothing_in_memory_or_on_disk(user, path, tmp_path, bad):
    user.set_price("tok", "image_out", Decimal("15"))
    before_text = path.read_text(encoding="utf-8")
    before = user.overrides.model_copy(deep=True)
    incoming = tmp_path / "team.json"
    write(incoming, {"schema_version": 2, **bad})

    with pytest.raises(FileProblem):
        user.import_file(incoming)

    assert user.overrides == before
    assert path.read_text(encoding="utf-8") == before_text
    assert per_image(user.catalog, "cells", "1024x1024", "high") == pytest.approx(0.05)
    assert tok_total(user.catalog, "2026-12-01") == pytest.approx(MEDIUM_1000 * 15)
    stage = Stage(requests=1000, prompt_tokens=100, quality="medium")
    text = estimate_model(Scenario(stages=[stage]), user.catalog.get("tok"), day=D("2026-12-01"))
    assert text.stages[0].meter("text_in").rate_usd_per_m == pytest.approx(5.0)
    # The next unrelated change saves only what was there and that change.
    user.set_price("tok", "image_in", Decimal("7"))
    assert on_disk(path)["prices"] == {"tok": {"image_out": "15", "image_in": "7"}}
    assert on_disk(path)["dated_prices"] == {}


def test_an_imported_v1_file_is_read_by_the_positions_of_this_catalog(user, tmp_path):
    incoming = tmp_path / "old-team.json"
    write(incoming, {"schema_version": 1, "prices": {"cells": {"pricing.prices.3.usd": "0.7"}}})
    user.import_file(incoming)
    assert user.overrides.prices == {"cells": {"1536x1024/high": Decimal("0.7")}}
    assert per_image(user.catalog, "cells", "1536x1024", "high") == pytest.approx(0.7)


def test_a_good_import_takes_every_price(user, tmp_path):
    incoming = tmp_path / "team.json"
    write(incoming, {"schema_version": 2, "prices": GOOD})
    user.import_file(incoming)
    assert per_image(user.catalog, "cells", "1024x1024", "high") == pytest.approx(0.5)
    assert user.overrides.prices["tok"] == {"text_in": Decimal("4")}


# --- a save that fails -------------------------------------------------------------------------


def _changes(tmp_path):
    incoming = tmp_path / "team.json"
    write(incoming, {"schema_version": 2, "prices": GOOD})
    return {
        "set": lambda u: u.set_price("cells", "1024x1024/high", Decimal("0.5")),
        "set-dated": lambda u: u.set_price(
            "tok", "image_out", Decimal("9"), effective=D("2027-01-01")
        ),
        "reset": lambda u: u.reset_price("tok", "image_out"),
        "reset-all": lambda u: u.reset_all(),
        "import": lambda u: u.import_file(incoming),
    }


CHANGES = ["set", "set-dated", "reset", "reset-all", "import"]


def _assert_as_before(user, path, before, before_text):
    assert user.overrides == before
    assert path.read_text(encoding="utf-8") == before_text
    assert tok_total(user.catalog, "2026-12-01") == pytest.approx(MEDIUM_1000 * 15)
    assert per_image(user.catalog, "cells", "1024x1024", "high") == pytest.approx(0.05)
    assert user.dated("tok", "image_out") == []


@pytest.mark.parametrize("what", CHANGES)
def test_a_save_into_a_read_only_folder_raises_and_changes_nothing(user, path, tmp_path, what):
    user.set_price("tok", "image_out", Decimal("15"))
    before, before_text = user.overrides.model_copy(deep=True), path.read_text(encoding="utf-8")
    change = _changes(tmp_path)[what]
    folder = path.parent
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user can write to a read-only folder (root)")
        with pytest.raises(OSError):
            change(user)
    finally:
        folder.chmod(0o755)
    _assert_as_before(user, path, before, before_text)


@pytest.mark.parametrize("what", CHANGES)
def test_a_save_that_fails_on_a_full_disk_raises_and_changes_nothing(
    user, path, tmp_path, monkeypatch, what
):
    user.set_price("tok", "image_out", Decimal("15"))
    before, before_text = user.overrides.model_copy(deep=True), path.read_text(encoding="utf-8")
    change = _changes(tmp_path)[what]

    def full_disk(target, text):
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    room = layered_module.atomic_write_text
    monkeypatch.setattr(layered_module, "atomic_write_text", full_disk)
    with pytest.raises(OSError):
        change(user)
    _assert_as_before(user, path, before, before_text)
    monkeypatch.setattr(layered_module, "atomic_write_text", room)
    change(user)  # the same change goes through once the disk has room
    assert user.overrides != before
