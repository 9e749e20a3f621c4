"""The frozen app, as a designer would get it: built with PyInstaller, started
offscreen with --smoke-test, and it must draw its window and exit 0."""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "ImgCost"
EXE = BUNDLE / ("imgcost-gui.exe" if sys.platform == "win32" else "imgcost-gui")
CLI = BUNDLE / ("imgcost.exe" if sys.platform == "win32" else "imgcost")

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("PyInstaller") is None and not EXE.exists(),
    reason="PyInstaller is not installed (pip install -e '.[test]')",
)


def _newest_source_mtime() -> float:
    paths = [
        *ROOT.joinpath("imgcost_gui").rglob("*.py"),
        *ROOT.joinpath("resources").rglob("*"),
        *ROOT.joinpath("packaging").rglob("*"),
    ]
    return max(p.stat().st_mtime for p in paths if p.is_file())


@pytest.fixture(scope="module")
def bundle() -> Path:
    """A bundle at least as new as the sources: reused if fresh, else built."""
    if not EXE.exists() or EXE.stat().st_mtime < _newest_source_mtime():
        subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "build.py"), "--bundle"], check=True, cwd=ROOT
        )
    return BUNDLE


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "the screenshot is not a PNG"
    return struct.unpack(">II", data[16:24])


def _run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IMGCOST_DATA_DIR=str(tmp_path / "data"))
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    return subprocess.run([str(EXE), *args], env=env, capture_output=True, text=True, timeout=120)


def test_frozen_app_draws_its_window(bundle: Path, tmp_path: Path) -> None:
    shot = tmp_path / "frozen.png"
    result = _run(["--smoke-test", "--screenshot", str(shot)], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    width, height = _png_size(shot)
    assert width >= 800 and height >= 600
    assert shot.stat().st_size > 20_000, "the screenshot looks empty"


def test_frozen_app_opens_a_template_scenario(bundle: Path, tmp_path: Path) -> None:
    template = next((bundle / "_internal" / "resources" / "templates").glob("*.imgcost.json"), None)
    assert template is not None, "templates are not in the bundle"
    shot = tmp_path / "template.png"
    result = _run([str(template), "--smoke-test", "--screenshot", str(shot)], tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.exists()


def test_the_command_line_ships_next_to_the_app(bundle: Path, tmp_path: Path) -> None:
    env = dict(os.environ, IMGCOST_DATA_DIR=str(tmp_path / "data"))
    listing = subprocess.run(
        [str(CLI), "catalog", "list"], env=env, capture_output=True, text=True, timeout=60
    )
    assert listing.returncode == 0, listing.stderr[-2000:]
    assert "gpt-image-2" in listing.stdout
    # 10 images of gpt-image-2 at 1024x1024 low, no prompt: 196 tokens x $30/M each.
    priced = subprocess.run(
        [str(CLI), "estimate", "--model", "gpt-image-2", "--images", "10", "--quality", "low",
         "--prompt-tokens", "0", "--format", "json"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert priced.returncode == 0, priced.stderr[-2000:]
    import json

    assert json.loads(priced.stdout)[0]["total_usd"] == pytest.approx(10 * 196 * 30 / 1e6)


def test_frozen_app_knows_its_version(bundle: Path, tmp_path: Path) -> None:
    from imgcost_gui import __version__

    result = _run(["--version"], tmp_path)
    assert result.returncode == 0
    assert __version__ in result.stdout + result.stderr


def test_matplotlib_cache_is_kept_between_starts(bundle: Path, tmp_path: Path) -> None:
    shot = tmp_path / "a.png"
    assert _run(["--smoke-test", "--screenshot", str(shot)], tmp_path).returncode == 0
    cache = tmp_path / "cache" / "ImgCost" / "matplotlib"
    assert any(cache.glob("fontlist-*.json")), "matplotlib's font cache was not kept"


MIMETYPE_MISSING = (
    "xdg-mime needs `mimetype` from Debian's libfile-mimeinfo-perl to read the MIME "
    "database (without it, it asks `file`, which only sees JSON): run "
    "`sh scripts/setup.sh --test`, or `apt-get install libfile-mimeinfo-perl`"
)


def require_mimetype() -> None:
    assert shutil.which("mimetype") is not None, MIMETYPE_MISSING


@pytest.fixture
def mimetype_tool() -> None:
    """Checked before the bundle is built: a missing tool fails at once, by name."""
    require_mimetype()


def test_a_missing_mimetype_fails_naming_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(AssertionError, match="libfile-mimeinfo-perl"):
        require_mimetype()


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("xdg-mime") is None,
    reason="needs Linux with xdg-mime (xdg-utils) to ask the desktop's MIME database",
)
def test_linux_install_opens_scenario_files_with_the_app(
    mimetype_tool: None, bundle: Path, tmp_path: Path
) -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    from build import LINUX_FILES

    package = tmp_path / "package"
    package.mkdir()
    (package / "ImgCost").symlink_to(bundle, target_is_directory=True)
    for src, name in LINUX_FILES:
        shutil.copy(src, package / name)
    home = tmp_path / "home"
    data = home / ".local" / "share"
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(data))
    subprocess.run(["sh", str(package / "install.sh")], env=env, check=True, capture_output=True)

    scenario = tmp_path / "plan.imgcost"
    scenario.write_text("{}", encoding="utf-8")
    legacy = tmp_path / "plan.imgcost.json"
    legacy.write_text("{}", encoding="utf-8")
    env["XDG_DATA_DIRS"] = f"{data}:/usr/share"

    def xdg_mime(*args: str) -> str:
        return subprocess.run(
            ["xdg-mime", *args], env=env, capture_output=True, text=True
        ).stdout.strip()

    assert xdg_mime("query", "filetype", str(scenario)) == "application/x-imgcost-scenario"
    assert xdg_mime("query", "filetype", str(legacy)) == "application/x-imgcost-scenario"
    assert xdg_mime("query", "default", "application/x-imgcost-scenario") == "imgcost.desktop"
    launcher = home / ".local" / "bin" / "imgcost-gui"
    from imgcost_gui import __version__

    result = subprocess.run(
        [str(launcher), "--version"], capture_output=True, text=True, timeout=60
    )
    assert __version__ in result.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the size goal is Linux's")
def test_bundle_is_slim_enough_to_download(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    assert size_mb <= 150, f"the onedir bundle is {size_mb:.0f} MB; the goal is 150 MB"
    assert not (bundle / "_internal" / "numpy.libs").exists(), "numpy brought OpenBLAS along"
