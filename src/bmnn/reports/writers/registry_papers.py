"""The papers a secrets office prints from its records, as paper_model.Paper: the classification
proposal (tờ trình đề xuất độ mật, Điều 2 Nghị định 26/2020/NĐ-CP), the delegation (giấy ủy
quyền), the handover minutes (biên bản bàn giao, itemised) and the destruction minutes (biên bản
tiêu hủy). Each reads one record and prints what it holds; a document above the reader's
clearance is listed by its level only, and lists carry no summaries (số, ký hiệu, độ mật)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from bmnn.law.levels import Level
from bmnn.org.models import Delegation, DelegationScope, Person, Unit
from bmnn.registry.actions.disposal import DOSSIER_ITEMS
from bmnn.registry.models import Destruction, Document, Handover, HandoverReason, Proposal
from bmnn.registry.rules import pack_for
from bmnn.reports.registers import format_date, format_seq
from bmnn.reports.self_inspection import place_date
from bmnn.reports.writers.paper_model import Block, Paper, Signature, Table

BLANK = "……………"
LIST_COLUMNS = ("STT", "Số, ký hiệu", "Ngày tháng", "Tên loại", "Độ mật", "Số bản")
LIST_WIDTHS = (12.0, 40.0, 25.0, 43.0, 25.0, 20.0)


def level_name(code: str) -> str:
    return Level(code).label if code in Level.__members__.values() else code


def who(person: Person | None) -> str:
    if person is None:
        return BLANK
    return f"{person.full_name}, {person.position.title}" if person.position else person.full_name


def _head(unit: Unit) -> Person | None:
    return unit.people.filter(active=True, position__is_head=True, position__unit=unit) \
        .select_related("position").first()


def _head_title(unit: Unit) -> str:
    head = _head(unit)
    return f"{head.position.title} {unit.name}" if head and head.position else f"Thủ trưởng {unit.name}"


def body_names(unit: Unit) -> tuple[str, str]:
    return (unit.parent.name if unit.parent else ""), unit.name


def paper_number(ref: str, symbol: str) -> str:
    """"Số: 01/BB-BGTL" from a reference written "01/BB-BGTL ngày 01/7/2025"; blank to fill."""
    number = ref.split(" ngày ")[0].strip()
    return f"Số: {number}" if number else f"Số:        /{symbol}"


def _doc_date(document: Document) -> dt.date | None:
    return document.determined_on or document.arrival_date


def document_rows(
    documents: Iterable[Document], hidden_levels: Collection[str],
) -> tuple[tuple[str, ...], ...]:
    """One row a document: number, date, type, level and copies; above the reader's clearance,
    the level only (as the registers print such a line)."""
    rows = []
    for index, document in enumerate(documents, start=1):
        if document.level in hidden_levels:
            rows.append((format_seq(index), "(vượt mức tiếp cận của người in)", "", "",
                         level_name(document.level), ""))
            continue
        rows.append((format_seq(index), document.number_symbol or "(chưa có số)",
                     format_date(_doc_date(document)), document.doc_type, level_name(document.level),
                     str(document.copies_issued) if document.copies_issued else ""))
    return tuple(rows)


def proposal_paper(proposal: Proposal, *, place: str) -> Paper:
    """The drafter's tờ trình asking the head to classify a draft: level, catalog basis, recipients
    and copies, copy permission; the decision, when taken, under "Ý kiến của người có thẩm quyền"."""
    document, unit = proposal.document, proposal.document.unit
    on = proposal.submitted_at.date()
    what = document.doc_type + (f" “{document.summary}”" if document.summary else "")
    recipients = "; ".join(f"{r.name} ({r.copies} bản)" for r in document.recipients.all())
    copies = document.copies_issued or sum(r.copies for r in document.recipients.all())
    basis = [f"{item.citation}: {item.text.rstrip('. ')}"
             for item in proposal.basis.select_related("catalog")]
    blocks = [
        Block(f"Căn cứ {pack_for(on).value('cite_proposal')};"),
        *(Block(f"Căn cứ {line};") for line in basis),
        Block(f"{proposal.drafter.full_name} đề nghị {_head_title(unit)} xác định độ mật đối với {what} "
              "như sau:"),
        Block(f"1. Độ mật đề xuất: {level_name(proposal.level).upper()}.", bold=True),
        Block("2. Căn cứ danh mục bí mật nhà nước: " + ("; ".join(basis) if basis else "chưa có căn cứ")
              + "."),
        *([Block(f"3. Lý do độ mật khác độ mật cao nhất của căn cứ: {proposal.level_reason}.")]
          if proposal.level_reason else []),
        Block(f"{'4' if proposal.level_reason else '3'}. Nơi nhận và số lượng bản phát hành: "
              f"{recipients or BLANK} (tổng {copies} bản)."),
        Block(f"{'5' if proposal.level_reason else '4'}. "
              + ("Được phép sao, chụp." if proposal.copy_permitted else "Không được phép sao, chụp.")),
        Block(f"Kính trình {_head_title(unit)} xem xét, quyết định./."),
    ]
    decided = proposal.decided_by
    decision = Signature("Ý kiến phê duyệt", name=decided.full_name if decided else "",
                         instruction=_decision_text(proposal))
    return Paper(
        parent_name=body_names(unit)[0], unit_name=unit.name,
        number=paper_number("", "TTr"),
        place_date=place_date(place, on), title="TỜ TRÌNH",
        subject=f"Về việc đề xuất độ mật của {document.doc_type.lower()}",
        addressee=f"Kính gửi: {_head_title(unit)}", blocks=tuple(blocks),
        signatures=(decision, Signature("Người đề xuất", name=proposal.drafter.full_name)),
        mark=level_name(proposal.level).upper(), file_name=f"to-trinh-de-xuat-do-mat-{proposal.pk}.docx")


def _decision_text(proposal: Proposal) -> str:
    if proposal.decided_at is None:
        return "(Duyệt / Không duyệt; ký, ghi rõ họ tên)"
    verdict = "Đồng ý" if proposal.status == "approved" else "Không đồng ý"
    note = f" {proposal.decision_note}" if proposal.decision_note else ""
    return f"{verdict} ngày {format_date(proposal.decided_at.date())}.{note}"


def delegation_paper(delegation: Delegation, *, place: str) -> Paper:
    """The head's written delegation to a deputy: who, which powers, from when to when."""
    unit = delegation.unit
    scopes = [str(DelegationScope(s).label) if s in DelegationScope.values else s for s in delegation.scopes]
    until = (f" đến hết ngày {format_date(delegation.valid_to)}" if delegation.valid_to
             else " cho đến khi có văn bản thu hồi")
    blocks = (
        Block(f"Căn cứ {pack_for(delegation.doc_date).rule('classify_authority').source};"),
        Block("Căn cứ quy chế bảo vệ bí mật nhà nước của cơ quan, đơn vị;"),
        Block(f"Người ủy quyền: {who(delegation.from_person)}.", indent=False),
        Block(f"Người được ủy quyền: {who(delegation.to_person)}.", indent=False),
        Block("Nội dung ủy quyền: thực hiện thay người đứng đầu các việc sau đối với bí mật nhà nước của "
              f"{unit.name}:", indent=False),
        *(Block(f"- {scope};") for scope in scopes),
        Block(f"Thời hạn ủy quyền: từ ngày {format_date(delegation.valid_from)}{until}."),
        Block("Người được ủy quyền không được ủy quyền lại cho người khác; chịu trách nhiệm trước người ủy "
              "quyền và trước pháp luật về việc thực hiện nội dung được ủy quyền./."),
    )
    return Paper(
        parent_name=body_names(unit)[0], unit_name=unit.name,
        number=paper_number(delegation.doc_number, "GUQ"),
        place_date=place_date(place, delegation.doc_date), title="GIẤY ỦY QUYỀN",
        subject="Thực hiện nhiệm vụ bảo vệ bí mật nhà nước", blocks=blocks,
        signatures=(Signature("Người được ủy quyền", name=delegation.to_person.full_name),
                    Signature("Người ủy quyền", name=delegation.from_person.full_name)),
        recipients=(delegation.to_person.full_name, "Văn thư (để theo dõi)", "Lưu: VT"),
        file_name=f"giay-uy-quyen-{delegation.pk}.docx")


