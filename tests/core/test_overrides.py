"""The user's own prices over the shipped catalog (core/overrides.py).

The overrides file keeps only what differs from the shipped catalog; every
change is saved at once; a file ImgCost cannot read is kept aside, never
overwritten, and the shipped prices are used.
"""

import json
from decimal import Decimal

import pytest

from imgcost_gui.core import FileProblem, Scenario, UserCatalog, estimate_model

from .helpers import CATALOG, stage

IMAGE_OUT = "image_out"


@pytest.fixture
def path(tmp_path):
    return tmp_path / "price-overrides.json"


@pytest.fixture
def user(path):
    return UserCatalog(CATALOG, path)


def per_image(catalog, model_id, size="1024x1024", quality="medium", **kw):
    sc = Scenario(stages=[stage(size, quality, **kw)])
    return estimate_model(sc, catalog.get(model_id)).per_image_usd


def saved(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_changed_price_changes_the_estimate_and_is_saved_as_a_difference(user, path):
    # gpt-image-2 output at $15/M instead of $30/M: medium square 1756 tokens -> $0.02634
    user.set_price("gpt-image-2", IMAGE_OUT, Decimal("15"))
    assert per_image(user.catalog, "gpt-image-2") == pytest.approx(1756 * 15 / 1e6)
    assert user.is_overridden("gpt-image-2", IMAGE_OUT)
    assert not user.is_overridden("gpt-image-2", "text_in")
    assert user.shipped_value("gpt-image-2", IMAGE_OUT) == Decimal("30.00")
    data = saved(path)
    assert data["schema_version"] == 2
    assert data["custom_models"] == []
    assert {k: {p: Decimal(v) for p, v in d.items()} for k, d in data["prices"].items()} == {
        "gpt-image-2": {IMAGE_OUT: Decimal("15")}
    }
    # the shipped catalog itself is untouched
    assert per_image(CATALOG, "gpt-image-2") == pytest.approx(1756 * 30 / 1e6)


def test_overrides_are_there_next_time(user, path):
    user.set_price("dall-e-3", "1024x1024/standard", Decimal("0.03"))
    again = UserCatalog(CATALOG, path)
    assert per_image(again.catalog, "dall-e-3", "1024x1024", "low") == pytest.approx(0.03)
    assert per_image(again.catalog, "dall-e-3", "1024x1024", "high") == pytest.approx(0.08)
    assert again.problems == []


def test_setting_the_shipped_value_again_removes_the_override(user, path):
    user.set_price("gpt-image-2", IMAGE_OUT, Decimal("15"))
    user.set_price("gpt-image-2", IMAGE_OUT, Decimal("30"))  # same as shipped "30.00"
    assert not user.is_overridden("gpt-image-2", IMAGE_OUT)
    assert saved(path)["prices"] == {}
    assert user.override_count == 0


def test_reset_one_cell_one_model_or_everything(user, path):
    user.set_price("gpt-image-2", IMAGE_OUT, Decimal("15"))
    user.set_price("gpt-image-2", "text_in", Decimal("4"))
    user.set_price("gpt-image-1.5", IMAGE_OUT, Decimal("16"))
    user.set_price("midjourney", "plan/standard", Decimal("25"))
    assert user.override_count == 4

    user.reset_price("gpt-image-2", IMAGE_OUT)
    assert not user.is_overridden("gpt-image-2", IMAGE_OUT)
    assert user.is_overridden("gpt-image-2", "text_in")
    assert per_image(user.catalog, "gpt-image-2") == pytest.approx(1756 * 30 / 1e6)

    user.reset_model("gpt-image-2")
    assert "gpt-image-2" not in saved(path)["prices"]
    assert user.is_overridden("gpt-image-1.5", IMAGE_OUT)

    # 2400 images = 10 GPU hours: the Standard plan, now $25
    sc = Scenario(stages=[stage(requests=2400)])
    assert estimate_model(sc, user.catalog.get("midjourney")).total_usd == pytest.approx(25)

    user.reset_all()
    assert user.override_count == 0
    assert saved(path)["prices"] == {}
    assert estimate_model(sc, user.catalog.get("midjourney")).total_usd == pytest.approx(30)


def test_custom_model_duplicate_change_and_remove(user, path):
    entry = user.duplicate("gpt-image-2", "my-gpt-image-2", "GPT Image 2 (our contract)")
    assert entry.custom and user.is_custom("my-gpt-image-2")
    assert per_image(user.catalog, "my-gpt-image-2") == pytest.approx(1756 * 30 / 1e6)

    user.set_price("my-gpt-image-2", IMAGE_OUT, Decimal("24"))
    assert per_image(user.catalog, "my-gpt-image-2") == pytest.approx(1756 * 24 / 1e6)
    assert per_image(user.catalog, "gpt-image-2") == pytest.approx(1756 * 30 / 1e6)
    data = saved(path)
    assert data["prices"] == {}
    assert [m["id"] for m in data["custom_models"]] == ["my-gpt-image-2"]

    user.remove_custom("my-gpt-image-2")
    assert "my-gpt-image-2" not in user.catalog.by_id
    assert saved(path)["custom_models"] == []


def test_a_custom_model_can_be_added_from_an_entry(user):
    flat = CATALOG.get("flux-pro-1.1").model_copy(
        update={"id": "in-house-flux", "name": "In-house FLUX"}
    )
    user.add_custom(flat)
    assert per_image(user.catalog, "in-house-flux") == pytest.approx(0.04)
    with pytest.raises(ValueError, match="already exists"):
        user.add_custom(flat)


def test_shipped_models_cannot_be_removed_or_shadowed(user):
    with pytest.raises(ValueError, match="shipped"):
        user.remove_custom("gpt-image-2")
    with pytest.raises(ValueError, match="already exists"):
        user.duplicate("gpt-image-1.5", "gpt-image-2")


def test_export_then_import_into_a_fresh_catalog(user, tmp_path):
    user.set_price("gpt-image-2", IMAGE_OUT, Decimal("15"))
    user.duplicate("flux-pro-1.1", "team-flux")
    shared = tmp_path / "shared" / "team-prices.json"
    user.export(shared)

    other_path = tmp_path / "other" / "price-overrides.json"
    other = UserCatalog(CATALOG, other_path)
    summary = other.import_file(shared)
    assert "1 price" in summary and "1 custom model" in summary
    assert per_image(other.catalog, "gpt-image-2") == pytest.approx(1756 * 15 / 1e6)
    assert per_image(other.catalog, "team-flux") == pytest.approx(0.04)
    assert other.is_overridden("gpt-image-2", IMAGE_OUT)
    # the import is saved in the other user's own file
    assert UserCatalog(CATALOG, other_path).is_overridden("gpt-image-2", IMAGE_OUT)


def test_import_of_prices_for_an_unknown_model_is_refused(user, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"schema_version": 2, "prices": {"gpt-image-9": {IMAGE_OUT: "1"}}}),
        encoding="utf-8",
    )
    with pytest.raises(FileProblem, match="gpt-image-9"):
        user.import_file(bad)
    assert user.override_count == 0


