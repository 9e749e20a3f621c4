"""Hand-made models with known lifecycle dates, shared by the tests of status by date.

A model's lifecycle is dates; its status is worked out for the day an estimate is
for (today is pinned to 2026-12-01 in conftest). Catalogs are built by hand so
every date is known; the shipped catalog is used only for its shutdown dates.
"""

from __future__ import annotations

import datetime as dt

from imgcost_gui.core import PriceCatalog, Scenario, Stage, load_shipped_catalog
from imgcost_gui.core.catalog import ModelEntry

D = dt.date.fromisoformat
ONE_DAY = dt.timedelta(days=1)
SOURCE = {"title": "hand-made for this test", "official": True, "checked": "2026-11-01"}

SHIPPED = load_shipped_catalog()


def entry(
    model_id: str,
    usd: str = "0.04",
    *,
    lifecycle: dict | None = None,
    family: str | None = None,
    sizes: tuple[str, ...] = ("1024x1024",),
) -> ModelEntry:
    """A model billed a flat ``usd`` per image, any quality."""
    data = {
        "id": model_id,
        "name": f"Model {model_id}",
        "vendor": "Vendor",
        "provider": "Vendor",
        "family": family,
        "sizes": {"kind": "list", "sizes": list(sizes)},
        "pricing": {"scheme": "per_image", "prices": [{"usd": usd}], "source": SOURCE},
    }
    if lifecycle is not None:
        data["lifecycle"] = lifecycle
    return ModelEntry.model_validate(data)


def catalog(*entries: ModelEntry) -> PriceCatalog:
    return PriceCatalog(checked=D("2026-11-01"), models=list(entries))


def scenario(images: int = 1000, **kw) -> Scenario:
    stage = Stage(requests=images, prompt_tokens=0, width=1024, height=1024)
    return Scenario(stages=[stage], **kw)


def codes(est) -> list[str]:
    return [n.code for n in est.all_notices]


def only(est, code: str):
    found = [n for n in est.all_notices if n.code == code]
    assert len(found) == 1, f"{code!r} notices: {[n.code for n in est.all_notices]}"
    return found[0]


# A catalog for the day an estimate is for: r ($0.01) shuts down on 2027-02-01,
# u ($0.005) is not out until 2027-03-01.
RETIRES = entry("r", "0.01", lifecycle={"retired_on": "2027-02-01"})
CHEAP = entry("b", "0.02")
DEAR = entry("a", "0.04")
ODD_SIZES = entry("c", "0.03", sizes=("512x512",))  # usable, but not at 1024x1024
UPCOMING = entry("u", "0.005", lifecycle={"announced_on": "2027-03-01"})
CAT = catalog(RETIRES, CHEAP, DEAR, ODD_SIZES, UPCOMING)
