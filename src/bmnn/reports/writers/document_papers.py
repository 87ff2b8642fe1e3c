"""Papers about one document: its record sheet (phiếu theo dõi tài liệu bí mật nhà nước: every
fact bmnn holds about it, from classification to disposal), the loss report sent to the head and
the police (báo cáo mất tài liệu, Điều 5 Luật Bảo vệ BMNN), and the destruction council's minutes
(biên bản họp Hội đồng tiêu hủy). Same paper model and writer as registry_papers."""

from __future__ import annotations

import datetime as dt

from bmnn.law.copying import CopyForm
from bmnn.law.transfer import Channel
from bmnn.registry.actions.disposal import DOSSIER_ITEMS
from bmnn.registry.models import Destruction, Document, LifeDecisionKind, Loss
from bmnn.reports.registers import format_date
from bmnn.reports.self_inspection import place_date
from bmnn.reports.writers.paper_model import Block, Paper, Signature, Table
from bmnn.reports.writers.registry_papers import (
    BLANK,
    LIST_COLUMNS,
    LIST_WIDTHS,
    body_names,
    document_rows,
    level_name,
    masked_note,
    paper_number,
    who,
)


def _label(enum: type[Channel] | type[CopyForm], code: str) -> str:
    return enum(code).label if code in enum.__members__.values() else code


def _facts(document: Document) -> Table:
    rows = [
        ("Số, ký hiệu", document.number_symbol or "(chưa có số)"),
        ("Tên loại, trích yếu", document.title),
        ("Độ mật", level_name(document.level)),
        ("Cơ quan ban hành", document.issuer_name or document.unit.name),
        ("Ngày xác định độ mật", format_date(document.determined_on) or BLANK),
        ("Ngày đến, số đến", f"{format_date(document.arrival_date)}, số {document.arrival_number:02d}"
         if document.arrival_date and document.arrival_number else "—"),
        ("Người soạn thảo", document.drafter_name or "—"),
        ("Người ký", document.signer_name or "—"),
        ("Số lượng bản phát hành", str(document.copies_issued or "—")),
        ("Sao, chụp", "Được phép" if document.copy_permitted else "Không được phép"
         if document.copy_permitted is False else "—"),
        ("Thời hạn bảo vệ đến", format_date(document.protected_until) or "—"),
        ("Trạng thái", document.get_state_display()),
    ]
    return Table(("Nội dung", "Thông tin"), (55.0, 110.0), tuple(rows), plain=True)


def record_sheet(document: Document, *, place: str, on: dt.date) -> Paper:
    """Everything bmnn holds about one document, for its paper file."""
    recipients = tuple((r.name, str(r.copies), r.copy_numbers) for r in document.recipients.all())
    copies = tuple((format_date(c.copied_on), _label(CopyForm, c.form), f"{c.copy_from:02d}–{c.copy_to:02d}",
                    c.permitted_by.full_name) for c in document.copies.select_related("permitted_by"))
    transfers = tuple((format_date(t.sent_on), t.recipient_name, _label(Channel, t.channel),
                       f"{t.received_by_name}, {format_date(t.received_on)}" if t.received_on
                       else "Chưa ký nhận") for t in document.transfers.all())
    decisions = tuple((format_date(d.decided_on), LifeDecisionKind(d.kind).label, d.decision_number or "—")
                      for d in document.decisions.all())
    blocks = [Block("I. THÔNG TIN TÀI LIỆU", bold=True, indent=False, table=_facts(document))]
    if recipients:
        blocks.append(Block("II. NƠI NHẬN", bold=True, indent=False,
                            table=Table(("Nơi nhận", "Số bản", "Bản số"), (95.0, 25.0, 45.0), recipients,
                                        plain=True)))
    if copies:
        blocks.append(Block("III. SAO, CHỤP", bold=True, indent=False,
                            table=Table(("Ngày", "Hình thức", "Bản sao số", "Người cho phép"),
                                        (28.0, 45.0, 32.0, 60.0), copies)))
    if transfers:
        blocks.append(Block("IV. CHUYỂN GIAO", bold=True, indent=False,
                            table=Table(("Ngày gửi", "Nơi nhận", "Hình thức", "Ký nhận"),
                                        (25.0, 55.0, 40.0, 45.0), transfers)))
    if decisions:
        blocks.append(Block("V. GIA HẠN, ĐIỀU CHỈNH, GIẢI MẬT", bold=True, indent=False,
                            table=Table(("Ngày", "Nội dung", "Quyết định số"), (28.0, 92.0, 45.0),
                                        decisions)))
    return Paper(
        parent_name=body_names(document.unit)[0], unit_name=document.unit.name, number="",
        place_date=place_date(place, on), title="PHIẾU THEO DÕI",
        subject="Tài liệu, vật chứa bí mật nhà nước",
        blocks=tuple(blocks), signatures=(Signature("Người lập phiếu"),),
        mark=level_name(document.level).upper(),
        file_name=f"phieu-theo-doi-{document.pk}.docx")


