"""Prices > Update prices from file: the diff as the user reads it, one undoable Apply,
Drop updated prices, and a bad file that changes nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from imgcost_gui.core.paths import shipped_catalog_path
from imgcost_gui.ui.catalog.catalog_model import COL_SHIPPED, COL_SOURCE, COL_VALUE
from imgcost_gui.ui.catalog.prices_update_dialog import UpdateDialog

#: LiteLLM's shape: gpt-image-2's image output at $24 / 1M (2.4e-05 x 1e6) against our $30,
#: a per-image price we can only check (ours: 7,024 tokens x $30 / 1M = $0.21072), and a
#: price by diffusion steps.
LITELLM = {
    "gpt-image-2": {
        "litellm_provider": "openai",
        "mode": "image_generation",
        "input_cost_per_token": 5e-06,
        "cache_read_input_token_cost": 1.25e-06,
        "input_cost_per_image_token": 8e-06,
        "cache_read_input_image_token_cost": 2e-06,
        "output_cost_per_image_token": 2.4e-05,
    },
    "high/1024-x-1024/gpt-image-2": {
        "litellm_provider": "openai",
        "mode": "image_generation",
        "input_cost_per_image": 0.5,
    },
    "1024-x-1024/50-steps/stability.stable-diffusion-xl-v1": {
        "litellm_provider": "bedrock",
        "mode": "image_generation",
        "output_cost_per_image": 0.04,
    },
}


@pytest.fixture
def litellm_file(tmp_path: Path) -> Path:
    path = tmp_path / "model_prices_and_context_window.json"
    path.write_text(json.dumps(LITELLM))
    return path


@pytest.fixture
def team_file(tmp_path: Path) -> Path:
    """A team's ImgCost catalog: gpt-image-2 image output $25, a FLUX.2 [pro] shutdown
    date, and one model of its own."""
    data = json.loads(shipped_catalog_path().read_text())
    for m in data["models"]:
        if m["id"] == "gpt-image-2":
            m["pricing"]["rates"]["image_out"] = "25"
        if m["id"] == "flux-2-pro":
            m["lifecycle"] = {"status": "active", "retired_on": "2027-06-30"}
    flux = next(m for m in data["models"] if m["id"] == "flux-2-pro")
    data["models"].append({**flux, "id": "flux-2-team", "name": "FLUX.2 team"})
    path = tmp_path / "team.json"
    path.write_text(json.dumps(data))
    return path


class Answer:
    """Stands in for the user at the update dialog: records it, then answers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, choose=None, accept: bool = True):  # noqa: ANN001
        self.dialog: UpdateDialog | None = None

        def exec_(dialog: UpdateDialog) -> int:
            self.dialog = dialog
            if choose is not None:
                choose(dialog)
            code = QDialog.DialogCode.Accepted if accept else QDialog.DialogCode.Rejected
            return int(code.value)

        monkeypatch.setattr(UpdateDialog, "exec", exec_)


def plain(rich: str) -> str:
    """What a rich-text label reads."""
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(rich)
    return doc.toPlainText()


def _texts(item) -> list[str]:  # noqa: ANN001
    return [item.text(c) for c in range(item.columnCount())]


