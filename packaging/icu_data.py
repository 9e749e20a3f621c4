"""ICU's common data package inside a shared library: read it, write it.

Qt's Linux wheels carry ICU's data as ``libicudata.so.NN``, a library whose
only export, ``icudtNN_dat``, is a *common data* package ("CmnD"): a header,
then a table of contents of ``(nameOffset, dataOffset)`` pairs counted from
the start of the table, names like ``icudt73l/coll/root.res``, then each item.
This module finds that symbol in the ELF file (stdlib ``struct`` only), parses
the package and writes a new one from chosen items. ``icu_trim`` decides which.

Written from ICU's documentation of udata.h/ucmndata.h and icupkg; no ICU code
is used.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "DATA_SYMBOL",
    "CommonData",
    "DataInfo",
    "ElfSymbol",
    "IcuDataError",
    "elf_target",
    "extract_common_data",
    "find_data_symbol",
    "parse_data_header",
    "read_common_data",
    "read_soname",
    "write_common_data",
]


class IcuDataError(Exception):
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
        raise IcuDataError("not ICU data: bad DataHeader magic")
    big = blob[8] != 0
    order = ">" if big else "<"
    header_size, info_size = struct.unpack_from(order + "H2xH", blob, 0)
    if info_size < 20 or header_size < 4 + info_size or header_size > len(blob):
        raise IcuDataError(f"implausible ICU header sizes {header_size}/{info_size}")
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
        raise IcuDataError(
            f"not an ICU common data package (dataFormat {info.data_format!r}, "
            f"formatVersion {info.format_version})"
        )
    if info.charset_family != 0:
        raise IcuDataError("EBCDIC-family ICU data is not supported")
    order = info.byte_order
    toc = memoryview(blob)[header_size:]
    (count,) = struct.unpack_from(order + "I", toc, 0)
    if 4 + 8 * count > len(toc):
        raise IcuDataError(f"ToC count {count} runs past the data")
    entries = [struct.unpack_from(order + "II", toc, 4 + 8 * i) for i in range(count)]
    items: dict[str, bytes] = {}
    raw = bytes(toc)
    previous = b""
    for i, (name_offset, data_offset) in enumerate(entries):
        end_name = raw.find(b"\0", name_offset)
        if end_name < 0:
            raise IcuDataError(f"ToC entry {i}: unterminated name")
        name = raw[name_offset:end_name]
        if name <= previous:
            raise IcuDataError(f"ToC not sorted at {name!r}")
        previous = name
        data_end = entries[i + 1][1] if i + 1 < count else len(raw)
        if not 0 <= data_offset <= data_end <= len(raw):
            raise IcuDataError(f"ToC entry {name!r}: bad data offsets")
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
            raise IcuDataError("not an ELF file")
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
            raise IcuDataError("ELF file has no section headers")
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


def elf_target(image: bytes) -> tuple[int, bool, str]:
    """(machine, 64-bit, byte order) of an ELF file: what it was built to run on."""
    elf = _Elf(image)
    return elf.machine, elf.is64, elf.order


def find_data_symbol(image: bytes) -> ElfSymbol:
    """Locate ICU's ``icudtNN_dat`` data symbol in an ELF shared library image."""
    elf = _Elf(image)
    found = [
        (name, value, size, shndx)
        for name, value, size, shndx in elf.dynamic_symbols()
        if DATA_SYMBOL.fullmatch(name) and 0 < shndx < len(elf.sections)
    ]
    if len(found) != 1:
        raise IcuDataError(f"expected one exported icudtNN_dat symbol, found {len(found)}")
    name, value, size, shndx = found[0]
    sec = elf.sections[shndx]
    if sec.type == SHT_NOBITS or not sec.addr <= value <= value + size <= sec.addr + sec.size:
        raise IcuDataError(f"{name} does not lie inside its section's file bytes")
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
