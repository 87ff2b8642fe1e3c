"""The self-inspection report ("Báo cáo kết quả tự kiểm tra công tác bảo vệ bí mật nhà nước"):
a pure builder from plain data — a self-inspection result (the JSON `bmnn inspect` prints), the
remediation plan, the conclusion — to a document model a writer prints. Findings are grouped by
the sections of letter 261/X05-P5, counted in what each category counts ("41 văn bản").

The same plain data is what a report package will carry, so an oversight installation with no
registry rows renders the same report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bmnn.reports.registers import format_date, format_int

STATUS_WORDS = {
    "found": "Có vi phạm, thiếu sót",
    "none": "Không phát hiện",
    "no_data": "Chưa đủ dữ liệu để kết luận",
    "unanswered": "Chưa trả lời, chờ xác nhận",
}


@dataclass(frozen=True)
class Signer:
    """The signature block: "KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC" or just "GIÁM ĐỐC", and the name."""

    title: str
    name: str
    on_behalf: str = ""


@dataclass(frozen=True)
class RemediationLine:
    category_title: str
    unit_name: str
    count: int
    person: str
    task: str
    responsibility: str
    deadline: dt.date
    status: str
    overdue: bool = False


@dataclass(frozen=True)
class SectionSpec:
    title: str
    category_ids: tuple[str, ...]


@dataclass(frozen=True)
class SelfInspectionInput:
    """Everything the report says, as plain values."""

    parent_name: str
    unit_name: str
    place: str
    on: dt.date
    result: dict[str, Any]
    sections: tuple[SectionSpec, ...]
    covered_units: tuple[str, ...] = ()
    number: str = ""
    plan_ref: str = ""
    team: str = ""
    remediation: tuple[RemediationLine, ...] = ()
    conclusion: str = ""
    signer: Signer | None = None
    previous: dict[str, Any] | None = None
    recipients: tuple[str, ...] = (
        "Công an tỉnh (cơ quan thường trực Ban Chỉ đạo bảo vệ BMNN);",
        "Lãnh đạo đơn vị;",
        "Lưu: VT, hồ sơ tự kiểm tra.",
    )


@dataclass(frozen=True)
class FindingLine:
    title: str
    status: str
    quantity: int
    counted: str
    note: str = ""

    @property
    def sentence(self) -> str:
        """ "41 văn bản: cấp phó ký…" as letter 261 counts; a lone unit's own finding is stated as it is."""
        if self.status == "found":
            if self.counted == "đơn vị" and self.quantity == 1:
                return f"{self.title}."
            return f"{format_int(self.quantity)} {self.counted}: {_lower_first(self.title)}."
        why = f": {self.note}" if self.note else ""
        return f"Chưa đủ căn cứ kết luận về nội dung “{self.title}”{why}."


@dataclass(frozen=True)
class ReportSection:
    number: int
    title: str
    found: list[FindingLine]
    open_questions: list[FindingLine]


@dataclass
class SelfInspectionReport:
    parent_name: str
    unit_name: str
    number: str
    place_date: str
    intro: list[str]
    sections: list[ReportSection]
    summary_rows: list[tuple[str, str, str, str]]
    comparison: list[str]
    remediation: tuple[RemediationLine, ...]
    conclusion: list[str]
    signer: Signer | None
    recipients: tuple[str, ...]
    annex: list[tuple[str, list[tuple[str, str, str]]]] = field(default_factory=list)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def place_date(place: str, on: dt.date) -> str:
    """ "Lào Cai, ngày 04 tháng 5 năm 2026" (Nghị định 30/2020: day and month below 10 written 0x
    for the day and for January and February)."""
    month = f"{on.month:02d}" if on.month < 3 else str(on.month)
    return f"{place}, ngày {on.day:02d} tháng {month} năm {on.year}"


def _intro(data: SelfInspectionInput) -> list[str]:
    period = data.result["period"]
    first, last = dt.date.fromisoformat(period["from"]), dt.date.fromisoformat(period["to"])
    as_of = dt.date.fromisoformat(data.result.get("as_of", period["to"]))
    basis = f"Thực hiện {data.plan_ref}, " if data.plan_ref else ""
    scope = data.unit_name + (
        f" và {len(data.covered_units) - 1} đơn vị trực thuộc, sáp nhập"
        if len(data.covered_units) > 1
        else ""
    )
    lines = [
        f"{basis}{data.unit_name} đã tiến hành tự kiểm tra việc chấp hành các quy định của pháp luật "
        "về bảo vệ bí mật nhà nước và an ninh mạng theo khoản 2 Điều 25 Luật Bảo vệ bí mật nhà nước.",
        f"Phạm vi: {scope}. Kỳ kiểm tra: từ ngày {format_date(first)} đến ngày {format_date(last)}; "
        f"số liệu tính đến ngày {format_date(as_of)}.",
        "Phương pháp: đối chiếu dữ liệu sổ đăng ký, tờ trình đề xuất độ mật, sổ sao, chụp, sổ chuyển giao, "
        "quyết định gia hạn, giải mật, tiêu hủy trên phần mềm bmnn (kể cả sổ giấy đã nhập); bảng kiểm có "
        "bằng chứng; danh mục máy tính, hệ thống thông tin và kết quả quét máy tính.",
    ]
    if data.team:
        lines.insert(
            1,
            "Thành phần tổ kiểm tra: "
            + "; ".join(t.strip() for t in data.team.splitlines() if t.strip())
            + ".",
        )
    return lines


