"""Every test starts clean: its own user data folder and, for Qt tests, its own settings.

``QT_QPA_PLATFORM`` is set before anything imports Qt so the tests run headless.
Today is pinned to 2026-12-01 (``IMGCOST_TODAY``): prices and lifecycles follow
the calendar, and a test must give the same answer next year. A test about
another day sets the day it is about.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["IMGCOST_TODAY"] = "2026-12-01"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty user data folder (overrides, autosave) for each test."""
    folder = tmp_path / "user-data"
    folder.mkdir()
    monkeypatch.setenv("IMGCOST_DATA_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def qt_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Path | None:
    """Point QSettings at an ini file in tmp_path (Qt tests only; core tests never import Qt)."""
    if "ui" not in Path(str(request.node.path)).parts:
        yield None
        return
    from PySide6.QtCore import QSettings

    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
