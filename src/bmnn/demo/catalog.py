"""The catalog items the demo's proposals cite: Decision 531/QĐ-TTg of 19/5/2023 (education).

The sample catalog shipped with bmnn is loaded through its import action (as `bmnn import
catalog --sample` does; catalogs and items already present are kept). Should the sample ever
lack one of the four items the story cites, that item is added from the short paraphrase
below (shared/domain/LAW.md §5), so the story never depends on the sample's exact content.
"""

from __future__ import annotations

import datetime as dt

from bmnn.catalog.actions import do_import_catalog
from bmnn.catalog.importing import load_sample
from bmnn.catalog.models import Catalog, CatalogItem
from bmnn.law.levels import Level
from bmnn.lib.text import fold

DECISION = "531/QĐ-TTg"

# key, article, clause, level, text
ITEMS: tuple[tuple[str, str, str, Level, str], ...] = (
    ("exam", "1", "1", Level.TOI_MAT,
     "Đề thi, đáp án chính thức và dự bị kỳ thi tốt nghiệp trung học phổ thông, kỳ thi chọn "
     "học sinh giỏi quốc gia, kỳ thi chọn đội tuyển dự thi Olympic quốc tế, khu vực khi chưa "
     "công khai"),
    ("trainees", "1", "2", Level.TOI_MAT,
     "Thông tin về cán bộ quân đội, công an, cơ yếu được cử đi đào tạo trong nước và nước ngoài "
     "mà bên cử yêu cầu bảo vệ"),
    ("ideology", "2", "1", Level.MAT,
     "Tài liệu phản ánh, đánh giá tình hình tư tưởng, đời sống của nhà giáo, cán bộ quản lý, "
     "người học có ảnh hưởng tiêu cực đến chính trị, an ninh, đối ngoại, trật tự an toàn xã hội"),
    ("exam_site", "2", "2", Level.MAT,
     "Địa điểm làm đề thi, in sao đề thi; nhân sự Ban ra đề, Ban in sao đề thi; phương án vận "
     "chuyển, bảo quản, bảo vệ đề thi khi chưa công khai"),
)


def ensure_catalog() -> dict[str, CatalogItem]:
    """The demo's catalog items by key: the shipped sample, then whatever it lacks."""
    do_import_catalog(load_sample(), keep_existing=True, actor=None)
    catalog, _ = Catalog.objects.get_or_create(
        decision_number=DECISION,
        defaults={"decision_date": dt.date(2023, 5, 19), "sector": "Giáo dục và đào tạo",
                  "source": "Dữ liệu mẫu bmnn (trích lược)"},
    )
    items: dict[str, CatalogItem] = {}
    for key, article, clause, level, text in ITEMS:
        items[key], _ = CatalogItem.objects.get_or_create(
            catalog=catalog, article=article, clause=clause, point="",
            defaults={"level": level.value, "text": text, "search_text": fold(text)},
        )
    return items
