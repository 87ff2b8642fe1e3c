"""Hostile .xlsx files are refused from their zip directory before openpyxl parses anything:
too much data once inflated, a part inflating like a zip bomb, too many parts, and a part that
inflates past the size it declares. Register and catalog imports share the reader; both refuse
with nothing written."""

from __future__ import annotations

import datetime as dt
import io
import struct
import time
import zipfile
from pathlib import Path

import pytest

from bmnn.audit.models import Event, EventKind
from bmnn.catalog.importing import parse_catalog_file
from bmnn.catalog.models import Catalog, CatalogItem
from bmnn.lib.sheets import ImportRejected, SheetUnreadable, read_sheet
from bmnn.lib.zipcheck import MB, ZipLimits, ZipRefused, check_zip
from bmnn.registry.actions.imports import do_import_register_entries
from bmnn.registry.importing.parse import parse_register_file
from bmnn.registry.models import RegisterEntry
from bmnn.registry.rules import pack_of
from tests.imports.files import INCOMING_HEADER, incoming_row, write_xlsx
from tests.world import World

SHEET = "xl/worksheets/sheet1.xml"
BLANK_ROW = b"<row><c/></row>"  # openpyxl walks every one; blank rows never reach the row limit


def _skeleton(tmp_path: Path) -> bytes:
    rows = [INCOMING_HEADER, incoming_row(1, dt.date(2025, 3, 2))]
    return write_xlsx(tmp_path / "skeleton.xlsx", rows).read_bytes()


def bomb(path: Path, skeleton: bytes, inflated_mb: int, unit: bytes = BLANK_ROW) -> Path:
    """A real workbook whose sheet is followed by `inflated_mb` MB of `unit`, deflated hard."""
    source = zipfile.ZipFile(io.BytesIO(skeleton))
    sheet = source.read(SHEET)
    head, tail = sheet[: sheet.index(b"</sheetData>")], sheet[sheet.index(b"</sheetData>"):]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            if info.filename != SHEET:
                out.writestr(info.filename, source.read(info.filename))
        with out.open(SHEET, "w", force_zip64=True) as member:
            member.write(head)
            chunk = unit * (MB // len(unit))
            for _ in range(inflated_mb):
                member.write(chunk)
            member.write(tail)
    return path


def _timed_refusal(path: Path) -> tuple[str, float]:
    start = time.perf_counter()
    with pytest.raises(SheetUnreadable) as refused:
        read_sheet(path)
    return refused.value.message, time.perf_counter() - start


def test_the_issue_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """~460 MB of blank rows in a file of a few hundred KB: before, openpyxl walked it for
    minutes and gigabytes; now the zip directory refuses it in milliseconds."""
    path = bomb(tmp_path / "so-den.xlsx", _skeleton(tmp_path), 460)
    assert path.stat().st_size < 1 * MB
    message, seconds = _timed_refusal(path)
    assert "giải nén ra 460,0 MB, vượt giới hạn 200,0 MB" in message
    assert seconds < 0.5


def test_a_part_inflating_like_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = bomb(tmp_path / "so-den.xlsx", _skeleton(tmp_path), 30)  # under the size cap
    message, seconds = _timed_refusal(path)
    assert "zip bomb" in message and SHEET in message and seconds < 0.5


def test_a_part_inflating_past_its_declared_size_is_refused(tmp_path: Path) -> None:
    """The zip directory may lie: declare 1 KB for a part that inflates to 30 MB. zipfile stops
    at the declared size and the CRC check fails, so the file is refused as damaged, quickly."""
    path = bomb(tmp_path / "so-den.xlsx", _skeleton(tmp_path), 30)
    _declare_size(path, SHEET, 1024)
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(SHEET).file_size == 1024
    message, seconds = _timed_refusal(path)
    assert "Không đọc được tệp Excel" in message and seconds < 2


def test_too_many_parts_are_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(12):
            archive.writestr(f"p{n}.xml", b"<x/>")
    with pytest.raises(ZipRefused, match="12 phần, quá giới hạn 10 phần"):
        check_zip(buffer.getvalue(), ZipLimits(max_members=10))


def test_real_spreadsheets_pass(tmp_path: Path) -> None:
    rows = [INCOMING_HEADER, *(incoming_row(n, dt.date(2025, 3, 2)) for n in range(1, 2001))]
    sheet = read_sheet(write_xlsx(tmp_path / "so-den.xlsx", rows))
    assert len(sheet.rows) == 2001


def test_register_import_of_a_bomb_refused_with_nothing_written(world: World, tmp_path: Path) -> None:
    path = bomb(tmp_path / "so-den-2025.xlsx", _skeleton(tmp_path), 460)
    parsed = parse_register_file(path, "incoming", today=dt.date(2026, 5, 4),
                                 packs=lambda r: pack_of(r.value))
    events, entries = Event.objects.count(), RegisterEntry.objects.count()
    with pytest.raises(ImportRejected, match="vượt giới hạn 200,0 MB"):
        do_import_register_entries(world.dept, parsed, actor=world.clerk)
    assert RegisterEntry.objects.count() == entries
    assert list(Event.objects.filter(seq__gt=events).values_list("kind", flat=True)) == [EventKind.REFUSAL]


def test_catalog_import_of_a_bomb_refused_with_nothing_written(world: World, tmp_path: Path) -> None:
    from bmnn.catalog.actions import do_import_catalog

    path = bomb(tmp_path / "danh-muc.xlsx", _skeleton(tmp_path), 30)
    parsed = parse_catalog_file(path)
    catalogs, items, events = Catalog.objects.count(), CatalogItem.objects.count(), Event.objects.count()
    with pytest.raises(ImportRejected, match="zip bomb"):
        do_import_catalog(parsed, actor=world.clerk)
    assert (Catalog.objects.count(), CatalogItem.objects.count()) == (catalogs, items)
    assert list(Event.objects.filter(seq__gt=events).values_list("kind", flat=True)) == [EventKind.REFUSAL]


# (signature, offset of: name length, extra length, name, 32-bit uncompressed size)
_HEADERS = ((b"PK\x03\x04", 26, 28, 30, 22), (b"PK\x01\x02", 28, 30, 46, 24))


def _declare_size(path: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size a member declares, in its local header and its central
    directory entry (the 32-bit field, or the zip64 extra field when that one is 0xFFFFFFFF)."""
    data = bytearray(path.read_bytes())
    for signature, name_len_at, extra_len_at, name_at, size_at in _HEADERS:
        at = data.find(signature)
        while at != -1:
            name_len = struct.unpack_from("<H", data, at + name_len_at)[0]
            extra_len = struct.unpack_from("<H", data, at + extra_len_at)[0]
            if bytes(data[at + name_at: at + name_at + name_len]) == name.encode():
                _patch(data, at + size_at, at + name_at + name_len, extra_len, size)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


def _patch(data: bytearray, size_field: int, extra: int, extra_len: int, size: int) -> None:
    if struct.unpack_from("<I", data, size_field)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", data, size_field, size)
        return
    end = extra + extra_len
    while extra + 4 <= end:
        header_id, length = struct.unpack_from("<HH", data, extra)
        if header_id == 0x0001:  # zip64: the uncompressed size comes first
            struct.pack_into("<Q", data, extra + 4, size)
        extra += 4 + length
