"""Vietnamese administrative prose for the scan corpus: paragraphs, table rows, slide bullets.

Built from the registry bench's vocabulary (bench/corpus.py) so the words are the ones a secret
document really uses. Prose may mention "mật khẩu", "tài liệu mật", "độ Tuyệt mật" in running text:
those are decoys by nature, never marks.
"""

from __future__ import annotations

import random

from bench.corpus import DEPARTMENTS, ISSUERS, person_name, summary

_OPENINGS = [
    "Thực hiện {doc} số {n}/{abbr} ngày {d}/{m}/{y} của {issuer} về {topic}, {unit} báo cáo kết quả như sau:",
    "Căn cứ chức năng, nhiệm vụ được giao, {unit} đã triển khai {topic} theo đúng kế hoạch đề ra.",
    "Trong kỳ, {unit} đã tổ chức {k} cuộc kiểm tra về {topic}, phát hiện {j} trường hợp thiếu sót.",
    "Đồng chí {person} được phân công theo dõi, đôn đốc việc thực hiện {topic}.",
    "Kinh phí thực hiện {topic} năm {y} là {money} triệu đồng, được bố trí từ nguồn ngân sách địa phương.",
    "Đề nghị các cơ quan, đơn vị tiếp tục quán triệt, thực hiện nghiêm {topic}; "
    "báo cáo kết quả trước ngày {d}/{m}/{y}.",
    "Qua rà soát, có {k} máy tính chưa được kiểm tra an ninh, an toàn thông tin trước khi đưa vào sử dụng.",
    "Tổng số văn bản đi trong kỳ là {k} văn bản, văn bản đến là {j} văn bản, được vào sổ đầy đủ.",
]
# Running text that names secrecy words without being a mark (decoys of the kind prose carries).
_MENTIONS = [
    "Cán bộ phải thay đổi mật khẩu định kỳ ba tháng một lần và không ghi mật khẩu ra giấy.",
    "Không lưu trữ, soạn thảo tài liệu mật trên máy tính có kết nối mạng Internet.",
    "Văn bản có độ Tuyệt mật, Tối mật chỉ được sao, chụp khi được người có thẩm quyền cho phép.",
    'Văn bản đóng dấu "MẬT" phải được vào sổ đăng ký và quản lý theo quy định.',
    "Mẫu dấu độ mật gồm các loại TUYỆT MẬT, TỐI MẬT, MẬT theo Thông tư số 24/2020/TT-BCA.",
    "Mật độ dân số bình quân của xã là {k} người/km², tăng so với cùng kỳ năm trước.",
    "Sản lượng mật ong rừng của hợp tác xã đạt {k} lít, tiêu thụ chủ yếu trong tỉnh.",
    "Doanh nghiệp đề nghị bảo vệ bí mật kinh doanh trong quá trình thanh tra.",
    "Hội đồng đã xem xét đề xuất giải mật {k} tài liệu hết thời hạn bảo vệ.",
    "Ủy ban Mặt trận Tổ quốc xã phối hợp tuyên truyền về bảo mật thông tin cá nhân.",
]
_BULLETS = [
    "Rà soát danh mục bí mật nhà nước của ngành",
    "Kiện toàn cán bộ làm công tác bảo vệ bí mật nhà nước",
    "Kiểm tra máy tính soạn thảo văn bản",
    "Tập huấn nghiệp vụ cho văn thư",
    "Tự kiểm tra việc chấp hành quy định",
    "Báo cáo kết quả về Công an tỉnh",
]


def _fill(template: str, rng: random.Random) -> str:
    year = rng.randint(2021, 2026)
    department = rng.choice(DEPARTMENTS)
    issuer = rng.choice(ISSUERS)
    return template.format(
        doc=rng.choice(["Kế hoạch", "Công văn", "Chỉ thị", "Hướng dẫn"]),
        n=rng.randint(1, 999),
        abbr=f"KH-{issuer[1]}",
        d=rng.randint(1, 28),
        m=rng.randint(1, 12),
        y=year,
        issuer=issuer[0],
        topic=summary(rng, year),
        unit=department[1],
        k=rng.randint(2, 400),
        j=rng.randint(0, 40),
        person=person_name(rng),
        money=f"{rng.randint(10, 999)}.{rng.randint(0, 999):03d}",
    )


def paragraph(rng: random.Random, mentions: bool = True) -> str:
    """A paragraph of 3–6 sentences; now and then one mentions secrecy words in running text."""
    sentences = [_fill(rng.choice(_OPENINGS), rng) for _ in range(rng.randint(3, 6))]
    if mentions and rng.random() < 0.25:
        sentences.insert(rng.randrange(len(sentences) + 1), _fill(rng.choice(_MENTIONS), rng))
    return " ".join(sentences)


def title(rng: random.Random) -> str:
    """A document title in capitals, as Vietnamese administrative documents set it."""
    kind = rng.choice(["BÁO CÁO", "KẾ HOẠCH", "PHƯƠNG ÁN", "TỜ TRÌNH", "THÔNG BÁO"])
    return f"{kind}\n{summary(rng, rng.randint(2021, 2026)).capitalize()}"


def bullet(rng: random.Random) -> str:
    return rng.choice(_BULLETS)


def sheet_row(rng: random.Random, number: int) -> list[str | int]:
    """A register-like row: number, symbol, date, issuer, summary, copies, person, note."""
    year = rng.randint(2021, 2026)
    issuer = rng.choice(ISSUERS)
    return [
        number,
        f"{rng.randint(1, 999)}/{issuer[1]}",
        f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}",
        issuer[0],
        summary(rng, year),
        rng.randint(1, 12),
        person_name(rng),
        rng.randint(0, 50_000),
    ]


SHEET_HEADER = ["STT", "Số, ký hiệu", "Ngày", "Nơi ban hành", "Trích yếu", "Số bản", "Người nhận", "Số tiền"]


def unit_block(rng: random.Random) -> tuple[list[str], list[str]]:
    """The two-column heading of an administrative document: issuing body / national motto."""
    department = rng.choice(DEPARTMENTS)
    left = ["UBND TỈNH LÀO CAI", department[1].upper(), f"Số: {rng.randint(1, 999)}/BC-{department[2]}"]
    right = [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Lào Cai, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm {rng.randint(2021, 2026)}",
    ]
    return left, right
