"""Measured token counts kept elsewhere (``imgcost calibrate --save`` while the app is
open) reach the open window, which says so (issue 13).

gpt-image-2 1024x1024 high by the published closed form: 7,024 tokens at $30/M.
"""

from __future__ import annotations

import datetime as dt

from imgcost_gui.core import Scenario, Stage, UserCatalog, estimate, load_shipped_catalog
from imgcost_gui.core.catalog import MeasuredOutput

MEASURED = MeasuredOutput(
    tokens=6000, low=5500, high=6600, responses=12, measured_on=dt.date(2026, 11, 30),
    file="responses.jsonl",
)  # fmt: skip


def test_counts_saved_by_the_command_line_reach_the_open_window(window, qtbot):
    cli = UserCatalog(load_shipped_catalog())  # the same user data folder, as the CLI's
    cli.keep_measured("gpt-image-2", {"1024x1024/high": MEASURED})
    qtbot.waitUntil(
        lambda: (
            "Measured output tokens of gpt-image-2 changed in another ImgCost"
            in window.banner.messages
        ),
        timeout=5000,
    )
    sc = Scenario(stages=[Stage(requests=10, quality="high")])
    (est,) = estimate(sc, window.catalog_doc.catalog, ["gpt-image-2"])
    # 6,000 measured tokens at $30 per 1M: $0.18 an image (the prompt's 50 tokens add a little)
    assert abs(est.per_image_usd - 0.18) < 0.001
