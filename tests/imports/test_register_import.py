"""Importing registers kept in Excel/CSV: the whole file or nothing, numbers kept as written,
provenance on every line, one audit event; each refusal leaves nothing but a refusal event."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from bmnn.audit.models import Event, EventKind
from bmnn.law.levels import Level
from bmnn.lib.sheets import ImportRejected
from bmnn.registry.actions.imports import do_import_register_entries
from bmnn.registry.actions.issuance import do_register_incoming
from bmnn.registry.importing.parse import RegisterFile, parse_register_file
from bmnn.registry.models import Register, RegisterCounter, RegisterEntry
from bmnn.registry.rules import pack_of
from tests.imports.files import (
    INCOMING_HEADER,
    incoming_2025,
    incoming_row,
    outgoing_row,
    write_csv,
    write_xlsx,
)
from tests.world import World

TODAY = dt.date(2026, 5, 4)


def parse(path: Path, kind: str = "incoming") -> RegisterFile:
    return parse_register_file(path, kind, today=TODAY, packs=lambda r: pack_of(r.value))


def refused(world: World, parsed: RegisterFile, account: object = None) -> ImportRejected:
    """Try the import; it must be refused with nothing written but one refusal event."""
    events = Event.objects.count()
    counters = list(RegisterCounter.objects.values_list("unit", "kind", "year", "last_number"))
    entries = RegisterEntry.objects.count()
    with pytest.raises(ImportRejected) as refusal:
        do_import_register_entries(world.dept, parsed, actor=account or world.clerk)
    assert RegisterEntry.objects.count() == entries
    assert list(RegisterCounter.objects.values_list("unit", "kind", "year", "last_number")) == counters
    new = list(Event.objects.filter(seq__gt=events))
    assert [(e.kind, e.action) for e in new] == [(EventKind.REFUSAL, "import_register_entries")]
    assert new[0].changes["code"] == "import_rejected"
    return refusal.value


def bmnn_incoming(world: World, day: dt.date) -> RegisterEntry:
    document = do_register_incoming(
        unit=world.dept, issuer_name="Bộ Công an", number_symbol="9/CV", doc_date=day,
        doc_type="Công văn", summary="Hướng dẫn", level=Level.MAT, arrival_date=day,
        receiver_name="Văn thư", actor=world.clerk,
    )
    return RegisterEntry.objects.get(document=document)


def test_excel_register_imported_with_its_numbers_and_provenance(world: World, tmp_path: Path) -> None:
    parsed = parse(incoming_2025(tmp_path / "so-den-2025.xlsx", 5))
    result = do_import_register_entries(world.dept, parsed, actor=world.clerk)
    assert result.count == 5 and result.years == {2025: (1, 5, 5, 1)}
    entries = list(RegisterEntry.objects.filter(unit=world.dept, kind="incoming").order_by("number"))
    assert [e.number for e in entries] == [1, 2, 3, 4, 5]
    first = entries[0]
    assert first.source == "import:so-den-2025.xlsx#dòng 4"  # title, header, column numbers above
    assert first.document is None and first.level == "mat" and first.year == 2025
    assert first.entry_date == dt.date(2025, 3, 1) and first.register.regime == "2018"
    assert first.columns["issuer"] == "Bộ Công an" and first.columns["number_symbol"] == "1/BCA-A02"
    assert "cong van: huong dan cong tac bao ve bmnn" in first.search_text
    counter = RegisterCounter.objects.get(unit=world.dept, kind="incoming", year=2025)
    assert counter.last_number == 5
    event = Event.objects.filter(kind=EventKind.ACTION, action="import_register_entries").get()
    assert event.changes["file"] == "so-den-2025.xlsx" and event.changes["sha256"] == parsed.sha256
    assert len(parsed.sha256) == 64
    assert (event.changes["rows"], event.changes["numbers"]) == (5, "01–05")
    assert event.actor_name == "Phạm Thị Hoa" and event.unit_id == world.dept.pk
    # bmnn continues after the paper register's last number
    assert bmnn_incoming(world, dt.date(2025, 12, 30)).number == 6


def test_csv_register_imported(world: World, tmp_path: Path) -> None:
    rows = [outgoing_row(n, f"{n:02d}/04/2026") for n in (3, 4, 7)]
    parsed = parse(write_csv(tmp_path / "so-di-2026.csv", rows, encoding="utf-8-sig", delimiter=";"),
                   "outgoing")
    result = do_import_register_entries(world.dept, parsed, actor=world.clerk)
    assert result.years == {2026: (3, 7, 3, 1)}
    entry = RegisterEntry.objects.get(kind="outgoing", number=7)
    assert entry.source == "import:so-di-2026.csv#dòng 3" and entry.register.regime == "2025"
    assert entry.columns["keeping_unit"] == "Văn phòng Sở" and entry.level == "toi_mat"
    assert RegisterCounter.objects.get(kind="outgoing", year=2026).last_number == 7


def test_bad_date_in_row_7_refuses_the_whole_file(world: World, tmp_path: Path) -> None:
    path = incoming_2025(tmp_path / "so-den.xlsx", 8)
    rows = [list(r) for r in _sheet_rows(path)]
    rows[6][1] = "30/02/2025"  # file row 7
    parsed = parse(write_xlsx(path, rows))
    refusal = refused(world, parsed)
    assert [str(e) for e in refusal.errors] == ["Dòng 7, cột B (Ngày đến): ngày '30/02/2025' không có thật"]
    assert "Dòng 7, cột B (Ngày đến)" in refusal.message and "so-den.xlsx" in refusal.message
    assert not Register.objects.exists() and not RegisterCounter.objects.exists()


def _sheet_rows(path: Path) -> list[tuple[object, ...]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def test_top_secret_summary_imported_without_the_summary(world: World, tmp_path: Path) -> None:
    rows = [incoming_row(1, "02/01/2025"),
            incoming_row(2, "03/01/2025", level="Tuyệt mật", summary="Quyết định: nhân sự chủ chốt")]
    do_import_register_entries(world.dept, parse(write_xlsx(tmp_path / "so.xlsx", rows)), actor=world.head)
    line = RegisterEntry.objects.get(number=2)
    assert line.columns["type_summary"] == "Quyết định"
    assert line.facts == {"summary_withheld": True}
    assert "nhan su" not in line.search_text
    assert "nhân sự" not in json.dumps(list(Event.objects.values("changes")), ensure_ascii=False)
    assert Event.objects.get(action="import_register_entries").changes["summaries_withheld"] == 1


def test_duplicate_numbers_refused(world: World, tmp_path: Path) -> None:
    rows = [incoming_row(n, "02/01/2025") for n in (1, 2, 2, 3)]
    refusal = refused(world, parse(write_xlsx(tmp_path / "so.xlsx", rows)))
    assert [str(e) for e in refusal.errors] == [
        "Dòng 3, cột A (Số thứ tự): số thứ tự 02 năm 2025 trùng với dòng 2"]


def test_number_already_taken_in_bmnn_refused(world: World, tmp_path: Path) -> None:
    bmnn_incoming(world, dt.date(2026, 4, 1))
    bmnn_incoming(world, dt.date(2026, 4, 2))
    rows = [INCOMING_HEADER] + [incoming_row(n, f"{n:02d}/04/2026") for n in (2, 3)]
    refusal = refused(world, parse(write_xlsx(tmp_path / "so.xlsx", rows)))
    assert [str(e) for e in refusal.errors] == [
        "Dòng 2, cột A (Số thứ tự): số 02 năm 2026 đã có trong Sổ đăng ký BMNN đến của "
        "Sở Giáo dục và Đào tạo trên bmnn"]
    assert RegisterCounter.objects.get(kind="incoming", year=2026).last_number == 2


def test_numbers_after_the_counter_are_placed(world: World, tmp_path: Path) -> None:
    bmnn_incoming(world, dt.date(2026, 4, 1))
    rows = [incoming_row(n, f"{n:02d}/04/2026") for n in (2, 3)]
    do_import_register_entries(world.dept, parse(write_xlsx(tmp_path / "so.xlsx", rows)),
                               actor=world.clerk)
    assert list(RegisterEntry.objects.filter(kind="incoming", year=2026).values_list(
        "number", flat=True).order_by("number")) == [1, 2, 3]
    assert Register.objects.filter(kind="incoming", year=2026).count() == 1
    assert bmnn_incoming(world, dt.date(2026, 5, 4)).number == 4


def test_volume_open_under_the_other_layout_refused(world: World, tmp_path: Path) -> None:
    bmnn_incoming(world, dt.date(2026, 1, 5))  # the 2026 volume opened under the 2018 forms
    rows = [incoming_row(n, f"{n:02d}/04/2026") for n in (2, 3)]
    refusal = refused(world, parse(write_xlsx(tmp_path / "so.xlsx", rows)))
    assert "đang mở theo mẫu Luật 2018" in refusal.errors[0].message


def test_rows_above_the_importers_clearance_refused(world: World, tmp_path: Path) -> None:
    rows = [incoming_row(1, "02/01/2025", level="Tuyệt mật", summary="Quyết định")]
    refusal = refused(world, parse(write_xlsx(tmp_path / "so.xlsx", rows)))  # clerk: Tối mật
    assert "vượt mức được tiếp cận của Phạm Thị Hoa" in refusal.errors[0].message
    do_import_register_entries(world.dept, parse(tmp_path / "so.xlsx"), actor=world.head)
    assert RegisterEntry.objects.get().level == "tuyet_mat"


def test_only_the_units_clerk_or_head_imports(world: World, tmp_path: Path) -> None:
    parsed = parse(incoming_2025(tmp_path / "so.xlsx", 2))
    for account in (world.drafter, world.outsider, world.admin):
        with pytest.raises(PermissionDenied):
            do_import_register_entries(world.dept, parsed, actor=account)
    assert not RegisterEntry.objects.exists()