def handover_paper(handover: Handover, *, place: str, hidden_levels: Collection[str] = ()) -> Paper:
    """The minutes of a handover between units, itemised, signed by both sides."""
    documents = list(handover.documents.order_by("pk"))
    giver, taker = handover.from_unit, handover.to_unit
    blocks = (
        Block(f"Hôm nay, ngày {format_date(handover.handed_on)}, tại {giver.name}, chúng tôi gồm:"),
        Block(f"Bên giao: {giver.name} — {who(handover.handed_by)}.", bold=True, indent=False),
        Block(f"Bên nhận: {taker.name} — {who(handover.received_by)}.", bold=True, indent=False),
        Block(f"Lý do bàn giao: {HandoverReason(handover.reason).label}."),
        Block(f"Bên giao đã bàn giao cho bên nhận {len(documents)} tài liệu, vật chứa bí mật nhà nước sau "
              "(ghi theo số, ký hiệu và độ mật, không ghi trích yếu):",
              table=Table(LIST_COLUMNS, LIST_WIDTHS, document_rows(documents, hidden_levels))),
        Block("Bên nhận đã kiểm tra, đối chiếu đủ số lượng, tình trạng niêm phong của tài liệu và chịu trách "
              "nhiệm quản lý, bảo vệ tài liệu từ ngày nhận. Biên bản lập thành 02 bản có giá trị như nhau, "
              "mỗi bên giữ 01 bản./."),
    )
    return Paper(
        parent_name=body_names(giver)[0], unit_name=giver.name,
        number=paper_number(handover.minutes_ref, "BB"),
        place_date=place_date(place, handover.handed_on), title="BIÊN BẢN",
        subject="Bàn giao tài liệu, vật chứa bí mật nhà nước", blocks=blocks,
        signatures=(Signature("Đại diện bên nhận", name=handover.received_by.full_name),
                    Signature("Đại diện bên giao", name=handover.handed_by.full_name)),
        note=masked_note(documents, hidden_levels), file_name=f"bien-ban-ban-giao-{handover.pk}.docx")


