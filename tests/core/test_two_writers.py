"""Two ImgCost windows (or a window and the command line) on one overrides file.

Each keeps its own copy of the user's prices and saves on every change; neither
may erase what the other saved (issue 9, item 2).
"""

import json
import multiprocessing
from decimal import Decimal

from imgcost_gui.core import UserCatalog

from .helpers import CATALOG


def test_a_save_keeps_what_another_window_saved_since(tmp_path):
    path = tmp_path / "price-overrides.json"
    a = UserCatalog(CATALOG, path)
    b = UserCatalog(CATALOG, path)
    a.set_price("gpt-image-2", "image_out", Decimal("25"))
    a.duplicate("gpt-image-2", "my-gpt-image-2")
    b.set_price("flux-2-pro", "first_mp", Decimal("0.025"))  # B never saw A's changes
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["prices"] == {
        "gpt-image-2": {"image_out": "25"},
        "flux-2-pro": {"first_mp": "0.025"},
    }
    assert [m["id"] for m in saved["custom_models"]] == ["my-gpt-image-2"]
    # B's catalog now has A's price too: what it shows is what is on disk.
    assert b.catalog.get("gpt-image-2").pricing.rates.image_out == Decimal("25")
    # A's later reset of its own price leaves B's alone.
    a.reset_price("gpt-image-2", "image_out")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["prices"] == {"flux-2-pro": {"first_mp": "0.025"}}


def test_reload_takes_in_the_other_windows_changes_and_says_which(tmp_path):
    path = tmp_path / "price-overrides.json"
    a = UserCatalog(CATALOG, path)
    b = UserCatalog(CATALOG, path)
    assert a.reload() == []  # nothing changed yet
    a.set_price("gpt-image-2", "image_out", Decimal("25"))
    b.set_price("gpt-image-2", "image_out", Decimal("20"))  # the later one wins
    said = a.reload()
    assert said == ["gpt-image-2 image_out changed from $25 to $20 in another ImgCost window"]
    assert a.catalog.get("gpt-image-2").pricing.rates.image_out == Decimal("20")
    assert a.reload() == []


def _set_many(path, model_id, key, start, n):
    user = UserCatalog(CATALOG, path)
    for i in range(n):
        user.set_price(model_id, key, Decimal(start) + i)


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    path = tmp_path / "price-overrides.json"
    ctx = multiprocessing.get_context("spawn")
    jobs = [
        ctx.Process(target=_set_many, args=(path, "gpt-image-2", "image_out", "100", 30)),
        ctx.Process(target=_set_many, args=(path, "flux-2-pro", "first_mp", "1", 30)),
    ]
    for j in jobs:
        j.start()
    for j in jobs:
        j.join(60)
        assert j.exitcode == 0
    saved = json.loads(path.read_text(encoding="utf-8"))
    # Each writer's last value survives the other's 30 saves.
    assert saved["prices"] == {
        "gpt-image-2": {"image_out": "129"},
        "flux-2-pro": {"first_mp": "30"},
    }


def test_reload_names_each_dated_price_the_other_window_changed(tmp_path):
    import datetime as dt

    path = tmp_path / "price-overrides.json"
    a = UserCatalog(CATALOG, path)
    b = UserCatalog(CATALOG, path)
    b.set_price("gpt-image-2", "image_out", Decimal("20"), effective=dt.date(2027, 1, 1))
    assert a.reload() == [
        "gpt-image-2 image_out: a price of $20 from 2027-01-01 was set in another ImgCost window"
    ]
    b.reset_price("gpt-image-2", "image_out", effective=dt.date(2027, 1, 1))
    assert a.reload() == [
        "gpt-image-2 image_out: its price from 2027-01-01 ($20) was removed in another "
        "ImgCost window"
    ]
