"""Shrink Qt's ICU data library (libicudata.so.NN) to what an English-UI app needs.

Qt's Linux wheels ship ICU's whole data set (about 32 MB) as one shared library
that exports a single symbol, ``icudtNN_dat``: ICU's *common data* package,
every locale's data for every service. ImgCost speaks English, and Qt draws its
own number and date formats from its own CLDR tables, so ICU is only asked
for collation (QCollator, locale-aware sorting), case mapping, codecs and time
zone data. This module rebuilds the library with just those items.

How it works:

1. :func:`find_data_symbol` parses the ELF file (``struct`` only) to find the
   ``icudtNN_dat`` symbol's file offset and size; :func:`read_common_data`
   parses that blob: a DataHeader (``UDataInfo`` with dataFormat "CmnD"), then
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

The format was written from ICU's documentation of udata.h/ucmndata.h and
icupkg; no ICU code is used.
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

__all__ = [
    "ESSENTIAL_CONVERTERS",
    "RULES",
    "CommonData",
    "DataInfo",
    "ElfSymbol",
    "IcuTrimError",
    "Rule",
    "build_shared_library",
    "extract_common_data",
    "find_data_symbol",
    "parse_data_header",
    "keep_item",
    "read_common_data",
    "read_soname",
    "select_items",
    "trim_icu",
    "trim_library",
    "write_common_data",
]


class IcuTrimError(Exception):
    """The library or its data is not in a form this module understands."""


# --------------------------------------------------------------------------
# ICU common data ("CmnD"): reader and writer
# --------------------------------------------------------------------------

#: DataHeader magic bytes (MappedData.magic1/magic2) that start every ICU data item.
MAGIC = b"\xda\x27"
#: Alignment of every item in a package, as icupkg lays them out.
ITEM_ALIGN = 16
#: icupkg fills the gaps between items with this byte.
PAD_BYTE = b"\xaa"


@dataclass(frozen=True)
class DataInfo:
    """ICU's UDataInfo: the 20 bytes after the 4-byte MappedData prefix."""

    size: int
    is_big_endian: bool
    charset_family: int  # 0: ASCII family, 1: EBCDIC
    sizeof_uchar: int
    data_format: bytes  # b"CmnD" for a common data package
    format_version: tuple[int, int, int, int]
    data_version: tuple[int, int, int, int]

    @property
    def byte_order(self) -> str:
        """The ``struct`` byte-order character for integers in this data."""
        return ">" if self.is_big_endian else "<"


def parse_data_header(blob: bytes) -> tuple[int, DataInfo]:
    """Parse an ICU DataHeader: returns (headerSize, UDataInfo).

    Layout: ``uint16 headerSize; uint8 magic1=0xda, magic2=0x27;`` then
    UDataInfo ``uint16 size, reservedWord; uint8 isBigEndian, charsetFamily,
    sizeofUChar, reservedByte; uint8 dataFormat[4], formatVersion[4],
    dataVersion[4]``. The header (padded, often with a copyright string) is
    headerSize bytes long; headerSize and size use the data's own byte order.
    """
    if len(blob) < 24 or blob[2:4] != MAGIC:
        raise IcuTrimError("not ICU data: bad DataHeader magic")
    big = blob[8] != 0
    order = ">" if big else "<"
    header_size, info_size = struct.unpack_from(order + "H2xH", blob, 0)
    if info_size < 20 or header_size < 4 + info_size or header_size > len(blob):
        raise IcuTrimError(f"implausible ICU header sizes {header_size}/{info_size}")
    info = DataInfo(
        size=info_size,
        is_big_endian=big,
        charset_family=blob[9],
        sizeof_uchar=blob[10],
        data_format=bytes(blob[12:16]),
        format_version=(blob[16], blob[17], blob[18], blob[19]),
        data_version=(blob[20], blob[21], blob[22], blob[23]),
    )
    return header_size, info


@dataclass
class CommonData:
    """An ICU common data package: its header and its named items.

    ``items`` maps full ToC names (``icudt73l/coll/root.res``) to item bytes.
    An item's bytes run up to the next item's offset, so they include the
    alignment padding after it; ICU computes item lengths the same way.
    """

    header: bytes  # the original DataHeader, headerSize bytes, reused verbatim
    info: DataInfo
    items: dict[str, bytes]

    @property
    def prefix(self) -> str:
        """The package's item name prefix, e.g. ``icudt73l``."""
        first = next(iter(self.items), "")
        return first.split("/", 1)[0] if "/" in first else ""

    @property
    def size(self) -> int:
        return sum(len(b) for b in self.items.values())


