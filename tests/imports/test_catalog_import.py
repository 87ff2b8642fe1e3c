"""Catalog imports (danh mục BMNN): all or nothing with an audit event, and the sample catalog
that ships with bmnn, which loads once and changes nothing the second time."""

from __future__ import annotations

from pathlib import Path

import pytest

from bmnn.audit.models import Event, EventKind
from bmnn.catalog.actions import do_import_catalog
from bmnn.catalog.importing import load_sample, parse_catalog_file
from bmnn.catalog.models import Catalog, CatalogItem
from bmnn.lib.sheets import ImportRejected
from bmnn.lib.text import fold
from tests.imports.files import CATALOG_HEADER, write_csv, write_xlsx
from tests.world import World

HEALTH = ["440/QĐ-TTg", "22/05/2024", "Y tế"]


def test_sample_catalog_parses_cleanly() -> None:
    sample = load_sample()
    assert sample.errors == []
    decisions = sample.decisions()
    assert set(decisions) == {"531/QĐ-TTg", "440/QĐ-TTg", "1923/QĐ-TTg", "1660/QĐ-TTg", "2500/QĐ-TTg"}
    assert len(sample.rows) == 23
    top = [r for r in sample.rows if r.level == "tuyet_mat"]
    assert [r.citation for r in top] == ["khoản 1, Điều 1 2500/QĐ-TTg"]


@pytest.mark.django_db
def test_sample_loads_on_an_empty_database_and_is_idempotent(frozen: None) -> None:
    first = do_import_catalog(load_sample(), keep_existing=True, actor=None)
    assert (len(first.created_catalogs), first.created_items, first.kept) == (5, 23, [])
    item = CatalogItem.objects.get(catalog__decision_number="440/QĐ-TTg", article="1", clause="1")
    assert item.level == "toi_mat" and item.search_text == fold(item.text)
    assert "Danh mục mẫu bmnn" in item.catalog.source
    assert Event.objects.filter(kind=EventKind.ACTION, action="import_catalog").count() == 1
    events = Event.objects.count()
    second = do_import_catalog(load_sample(), keep_existing=True, actor=None)
    # The second time: nothing new, nothing written, no event.
    assert (second.created_catalogs, second.created_items, second.unchanged_items) == ([], 0, 23)
    assert not second.changed and Event.objects.count() == events
    assert (Catalog.objects.count(), CatalogItem.objects.count()) == (5, 23)


def test_sample_keeps_the_units_own_items(world: World) -> None:
    result = do_import_catalog(load_sample(), keep_existing=True, actor=world.admin)
    # 531/QĐ-TTg is already in bmnn with two items worded differently: kept, the other two added.
    assert len(result.created_catalogs) == 4 and result.created_items == 21
    assert [k.split(":")[0] for k in result.kept] == ["khoản 1, Điều 1 531/QĐ-TTg",
                                                      "khoản 2, Điều 2 531/QĐ-TTg"]
    world.exam_item.refresh_from_db()
    assert world.exam_item.text == "Đề thi, đáp án kỳ thi tốt nghiệp THPT chưa công khai"
    assert CatalogItem.objects.filter(catalog__decision_number="531/QĐ-TTg").count() == 4
    again = do_import_catalog(load_sample(), keep_existing=True, actor=world.admin)
    assert again.created_items == 0 and CatalogItem.objects.count() == 2 + 21


def test_catalog_file_imported(world: World, tmp_path: Path) -> None:
    rows = [CATALOG_HEADER, [*HEALTH, "Điều 1", "1", "", "Tối mật", "Hồ sơ sức khỏe lãnh đạo"],
            [*HEALTH, 2, 1, "a", "Mật", "Số ca mắc bệnh mới chưa công bố"]]
    parsed = parse_catalog_file(write_xlsx(tmp_path / "danh-muc.xlsx", rows))
    result = do_import_catalog(parsed, actor=world.clerk)
    assert result.created_catalogs == ["440/QĐ-TTg"] and result.created_items == 2
    item = CatalogItem.objects.get(catalog__decision_number="440/QĐ-TTg", point="a")
    assert (item.article, item.clause, item.level) == ("2", "1", "mat")
    assert item.citation == "điểm a, khoản 1, Điều 2 440/QĐ-TTg"
    event = Event.objects.get(kind=EventKind.ACTION, action="import_catalog")
    assert event.changes["sha256"] == parsed.sha256 and event.changes["created_items"] == 2


def test_bad_catalog_file_refused_with_nothing_written(world: World, tmp_path: Path) -> None:
    rows = [[*HEALTH, "1", "1", "", "Tối mật", "Hồ sơ sức khỏe lãnh đạo"],
            [*HEALTH, "1", "2", "", "Thường", "Số ca mắc bệnh"],
            ["440/QĐ-TTg", "23/05/2024", "Y tế", "1", "1", "", "Mật", "Trùng mục"]]
    parsed = parse_catalog_file(write_csv(tmp_path / "danh-muc.csv", rows))
    events = Event.objects.count()
    with pytest.raises(ImportRejected) as refusal:
        do_import_catalog(parsed, actor=world.clerk)
    assert [str(e) for e in refusal.value.errors] == [
        "Dòng 2, cột G (Độ mật): độ mật 'Thường' không rõ: ghi Tuyệt mật, Tối mật, Mật (hoặc A, B, C)",
        "Dòng 3, cột B (Ngày): quyết định 440/QĐ-TTg ghi ngày 22/05/2024 ở dòng 1",
        "Dòng 3, cột D (Điều): khoản 1, Điều 1 440/QĐ-TTg trùng với dòng 1",
    ]
    assert not Catalog.objects.filter(decision_number="440/QĐ-TTg").exists()
    assert list(Event.objects.filter(seq__gt=events).values_list("kind", flat=True)) == [EventKind.REFUSAL]


def test_conflicting_item_refuses_a_file(world: World, tmp_path: Path) -> None:
    rows = [["531/QĐ-TTg", "19/05/2023", "Giáo dục và đào tạo", "1", "1", "", "Mật", "Khác"],
            ["531/QĐ-TTg", "19/05/2023", "Giáo dục và đào tạo", "3", "1", "", "Mật", "Mục mới"]]
    with pytest.raises(ImportRejected, match="khoản 1, Điều 1 531/QĐ-TTg đã có trong bmnn"):
        do_import_catalog(parse_catalog_file(write_xlsx(tmp_path / "dm.xlsx", rows)), actor=world.head)
    assert CatalogItem.objects.count() == 2


def test_catalog_header_checked(tmp_path: Path) -> None:
    header = ["Số hiệu", "Ngày ban hành", "Lĩnh vực", "Điều", "Khoản", "Điểm", "Mức độ", "Nội dung"]
    parsed = parse_catalog_file(write_xlsx(tmp_path / "dm.xlsx", [
        ["DANH MỤC BÍ MẬT NHÀ NƯỚC"], header, [*HEALTH, "1", "1", "", "Tối mật", "Hồ sơ"]]))
    assert [str(e) for e in parsed.errors] == [
        "Dòng 2, cột A (Số quyết định): tiêu đề cột 'Số hiệu' không khớp",
        "Dòng 2, cột G (Độ mật): tiêu đề cột 'Mức độ' không khớp",
    ]
    assert [r.row for r in parsed.rows] == [3]
