"""Output tokens measured from a team's own responses replace the published
rule for that model, size and quality, and their spread is the range.

gpt-image-2 1024x1024 high by the published closed form: 7,024 tokens at $30/M.
"""

import datetime as dt
import json

import pytest

from imgcost_gui.core import Scenario, UserCatalog, estimate
from imgcost_gui.core.catalog import MeasuredOutput

from .helpers import CATALOG, stage

MEASURED = MeasuredOutput(
    tokens=6000, low=5500, high=6600, responses=12, measured_on=dt.date(2026, 11, 30),
    file="responses.jsonl",
)  # fmt: skip


def one(user, quality="high", size="1024x1024", **kw):
    sc = Scenario(stages=[stage(size, quality, requests=10, **kw)])
    (est,) = estimate(sc, user.catalog, ["gpt-image-2"])
    return est


def test_measured_tokens_are_used_with_their_spread_and_say_so(tmp_path):
    user = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    assert one(user).total_usd == pytest.approx(10 * 7024 * 30 / 1e6)
    user.keep_measured("gpt-image-2", {"1024x1024/high": MEASURED})
    est = one(user)
    assert est.total_usd == pytest.approx(10 * 6000 * 30 / 1e6)
    assert est.low_usd == pytest.approx(10 * 5500 * 30 / 1e6)
    assert est.high_usd == pytest.approx(10 * 6600 * 30 / 1e6)
    note = next(n.message for n in est.all_notices if n.code == "measured_output")
    assert "12 responses on 2026-11-30" in note
    # Other sizes and qualities keep the published rule: medium = 1,756 tokens.
    assert one(user, "medium").total_usd == pytest.approx(10 * 1756 * 30 / 1e6)
    # Kept in the user data folder, read again next time.
    saved = json.loads((tmp_path / "measured-tokens.json").read_text(encoding="utf-8"))
    assert saved["models"]["gpt-image-2"]["1024x1024/high"]["tokens"] == 6000
    again = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    assert one(again).total_usd == pytest.approx(10 * 6000 * 30 / 1e6)


def test_measured_tokens_can_be_reset(tmp_path):
    user = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    user.keep_measured("gpt-image-2", {"1024x1024/high": MEASURED})
    user.reset_measured("gpt-image-2", "1024x1024/high")
    assert one(user).total_usd == pytest.approx(10 * 7024 * 30 / 1e6)
    assert one(user).low_usd is None


def test_an_unreadable_measured_file_is_kept_aside(tmp_path):
    (tmp_path / "measured-tokens.json").write_text("{broken", encoding="utf-8")
    user = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    assert any("measured token counts could not be loaded" in p for p in user.problems)
    assert list(tmp_path.glob("measured-tokens.json.unreadable-*"))
    assert one(user).total_usd == pytest.approx(10 * 7024 * 30 / 1e6)
