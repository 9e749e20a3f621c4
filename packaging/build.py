"""Build ImgCost's bundle and the installer for the OS this runs on.

    python packaging/build.py            bundle + installer
    python packaging/build.py --bundle   the onedir bundle only

Linux: dist/ImgCost/ and dist/ImgCost-<version>-linux-<arch>.tar.gz (with a
.desktop file, icon, MIME type and install.sh), plus an AppImage when
``appimagetool`` is on PATH. Windows: the Inno Setup installer when ``ISCC``
is on PATH. macOS: dist/ImgCost.app and a .dmg made with ``hdiutil``.
Prints the sizes at the end.

The bundle is built from a venv of its own, build/bundle-venv, holding only
the app's dependencies and PyInstaller, so nothing from a development setup
(pytest, hypothesis, ...) can slip in. On Linux that venv's numpy is built
from source without BLAS (once; the wheel is kept in build/wheels): the
charts multiply 3x3 matrices, and the stock wheel's OpenBLAS is 28 MB of the
bundle. ``--stock-numpy`` skips that build.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUILD = ROOT / "build"
sys.path.insert(0, str(ROOT))
from icu_trim import trim_icu  # noqa: E402  (packaging/ is this script's folder)

from imgcost_gui import __version__  # noqa: E402

ICONS = ROOT / "resources" / "icons"


#: What the Linux package holds beside the ImgCost/ bundle folder, and under which name.
LINUX_FILES = [
    (ROOT / "packaging" / "linux" / "imgcost.desktop", "imgcost.desktop"),
    (ROOT / "packaging" / "linux" / "imgcost-mime.xml", "imgcost-mime.xml"),
    (ROOT / "packaging" / "linux" / "install.sh", "install.sh"),
    (ICONS / "imgcost-256.png", "imgcost.png"),
]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def windows_version_file() -> Path:
    parts = [int(p) for p in __version__.split(".")[:3]] + [0]
    v = tuple(parts[:4])
    text = f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={v}, prodvers={v}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'ImgCost'),
      StringStruct('FileDescription', 'ImgCost - image generation cost estimator'),
      StringStruct('FileVersion', '{__version__}'),
      StringStruct('ProductName', 'ImgCost'),
      StringStruct('ProductVersion', '{__version__}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""
    path = BUILD / "version_info.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_icons() -> Path:
    """The app icon as .ico (Windows) and .icns (macOS), made from the PNG."""
    from PIL import Image

    out = BUILD / "icons"
    out.mkdir(parents=True, exist_ok=True)
    img = Image.open(ICONS / "imgcost-256.png").convert("RGBA")
    img.save(
        out / "imgcost.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    img.resize((512, 512), Image.LANCZOS).save(out / "imgcost.icns")
    return out


def has_debug_info(path: Path) -> bool:
    out = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True)
    return " .debug_info " in out.stdout


def strip_debug_info(bundle: Path) -> int:
    """Drop debug symbols from the ELF files that still carry them; returns bytes saved.

    A self-built Python (pyenv) ships libpython and the stdlib's modules
    unstripped, and some wheels' extension modules keep theirs (kiwisolver:
    5 MB of its 5.6). The libraries auditwheel vendored into ``*.libs``
    folders are left alone: stripping numpy's patched OpenBLAS breaks it.
    """
    strip = shutil.which("strip")
    if strip is None or shutil.which("readelf") is None or not sys.platform.startswith("linux"):
        return 0  # macOS bundles are codesigned; stripping would invalidate them
    saved = 0
    for path in sorted((bundle / "_internal").rglob("*.so*")):
        if path.is_symlink() or path.parent.name.endswith(".libs") or not has_debug_info(path):
            continue
        before = path.stat().st_size
        subprocess.run([strip, "--strip-debug", str(path)], check=True)
        saved += before - path.stat().st_size
    return saved


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args], check=True)


def runtime_requirements() -> list[str]:
    """The app's dependencies and PyInstaller, as pyproject.toml states them."""
    import tomllib  # the build needs Python 3.11 (the app itself runs on 3.10)

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["packaging"]]


def installed_version(python: Path, dist: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({dist!r}))"
    out = subprocess.run([str(python), "-c", code], check=True, capture_output=True, text=True)
    return out.stdout.strip()


NUMPY_BLAS = (
    "import numpy; deps = numpy.show_config(mode='dicts')['Build Dependencies'];"
    "print(deps['blas'].get('found', False) or deps['lapack'].get('found', False))"
)


def numpy_links_blas(python: Path) -> bool:
    out = subprocess.run([str(python), "-c", NUMPY_BLAS], capture_output=True, text=True)
    return out.stdout.strip() != "False"


def numpy_without_blas(python: Path, version: str) -> Path:
    """numpy ``version`` built from source with no BLAS and no CPU dispatch; cached."""
    tag = f"{sys.implementation.cache_tag}-{platform.machine()}"  # e.g. cpython-311-x86_64
    wheels = BUILD / "wheels" / f"numpy-{version}-noblas-{tag}"
    found = sorted(wheels.glob("numpy-*.whl"))
    if found:
        return found[-1]
    print(f"building numpy {version} without BLAS (a few minutes, once)")
    pip(
        # No cache: pip keys built wheels by source alone, not by these build options.
        python, "wheel", "--no-deps", "--no-cache-dir", "--no-binary", "numpy", f"numpy=={version}",
        "-w", str(wheels),
        "-Csetup-args=-Dallow-noblas=true", "-Csetup-args=-Dcpu-dispatch=none",
    )  # fmt: skip
    return sorted(wheels.glob("numpy-*.whl"))[-1]