def read_common_data(blob: bytes) -> CommonData:
    """Parse a "CmnD" (offset ToC) ICU common data package.

    After the header comes the ToC: ``uint32 count`` then ``count`` entries of
    ``uint32 nameOffset, dataOffset``, both relative to the start of the ToC.
    Names are NUL-terminated invariant-charset strings, sorted by ``strcmp``.
    """
    header_size, info = parse_data_header(blob)
    if info.data_format != b"CmnD" or info.format_version[0] != 1:
        raise IcuTrimError(
            f"not an ICU common data package (dataFormat {info.data_format!r}, "
            f"formatVersion {info.format_version})"
        )
    if info.charset_family != 0:
        raise IcuTrimError("EBCDIC-family ICU data is not supported")
    order = info.byte_order
    toc = memoryview(blob)[header_size:]
    (count,) = struct.unpack_from(order + "I", toc, 0)
    if 4 + 8 * count > len(toc):
        raise IcuTrimError(f"ToC count {count} runs past the data")
    entries = [struct.unpack_from(order + "II", toc, 4 + 8 * i) for i in range(count)]
    items: dict[str, bytes] = {}
    raw = bytes(toc)
    previous = b""
    for i, (name_offset, data_offset) in enumerate(entries):
        end_name = raw.find(b"\0", name_offset)
        if end_name < 0:
            raise IcuTrimError(f"ToC entry {i}: unterminated name")
        name = raw[name_offset:end_name]
        if name <= previous:
            raise IcuTrimError(f"ToC not sorted at {name!r}")
        previous = name
        data_end = entries[i + 1][1] if i + 1 < count else len(raw)
        if not 0 <= data_offset <= data_end <= len(raw):
            raise IcuTrimError(f"ToC entry {name!r}: bad data offsets")
        items[name.decode("ascii")] = raw[data_offset:data_end]
    return CommonData(header=bytes(blob[:header_size]), info=info, items=items)


def _align(n: int, to: int = ITEM_ALIGN) -> int:
    return (n + to - 1) // to * to


def write_common_data(data: CommonData, names: Iterable[str] | None = None) -> bytes:
    """Serialize ``data`` (or only its items in ``names``) as a "CmnD" package.

    The header is reused as is (same UDataInfo, same copyright string). The
    ToC is sorted by the names' bytes, which is ICU's ``strcmp`` order, and
    the item data follows in that same order, each item starting 16-byte
    aligned (counted from the start of the package, which the assembler
    aligns to 16 too).
    """
    order = data.info.byte_order
    keep = sorted(data.items if names is None else names, key=lambda n: n.encode("ascii"))
    header = data.header
    count = len(keep)
    names_start = 4 + 8 * count
    name_offsets: list[int] = []
    name_blob = bytearray()
    for name in keep:
        name_offsets.append(names_start + len(name_blob))
        name_blob += name.encode("ascii") + b"\0"
    # Data offsets are relative to the ToC, but alignment counts from the package start.
    toc_start = len(header)
    pos = _align(toc_start + names_start + len(name_blob)) - toc_start
    data_offsets: list[int] = []
    for name in keep:
        data_offsets.append(pos)
        pos = _align(toc_start + pos + len(data.items[name])) - toc_start
    out = bytearray(header)
    out += struct.pack(order + "I", count)
    for n_off, d_off in zip(name_offsets, data_offsets, strict=True):
        out += struct.pack(order + "II", n_off, d_off)
    out += name_blob
    for name, d_off in zip(keep, data_offsets, strict=True):
        out += PAD_BYTE * (toc_start + d_off - len(out))
        out += data.items[name]
    out += PAD_BYTE * (_align(len(out)) - len(out))
    return bytes(out)


# --------------------------------------------------------------------------
# ELF: find the data symbol and the SONAME (stdlib struct only)
# --------------------------------------------------------------------------

SHT_NOBITS = 8
SHT_DYNAMIC = 6
SHT_DYNSYM = 11
DT_NULL = 0
DT_SONAME = 14
#: ICU's data entry point: U_ICUDATA_NAME "_dat", e.g. icudt73_dat.
DATA_SYMBOL = re.compile(r"icudt\d+[lbe]?_dat")


@dataclass(frozen=True)
class ElfSymbol:
    """A symbol's name and where its bytes are in the file."""

    name: str
    file_offset: int
    size: int


@dataclass(frozen=True)
class _Section:
    type: int
    addr: int
    offset: int
    size: int
    link: int
    entsize: int


