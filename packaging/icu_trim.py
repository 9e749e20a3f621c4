"""Shrink Qt's ICU data library (libicudata.so.NN) to what an English-UI app needs.

Qt's Linux wheels ship ICU's whole data set (about 32 MB) as one shared library
that exports a single symbol, ``icudtNN_dat``: ICU's *common data* package,
every locale's data for every service. ImgCost speaks English, and Qt draws its
own number and date formats from its own CLDR tables, so ICU is only asked
for collation (QCollator, locale-aware sorting), case mapping, codecs and time
zone data. This module rebuilds the library with just those items.

How it works:

1. ``icu_data``'s :func:`find_data_symbol` parses the ELF file (``struct``
   only) to find the ``icudtNN_dat`` symbol's file offset and size, and its
   :func:`read_common_data` parses that blob: a DataHeader (``UDataInfo`` with dataFormat "CmnD"), then
   a table of contents (ToC) of ``(nameOffset, dataOffset)`` pairs, offsets
   counted from the start of the ToC, names like ``icudt73l/coll/root.res``.
2. :func:`keep_item` applies :data:`RULES`, a short ordered list of keep/drop
   rules, to every item name.
3. :func:`write_common_data` lays out a new package: the original header,
   the ToC sorted by name (ICU binary-searches it with ``strcmp``), the names,
   then each item's bytes 16-byte aligned, in ToC order (ICU derives an item's
   length from the next entry's offset, so data must follow ToC order).
4. :func:`build_shared_library` assembles ``.incbin`` of that blob into
   ``.rodata`` under the same symbol and links it with
   ``gcc -shared -nostdlib -Wl,-soname,<same SONAME>``: a drop-in replacement.

From packaging/build.py, after PyInstaller (``packaging/`` is the script's
folder, so it is on ``sys.path``; don't import it as ``packaging.icu_trim``,
which is the name of a PyPI package)::

    from icu_trim import trim_icu

    old, new = trim_icu(bundle / "_internal" / "PySide6" / "Qt" / "lib")

It only does something on Linux (elsewhere there is no libicudata.so.NN and it
returns ``(0, 0)``). From a shell: ``python packaging/icu_trim.py LIB_DIR`` trims,
``python packaging/icu_trim.py LIB_DIR --list`` only reports what would be kept.

"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from icu_data import (
    DATA_SYMBOL,
    CommonData,
    IcuDataError,
    elf_target,
    extract_common_data,
    find_data_symbol,
    read_common_data,
    read_soname,
    write_common_data,
)

__all__ = [
    "ESSENTIAL_CONVERTERS",
    "RULES",
    "Rule",
    "build_shared_library",
    "keep_item",
    "select_items",
    "trim_icu",
    "trim_library",
]


# --------------------------------------------------------------------------
# Keep policy
# --------------------------------------------------------------------------

KEEP, DROP = True, False
#: Pseudo-pattern: any resource bundle named by a locale ID, in any tree
#: (``de_CH.res``, ``coll/sv.res``, ``zone/ja.res``, ``coll/de__PHONEBOOK.res``).
LOCALE = "<locale bundle>"
_LOCALE_ID = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]*)*\.res")


@dataclass(frozen=True)
class Rule:
    """Keep or drop the items whose name (without the ``icudtNNl/`` prefix)
    matches one of ``patterns`` (``fnmatch`` globs, ``*`` also matches ``/``)."""

    keep: bool
    patterns: tuple[str, ...]
    why: str

    def matches(self, path: str) -> bool:
        return any(
            _LOCALE_ID.fullmatch(path.rsplit("/", 1)[-1]) is not None
            if pattern == LOCALE
            else fnmatch.fnmatchcase(path, pattern)
            for pattern in self.patterns
        )


#: Converter tables kept (about 3 KB each): the Windows code pages 1250-1258, which
#: legacy text from Windows machines comes in, and ISO-8859-15. Everything Qt
#: decodes itself (UTF-8/16/32, Latin-1) and ICU's algorithmic converters (UTF-*,
#: ISO-8859-1, US-ASCII, SCSU, BOCU-1, CESU-8, UTF-7, IMAP...) need no table.
ESSENTIAL_CONVERTERS = (
    "ibm-5346_P100-1998.cnv",  # windows-1250
    "ibm-5347_P100-1998.cnv",  # windows-1251
    "ibm-5348_P100-1997.cnv",  # windows-1252
    "ibm-5349_P100-1998.cnv",  # windows-1253
    "ibm-5350_P100-1998.cnv",  # windows-1254
    "ibm-9447_P100-2002.cnv",  # windows-1255
    "ibm-9448_X100-2005.cnv",  # windows-1256
    "ibm-9449_P100-2002.cnv",  # windows-1257
    "ibm-5354_P100-1998.cnv",  # windows-1258
    "ibm-923_P100-1998.cnv",  # ISO-8859-15 (Latin-9)
)

#: The keep policy: the first rule that matches an item decides.
RULES: tuple[Rule, ...] = (
    Rule(DROP, ("translit/*",), "transliteration rules: Qt never opens a transliterator"),
    Rule(
        DROP,
        ("brkitr/*.dict",),
        "CJK/Thai/Lao/Burmese/Khmer word dictionaries: ICU's own word/line breakers then "
        "treat a run of those scripts as one word (QTextBoundaryFinder uses Qt's tables)",
    ),
    Rule(
        KEEP,
        ("cnvalias.icu", *ESSENTIAL_CONVERTERS),
        "converter alias table (resolves every codec name, incl. the algorithmic ones) "
        "and the Windows code pages 1250-1258 and ISO-8859-15",
    ),
    Rule(DROP, ("*.cnv",), "all other converter tables: CJK, EBCDIC, DOS, Mac, ISO-2022..."),
    Rule(
        KEEP,
        ("res_index.res", "*/res_index.res", "pool.res", "*/pool.res"),
        "per-tree bookkeeping: the installed-locales lists (they still name dropped "
        "locales; opening one falls back gracefully, ucol_open to root, ures_open to the "
        "default locale then root) and the shared key/string pool bundles",
    ),
    Rule(
        KEEP,
        ("root.res", "*/root.res", "en.res", "en_*.res", "*/en.res", "*/en_*.res"),
        "root and English locales in every tree (main, coll, brkitr, curr, lang, region, "
        "unit, zone, rbnf)",
    ),
    Rule(
        DROP,
        (LOCALE,),
        "every other locale's bundle, incl. collation tailorings (coll/de.res...) and "
        "legacy alias stubs (coll/de__PHONEBOOK.res)",
    ),
    Rule(
        KEEP,
        ("*",),
        "everything else is locale-independent core data: normalization (*.nrm), "
        "properties/names (*.icu), coll/ucadata.icu, break rules (*.brk), stringprep, "
        "supplementalData, likelySubtags, metadata, zoneinfo64, timezoneTypes, metaZones, "
        "windowsZones, curr/supplementalData, zone/tzdbNames...",
    ),
)


def _rule_for(name: str, rules: Iterable[Rule] = RULES) -> Rule | None:
    path = name.split("/", 1)[1] if name.startswith("icudt") and "/" in name else name
    return next((rule for rule in rules if rule.matches(path)), None)


def keep_item(name: str) -> bool:
    """Whether the item ``name`` (e.g. ``icudt73l/coll/de.res``) stays, per :data:`RULES`."""
    rule = _rule_for(name)
    return True if rule is None else rule.keep


def select_items(
    data: CommonData, keep: Callable[[str], bool] = keep_item
) -> tuple[list[str], list[str]]:
    """Split the package's item names into (kept, dropped)."""
    kept = [n for n in data.items if keep(n)]
    dropped = [n for n in data.items if not keep(n)]
    return kept, dropped


