"""Issue 9 in the app: a failed save is told at once and the table shows what is on
disk; another window's prices are taken in and the window that lost is told; a
refused import changes nothing; links in the details open only http(s), on click."""

from __future__ import annotations

import errno
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from imgcost_gui.core import UserCatalog, load_shipped_catalog
from imgcost_gui.ui.catalog.catalog_model import COL_VALUE


def _cell(window, model_id: str, key: str, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001
    model = window.catalog_editor.model
    return model.index(model.row_of(model_id, key), COL_VALUE).data(role)


def _total(window, model_id: str) -> float:
    window.recompute()
    model = window.comparison.model
    return model.rows[model.row_of(model_id)].estimate.total_usd


def _read_only_folder(monkeypatch: pytest.MonkeyPatch, module: str) -> None:
    """Every save of ``module`` fails as it does in a read-only data folder."""

    def refuse(path: Path, text: str) -> None:
        raise OSError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(f"imgcost_gui.core.{module}.atomic_write_text", refuse)


def test_a_price_that_cannot_be_saved_is_told_at_once_and_not_shown(
    window, qtbot, monkeypatch, dialogs, user_data_dir
):
    window.pages.setCurrentIndex(1)
    before = _total(window, "flux-pro-1.1-ultra")
    _read_only_folder(monkeypatch, "layered")
    editor = window.catalog_editor
    key = "image"
    editor.select("flux-pro-1.1-ultra", key)
    index = editor.table.selectionModel().currentIndex().siblingAtColumn(COL_VALUE)
    editor.table.edit(index)
    line = editor.table.findChild(QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "0.12")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(dialogs.asked))
    ((kind, title, text),) = dialogs.asked
    assert (kind, title) == ("warning", "Prices not saved")
    path = user_data_dir / "price-overrides.json"
    assert text == (
        f"Could not save {path}: Permission denied. Nothing was changed: the prices shown "
        "are the ones in that file."
    )
    # the table, the estimate and the file agree: the shipped price
    assert _cell(window, "flux-pro-1.1-ultra", key) == "0.06"
    assert not _cell(window, "flux-pro-1.1-ultra", key, Qt.ItemDataRole.FontRole)
    assert _total(window, "flux-pro-1.1-ultra") == before
    assert not path.exists()
    assert window.catalog_doc.undo_stack.count() == 0  # no step for a change that did not happen
    assert "shipped prices" in window.catalog_status.text()


def test_an_undo_that_cannot_be_saved_keeps_the_price_on_disk(window, qtbot, monkeypatch, dialogs):
    window.pages.setCurrentIndex(1)
    window.catalog_doc.set_price("gpt-image-2", "image_out", Decimal("20"))
    _read_only_folder(monkeypatch, "layered")
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: bool(dialogs.asked))
    assert dialogs.titles() == ["Prices not saved"]
    assert _cell(window, "gpt-image-2", "image_out") == "20.00"  # still the file's
    assert window.catalog_doc.undo_stack.count() == 0


def test_updated_prices_that_cannot_be_saved_change_nothing(
    window, qtbot, monkeypatch, dialogs, tmp_path, user_data_dir
):
    import json

    from imgcost_gui.core.paths import shipped_catalog_path
    from imgcost_gui.ui.catalog.prices_update_dialog import UpdateDialog

    data = json.loads(shipped_catalog_path().read_text())
    for m in data["models"]:
        if m["id"] == "gpt-image-2":
            m["pricing"]["rates"]["image_out"] = "25"
    team = tmp_path / "team.json"
    team.write_text(json.dumps(data))
    monkeypatch.setattr(UpdateDialog, "exec", lambda self: 1)
    _read_only_folder(monkeypatch, "updated")
    window.update_prices(team)
    qtbot.waitUntil(lambda: bool(dialogs.asked))
    ((_kind, title, text),) = dialogs.asked
    assert title == "Prices not saved"
    assert text.startswith(f"Could not save {user_data_dir / 'updated-prices.json'}: Permission")
    assert _cell(window, "gpt-image-2", "image_out") == "30.00"
    assert window.catalog_doc.user.layer is None
    assert window.catalog_doc.undo_stack.count() == 0


def test_another_windows_prices_are_taken_in_and_the_loser_is_told(window_factory, qtbot):
    a = window_factory(user=UserCatalog(load_shipped_catalog()))
    b = window_factory(user=UserCatalog(load_shipped_catalog()))
    before = _total(b, "gpt-image-2")
    a.catalog_doc.set_price("gpt-image-2", "image_out", Decimal("25"))
    qtbot.waitUntil(lambda: _cell(b, "gpt-image-2", "image_out") == "25.00", timeout=5000)
    assert (
        "gpt-image-2 image_out changed from the shipped price to $25 in another ImgCost window"
        in b.banner.messages
    )
    assert b.banner.isVisible()
    assert _total(b, "gpt-image-2") < before  # the estimates take it in too
    # both change the same price: the later save wins, and the window that lost is told
    b.catalog_doc.set_price("gpt-image-2", "image_out", Decimal("20"))
    qtbot.waitUntil(lambda: _cell(a, "gpt-image-2", "image_out") == "20.00", timeout=5000)
    assert (
        "gpt-image-2 image_out changed from $25 to $20 in another ImgCost window"
        in a.banner.messages
    )
    # a window's own save says nothing to itself
    assert not any("another" in m for m in b.banner.messages[1:])


def test_a_refused_import_changes_nothing(window, tmp_path, monkeypatch, dialogs, user_data_dir):
    import json

    from PySide6.QtWidgets import QFileDialog

    window.catalog_doc.set_price("gpt-image-2", "text_in", Decimal("4"))
    saved = (user_data_dir / "price-overrides.json").read_text()
    bad = tmp_path / "team-prices.json"
    bad.write_text(
        json.dumps(
            {
                "schema_version": 2,
                "prices": {"gpt-image-2": {"image_out": "1"}, "no-such-model": {"image": "1"}},
                "custom_models": [],
            }
        )
    )
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), ""))
    )
    window.catalog_editor.import_dialog()
    ((_kind, title, text),) = dialogs.asked
    assert title == "Cannot import"
    assert "no-such-model" in text and text.endswith("Nothing was changed.")
    assert _cell(window, "gpt-image-2", "image_out") == "30.00"
    assert (user_data_dir / "price-overrides.json").read_text() == saved
    # the next, unrelated edit saves only itself
    window.catalog_doc.set_price("gpt-image-2", "text_in", Decimal("3"))
    again = UserCatalog(load_shipped_catalog())
    assert again.overrides.prices == {"gpt-image-2": {"text_in": Decimal("3")}}


def test_links_open_only_http_addresses_on_click(window, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()) or True)
    )
    label = window.catalog_editor.details.label
    assert not label.openExternalLinks()
    for url in (
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<b>x</b>",
        "http:no-host",
    ):
        label.linkActivated.emit(url)
    assert opened == []
    label.linkActivated.emit("https://openai.com/api/pricing/")
    assert opened == ["https://openai.com/api/pricing/"]