class _Elf:
    """Just enough of an ELF reader: section headers, .dynsym, .dynamic."""

    def __init__(self, image: bytes) -> None:
        if image[:4] != b"\x7fELF":
            raise IcuTrimError("not an ELF file")
        self.image = image
        self.is64 = image[4] == 2
        self.order = "<" if image[5] == 1 else ">"
        o = self.order
        # e_machine; then e_shoff and e_shentsize/e_shnum (ELF64 and ELF32 offsets differ)
        (self.machine,) = struct.unpack_from(o + "H", image, 18)
        if self.is64:
            (shoff,) = struct.unpack_from(o + "Q", image, 40)
            shentsize, shnum = struct.unpack_from(o + "HH", image, 58)
            shfmt = o + "IIQQQQIIQQ"  # Elf64_Shdr
        else:
            (shoff,) = struct.unpack_from(o + "I", image, 32)
            shentsize, shnum = struct.unpack_from(o + "HH", image, 46)
            shfmt = o + "IIIIIIIIII"  # Elf32_Shdr: same fields, all 32-bit
        if shoff == 0 or shnum == 0:
            raise IcuTrimError("ELF file has no section headers")
        self.sections: list[_Section] = []
        for i in range(shnum):
            _n, typ, _f, addr, off, size, link, _i, _a, ent = struct.unpack_from(
                shfmt, image, shoff + i * shentsize
            )
            self.sections.append(_Section(typ, addr, off, size, link, ent))

    def _string(self, strtab: _Section, offset: int) -> str:
        start = strtab.offset + offset
        return self.image[start : self.image.index(b"\0", start)].decode("ascii", "replace")

    def dynamic_symbols(self) -> Iterable[tuple[str, int, int, int]]:
        """(name, value, size, section index) of every .dynsym entry."""
        fmt = self.order + ("IBBHQQ" if self.is64 else "IIIBBH")
        for sec in self.sections:
            if sec.type != SHT_DYNSYM:
                continue
            strtab = self.sections[sec.link]
            step = sec.entsize or struct.calcsize(fmt)
            for pos in range(sec.offset, sec.offset + sec.size, step):
                if self.is64:
                    name, _info, _other, shndx, value, size = struct.unpack_from(
                        fmt, self.image, pos
                    )
                else:
                    name, value, size, _info, _other, shndx = struct.unpack_from(
                        fmt, self.image, pos
                    )
                yield self._string(strtab, name), value, size, shndx

    def soname(self) -> str | None:
        fmt = self.order + ("qQ" if self.is64 else "iI")
        step = struct.calcsize(fmt)
        for sec in self.sections:
            if sec.type != SHT_DYNAMIC:
                continue
            for pos in range(sec.offset, sec.offset + sec.size, step):
                tag, val = struct.unpack_from(fmt, self.image, pos)
                if tag == DT_NULL:
                    break
                if tag == DT_SONAME:
                    return self._string(self.sections[sec.link], val)
        return None


def find_data_symbol(image: bytes) -> ElfSymbol:
    """Locate ICU's ``icudtNN_dat`` data symbol in an ELF shared library image."""
    elf = _Elf(image)
    found = [
        (name, value, size, shndx)
        for name, value, size, shndx in elf.dynamic_symbols()
        if DATA_SYMBOL.fullmatch(name) and 0 < shndx < len(elf.sections)
    ]
    if len(found) != 1:
        raise IcuTrimError(f"expected one exported icudtNN_dat symbol, found {len(found)}")
    name, value, size, shndx = found[0]
    sec = elf.sections[shndx]
    if sec.type == SHT_NOBITS or not sec.addr <= value <= value + size <= sec.addr + sec.size:
        raise IcuTrimError(f"{name} does not lie inside its section's file bytes")
    return ElfSymbol(name=name, file_offset=sec.offset + (value - sec.addr), size=size)


def read_soname(image: bytes) -> str | None:
    """The DT_SONAME of an ELF shared library image, or None."""
    return _Elf(image).soname()


def extract_common_data(lib: Path) -> tuple[ElfSymbol, CommonData]:
    """Read ``lib`` and return its ICU data symbol and parsed common data."""
    image = lib.read_bytes()
    sym = find_data_symbol(image)
    blob = image[sym.file_offset : sym.file_offset + sym.size]
    return sym, read_common_data(blob)


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
        raise IcuTrimError(f"refusing odd symbol/soname {symbol!r}/{soname!r}")
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
            raise IcuTrimError(f"gcc failed: {run.stderr.strip()}")
        image = (work / "lib.so").read_bytes()
        sym = find_data_symbol(image)
        if sym.name != symbol or image[sym.file_offset : sym.file_offset + sym.size] != blob:
            raise IcuTrimError("the linked library does not hold the data it was given")
        if read_soname(image) != soname:
            raise IcuTrimError("the linked library has the wrong SONAME")
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
        raise IcuTrimError("the rewritten package does not read back")
    tmp = dst.with_name(dst.name + ".icu_trim.tmp")
    try:
        build_shared_library(blob, sym.name, soname, tmp, gcc)
        new = _Elf(tmp.read_bytes())
        old = _Elf(image)
        if (new.machine, new.is64, new.order) != (old.machine, old.is64, old.order):
            raise IcuTrimError("gcc builds for another architecture than the library's")
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
    except (IcuTrimError, OSError, struct.error, ValueError, IndexError) as e:
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
