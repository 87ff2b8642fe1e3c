"""An administrative paper (văn bản hành chính) as plain data, ready for paper_docx: the heading
of Nghị định 30/2020/NĐ-CP (body, number, national title, place and date), a title and subject,
body blocks (paragraphs, numbered items, tables), "Nơi nhận" and one or more signatures."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Signature:
    """A signature block: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" over the signer's name, or a blank
    one with its instruction when the paper is printed to be signed by hand."""

    title: str
    name: str = ""
    on_behalf: str = ""  # "KT. GIÁM ĐỐC", "TM. HỘI ĐỒNG"
    instruction: str = "(Ký, ghi rõ họ tên)"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    widths: tuple[float, ...]  # mm, summing to the text width (165 mm on A4 portrait)
    rows: tuple[tuple[str, ...], ...]
    plain: bool = False  # every cell left-aligned (a sheet of facts), not centred numbers and dates


@dataclass(frozen=True)
class Block:
    """One piece of the body: a paragraph, a bold section heading, a table, or a picture (a chart
    as PNG, `image_width` mm wide)."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    indent: bool = True
    table: Table | None = None
    image: bytes | None = field(default=None, repr=False)
    image_width: float = 165.0


@dataclass(frozen=True)
class Paper:
    parent_name: str
    unit_name: str
    number: str  # "Số: 12/TTr-SGDĐT", or "Số:      /BB-…" to be filled by hand
    place_date: str
    title: str  # TỜ TRÌNH, GIẤY ỦY QUYỀN, BIÊN BẢN
    subject: str  # "Về việc …" / "Bàn giao tài liệu …"
    blocks: tuple[Block, ...]
    signatures: tuple[Signature, ...]
    addressee: str = ""  # "Kính gửi: Giám đốc Sở …"
    recipients: tuple[str, ...] = ()
    mark: str = ""  # the paper's own secrecy mark ("MẬT"), printed under the number
    note: str = ""  # a closing line in italics (what the paper leaves out and why)
    file_name: str = field(default="van-ban.docx", compare=False)
