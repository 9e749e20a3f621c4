"""The bundle's trimmed ICU data: smaller, and the English text services Qt
gives the app (sorting, number formats, case mapping, time zones) unchanged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

icu_data = pytest.importorskip("icu_data")
icu_trim = pytest.importorskip("icu_trim")
PySide6 = pytest.importorskip("PySide6")
QT_LIB = Path(PySide6.__file__).parent / "Qt" / "lib"
SHIPPED = sorted(QT_LIB.glob("libicudata.so.*"))

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not SHIPPED,
    reason="only Linux wheels of Qt carry their own ICU data library",
)

# What the app's English UI asks of ICU through Qt, and what it must answer.
PROBE = textwrap.dedent(
    """
    import json
    from PySide6.QtCore import QCollator, QLocale, QTimeZone

    collator = QCollator(QLocale("en_US"))
    words = ["banana", "Émile", "apple", "Zebra", "Apple", "cherry"]
    maps = open("/proc/self/maps").read()
    print(json.dumps({
        "sorted": sorted(words, key=collator.sortKey),
        "number": QLocale("en_US").toString(1234567.891, "f", 2),
        "upper": QLocale("en_US").toUpper("straße"),
        "berlin": QTimeZone(b"Europe/Berlin").isValid(),
        "zones": len(QTimeZone.availableTimeZoneIds()),
        "icu": [line.split()[-1] for line in maps.splitlines() if "libicudata" in line][:1],
    }))
    """
)


def _probe(lib_dir: Path | None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if lib_dir is not None:  # LD_LIBRARY_PATH wins over the wheel's RUNPATH
        env["LD_LIBRARY_PATH"] = str(lib_dir)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def trimmed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lib_dir = tmp_path_factory.mktemp("icu")
    target = lib_dir / SHIPPED[0].name
    target.write_bytes(SHIPPED[0].read_bytes())
    icu_trim.trim_icu(lib_dir)
    return target


def test_trimmed_data_is_a_fraction_of_the_shipped(trimmed: Path) -> None:
    assert trimmed.stat().st_size < SHIPPED[0].stat().st_size / 4


def test_english_text_services_are_unchanged(trimmed: Path) -> None:
    before = _probe(None)
    after = _probe(trimmed.parent)
    assert after["icu"] == [str(trimmed)], "the probe did not load the trimmed library"
    for key in ("sorted", "number", "upper", "berlin", "zones"):
        assert after[key] == before[key], key
    # and what they are, independent of either run
    assert after["sorted"] == ["apple", "Apple", "banana", "cherry", "Émile", "Zebra"]
    assert after["number"] == "1,234,567.89"
    assert after["upper"] == "STRASSE"
    assert after["berlin"]


def test_rewriting_the_whole_package_changes_no_byte() -> None:
    symbol, data = icu_data.extract_common_data(SHIPPED[0])
    image = SHIPPED[0].read_bytes()
    original = image[symbol.file_offset : symbol.file_offset + symbol.size]
    assert icu_data.write_common_data(data) == original
