"""Vietnamese vocabulary for the generated registry: units, people, document types, summaries.

Summaries are built from topic × scope × period, so search words repeat the way they do in a
real register ("báo cáo", "kế hoạch", "an ninh", "thi tốt nghiệp") without every line being
the same.
"""

from __future__ import annotations

import random

PROVINCE = ("T01", "UBND tỉnh Lào Cai", "UBND")

# (code, name, abbreviation used in document symbols, kind)
DEPARTMENTS: list[tuple[str, str, str, str]] = [
    ("S01", "Văn phòng UBND tỉnh", "VPUBND", "department"),
    ("S02", "Sở Nội vụ", "SNV", "department"),
    ("S03", "Sở Tư pháp", "STP", "department"),
    ("S04", "Sở Tài chính", "STC", "department"),
    ("S05", "Sở Công Thương", "SCT", "department"),
    ("S06", "Sở Nông nghiệp và Môi trường", "SNNMT", "department"),
    ("S07", "Sở Xây dựng", "SXD", "department"),
    ("S08", "Sở Khoa học và Công nghệ", "SKHCN", "department"),
    ("S09", "Sở Giáo dục và Đào tạo", "SGDĐT", "department"),
    ("S10", "Sở Y tế", "SYT", "department"),
    ("S11", "Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "department"),
    ("S12", "Sở Dân tộc và Tôn giáo", "SDTTG", "department"),
    ("S13", "Sở Ngoại vụ", "SNgV", "department"),
    ("S14", "Thanh tra tỉnh", "TTr", "department"),
    ("S15", "Công an tỉnh", "CAT", "police"),
    ("S16", "Bộ Chỉ huy Quân sự tỉnh", "BCHQS", "department"),
    ("S17", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "BĐBP", "department"),
    ("S18", "Ban Quản lý Khu kinh tế tỉnh", "BQLKKT", "department"),
    ("S19", "Đài Phát thanh và Truyền hình tỉnh", "PTTH", "department"),
    ("S20", "Trường Chính trị tỉnh", "TCT", "department"),
    ("S21", "Bảo hiểm xã hội tỉnh", "BHXH", "department"),
    ("S22", "Kho bạc Nhà nước khu vực", "KBNN", "department"),
    ("S23", "Thuế tỉnh", "TCT-T", "department"),
    ("S24", "Hải quan cửa khẩu quốc tế", "HQ", "department"),
    ("S25", "Ngân hàng Nhà nước chi nhánh tỉnh", "NHNN", "department"),
    ("S26", "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "VPĐĐBQH", "department"),
    ("S27", "Ủy ban MTTQ Việt Nam tỉnh", "MTTQ", "department"),
    ("S28", "Liên đoàn Lao động tỉnh", "LĐLĐ", "department"),
    ("S29", "Ban Quản lý dự án đầu tư xây dựng tỉnh", "BQLDA", "department"),
    ("S30", "Sở Kế hoạch và Đầu tư (đã sáp nhập)", "SKHĐT", "department"),
]

_PLACE_A = ["Bảo", "Bát", "Cốc", "Mường", "Sa", "Bắc", "Văn", "Phong", "Gia", "Trịnh", "Tân",
            "Nghĩa", "Minh", "Quang", "Xuân", "Hợp", "Thái", "Yên", "Lương", "Đồng"]
_PLACE_B = ["Thắng", "Xát", "San", "Khương", "Pa", "Hà", "Bàn", "Niên", "Phú", "Tường", "An",
            "Đô", "Lộc", "Kim", "Sơn", "Thành", "Hưng", "Bình", "Thịnh", "Hải"]


def commune_names(count: int, rng: random.Random) -> list[str]:
    pairs = [f"{a} {b}" for a in _PLACE_A for b in _PLACE_B]
    rng.shuffle(pairs)
    return [f"UBND xã {p}" if i % 7 else f"UBND phường {p}" for i, p in enumerate(pairs[:count])]


_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
           "Dương", "Lý", "Giàng", "Lò", "Sùng", "Vàng", "Lù"]
_MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quốc", "Ngọc", "Thanh", "Hữu", "Mạnh"]
_GIVEN = ["Hùng", "Lan", "Nam", "Hoa", "Minh", "Thu", "Dũng", "Hương", "Tuấn", "Hằng", "Sơn",
          "Trang", "Thắng", "Mai", "Quân", "Yến", "Phúc", "Chiến", "Dế", "Páo", "Sính", "Chứ"]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"


# (document type, symbol abbreviation, weight)
DOC_TYPES: list[tuple[str, str, int]] = [
    ("Báo cáo", "BC", 30), ("Công văn", "", 22), ("Kế hoạch", "KH", 14),
    ("Quyết định", "QĐ", 8), ("Tờ trình", "TTr", 6), ("Thông báo", "TB", 6),
    ("Biên bản", "BB", 4), ("Phương án", "PA", 4), ("Đề án", "ĐA", 2),
    ("Chỉ thị", "CT", 2), ("Hướng dẫn", "HD", 2),
]

_TOPICS = [
    "công tác bảo vệ bí mật nhà nước", "tình hình an ninh trật tự trên địa bàn",
    "kết quả thanh tra, kiểm tra công tác bảo vệ bí mật nhà nước",
    "phương án bảo vệ kỳ thi tốt nghiệp trung học phổ thông", "in sao đề thi tốt nghiệp",
    "quy hoạch cán bộ lãnh đạo, quản lý", "công tác tuyển chọn và gọi công dân nhập ngũ",
    "đấu tranh phòng, chống tội phạm ma túy", "bảo đảm an ninh mạng và an toàn thông tin",
    "diễn tập khu vực phòng thủ", "sắp xếp đơn vị hành chính cấp xã",
    "dự toán ngân sách quốc phòng, an ninh", "giải quyết khiếu nại, tố cáo phức tạp",
    "quản lý, bảo vệ đường biên giới quốc gia", "tình hình dân tộc, tôn giáo",
    "phòng, chống thiên tai và tìm kiếm cứu nạn", "bảo vệ chính trị nội bộ",
    "điều tra vụ án tham nhũng", "phương án bảo vệ mục tiêu trọng điểm",
    "kết quả tự kiểm tra công tác bảo vệ bí mật nhà nước", "tiếp nhận hồ sơ đối tượng",
    "bảo đảm an ninh các cửa khẩu", "công tác đối ngoại và hợp tác biên giới",
    "kiểm kê tài liệu mật lưu trữ", "tiêu hủy tài liệu bí mật nhà nước hết giá trị",
    "kế hoạch phòng thủ dân sự", "nhân sự đại hội đảng bộ", "thẩm định dự án đầu tư có yếu tố nước ngoài",
]
_SCOPES = ["", "trên địa bàn tỉnh", "tại các xã biên giới", "của ngành", "tại đơn vị",
           "khu vực cửa khẩu", "trong lực lượng vũ trang", "tại các trường học"]
_PERIODS = ["năm {y}", "6 tháng đầu năm {y}", "quý I năm {y}", "quý II năm {y}", "quý III năm {y}",
            "tháng {m}/{y}", "giai đoạn {y}–{y2}", "đợt {m} năm {y}"]

ISSUERS = [
    ("Bộ Công an", "BCA"), ("Văn phòng Chính phủ", "VPCP"), ("Bộ Quốc phòng", "BQP"),
    ("Tỉnh ủy Lào Cai", "TU"), ("Ban Chỉ đạo công tác bảo vệ BMNN tỉnh", "BCĐ"),
    ("Bộ Nội vụ", "BNV"), ("Bộ Giáo dục và Đào tạo", "BGDĐT"), ("Bộ Tài chính", "BTC"),
    ("Bộ Ngoại giao", "BNG"), ("Cục An ninh chính trị nội bộ", "ANCTNB"),
]

LEVELS: list[tuple[str, str, int]] = [
    ("mat", "Mật", 70), ("toi_mat", "Tối mật", 27), ("tuyet_mat", "Tuyệt mật", 3),
]
COPY_FORMS = ["Sao y", "Sao lục", "Trích sao", "Chụp"]
CHANNELS = ["Chuyển trực tiếp", "Qua giao liên KT1", "Mạng cơ yếu"]


def summary(rng: random.Random, year: int) -> str:
    text = rng.choice(_TOPICS)
    scope = rng.choice(_SCOPES)
    if scope:
        text += f" {scope}"
    period = rng.choice(_PERIODS).format(y=year, y2=year + rng.randint(1, 5), m=rng.randint(1, 12))
    return f"{text} {period}"


def weighted(rng: random.Random, table: list[tuple[str, str, int]]) -> tuple[str, str]:
    total = sum(w for _, _, w in table)
    pick = rng.random() * total
    for a, b, w in table:
        pick -= w
        if pick < 0:
            return a, b
    return table[-1][0], table[-1][1]


# Search words a clerk types, without diacritics as they often do.
TYPICAL_QUERIES = [
    "bao cao", "ke hoach", "an ninh", "thi tot nghiep", "bien gioi", "ma tuy", "bao ve bi mat",
    "tuyen quan", "tieu huy", "cong van", "quy hoach can bo", "an ninh mang", "ton giao",
]