def loss_report(loss: Loss, *, place: str) -> Paper:
    """The report of a lost document to the head and the police, from the loss record."""
    document, unit = loss.document, loss.document.unit
    blocks = (
        Block(f"Ngày {format_date(loss.discovered_on)}, {unit.name} phát hiện mất tài liệu, vật chứa "
              "bí mật nhà nước sau:"),
        Block("", table=Table(LIST_COLUMNS, LIST_WIDTHS, document_rows([document], ()))),
        Block(f"Diễn biến: {loss.description.rstrip('. ')}."),
        Block(f"Người phát hiện, báo cáo: {who(loss.reported_by)}."),
        Block(f"Đã báo cáo: {loss.reported_to}."),
        Block("Biện pháp đã áp dụng để khắc phục hậu quả, truy tìm tài liệu: " + BLANK),
        Block(f"{unit.name} báo cáo để cơ quan có thẩm quyền biết, chỉ đạo./."),
    )
    return Paper(
        parent_name=body_names(unit)[0], unit_name=unit.name,
        number=paper_number("", "BC"),
        place_date=place_date(place, loss.discovered_on), title="BÁO CÁO",
        subject="Về việc mất tài liệu, vật chứa bí mật nhà nước",
        addressee=f"Kính gửi: {loss.reported_to}", blocks=blocks,
        signatures=(Signature("Thủ trưởng đơn vị", instruction="(Ký, ghi rõ họ tên, đóng dấu)"),),
        recipients=(loss.reported_to, "Lưu: VT"), mark=level_name(document.level).upper(),
        file_name=f"bao-cao-mat-tai-lieu-{loss.pk}.docx")


def council_minutes(
    destruction: Destruction, *, place: str, hidden_levels: frozenset[str] = frozenset(),
) -> Paper:
    """The destruction council's meeting: it examined the list and proposes destroying it."""
    unit = destruction.unit
    documents = list(destruction.documents.order_by("pk"))
    members = [line.strip(" -;") for line in destruction.council.replace(";", "\n").splitlines()
               if line.strip(" -;")]
    blocks = (
        Block(f"Hôm nay, ngày {format_date(destruction.decided_on)}, tại {unit.name}, Hội đồng tiêu hủy "
              "tài liệu, vật chứa bí mật nhà nước họp gồm:"),
        *(Block(f"- {member};", indent=False) for member in members),
        Block(f"Hội đồng đã xem xét danh sách {len(documents)} tài liệu, vật chứa bí mật nhà nước đề nghị "
              "tiêu hủy (ghi theo số, ký hiệu và độ mật, không ghi trích yếu):",
              table=Table(LIST_COLUMNS, LIST_WIDTHS, document_rows(documents, hidden_levels))),
        Block("Ý kiến của Hội đồng: các tài liệu trên không còn giá trị sử dụng, việc tiêu hủy không gây "
              "nguy hại đến lợi ích quốc gia, dân tộc."),
        Block(f"Kết luận: Hội đồng thống nhất đề nghị {who(destruction.decided_by)} quyết định tiêu hủy "
              f"{len(documents)} tài liệu nêu trên./."),
        *([Block("Hồ sơ kèm theo: " + "; ".join(DOSSIER_ITEMS.get(k, k) for k in destruction.dossier
                                                  if k in ("council_decision", "item_list")) + ".")]
          if destruction.dossier else []),
    )
    return Paper(
        parent_name=body_names(unit)[0], unit_name=unit.name,
        number=paper_number("", "BB"),
        place_date=place_date(place, destruction.decided_on), title="BIÊN BẢN",
        subject="Họp Hội đồng tiêu hủy tài liệu, vật chứa bí mật nhà nước", blocks=blocks,
        signatures=(Signature("Thư ký Hội đồng"), Signature("Chủ tịch Hội đồng", on_behalf="TM. Hội đồng")),
        note=masked_note(documents, hidden_levels), file_name=f"bien-ban-hop-hoi-dong-{destruction.pk}.docx")