# --------------------------------------------------------------------------
# Building the replacement library
# --------------------------------------------------------------------------

_ASM = """\
/* ICU common data, trimmed by packaging/icu_trim.py */
    .section .rodata
    .globl {sym}
    .type {sym}, %object
    .balign 16
{sym}:
    .incbin "icudata.bin"
    .size {sym}, . - {sym}
    .section .note.GNU-stack,"",%progbits
"""


def build_shared_library(
    blob: bytes, symbol: str, soname: str, out: Path, gcc: str = "gcc"
) -> None:
    """Link ``blob`` into a shared library ``out`` exporting ``symbol``.

    ``gcc -shared -nostdlib -Wl,-soname,SONAME`` over an assembly file that
    ``.incbin``s the blob into ``.rodata`` (16-byte aligned, ``.size`` set).
    No RUNPATH: the library needs nothing. The result is checked by reading
    the symbol back.
    """
    if not DATA_SYMBOL.fullmatch(symbol) or "," in soname:
        raise IcuDataError(f"refusing odd symbol/soname {symbol!r}/{soname!r}")
    with tempfile.TemporaryDirectory(prefix="icu_trim_") as tmp:
        work = Path(tmp)
        (work / "icudata.bin").write_bytes(blob)
        (work / "icudata.S").write_text(_ASM.format(sym=symbol), encoding="ascii")
        cmd = [
            gcc, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-s",
            "-o", "lib.so", "icudata.S",
        ]  # fmt: skip
        run = subprocess.run(cmd, cwd=work, capture_output=True, text=True, check=False)
        if run.returncode != 0:
            raise IcuDataError(f"gcc failed: {run.stderr.strip()}")
        image = (work / "lib.so").read_bytes()
        sym = find_data_symbol(image)
        if sym.name != symbol or image[sym.file_offset : sym.file_offset + sym.size] != blob:
            raise IcuDataError("the linked library does not hold the data it was given")
        if read_soname(image) != soname:
            raise IcuDataError("the linked library has the wrong SONAME")
        shutil.copyfile(work / "lib.so", out)


