"""Build ImgCost's bundle and the installer for the OS this runs on.

    python packaging/build.py            bundle + installer
    python packaging/build.py --bundle   the onedir bundle only

Linux: dist/ImgCost/ and dist/ImgCost-<version>-linux-<arch>.tar.gz (with a
.desktop file, icon, MIME type and install.sh), plus an AppImage when
``appimagetool`` is on PATH. Windows: the Inno Setup installer when ``ISCC``
is on PATH. macOS: dist/ImgCost.app and a .dmg made with ``hdiutil``.
Prints the sizes at the end.
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


def strip_interpreter(bundle: Path) -> None:
    """Drop debug symbols from libpython and the stdlib's extension modules.

    A self-built Python (pyenv) ships them unstripped: about 24 MB of the
    bundle. Wheels' own libraries are already stripped and must not be
    touched (stripping numpy's OpenBLAS breaks it).
    """
    strip = shutil.which("strip")
    if strip is None or sys.platform == "win32":
        return
    internal = bundle / "_internal"
    targets = [*internal.glob("libpython3*.so*"), *internal.glob("python3*/lib-dynload/*.so")]
    if sys.platform == "darwin":
        targets = []  # codesigned on macOS; stripping would invalidate signatures
    for path in targets:
        subprocess.run([strip, "--strip-debug", str(path)], check=True)


def build_bundle() -> Path:
    env = dict(
        os.environ,
        IMGCOST_VERSION_FILE=str(windows_version_file()),
        IMGCOST_ICON_DIR=str(make_icons()),
    )
    cmd = [
        sys.executable,
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
    strip_interpreter(bundle)
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
    args = parser.parse_args(argv)
    bundle = build_bundle()
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
