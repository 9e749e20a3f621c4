"""A lifecycle's status on a day (issue 8, part 1): upcoming, active, deprecated
and retired on each side of every date, whether a model is available, and a
reseller's lifecycle, its own or its family's."""

from __future__ import annotations

import pytest

from imgcost_gui.core import estimate, estimate_model
from imgcost_gui.core.catalog import Lifecycle

from .dated_catalog import ONE_DAY, D, catalog, entry, only, scenario

FULL = Lifecycle(
    announced_on=D("2027-01-10"), deprecated_on=D("2027-03-01"), retired_on=D("2027-06-01")
)


@pytest.mark.parametrize(
    ("day", "status"),
    [
        ("2027-01-09", "upcoming"),
        ("2027-01-10", "active"),
        ("2027-02-28", "active"),
        ("2027-03-01", "deprecated"),
        ("2027-05-31", "deprecated"),
        ("2027-06-01", "retired"),
        ("2030-01-01", "retired"),
    ],
)
def test_status_on_each_side_of_every_date(day, status):
    assert FULL.status_on(D(day)) == status


@pytest.mark.parametrize(
    ("day", "available"),
    [("2027-01-09", False), ("2027-01-10", True), ("2027-03-01", True), ("2027-06-01", False)],
)
def test_a_model_is_available_from_its_announcement_to_the_day_before_shutdown(day, available):
    m = entry("m", lifecycle=FULL.model_dump())
    cat = catalog(m)
    assert cat.available(m, D(day)) is available
    assert (m in cat.active(D(day))) is available


def test_a_stated_status_without_dates():
    assert Lifecycle().status_on(D("2026-12-01")) == "active"
    assert Lifecycle(status="deprecated").status_on(D("2026-12-01")) == "deprecated"
    assert Lifecycle(status="retired").status_on(D("2026-12-01")) == "retired"


def test_a_model_stated_retired_with_its_shutdown_still_ahead_is_deprecated_until_then():
    lc = Lifecycle(status="retired", retired_on=D("2027-02-01"))
    assert lc.status_on(D("2027-01-31")) == "deprecated"
    assert lc.status_on(D("2027-02-01")) == "retired"


def test_a_deprecation_date_ahead_overrides_a_stated_deprecated():
    lc = Lifecycle(status="deprecated", deprecated_on=D("2027-02-01"))
    assert lc.status_on(D("2027-01-31")) == "active"
    assert lc.status_on(D("2027-02-01")) == "deprecated"


# --- resellers -----------------------------------------------------------------------------

VENDOR_LC = {"retired_on": "2027-02-01"}


def test_a_reseller_with_no_lifecycle_follows_its_familys():
    vendor = entry("vm", lifecycle=VENDOR_LC, family="vm")
    resold = entry("shop/vm", family="vm")
    cat = catalog(vendor, resold)
    assert cat.lifecycle_of(resold).retired_on == D("2027-02-01")
    assert cat.status(resold, D("2027-01-31")) == "active"
    assert cat.status(resold, D("2027-02-01")) == "retired"
    est = estimate_model(scenario(), resold, day=D("2027-02-01"), catalog=cat)
    assert est.status == "retired"
    assert est.shuts_down == D("2027-02-01")
    assert "2027-02-01" in only(est, "retired").message
    assert [e.model for e in estimate(scenario(), cat, ["all"], as_of=D("2027-01-31"))] == [
        "vm",
        "shop/vm",
    ]
    assert estimate(scenario(), cat, ["all"], as_of=D("2027-02-01")) == []


@pytest.mark.parametrize(
    ("own", "running_until"),
    [
        ({"retired_on": "2027-03-01"}, "2027-02-28"),  # serves it from its own stock longer
        ({"retired_on": "2027-01-15"}, "2027-01-14"),  # stops before the vendor does
        ({"status": "active"}, "2099-12-31"),  # says it has no end
    ],
)
def test_a_reseller_with_its_own_lifecycle_keeps_it(own, running_until):
    vendor = entry("vm", lifecycle=VENDOR_LC, family="vm")
    resold = entry("shop/vm", family="vm", lifecycle=own)
    cat = catalog(vendor, resold)
    last = D(running_until)
    assert cat.available(resold, last)
    if "retired_on" in own:
        assert cat.status(resold, last + ONE_DAY) == "retired"
    assert estimate_model(scenario(), resold, day=last, catalog=cat).available


def test_a_reseller_whose_family_is_not_in_the_catalog_is_always_available():
    resold = entry("shop/gone", family="gone")
    assert catalog(resold).available(resold, D("2099-01-01"))
