"""Help in the app, offline: the guide is the README's, the shortcuts are the
window's own, the prices' sources are the shipped catalog's, and the licence page
names ImgCost's standing and every component it ships."""

from __future__ import annotations

import importlib.util
import json
import sys
from decimal import Decimal
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton

from imgcost_gui.ui.help import GUIDE, LICENCE, PRICES, SHORTCUTS, window_shortcuts
from imgcost_gui.ui.help.licences import RUNTIME_PACKAGES

ROOT = Path(__file__).resolve().parents[2]
GUIDE_SECTIONS = [
    "What it does",
    "Using the app",
    "The command line",
    "Calibrate with your own usage",
    "Files",
]


def build_help():  # noqa: ANN201
    spec = importlib.util.spec_from_file_location("build_help", ROOT / "scripts" / "build_help.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_help"] = module
    spec.loader.exec_module(module)
    return module


def text_of(window) -> str:  # noqa: ANN001
    return window.help_window.browser.toPlainText()


def test_the_shipped_guide_is_in_step_with_the_readme():
    script = build_help()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shipped = (ROOT / "resources" / "help" / "guide.md").read_text(encoding="utf-8")
    assert shipped == script.guide(readme), "run: python scripts/build_help.py"
    assert script.main(["--check"]) == 0


def test_the_guide_leaves_out_what_only_builders_read():
    shipped = (ROOT / "resources" / "help" / "guide.md").read_text(encoding="utf-8")
    assert "## Building installers" not in shipped and "## Development" not in shipped
    assert "scripts/setup.sh" not in shipped
    assert "![" not in shipped  # no screenshots: the guide ships without them
    assert "imgcost estimate" in shipped and ".venv/bin/" not in shipped


def test_f1_shows_the_guide_with_its_headings(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: window.help_window is not None and window.help_window.isVisible())
    help_window = window.help_window
    assert help_window.windowTitle() == "ImgCost Help"
    assert help_window.focusWidget() is help_window.browser  # the keys scroll the page
    assert [b.text() for b in help_window.findChildren(QPushButton)] == ["&Close"]
    assert help_window.headings() == GUIDE_SECTIONS
    shown = text_of(window)
    assert "Before you spend money on image generation, ImgCost tells you" in shown
    assert "imgcost plan SCENARIO" in shown


def test_the_guide_reads_without_scrolling_sideways(window, qtbot):
    # Its command lines do not wrap: at the window's first size every one fits.
    window.show_help()
    help_window = window.help_window
    qtbot.waitUntil(help_window.isVisible)
    browser = help_window.browser
    qtbot.waitUntil(lambda: browser.document().size().height() > 1000)
    assert browser.horizontalScrollBar().maximum() == 0
    assert browser.document().size().width() <= browser.viewport().width()


def test_a_heading_in_the_contents_scrolls_the_guide_to_it(window, qtbot):
    help_window = window.show_help(GUIDE)
    top = help_window.contents.topLevelItem(0)
    files = next(top.child(i) for i in range(top.childCount()) if top.child(i).text(0) == "Files")
    help_window.contents.setCurrentItem(files)
    assert help_window.browser.verticalScrollBar().value() > 0
    cursor = help_window.browser.textCursor()
    assert cursor.block().text() == "Files"


def test_find_in_help_selects_the_words(window, qtbot):
    help_window = window.show_help(GUIDE)
    qtbot.keyClicks(help_window.find_box, "reconcile")
    assert help_window.find_next()
    assert help_window.browser.textCursor().selectedText().lower() == "reconcile"


def test_the_shortcuts_page_lists_the_window_actions_keys(window):
    window.show_help(SHORTCUTS)
    shown = text_of(window)
    assert "Keyboard shortcuts" in shown
    rows = {(s.keys, s.action, s.where) for s in window_shortcuts(window)}
    assert ("Ctrl+E", "Export CSV…", "File") in rows
    assert ("Ctrl+F", "Find", "Edit") in rows
    assert ("F1", "User guide", "Help") in rows
    assert "Ctrl+E" in shown and "Export CSV…" in shown and "Ctrl+F" in shown


def test_a_shortcut_given_later_is_on_the_page_when_it_next_shows(window):
    window.show_help(SHORTCUTS)
    window.menus.drop_update_action.setShortcut("Ctrl+Shift+D")
    window.show_help(SHORTCUTS)
    assert "Ctrl+Shift+D" in text_of(window)