def trim_library(
    src: Path, dst: Path, keep: Callable[[str], bool] = keep_item, gcc: str = "gcc"
) -> tuple[list[str], list[str]]:
    """Write a trimmed copy of the ICU data library ``src`` to ``dst``.

    Returns (kept, dropped) item names. ``dst`` may equal ``src``; it is only
    replaced once the new library is built and checked.
    """
    image = src.read_bytes()
    sym = find_data_symbol(image)
    soname = read_soname(image) or src.name
    data = read_common_data(image[sym.file_offset : sym.file_offset + sym.size])
    kept, dropped = select_items(data, keep)
    blob = write_common_data(data, kept)
    again = read_common_data(blob)  # self-check: the new package reads back item for item
    if any(again.items[n][: len(data.items[n])] != data.items[n] for n in kept):
        raise IcuDataError("the rewritten package does not read back")
    tmp = dst.with_name(dst.name + ".icu_trim.tmp")
    try:
        build_shared_library(blob, sym.name, soname, tmp, gcc)
        if elf_target(tmp.read_bytes()) != elf_target(image):
            raise IcuDataError("gcc builds for another architecture than the library's")
        tmp.chmod(src.stat().st_mode & 0o777)
        os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)
    return kept, dropped


def trim_icu(lib_dir: Path, keep: Callable[[str], bool] = keep_item) -> tuple[int, int]:
    """Replace ``lib_dir``'s libicudata.so.NN in place by a trimmed build.

    Returns (old_size, new_size) in bytes. A no-op returning equal sizes
    (``(0, 0)`` when there is no libicudata, i.e. on Windows and macOS) when
    the library is absent, gcc is missing, or the library is not understood;
    the last two print a one-line warning.
    """
    libs = sorted(p for p in Path(lib_dir).glob("libicudata.so.*") if p.is_file())
    if not libs:
        return 0, 0
    lib = libs[0].resolve()  # a symlink (PyInstaller's _internal/) points at the real file
    old_size = lib.stat().st_size
    gcc = shutil.which("gcc")
    if gcc is None:
        print(f"icu_trim: gcc not found, {lib.name} left untrimmed", file=sys.stderr)
        return old_size, old_size
    try:
        trim_library(lib, lib, keep, gcc)
    except (IcuDataError, OSError, struct.error, ValueError, IndexError) as e:
        print(f"icu_trim: {lib.name} left untrimmed: {e}", file=sys.stderr)
        return old_size, old_size
    return old_size, lib.stat().st_size


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def _summary(data: CommonData, names: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Bytes and item count per tree (``coll``, ``zone``...) or per main-tree file type."""
    out: dict[str, tuple[int, int]] = {}
    for name in names:
        path = name.split("/", 1)[-1]
        group = path.split("/", 1)[0] + "/" if "/" in path else "*." + path.rsplit(".", 1)[-1]
        size, count = out.get(group, (0, 0))
        out[group] = (size + len(data.items[name]), count + 1)
    return dict(sorted(out.items(), key=lambda kv: -kv[1][0]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("lib_dir", type=Path, help="folder holding libicudata.so.NN")
    parser.add_argument(
        "--list", action="store_true", help="only show what would be kept, change nothing"
    )
    args = parser.parse_args(argv)
    if args.list:
        libs = sorted(args.lib_dir.glob("libicudata.so.*"))
        if not libs:
            print("no libicudata.so.* there")
            return 1
        sym, data = extract_common_data(libs[0])
        kept, dropped = select_items(data)
        print(f"{libs[0].name}: {sym.name}, {len(data.items)} items, {data.size} bytes")
        for title, names in (("kept", kept), ("dropped", dropped)):
            print(f"{title}: {len(names)} items")
            for group, (size, count) in _summary(data, names).items():
                print(f"  {group:<10} {count:5} items {size:10,} bytes")
        return 0
    old, new = trim_icu(args.lib_dir)
    print(f"libicudata: {old:,} -> {new:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
