"""The app always starts: a damaged shipped catalog is one dialog and exit status 2;
damaged files of the user's are kept aside and every one is named in the banner."""

from __future__ import annotations

from imgcost_gui.core import UserCatalog, load_shipped_catalog


def test_a_damaged_shipped_catalog_is_one_dialog_and_status_2(
    monkeypatch, tmp_path, dialogs, capsys
):
    from imgcost_gui.app import main

    damaged = tmp_path / "catalog.json"
    damaged.write_text('{"schema_version": 1, "models": [')
    monkeypatch.setattr("imgcost_gui.core.shipped.shipped_catalog_path", lambda: damaged)
    assert main([]) == 2
    ((kind, title, text),) = dialogs.asked
    assert (kind, title) == ("critical", "ImgCost cannot start")
    assert text.startswith("catalog.json: ")
    assert text.endswith("The price catalog that ships with ImgCost is damaged; reinstall ImgCost.")
    assert "\n" not in text
    err = capsys.readouterr().err
    assert "Traceback" not in err and "reinstall ImgCost" in err


def test_every_damaged_file_of_the_user_is_named(window_factory, user_data_dir):
    for name in ("price-overrides.json", "updated-prices.json", "measured-tokens.json"):
        (user_data_dir / name).write_text("{not json")
    window = window_factory(user=UserCatalog(load_shipped_catalog()))
    messages = window.banner.messages
    assert window.banner.isVisible() and len(messages) == 3
    for start, name in (
        ("Your price overrides could not be loaded.", "price-overrides.json"),
        ("Your updated prices could not be loaded.", "updated-prices.json"),
        ("Your measured token counts could not be loaded.", "measured-tokens.json"),
    ):
        (line,) = [m for m in messages if m.startswith(start)]
        assert f" {name}: " in line and "The file was kept as " in line
    assert window.banner.text.text() == "\n".join(messages)
    # the prices are the shipped ones, and the window works
    assert window.catalog_doc.user.layer is None
    assert "shipped prices" in window.catalog_status.text()