@pytest.mark.parametrize("text", ["{ not json", '{"schema_version": 1, "prices": 5}'])
def test_a_corrupt_overrides_file_is_kept_aside_and_shipped_prices_are_used(path, text):
    path.write_text(text, encoding="utf-8")
    user = UserCatalog(CATALOG, path)
    assert len(user.problems) == 1
    problem = user.problems[0]
    assert "could not be loaded" in problem and "shipped prices" in problem
    kept = list(path.parent.glob("price-overrides.json.unreadable-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == text
    assert str(kept[0]) in problem
    assert not path.exists()
    assert per_image(user.catalog, "gpt-image-2") == pytest.approx(1756 * 30 / 1e6)
    # the next change writes a fresh file and leaves the kept copy alone
    user.set_price("gpt-image-2", IMAGE_OUT, Decimal("15"))
    assert path.exists() and kept[0].read_text(encoding="utf-8") == text


@pytest.mark.parametrize("value", [Decimal("-0.01"), Decimal("NaN"), Decimal("Infinity")])
def test_a_negative_or_non_numeric_price_is_refused(user, path, value):
    with pytest.raises(ValueError):
        user.set_price("gpt-image-2", IMAGE_OUT, value)
    assert not user.is_overridden("gpt-image-2", IMAGE_OUT)
    assert not path.exists()


def test_a_path_that_is_not_a_price_is_refused(user, path):
    with pytest.raises(KeyError):
        user.set_price("gpt-image-2", "nonsense", Decimal("1"))
    with pytest.raises(KeyError):
        user.set_price("gpt-image-2", "name", Decimal("1"))
    assert not path.exists()


def test_the_default_file_lives_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("IMGCOST_DATA_DIR", str(tmp_path / "data"))
    user = UserCatalog(CATALOG)
    user.set_price("gpt-image-2", IMAGE_OUT, Decimal("15"))
    assert (tmp_path / "data" / "price-overrides.json").exists()


def test_every_editable_price_round_trips_through_an_override(tmp_path):
    # A small change to each listed price of a few kinds of model moves the estimate.
    from imgcost_gui.core import price_fields

    for model_id in ("gpt-image-1-mini", "dall-e-3", "flux-2-pro", "gemini-2.5-flash-image"):
        for field in price_fields(CATALOG.get(model_id)):
            user = UserCatalog(CATALOG, tmp_path / f"{model_id}.json", load=False)
            user.set_price(model_id, field.path, field.value + Decimal("1"))
            assert user.catalog.get(model_id) != CATALOG.get(model_id), field.path
            assert user.is_overridden(model_id, field.path)


def test_an_override_that_no_longer_fits_the_catalog_is_reported_and_skipped(path):
    path.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "prices": {
                    "gpt-image-2": {"pricing.rates.retired_meter": "1"},
                    "gpt-image-1.5": {"pricing.rates.image_out": "16"},
                },
            }
        ),
        encoding="utf-8",
    )
    user = UserCatalog(CATALOG, path)
    assert any(
        "gpt-image-2" in p and "retired_meter" in p and "shipped prices are used" in p
        for p in user.problems
    )
    assert per_image(user.catalog, "gpt-image-2") == pytest.approx(1756 * 30 / 1e6)
    # the other model's override still applies: 1056 tokens at $16/M
    assert per_image(user.catalog, "gpt-image-1.5") == pytest.approx(1056 * 16 / 1e6)


