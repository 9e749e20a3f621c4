"""Two ImgCosts (two windows, or a window and ``imgcost calibrate --save``) keep
measured token counts in one file: neither erases the other's, and each takes in
the other's when asked.

gpt-image-2 1024x1024 high by the published closed form: 7,024 tokens at $30/M,
so measured 6,000 tokens bill 6,000 x $30 / 1M = $0.18 an image.
"""

import datetime as dt

from imgcost_gui.core import Scenario, UserCatalog, estimate
from imgcost_gui.core.catalog import MeasuredOutput

from .helpers import CATALOG, stage

MEASURED = MeasuredOutput(
    tokens=6000, low=5500, high=6600, responses=12, measured_on=dt.date(2026, 11, 30),
    file="responses.jsonl",
)  # fmt: skip


def test_a_second_writer_adds_to_the_file_not_over_it(tmp_path):
    a = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    b = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    a.keep_measured("gpt-image-2", {"1024x1024/high": MEASURED})
    b.keep_measured("gpt-image-1.5", {"1024x1024/high": MEASURED})
    fresh = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    assert set(fresh.measured.models) == {"gpt-image-2", "gpt-image-1.5"}


def test_a_reset_keeps_what_another_writer_kept_since(tmp_path):
    a = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    b = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    a.keep_measured("gpt-image-2", {"1024x1024/high": MEASURED})
    b.keep_measured("gpt-image-1.5", {"1024x1024/high": MEASURED})
    a.reset_measured("gpt-image-2")
    fresh = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    assert set(fresh.measured.models) == {"gpt-image-1.5"}


def test_reload_takes_in_the_other_writers_counts_and_says_which(tmp_path):
    a = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    b = UserCatalog(CATALOG, tmp_path / "price-overrides.json")
    assert b.reload_measured() == []
    a.keep_measured("gpt-image-2", {"1024x1024/high": MEASURED})
    assert b.reload_measured() == [
        "Measured output tokens of gpt-image-2 changed in another ImgCost"
    ]
    sc = Scenario(stages=[stage("1024x1024", "high", requests=10)])
    (est,) = estimate(sc, b.catalog, ["gpt-image-2"])
    assert abs(est.per_image_usd - 6000 * 30 / 1_000_000) < 1e-3  # plus the prompt's few tokens
    assert b.reload_measured() == []  # nothing new since