def bundle_venv(stock_numpy: bool) -> Path:
    """build/bundle-venv with the runtime requirements; its python."""
    venv = BUILD / "bundle-venv"
    python = venv_python(venv)
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    pip(python, "install", "--quiet", *runtime_requirements())
    version = installed_version(python, "numpy")
    slim = not stock_numpy and sys.platform.startswith("linux")
    if slim and not (shutil.which("gcc") and shutil.which("g++")):
        print("warning: no gcc/g++: bundling the stock numpy with its OpenBLAS (about 30 MB more)")
        slim = False
    if slim:
        try:
            wheel = numpy_without_blas(python, version)
        except subprocess.CalledProcessError:
            print("warning: numpy did not build from source: bundling the stock numpy instead")
            slim = False
        else:
            pip(python, "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel))
            if numpy_links_blas(python):
                # allow-noblas only permits the fallback: a BLAS on the build machine wins.
                sys.exit(
                    "numpy found a BLAS library on this machine and linked it, so the bundle "
                    "would carry it. Uninstall the BLAS development packages (for example "
                    f"libopenblas-dev), delete {wheel.parent} and build again, or pass "
                    "--stock-numpy."
                )
    if not slim and not numpy_links_blas(python):  # a slim numpy left from an earlier build
        pip(
            python, "install", "--quiet", "--no-deps", "--force-reinstall",
            "--only-binary", "numpy", f"numpy=={version}",
        )  # fmt: skip
    return python


def build_bundle(stock_numpy: bool = False) -> Path:
    env = dict(
        os.environ,
        IMGCOST_VERSION_FILE=str(windows_version_file()),
        IMGCOST_ICON_DIR=str(make_icons()),
    )
    cmd = [
        str(bundle_venv(stock_numpy)),
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(BUILD / "pyinstaller"),
        str(ROOT / "packaging" / "imgcost.spec"),
    ]
    subprocess.run(cmd, check=True, env=env, cwd=ROOT)
    bundle = DIST / "ImgCost"
    saved = strip_debug_info(bundle)
    print(f"debug symbols stripped: {mb(saved)}")
    old, new = trim_icu(bundle / "_internal" / "PySide6" / "Qt" / "lib")
    if old != new:
        print(f"ICU data trimmed to English and root: {mb(old)} -> {mb(new)}")
    print(f"onedir bundle: {bundle} ({mb(folder_size(bundle))})")
    return bundle


def linux_package(bundle: Path) -> list[Path]:
    arch = platform.machine() or "x86_64"
    stem = f"ImgCost-{__version__}-linux-{arch}"
    out = DIST / f"{stem}.tar.gz"
    with tarfile.open(out, "w:gz", compresslevel=9) as tar:
        tar.add(bundle, arcname=f"{stem}/ImgCost")
        for src, name in LINUX_FILES:
            tar.add(src, arcname=f"{stem}/{name}")
    made = [out]
    tool = shutil.which("appimagetool")
    if tool:
        made.append(appimage(bundle, tool, arch))
    else:
        print("appimagetool not found: AppImage skipped (the .tar.gz is the Linux package)")
    return made


def appimage(bundle: Path, tool: str, arch: str) -> Path:
    appdir = BUILD / "ImgCost.AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    shutil.copytree(bundle, appdir / "usr" / "bin")
    shutil.copy(ROOT / "packaging" / "linux" / "imgcost.desktop", appdir / "imgcost.desktop")
    shutil.copy(ICONS / "imgcost-256.png", appdir / "imgcost.png")
    run = appdir / "AppRun"
    run.write_text('#!/bin/sh\nexec "$(dirname "$(readlink -f "$0")")/usr/bin/imgcost-gui" "$@"\n')
    run.chmod(0o755)
    out = DIST / f"ImgCost-{__version__}-{arch}.AppImage"
    subprocess.run([tool, str(appdir), str(out)], check=True, env=dict(os.environ, ARCH=arch))
    return out


def windows_installer(bundle: Path) -> list[Path]:
    iscc = shutil.which("ISCC") or shutil.which("iscc")
    if not iscc:
        print("ISCC (Inno Setup) not found: installer skipped; the bundle is in dist/ImgCost")
        return []
    script = ROOT / "packaging" / "windows" / "imgcost.iss"
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={__version__}",
            f"/DSourceDir={bundle}",
            f"/DOutputDir={DIST}",
            f"/DIconFile={BUILD / 'icons' / 'imgcost.ico'}",
            str(script),
        ],
        check=True,
    )
    return [DIST / f"ImgCost-{__version__}-windows-setup.exe"]


def mac_dmg() -> list[Path]:
    app = DIST / "ImgCost.app"
    out = DIST / f"ImgCost-{__version__}-macos.dmg"
    out.unlink(missing_ok=True)
    subprocess.run(
        [
            "hdiutil",
            "create",
            "-volname",
            "ImgCost",
            "-srcfolder",
            str(app),
            "-ov",
            "-format",
            "UDZO",
            str(out),
        ],
        check=True,
    )
    return [out]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--bundle", action="store_true", help="build the onedir bundle only")
    parser.add_argument(
        "--stock-numpy", action="store_true", help="bundle PyPI's numpy (with OpenBLAS) as is"
    )
    args = parser.parse_args(argv)
    if sys.version_info < (3, 11):
        parser.error("building the installers needs Python 3.11 or newer (the app runs on 3.10)")
    bundle = build_bundle(args.stock_numpy)
    if args.bundle:
        return 0
    if sys.platform.startswith("linux"):
        made = linux_package(bundle)
    elif sys.platform == "win32":
        made = windows_installer(bundle)
    elif sys.platform == "darwin":
        made = mac_dmg()
    else:
        made = []
    for path in made:
        print(f"package: {path} ({mb(path.stat().st_size)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
