"""Editing prices in the catalog editor moves every comparison."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from imgcost_gui.core import UserCatalog, load_shipped_catalog, price_fields
from imgcost_gui.ui.catalog.catalog_model import COL_VALUE
from imgcost_gui.ui.comparison.comparison_model import COL_TOTAL


def _total(window, model_id: str) -> float:
    model = window.comparison.model
    return model.rows[model.row_of(model_id)].estimate.total_usd


def _key(window, model_id: str, label: str | None = None) -> str:
    """The key of one price of a model (its first, or the one with this label).

    Keys name what a price is; the tests look them up rather than spell them.
    """
    fields = price_fields(window.catalog_doc.catalog.get(model_id))
    return next(f.path for f in fields if label is None or f.label == label)


def _value_index(window, model_id: str, path: str):
    editor = window.catalog_editor
    editor.select(model_id, path)
    return editor.table.selectionModel().currentIndex().siblingAtColumn(COL_VALUE)


def test_typing_a_price_changes_the_comparison(window, qtbot, user_data_dir):
    window.pages.setCurrentIndex(1)
    before = _total(window, "flux-pro-1.1-ultra")
    index = _value_index(window, "flux-pro-1.1-ultra", _key(window, "flux-pro-1.1-ultra"))
    table = window.catalog_editor.table
    table.edit(index)
    line = table.findChild(QLineEdit)
    assert line is not None
    line.selectAll()
    qtbot.keyClicks(line, "0.12")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _total(window, "flux-pro-1.1-ultra") != before)
    assert _total(window, "flux-pro-1.1-ultra") == before * 2
    shown = window.comparison.model.index(
        window.comparison.model.row_of("flux-pro-1.1-ultra"), COL_TOTAL
    ).data()
    assert shown == f"${before * 2:,.2f}"
    # saved at once, in the user's overrides file
    saved = UserCatalog(load_shipped_catalog(), user_data_dir / "price-overrides.json")
    assert saved.catalog.get("flux-pro-1.1-ultra").pricing.prices[0].usd == Decimal("0.12")
    assert "1 price changed" in window.catalog_status.text()


def test_the_delegate_refuses_negative_and_non_numeric_input(window, qtbot):
    index = _value_index(window, "flux-pro-1.1-ultra", _key(window, "flux-pro-1.1-ultra"))
    table = window.catalog_editor.table
    table.edit(index)
    line = table.findChild(QLineEdit)
    line.clear()
    qtbot.keyClicks(line, "-abc")
    assert "-" not in line.text() and "a" not in line.text()
    assert not window.catalog_doc.user.overrides.prices


def test_undo_and_reset_restore_the_shipped_price(window, qtbot, dialogs):
    window.pages.setCurrentIndex(1)
    before = _total(window, "flux-pro-1.1-ultra")
    doc = window.catalog_doc
    key = _key(window, "flux-pro-1.1-ultra")
    doc.set_price("flux-pro-1.1-ultra", key, Decimal("0.10"))
    window.recompute()
    assert _total(window, "flux-pro-1.1-ultra") != before
    window.undo_action.trigger()
    window.recompute()
    assert _total(window, "flux-pro-1.1-ultra") == before
    assert not doc.user.is_overridden("flux-pro-1.1-ultra", key)
    window.redo_action.trigger()
    assert doc.user.is_overridden("flux-pro-1.1-ultra", key)
    window.catalog_editor.select("flux-pro-1.1-ultra", key)
    window.catalog_editor.reset_cell.click()
    assert not doc.user.overrides.prices
    window.undo_action.trigger()
    assert doc.user.is_overridden("flux-pro-1.1-ultra", key)
    doc.set_price("gpt-image-2", _key(window, "gpt-image-2", "Text input"), Decimal("9"))
    dialogs.answer = QMessageBox.StandardButton.Yes
    window.catalog_editor.confirm_reset_all()
    assert dialogs.titles() == ["Reset all prices"]
    assert doc.user.overrides.prices == {}


def test_custom_model_added_compared_and_deleted(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("FLUX via Acme", True))
    )
    window.pages.setCurrentIndex(1)
    window.catalog_editor.select("flux-pro-1.1-ultra", _key(window, "flux-pro-1.1-ultra"))
    window.catalog_editor.duplicate_selected()
    assert "custom-flux-via-acme" in window.catalog_doc.catalog.by_id
    window.recompute()
    assert window.comparison.model.row_of("custom-flux-via-acme") is not None
    window.catalog_editor.delete_selected()
    assert "custom-flux-via-acme" not in window.catalog_doc.catalog.by_id
    window.undo_action.trigger()
    assert "custom-flux-via-acme" in window.catalog_doc.catalog.by_id


def test_retired_models_hidden_until_asked(window):
    editor = window.catalog_editor

    def ids():
        return {
            editor.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole).entry.id
            for r in range(editor.proxy.rowCount())
        }

    assert "dall-e-3" not in ids()
    editor.retired.setChecked(True)
    assert "dall-e-3" in ids()
    editor.search.setText("dall-e")
    assert ids() == {"dall-e-3", "dall-e-2"}


def test_overrides_export_and_import(window, tmp_path, monkeypatch, dialogs):
    from PySide6.QtWidgets import QFileDialog

    doc = window.catalog_doc
    doc.set_price("gpt-image-2", _key(window, "gpt-image-2", "Image output"), Decimal("27.5"))
    target = tmp_path / "team-prices.json"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.catalog_editor.export_dialog()
    assert target.exists()
    doc.reset_all()
    assert not doc.user.overrides.prices
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    window.catalog_editor.import_dialog()
    assert doc.user.is_overridden("gpt-image-2", _key(window, "gpt-image-2", "Image output"))
    assert dialogs.titles()[-1] == "Prices imported"


def test_a_decimal_comma_is_a_decimal_mark(window, qtbot):
    window.pages.setCurrentIndex(1)
    before = _total(window, "flux-pro-1.1-ultra")
    index = _value_index(window, "flux-pro-1.1-ultra", _key(window, "flux-pro-1.1-ultra"))
    table = window.catalog_editor.table
    table.edit(index)
    line = table.findChild(QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "0,12")
    assert line.text() == "0,12"
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _total(window, "flux-pro-1.1-ultra") != before)
    assert _total(window, "flux-pro-1.1-ultra") == before * 2
    price = window.catalog_doc.catalog.get("flux-pro-1.1-ultra").pricing.prices[0].usd
    assert price == Decimal("0.12")


def test_status_bar_counts_changed_prices_and_custom_models_apart(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Acme", True)))
    window.catalog_editor.select("flux-pro-1.1-ultra", _key(window, "flux-pro-1.1-ultra"))
    window.catalog_editor.duplicate_selected()
    status = window.catalog_status.text()
    assert "1 custom model" in status and "changed" not in status
    window.catalog_doc.set_price(
        "gpt-image-2", _key(window, "gpt-image-2", "Text input"), Decimal("6")
    )
    assert "1 price changed by you · 1 custom model" in window.catalog_status.text()


def test_a_newer_overrides_file_makes_the_prices_read_only(
    window_factory, user_data_dir, qtbot, monkeypatch, dialogs
):
    import json

    import pytest
    from PySide6.QtWidgets import QInputDialog

    from imgcost_gui.core.overrides import ReadOnlyOverrides

    path = user_data_dir / "price-overrides.json"
    path.write_text(json.dumps({"schema_version": 99, "prices": {}, "custom_models": []}))
    original = path.read_bytes()
    window = window_factory(user=UserCatalog(load_shipped_catalog()))
    window.pages.setCurrentIndex(1)
    editor = window.catalog_editor
    assert window.banner.isVisible()
    assert editor.locked.isVisible() and "newer version of ImgCost" in editor.locked.text()
    assert "read-only" in window.catalog_status.text()
    index = _value_index(window, "flux-pro-1.1-ultra", _key(window, "flux-pro-1.1-ultra"))
    for button in (
        editor.reset_cell,
        editor.reset_row,
        editor.reset_all,
        editor.add,
        editor.delete,
    ):
        assert not button.isEnabled()
    assert not editor.import_action.isEnabled()
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    qtbot.mouseDClick(
        editor.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=editor.table.visualRect(index).center(),
    )
    assert editor.table.findChild(QLineEdit) is None  # no editor opens
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Acme", True)))
    editor.duplicate_selected()  # e.g. from a shortcut: refused with a reason, nothing pushed
    assert dialogs.titles() == ["Prices not changed"]
    with pytest.raises(ReadOnlyOverrides):
        window.catalog_doc.set_price(
            "gpt-image-2", _key(window, "gpt-image-2", "Text input"), Decimal("1")
        )
    assert window.catalog_doc.undo_stack.count() == 0
    assert not window.undo_action.isEnabled()
    assert path.read_bytes() == original