def test_a_custom_model_that_takes_a_shipped_id_is_ignored_with_a_problem(path):
    clash = json.loads(CATALOG.get("flux-pro-1.1").model_dump_json())
    clash.update(name="Impostor", custom=True)
    clash["pricing"]["prices"][0]["usd"] = "9.99"
    path.write_text(json.dumps({"schema_version": 1, "custom_models": [clash]}), encoding="utf-8")
    user = UserCatalog(CATALOG, path)
    assert any("flux-pro-1.1" in p for p in user.problems)
    assert per_image(user.catalog, "flux-pro-1.1") == pytest.approx(0.04)


def test_importing_a_file_from_a_newer_imgcost_changes_nothing(user, tmp_path):
    newer = tmp_path / "newer.json"
    newer.write_text(
        json.dumps({"schema_version": 3, "prices": {"gpt-image-2": {IMAGE_OUT: "1"}}}),
        encoding="utf-8",
    )
    with pytest.raises(FileProblem, match="newer"):
        user.import_file(newer)
    assert user.override_count == 0
    assert per_image(user.catalog, "gpt-image-2") == pytest.approx(1756 * 30 / 1e6)


def test_prices_for_a_model_the_catalog_lacks_are_reported(path):
    path.write_text(
        json.dumps({"schema_version": 2, "prices": {"ghost": {IMAGE_OUT: "1"}}}), encoding="utf-8"
    )
    user = UserCatalog(CATALOG, path)
    assert any("'ghost'" in p and "no such model" in p for p in user.problems)


def test_duplicate_custom_ids_keep_the_file_aside_and_use_shipped_prices(path):
    custom = json.loads(CATALOG.get("flux-pro-1.1").model_dump_json())
    custom.update(id="acme/flux", family="flux-pro-1.1", custom=True)
    path.write_text(
        json.dumps({"schema_version": 1, "custom_models": [custom, custom]}), encoding="utf-8"
    )
    user = UserCatalog(CATALOG, path)
    assert "acme/flux" not in user.catalog.by_id
    assert any("appears twice" in p for p in user.problems)
    assert not path.exists()
    assert list(path.parent.glob(path.name + ".unreadable-*"))


def test_a_newer_overrides_file_is_left_alone_and_never_overwritten(path):
    text = json.dumps({"schema_version": 3, "prices": {}, "from_the_future": True})
    path.write_text(text, encoding="utf-8")
    user = UserCatalog(CATALOG, path)
    assert user.read_only
    assert any("newer ImgCost" in p for p in user.problems)
    with pytest.raises(ValueError, match="newer ImgCost"):
        user.set_price("gpt-image-2", IMAGE_OUT, Decimal("1"))
    assert path.read_text(encoding="utf-8") == text
    assert not list(path.parent.glob(path.name + ".unreadable-*"))


def test_importing_a_custom_model_with_a_shipped_id_is_refused(path, tmp_path):
    clash = json.loads(CATALOG.get("flux-2-pro").model_dump_json())
    clash.update(custom=True)
    shared = tmp_path / "team.json"
    shared.write_text(json.dumps({"schema_version": 1, "custom_models": [clash]}), encoding="utf-8")
    user = UserCatalog(CATALOG, path, load=False)
    with pytest.raises(FileProblem, match="flux-2-pro"):
        user.import_file(shared)
    assert not path.exists()


@pytest.mark.parametrize(
    ("model_id", "change"),
    [
        (
            "gpt-image-1.5",
            lambda d: d["pricing"]["output"]["tokens"]["medium"].update({"1024x1024": -5000}),
        ),
        ("midjourney", lambda d: d["pricing"].update(images_per_job=0)),
    ],
)
def test_imported_custom_models_with_impossible_counts_are_refused(
    path, tmp_path, model_id, change
):
    custom = json.loads(CATALOG.get(model_id).model_dump_json())
    custom.update(id="acme/odd", family=model_id, custom=True)
    change(custom)
    shared = tmp_path / "team.json"
    shared.write_text(
        json.dumps({"schema_version": 1, "custom_models": [custom]}), encoding="utf-8"
    )
    user = UserCatalog(CATALOG, path, load=False)
    with pytest.raises(FileProblem, match="custom_models"):
        user.import_file(shared)
    assert "acme/odd" not in user.catalog.by_id