def test_where_prices_come_from_counts_the_shipped_sources(window):
    raw = json.loads((ROOT / "resources" / "catalog.json").read_text(encoding="utf-8"))
    window.show_help(PRICES)
    shown = text_of(window)
    assert f"last checked on {raw['checked']}" in shown
    assert f"of {len(raw['models'])} models" in shown
    lines = shown.splitlines()
    total = int(
        next(line for line in lines if line.endswith(f"of {len(raw['models'])} models"))
        .split()[0]
        .replace(",", "")
    )
    official = int(next(line for line in lines if " official:" in line).split()[0].replace(",", ""))
    secondary = int(
        next(line for line in lines if "from secondary sources" in line).split()[0].replace(",", "")
    )
    assert official > 0 and secondary > 0 and official + secondary == total
    # gpt-image-2's token rates come from OpenAI's own pricing page
    rates = next(m for m in raw["models"] if m["id"] == "gpt-image-2")["pricing"]["rates"]["source"]
    assert rates["official"] is True and rates["title"] in shown
    assert "Prices > Update prices from file…" in shown
    assert "imgcost catalog update FILE --apply" in shown


def test_a_price_of_the_users_own_does_not_count_as_a_source(window, qtbot):
    window.show_help(PRICES)
    before = text_of(window)
    window.catalog_doc.user.set_price("gpt-image-2", "image_out", Decimal("25"))
    assert window.catalog_doc.user.is_overridden("gpt-image-2", "image_out")
    window.show_help(PRICES)
    assert text_of(window) == before  # the shipped catalog's sources only


def test_the_licence_page_names_imgcosts_standing_and_its_components(window):
    window.show_help(LICENCE)
    shown = text_of(window)
    assert "Copyright 2026 the ImgCost authors." in shown
    assert "No open-source licence has been chosen for ImgCost yet" in shown
    assert "LGPL" in shown and "Qt " in shown
    for dist in ("PySide6_Essentials", "matplotlib", "pydantic", "platformdirs", "numpy"):
        assert dist in shown
        assert metadata.version(dist) in shown
    assert "MIT" in shown  # pydantic's and platformdirs' licence, as their metadata says


def test_runtime_packages_are_the_projects_dependencies():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [
        dep.split(">")[0].split("<")[0].split("=")[0].strip() for dep in project["dependencies"]
    ]
    assert sorted(RUNTIME_PACKAGES) == sorted(names)


def test_only_web_links_open_in_the_browser(window, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString()))
    )
    help_window = window.show_help(LICENCE)
    for url in (
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://download.qt.io/",
        "http://example.org/x",
    ):
        help_window.browser.anchorClicked.emit(QUrl(url))
    assert opened == ["https://download.qt.io/", "http://example.org/x"]
    assert help_window.browser.openLinks() is False  # nothing is followed inside the window


def test_the_frozen_bundle_reads_the_guide_it_ships(tmp_path, monkeypatch):
    from imgcost_gui.ui.help.guide import guide_markdown

    bundled = tmp_path / "resources" / "help"
    bundled.mkdir(parents=True)
    (bundled / "guide.md").write_text(
        "# ImgCost user guide\n\nFrom the bundle.\n", encoding="utf-8"
    )
    monkeypatch.delenv("IMGCOST_RESOURCES", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)  # as PyInstaller sets it
    assert "From the bundle." in guide_markdown()


def test_a_missing_guide_says_where_it_should_be(tmp_path, monkeypatch):
    from imgcost_gui.ui.help.guide import guide_markdown

    monkeypatch.setenv("IMGCOST_RESOURCES", str(tmp_path))
    text = guide_markdown()
    assert "The user guide is missing from this copy of ImgCost" in text
    assert str(tmp_path / "help" / "guide.md") in text


def test_the_check_fails_when_the_readme_changes_and_the_guide_does_not(tmp_path, monkeypatch):
    script = build_help()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    changed = tmp_path / "README.md"
    changed.write_text(
        readme.replace("## Files\n", "## Files\n\nA new sentence for users.\n", 1), encoding="utf-8"
    )
    monkeypatch.setattr(script, "README", changed)
    assert script.main(["--check"]) == 1


def test_only_web_addresses_become_links():
    from imgcost_gui.ui.help.markdown import link

    assert link("OpenAI API pricing", "https://platform.openai.com/docs/pricing") == (
        "[OpenAI API pricing](https://platform.openai.com/docs/pricing)"
    )
    assert link("notes", "file:///etc/passwd") == "notes"
    assert link("x", "javascript:alert(1)") == "x"
    assert link("a [b]", None) == "a \\[b\\]"  # plain words, never markup