def _sections(data: SelfInspectionInput, by_id: dict[str, dict[str, Any]]) -> list[ReportSection]:
    sections = []
    for number, spec in enumerate(data.sections, start=1):
        lines = [
            FindingLine(
                c["title"], c["status"], int(c.get("quantity", c["count"])), c["counted"], c.get("note", "")
            )
            for c in (by_id[i] for i in spec.category_ids if i in by_id)
        ]
        sections.append(
            ReportSection(
                number,
                spec.title,
                [x for x in lines if x.status == "found"],
                [x for x in lines if x.status in ("no_data", "unanswered")],
            )
        )
    return sections


def _quantity(result: dict[str, Any] | None) -> int:
    return int(result.get("quantity", result["count"])) if result and result["status"] == "found" else 0


def _change(c: dict[str, Any], old: dict[str, Any] | None) -> str:
    """One category's change: remedied only when it went from found to none — a finding the
    data merely stopped showing (no data, unanswered) is not a remedy."""
    title, counted = _lower_first(c["title"]), c["counted"]
    was, now = _quantity(old), _quantity(c)
    if was and not now:
        if c["status"] == "none":
            return f"Đã khắc phục: {title} (lần trước {format_int(was)} {counted})."
        return (f"Chưa đủ căn cứ so sánh: {title} (lần trước {format_int(was)} {counted}, "
                "lần này chưa đủ dữ liệu).")
    if now and not was:
        before = "" if old is None or old["status"] == "none" else " (lần trước chưa đủ dữ liệu để kết luận)"
        return f"Mới phát hiện: {title} ({format_int(now)} {counted}){before}."
    if now != was:
        direction, word = ("Giảm", "xuống") if now < was else ("Tăng", "lên")
        return f"{direction} từ {format_int(was)} {word} {format_int(now)} {counted}: {title}."
    return ""


def comparison(result: dict[str, Any], previous: dict[str, Any] | None) -> list[str]:
    if not previous or not previous.get("categories"):  # none, or one recorded without its result
        return ["Đây là lần tự kiểm tra đầu tiên trên phần mềm; chưa có số liệu để so sánh."]
    before = {c["id"]: c for c in previous["categories"]}
    lines = [line for c in result["categories"] if (line := _change(c, before.get(c["id"])))]
    return lines or ["Kết quả không thay đổi so với lần tự kiểm tra trước."]


def _annex(result: dict[str, Any]) -> list[tuple[str, list[tuple[str, str, str]]]]:
    return [
        (c["title"], [(r["label"], r.get("evidence", ""), r.get("since") or "") for r in c["records"]])
        for c in result["categories"]
        if c["status"] == "found"
    ]


def build_self_inspection(data: SelfInspectionInput) -> SelfInspectionReport:
    """The report's document model (no I/O)."""
    by_id = {c["id"]: c for c in data.result["categories"]}
    summary = [
        (
            c["title"],
            STATUS_WORDS[c["status"]],
            format_int(int(c.get("quantity", c["count"]))) + f" {c['counted']}"
            if c["status"] == "found"
            else "",
            c.get("note", ""),
        )
        for c in data.result["categories"]
    ]
    conclusion = [p.strip() for p in data.conclusion.splitlines() if p.strip()] or [
        "(Thủ trưởng đơn vị chưa kết luận lần tự kiểm tra này.)"
    ]
    return SelfInspectionReport(
        parent_name=data.parent_name,
        unit_name=data.unit_name,
        number=data.number,
        place_date=place_date(data.place, data.on),
        intro=_intro(data),
        sections=_sections(data, by_id),
        summary_rows=summary,
        comparison=comparison(data.result, data.previous),
        remediation=data.remediation,
        conclusion=conclusion,
        signer=data.signer,
        recipients=data.recipients,
        annex=_annex(data.result),
    )