def destruction_paper(destruction: Destruction, *, place: str, hidden_levels: Collection[str] = ()) -> Paper:
    """The minutes of a destruction (Điều 23 Luật Bảo vệ BMNN): the council, the decision, the
    documents destroyed, the dossier; an urgent destruction names its reason and report."""
    unit = destruction.unit
    documents = list(destruction.documents.order_by("pk"))
    decider = who(destruction.decided_by)
    council = [line.strip(" -;") for line in destruction.council.replace(";", "\n").splitlines()
               if line.strip(" -;")]
    if destruction.urgent:
        opening = [Block(f"Hôm nay, ngày {format_date(destruction.destroyed_on)}, tại {unit.name}, "
                         f"{decider} đã tiêu hủy ngay các tài liệu dưới đây để tránh nguy hại (điểm b "
                         "khoản 1 Điều 23 Luật Bảo vệ bí mật nhà nước)."),
                   Block(f"Lý do phải tiêu hủy ngay: {destruction.urgent_reason}."),
                   Block(f"Văn bản báo cáo người đứng đầu: {destruction.report_ref or BLANK}.")]
        signatures = (Signature("Người chứng kiến"), Signature("Người thực hiện tiêu hủy",
                                                               name=destruction.decided_by.full_name))
    else:
        opening = [Block(f"Thực hiện Quyết định số {destruction.decision_number} ngày "
                         f"{format_date(destruction.decided_on)} của {decider} về việc tiêu hủy tài liệu, "
                         "vật chứa bí mật nhà nước;"),
                   Block(f"Hôm nay, ngày {format_date(destruction.destroyed_on)}, tại {unit.name}, "
                         "Hội đồng tiêu hủy tài liệu, vật chứa bí mật nhà nước gồm:"),
                   *(Block(f"- {member};", indent=False) for member in council)]
        signatures = (Signature("Thư ký Hội đồng"), Signature("Chủ tịch Hội đồng", on_behalf="TM. Hội đồng"))
    dossier = [DOSSIER_ITEMS.get(key, key) for key in destruction.dossier]
    blocks = (
        *opening,
        Block(f"Đã tiến hành tiêu hủy {len(documents)} tài liệu, vật chứa bí mật nhà nước sau (ghi theo số, "
              "ký hiệu và độ mật, không ghi trích yếu):",
              table=Table(LIST_COLUMNS, LIST_WIDTHS, document_rows(documents, hidden_levels))),
        Block("Hình thức tiêu hủy: " + BLANK + " (bảo đảm không thể phục hồi, khai thác, sử dụng)."),
        *([Block("Hồ sơ tiêu hủy gồm: " + "; ".join(dossier) + ".")] if dossier else []),
        Block("Việc tiêu hủy kết thúc vào hồi …… giờ …… cùng ngày. Biên bản được lập thành 02 bản, lưu "
              "trong hồ sơ tiêu hủy./."),
    )
    return Paper(
        parent_name=body_names(unit)[0], unit_name=unit.name,
        number=paper_number(destruction.minutes_ref, "BB"),
        place_date=place_date(place, destruction.destroyed_on), title="BIÊN BẢN",
        subject="Tiêu hủy tài liệu, vật chứa bí mật nhà nước", blocks=blocks, signatures=signatures,
        note=masked_note(documents, hidden_levels), file_name=f"bien-ban-tieu-huy-{destruction.pk}.docx")


def masked_note(documents: list[Document], hidden_levels: Collection[str]) -> str:
    hidden = sum(1 for d in documents if d.level in hidden_levels)
    if not hidden:
        return ""
    return (f"Bản in này không ghi số, ký hiệu của {hidden} tài liệu có độ mật vượt mức người in được tiếp "
            "cận; bản lưu hồ sơ do người có đủ mức tiếp cận in.")