def _cell(window, model_id: str, key: str, col: int, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001
    model = window.catalog_editor.model
    return model.index(model.row_of(model_id, key), col).data(role)


def _total(window, model_id: str) -> float:
    model = window.comparison.model
    return model.rows[model.row_of(model_id)].estimate.total_usd


def test_the_dialog_lists_changes_old_to_new_and_apart_what_it_cannot_apply(
    window, monkeypatch, litellm_file
):
    answer = Answer(monkeypatch, accept=False)
    assert window.update_prices(litellm_file) is False
    dialog = answer.dialog
    assert dialog is not None
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["Changes to keep (1)", "To check by hand (1)", "Not mapped (1)"]
    group = dialog.changes.topLevelItem(0)
    assert group.text(0) == "Changed prices (1)"
    # 30 -> 24 is -20 %
    assert _texts(group.child(0)) == [
        "Image output ($ / 1M tokens)",
        "GPT Image 2",
        "30.00",
        "24.00",
        "−20.0%",
    ]
    assert group.child(0).checkState(0) == Qt.CheckState.Checked
    # $0.5 against our $0.21072: +137.3 %
    assert _texts(dialog.checks.topLevelItem(0)) == [
        "Image 1024x1024 high",
        "GPT Image 2",
        "0.21072",
        "0.50",
        "+137.3%",
        "high/1024-x-1024/gpt-image-2",
    ]
    assert _texts(dialog.unmapped.topLevelItem(0)) == [
        "1024-x-1024/50-steps/stability.stable-diffusion-xl-v1",
        "priced by diffusion steps, which ImgCost does not model",
    ]
    intro = plain(dialog.intro.text())
    assert intro.startswith("LiteLLM model_prices_and_context_window.json (version unknown)")
    assert "Prices that agree: 4 token." in intro
    assert dialog.count.text() == "1 of 1 change chosen"
    # cancelled: nothing kept
    assert window.catalog_doc.user.layer is None


def test_apply_keeps_the_chosen_rows_in_one_undoable_step(
    window, monkeypatch, team_file, user_data_dir
):
    before = _total(window, "gpt-image-2")

    def keep_two(dialog: UpdateDialog) -> None:
        assert dialog.count.text() == "3 of 3 changes chosen"
        dialog.items["lifecycle:flux-2-pro:retired_on"].setCheckState(0, Qt.CheckState.Unchecked)
        assert dialog.count.text() == "2 of 3 changes chosen"

    Answer(monkeypatch, keep_two)
    assert window.update_prices(team_file) is True
    assert window.pages.currentIndex() == 1  # the Prices page, whose Undo takes it back
    assert (user_data_dir / "updated-prices.json").exists()
    # the updated cell, marked and explained
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE) == "25.00"
    assert _cell(window, "gpt-image-2", "image_out", COL_SHIPPED) == "30.00 shipped"
    assert _cell(window, "gpt-image-2", "image_out", COL_SOURCE) == (
        "Updated: ImgCost catalog team.json (version checked 2026-12-01)"
    )
    tip = _cell(window, "gpt-image-2", "image_out", COL_VALUE, Qt.ItemDataRole.ToolTipRole)
    assert "Updated price from ImgCost catalog team.json (version checked 2026-12-01)" in tip
    assert "Shipped value 30.00 $ / 1M tokens from OpenAI API pricing." in tip
    # a shipped cell of the same model stays shipped
    assert _cell(window, "gpt-image-2", "text_in", COL_SHIPPED) == "—"
    assert "Shipped price" in _cell(
        window, "gpt-image-2", "text_in", COL_VALUE, Qt.ItemDataRole.ToolTipRole
    )
    assert "flux-2-team" in window.catalog_doc.catalog.by_id
    assert window.catalog_doc.catalog.get("flux-2-pro").lifecycle.retired_on is None
    window.recompute()
    assert _total(window, "gpt-image-2") < before
    assert "updated prices kept" in window.catalog_status.text()
    assert window.catalog_status.toolTip().startswith(
        "Updated prices from ImgCost catalog team.json, version checked 2026-12-01, kept on "
        "2026-12-01"
    )

    assert window.catalog_doc.undo_stack.count() == 1
    window.undo_action.trigger()
    assert window.catalog_doc.user.layer is None
    assert not (user_data_dir / "updated-prices.json").exists()
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE) == "30.00"
    assert "flux-2-team" not in window.catalog_doc.catalog.by_id
    window.recompute()
    assert _total(window, "gpt-image-2") == before
    window.redo_action.trigger()
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE) == "25.00"


def test_undo_puts_back_the_earlier_update_and_drop_reverts(
    window, monkeypatch, litellm_file, team_file
):
    Answer(monkeypatch)
    window.update_prices(litellm_file)
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE) == "24.00"
    answer = Answer(monkeypatch)
    window.update_prices(team_file)
    assert "Applying replaces the updated prices kept from LiteLLM" in plain(
        answer.dialog.intro.text()
    )
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE) == "25.00"
    window.undo_action.trigger()
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE) == "24.00"
    assert window.catalog_doc.user.layer.source.title.startswith("LiteLLM")

    window.drop_update_action.trigger()
    assert window.catalog_doc.user.layer is None
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE) == "30.00"
    window.undo_action.trigger()
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE) == "24.00"


