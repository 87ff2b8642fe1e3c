"""Read-only OLE compound files (MS-CFB): the container of .doc and .xls.

Our own reader, not olefile: the scanner must run from a USB stick with nothing but Python, and it
needs only this: find a top-level stream and read byte ranges of it. Streams are read by sector on
demand (a 2 GB file is never loaded), chains are checked for loops and bounds, and every fault is
an ExtractError("corrupt").
"""

from __future__ import annotations

import struct
from array import array
from typing import BinaryIO

from bmnn.scanner.extract.base import ExtractError
from bmnn.scanner.extract.zipread import OLE_MAGIC

_END = 0xFFFFFFFE
_FREE = 0xFFFFFFFF
_NOSTREAM = 0xFFFFFFFF
_STREAM, _ROOT = 2, 5
_DIFAT_IN_HEADER = 109
_MAX_DIRECTORY = 4 * 1024 * 1024  # 32,768 entries; an office file has a few dozen


def _corrupt(why: str) -> ExtractError:
    return ExtractError("corrupt", why)


class OleFile:
    """An opened compound file; `stream(name)` gives a top-level stream by name (case-insensitive)."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle, self.file_size = handle, size
        header = self.read_at(0, 512)
        if header[:8] != OLE_MAGIC:
            raise _corrupt("not an OLE file")
        shift, mini_shift = struct.unpack_from("<HH", header, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise _corrupt("sector size")
        self.sector_size, self.mini_size = 1 << shift, 1 << mini_shift
        fat_count, self.dir_start = struct.unpack_from("<II", header, 0x2C)
        self.mini_cutoff, mini_fat_start, mini_fat_count, difat_start, difat_count = struct.unpack_from(
            "<IIIII", header, 0x38
        )
        self.sector_count = max(0, (size - self.sector_size) // self.sector_size + 1)
        self.fat = self._load_fat(header, fat_count, difat_start, difat_count)
        self.entries = self._load_directory()
        root = self.entries[0] if self.entries else None
        if root is None or root[1] != _ROOT:
            raise _corrupt("no root entry")
        self.ministream = Stream(self, root[3], root[4], mini=False)
        mini_fat_bytes = self._chain_bytes(mini_fat_start, mini_fat_count * self.sector_size)
        self.mini_fat = array("I", mini_fat_bytes[: len(mini_fat_bytes) // 4 * 4])

    def read_at(self, offset: int, length: int) -> bytes:
        self.handle.seek(offset)
        data = self.handle.read(length)
        if len(data) < length:
            raise ExtractError("truncated")
        return data

    def _sector(self, number: int) -> bytes:
        if number >= self.sector_count:
            raise _corrupt("sector out of range")
        return self.read_at((number + 1) * self.sector_size, self.sector_size)

    def _load_fat(self, header: bytes, fat_count: int, difat_start: int, difat_count: int) -> array[int]:
        sectors = [s for s in struct.unpack_from(f"<{_DIFAT_IN_HEADER}I", header, 0x4C) if s < _END]
        per_sector = self.sector_size // 4 - 1
        next_difat, seen = difat_start, set()
        for _ in range(difat_count):
            if next_difat >= _END or next_difat in seen:
                break
            seen.add(next_difat)
            values = struct.unpack(f"<{per_sector + 1}I", self._sector(next_difat))
            sectors += [s for s in values[:per_sector] if s < _END]
            next_difat = values[per_sector]
        needed = -(-self.sector_count // per_sector) + 1  # FAT sectors enough to map the whole file
        fat = array("I")
        for number in sectors[: min(fat_count, needed)]:
            fat.frombytes(self._sector(number))
        if fat.itemsize != 4 or not fat:
            raise _corrupt("empty FAT")
        return fat

    def chain(self, start: int, table: array[int], limit: int) -> array[int]:
        """Sector numbers of a chain, stopping at its end; loops and strays are corrupt."""
        out = array("I")
        current = start
        while current < _END:
            if current >= len(table) or len(out) > limit:
                raise _corrupt("broken sector chain")
            out.append(current)
            current = table[current]
        if current == _FREE and out:
            raise _corrupt("free sector in chain")
        return out

    def _chain_bytes(self, start: int, most: int) -> bytes:
        if start >= _END or most <= 0:
            return b""
        sectors = self.chain(start, self.fat, most // self.sector_size + 1)
        return b"".join(self._sector(s) for s in sectors)[:most]

    def _load_directory(self) -> list[tuple[str, int, tuple[int, int, int], int, int]]:
        data = self._chain_bytes(self.dir_start, min(self.sector_count * self.sector_size, _MAX_DIRECTORY))
        entries = []
        for offset in range(0, len(data) - 127, 128):
            name_len, kind = struct.unpack_from("<HB", data, offset + 0x40)
            left, right, child = struct.unpack_from("<III", data, offset + 0x44)
            start, size = struct.unpack_from("<IQ", data, offset + 0x74)
            name = data[offset : offset + max(0, min(name_len, 64) - 2)].decode("utf-16-le", "replace")
            entries.append(
                (
                    name,
                    kind,
                    (left, right, child),
                    start,
                    size & 0xFFFFFFFF if self.sector_size == 512 else size,
                )
            )
        return entries

    def top_level(self) -> dict[str, int]:
        """Lower-cased names of the root's children → entry index (walks the sibling tree)."""
        found: dict[str, int] = {}
        stack = [self.entries[0][2][2]]
        seen: set[int] = set()
        while stack:
            index = stack.pop()
            if index == _NOSTREAM or index >= len(self.entries) or index in seen:
                continue
            seen.add(index)
            name, kind, (left, right, _), _, _ = self.entries[index]
            if kind == _STREAM:
                found[name.lower()] = index
            stack += [left, right]
        return found

    def stream(self, name: str) -> Stream | None:
        index = self.top_level().get(name.lower())
        if index is None:
            return None
        _, _, _, start, size = self.entries[index]
        return Stream(self, start, size, mini=size < self.mini_cutoff)


class Stream:
    """One stream's bytes, read by range; sectors come from the FAT or, for small ones, the mini FAT."""

    def __init__(self, ole: OleFile, start: int, size: int, *, mini: bool) -> None:
        self.ole, self.size, self.mini = ole, size, mini
        unit = ole.mini_size if mini else ole.sector_size
        if size == 0:
            self.sectors = array("I")
            return
        table = ole.mini_fat if mini else ole.fat
        self.sectors = ole.chain(start, table, size // unit + 1)
        if len(self.sectors) * unit < size:
            raise ExtractError("truncated", "short stream")

    def read(self, offset: int, length: int) -> bytes:
        """Bytes [offset, offset + length) of the stream, cut at its end; runs of consecutive
        sectors (the usual layout) are read in one call."""
        length = max(0, min(length, self.size - offset))
        unit = self.ole.mini_size if self.mini else self.ole.sector_size
        pieces = []
        while length > 0:
            index, within = divmod(offset, unit)
            first = self.sectors[index]
            run = 1
            while (
                run * unit - within < length
                and index + run < len(self.sectors)
                and self.sectors[index + run] == first + run
            ):
                run += 1
            take = min(length, run * unit - within)
            if self.mini:
                piece = self.ole.ministream.read(first * unit + within, take)
                if len(piece) < take:
                    raise ExtractError("truncated", "mini stream")
                pieces.append(piece)
            else:
                pieces.append(self.ole.read_at((first + 1) * unit + within, take))
            offset += take
            length -= take
        return b"".join(pieces)

    def read_all(self, limit: int) -> bytes:
        if self.size > limit:
            raise ExtractError("too large", "stream")
        return self.read(0, self.size)
