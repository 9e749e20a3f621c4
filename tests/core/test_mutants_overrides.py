"""Tests that kill mutants of the user's catalog (overrides.py, overrides_file.py,
prices.py) that survived a mutation run: what is saved, refused, merged, and told."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from imgcost_gui.core import Scenario, estimate_model
from imgcost_gui.core.catalog import Source
from imgcost_gui.core.overrides import ReadOnlyOverrides, UserCatalog
from imgcost_gui.core.prices import entry_on, layered, price_fields
from imgcost_gui.core.storage import FileProblem
from imgcost_gui.core.updated import LayerSource, ModelUpdate, UpdatedLayer

from .helpers import CATALOG, stage

JAN, FEB = dt.date(2027, 1, 1), dt.date(2027, 2, 1)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "price-overrides.json"


@pytest.fixture
def user(path):
    return UserCatalog(CATALOG, path)


def a_custom_model(model_id: str = "my-flux"):
    return CATALOG.get("flux-pro-1.1").model_copy(update={"id": model_id, "name": "My FLUX"})


def value(catalog, model_id: str, key: str) -> Decimal:
    return next(f.value for f in price_fields(catalog.get(model_id)) if f.path == key)


# --- a file from a newer ImgCost is never changed ----------------------------------------------


@pytest.fixture
def newer(path):
    text = json.dumps({"schema_version": 3, "prices": {}, "custom_models": []})
    path.write_text(text, encoding="utf-8")
    return text


@pytest.mark.parametrize(
    "change",
    [
        lambda u, f: u.reset_price("gpt-image-2", "image_out"),
        lambda u, f: u.reset_model("gpt-image-2"),
        lambda u, f: u.reset_all(),
        lambda u, f: u.add_custom(a_custom_model()),
        lambda u, f: u.remove_custom("my-flux"),
        lambda u, f: u.import_file(f),
    ],
    ids=["reset_price", "reset_model", "reset_all", "add_custom", "remove_custom", "import_file"],
)
def test_a_newer_file_refuses_every_change(path, newer, tmp_path, change):
    other = tmp_path / "theirs.json"
    other.write_text(json.dumps({"schema_version": 2, "prices": {}}), encoding="utf-8")
    user = UserCatalog(CATALOG, path)
    assert user.read_only
    with pytest.raises(ReadOnlyOverrides):
        change(user, other)
    assert path.read_text(encoding="utf-8") == newer


def test_a_newer_file_can_still_be_exported_elsewhere_but_not_saved_over(path, newer, tmp_path):
    user = UserCatalog(CATALOG, path)
    copy = tmp_path / "export.json"
    user.export(copy)
    assert json.loads(copy.read_text(encoding="utf-8"))["schema_version"] == 2
    with pytest.raises(FileProblem, match="newer"):
        user.save()
    assert path.read_text(encoding="utf-8") == newer


# --- the user's prices ----------------------------------------------------------------------------


def test_a_custom_model_is_marked_custom(user):
    user.add_custom(a_custom_model())
    assert user.catalog.get("my-flux").custom


def test_dated_prices_on_different_days_are_all_kept(user):
    user.set_price("gpt-image-2", "image_out", Decimal("40"), effective=JAN)
    user.set_price("gpt-image-2", "image_out", Decimal("50"), effective=FEB)
    assert [(d.effective, d.usd) for d in user.dated("gpt-image-2", "image_out")] == [
        (JAN, Decimal("40")),
        (FEB, Decimal("50")),
    ]


def test_the_count_adds_prices_and_custom_models(user):
    user.set_price("gpt-image-2", "image_out", Decimal("31"))
    user.add_custom(a_custom_model())
    assert user.override_count == 2


def test_imported_dated_prices_are_kept(user, tmp_path):
    theirs = tmp_path / "theirs.json"
    data = {
        "schema_version": 2,
        "dated_prices": {"gpt-image-2": {"image_out": [{"from": "2027-01-01", "usd": "45"}]}},
    }
    theirs.write_text(json.dumps(data), encoding="utf-8")
    user.import_file(theirs)
    assert [(d.effective, d.usd) for d in user.dated("gpt-image-2", "image_out")] == [
        (JAN, Decimal("45"))
    ]


def test_another_windows_custom_models_and_dated_prices_are_told(path):
    mine, theirs = UserCatalog(CATALOG, path), UserCatalog(CATALOG, path)
    theirs.add_custom(a_custom_model())
    assert "Custom model my-flux was added in another ImgCost window" in mine.reload()
    theirs.remove_custom("my-flux")
    assert "Custom model my-flux was deleted in another ImgCost window" in mine.reload()
    theirs.set_price("gpt-image-2", "image_out", Decimal("40"), effective=JAN)
    said = mine.reload()
    assert said and all("in another ImgCost window" in line for line in said)
    assert [(d.effective, d.usd) for d in mine.dated("gpt-image-2", "image_out")] == [
        (JAN, Decimal("40"))
    ]


def test_a_subscription_lists_its_plans_and_its_extra_hour_price():
    keys = [f.path for f in price_fields(CATALOG.get("midjourney"))]
    assert keys == ["plan/basic", "plan/standard", "plan/pro", "plan/mega", "extra_hour"]


# --- the updated-prices layer ---------------------------------------------------------------------


@pytest.fixture
def layer():
    return UpdatedLayer(
        source=LayerSource(title="A peer's prices", version="1", imported_on=dt.date(2026, 11, 30)),
        models={"gpt-image-2": ModelUpdate(prices={"image_out": Decimal("31")})},
        new_models=[a_custom_model("new-model"), a_custom_model("newer-model")],
    )


def test_a_kept_update_takes_effect_at_once_and_says_which_prices_it_changed(user, layer):
    user.keep_update(layer)
    assert value(user.catalog, "gpt-image-2", "image_out") == Decimal("31")
    assert "new-model" in user.catalog.by_id
    assert user.is_updated("gpt-image-2", "image_out")
    assert not user.is_updated("gpt-image-2", "text_in")
    assert user.is_updated("new-model", "image")
    assert user.is_updated("newer-model", "image")
    assert not user.is_updated("flux-2-pro", "first_mp")
    assert user.revert_update()
    assert value(user.catalog, "gpt-image-2", "image_out") == value(
        CATALOG, "gpt-image-2", "image_out"
    )
    assert not user.is_updated("gpt-image-2", "image_out")


def test_reverting_without_an_update_is_harmless(user):
    assert user.revert_update() is False


def test_resetting_a_model_drops_its_dated_prices_too(user):
    user.set_price("gpt-image-2", "image_out", Decimal("40"), effective=JAN)
    user.set_price("gpt-image-2", "text_in", Decimal("6"))
    user.reset_model("gpt-image-2")
    assert user.dated("gpt-image-2", "image_out") == []
    assert not user.is_overridden("gpt-image-2", "text_in")
    assert user.override_count == 0


def test_a_damaged_updated_prices_file_is_reported(path):
    path.with_name("updated-prices.json").write_text("{not json", encoding="utf-8")
    user = UserCatalog(CATALOG, path)
    assert any("Your updated prices could not be loaded" in p for p in user.problems)
    assert value(user.catalog, "gpt-image-2", "image_out") == value(
        CATALOG, "gpt-image-2", "image_out"
    )


def test_an_update_that_no_longer_fits_a_model_is_reported(user, layer):
    bad = layer.model_copy(
        update={"models": {"gpt-image-2": ModelUpdate(prices={"no_such_price": Decimal(1)})}}
    )
    user.keep_update(bad)
    assert any("updated prices for gpt-image-2 no longer fit" in p for p in user.problems)


def test_an_invalid_price_of_the_users_is_reported_and_the_shipped_one_used(path):
    data = {"schema_version": 2, "prices": {"gpt-image-2": {"image_out": "-1"}}}
    path.write_text(json.dumps(data), encoding="utf-8")
    user = UserCatalog(CATALOG, path)
    assert any("Your prices for gpt-image-2 are not valid" in p for p in user.problems)
    assert value(user.catalog, "gpt-image-2", "image_out") == value(
        CATALOG, "gpt-image-2", "image_out"
    )


def test_a_price_of_zero_can_be_set(user):
    user.set_price("gpt-image-2", "image_out", Decimal(0))
    assert value(user.catalog, "gpt-image-2", "image_out") == Decimal(0)


def test_the_users_prices_are_sourced_as_theirs_not_official(user):
    user.set_price("gpt-image-2", "image_out", Decimal("31"))
    field = next(f for f in price_fields(user.catalog.get("gpt-image-2")) if f.path == "image_out")
    assert field.source.by_user and not field.source.official


def test_the_count_includes_dated_prices(user):
    user.set_price("gpt-image-2", "image_out", Decimal("31"))
    user.set_price("gpt-image-2", "text_in", Decimal("6"), effective=JAN)
    user.add_custom(a_custom_model())
    assert user.override_count == 3


def test_price_cells_are_labelled_by_what_they_price():
    labels = [f.label for f in price_fields(CATALOG.get("dall-e-3"))]
    assert labels[0] == "Image, 1024x1024 standard"
    assert [f.label for f in price_fields(CATALOG.get("flux-pro-1.1"))] == ["Image, any size"]
    assert price_fields(CATALOG.get("hiapi/gpt-image-2"))[0].label == "Image, 1K tier"


def test_a_catalog_refuses_a_repeated_id_and_a_reseller_without_a_family():
    from imgcost_gui.core.catalog import ModelEntry, PriceCatalog

    flux = CATALOG.get("flux-pro-1.1")
    with pytest.raises(ValueError, match="appears twice"):
        PriceCatalog(checked=CATALOG.checked, models=[flux, flux])
    data = flux.model_dump() | {"id": "someone/flux", "family": None}
    with pytest.raises(ValueError, match="family"):
        ModelEntry.model_validate(data)


# --- dated prices -----------------------------------------------------------------------------------

SOURCE = Source(title="test", official=False, checked=dt.date(2026, 12, 1))
DEC15, MAR = dt.date(2026, 12, 15), dt.date(2027, 3, 1)


def test_a_change_on_the_estimate_day_is_in_force_and_not_announced():
    entry = layered(CATALOG.get("flux-pro-1.1"), {}, {"image": [(JAN, Decimal("0.05"))]}, SOURCE)
    on_the_day = estimate_model(Scenario(stages=[stage(requests=10)]), entry, day=JAN)
    assert on_the_day.total_usd == pytest.approx(0.5)
    assert not [n for n in on_the_day.all_notices if n.code == "price_change"]
    field = price_fields(entry_on(entry, JAN))[0]
    assert (field.value, field.source) == (Decimal("0.05"), SOURCE)


def test_a_change_ahead_is_announced_even_when_the_model_cannot_run_the_scenario():
    entry = layered(CATALOG.get("flux-pro-1.1"), {}, {"image": [(JAN, Decimal("0.05"))]}, SOURCE)
    est = estimate_model(Scenario(stages=[stage("5000x5000")]), entry, day=DEC15)
    found = [n.message for n in est.all_notices if n.code == "price_change"]
    assert len(found) == 1 and "would cost" not in found[0]


def test_a_dated_layer_replaces_the_changes_below_it_from_its_first_day():
    # Below: $0.045 from February. The layer: $0.04 from January, $0.06 from March.
    # From January on the layer decides: mid-February is $0.04, not $0.045.
    flux = CATALOG.get("flux-pro-1.1")
    below = layered(flux, {}, {"image": [(FEB, Decimal("0.045"))]}, SOURCE)
    rows = [(JAN, Decimal("0.04")), (MAR, Decimal("0.06"))]
    top = layered(below, {}, {"image": rows}, SOURCE)
    assert price_fields(entry_on(top, dt.date(2027, 2, 15)))[0].value == Decimal("0.04")
    assert price_fields(entry_on(top, MAR))[0].value == Decimal("0.06")