def test_select_none_leaves_nothing_to_apply(window, monkeypatch, team_file):
    def none(dialog: UpdateDialog) -> None:
        dialog.select_none.click()
        assert dialog.count.text() == "0 of 3 changes chosen"
        assert not dialog.apply.isEnabled()
        dialog.select_all.click()
        assert dialog.apply.isEnabled()
        dialog.select_none.click()

    Answer(monkeypatch, none)
    assert window.update_prices(team_file) is False
    assert window.catalog_doc.user.layer is None
    assert window.catalog_doc.undo_stack.count() == 0


@pytest.mark.parametrize(
    "content",
    [b"this is not json", b"[1, 2, 3]", b'{"a":' * 300 + b"1" + b"}" * 300],
    ids=["garbage", "wrong shape", "deep nesting"],
)
def test_a_bad_file_gets_one_line_and_changes_nothing(
    window, monkeypatch, dialogs, tmp_path, user_data_dir, content
):
    path = tmp_path / "prices.json"
    path.write_bytes(content)
    answer = Answer(monkeypatch)
    assert window.update_prices(path) is False
    assert answer.dialog is None
    ((kind, title, text),) = dialogs.asked
    assert (kind, title) == ("warning", "Prices not updated")
    assert text.startswith("prices.json: ") and text.endswith("Nothing was changed.")
    assert "\n" not in text
    assert not (user_data_dir / "updated-prices.json").exists()
    assert window.catalog_doc.undo_stack.count() == 0


def test_a_users_price_over_an_updated_one_names_what_it_replaces(
    window, monkeypatch, litellm_file
):
    Answer(monkeypatch)
    window.update_prices(litellm_file)
    window.catalog_doc.set_price("gpt-image-2", "image_out", Decimal("20"))
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE) == "20.00"
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE, Qt.ItemDataRole.FontRole).bold()
    assert _cell(window, "gpt-image-2", "image_out", COL_SHIPPED) == "24.00 updated"
    source = "LiteLLM model_prices_and_context_window.json (version unknown)"
    assert (
        _cell(window, "gpt-image-2", "image_out", COL_SOURCE) == f"Your price · replaces {source}"
    )
    tip = _cell(window, "gpt-image-2", "image_out", COL_VALUE, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(f"Your price; updated value 24.00 $ / 1M tokens from {source}.")
    window.catalog_editor.select("gpt-image-2", "image_out")
    details = plain(window.catalog_editor.details.label.text())
    assert "your price; it replaces the updated value 24.00" in details
    # a user's price over a shipped one
    window.catalog_doc.set_price("gpt-image-2", "text_in", Decimal("4"))
    tip = _cell(window, "gpt-image-2", "text_in", COL_VALUE, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Your price; shipped value 5.00 $ / 1M tokens from OpenAI API pricing.")
    assert _cell(window, "gpt-image-2", "text_in", COL_SHIPPED) == "5.00 shipped"


def test_drop_is_offered_only_with_updated_prices(window, monkeypatch, litellm_file):
    window.menuBar()  # the Prices menu enables Drop as it opens
    prices = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Prices")
    prices.aboutToShow.emit()
    # (Calibrate and Compare with what was billed follow, after a separator: issue 13)
    assert [a.text() for a in prices.actions()][:2] == [
        "&Update prices from file…",
        "&Drop updated prices",
    ]
    assert not window.drop_update_action.isEnabled()
    Answer(monkeypatch)
    window.update_prices(litellm_file)
    prices.aboutToShow.emit()
    assert window.drop_update_action.isEnabled()


def test_the_menu_item_asks_for_the_file(window, monkeypatch, litellm_file):
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def pick(parent, title, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        asked.append(title)
        return str(litellm_file), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    answer = Answer(monkeypatch)
    window.update_prices_action.trigger()
    assert asked == ["Update prices from file"]
    assert answer.dialog is not None
    assert _cell(window, "gpt-image-2", "image_out", COL_VALUE) == "24.00"
