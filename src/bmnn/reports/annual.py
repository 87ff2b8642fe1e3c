"""A report package's content as the administrative paper the receiver reads ("Báo cáo kết quả
công tác bảo vệ bí mật nhà nước năm …"): a pure builder from the plain data a package carries —
per-unit figures, self-inspection category statuses, remediation counts, the narrative — to a
paper model (writers/paper_model.Paper) with a chart of the findings. The sender and the receiver
render the same paper from the same data; nothing secret is in it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from bmnn.inspection.categories import vocabulary
from bmnn.reports.content import FIGURES, locality
from bmnn.reports.kinds import kind
from bmnn.reports.models import Filing
from bmnn.reports.self_inspection import place_date
from bmnn.reports.writers.chart_png import bar_chart_png
from bmnn.reports.writers.paper_model import Block, Paper, Signature, Table

TEXT = 165.0  # mm of text on A4 portrait


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _date(iso: str) -> str:
    day = dt.date.fromisoformat(iso[:10])
    return f"{day:%d/%m/%Y}"


def _figures(rows: list[dict[str, Any]]) -> Table:
    totals: Counter[str] = Counter()
    for row in rows:
        totals.update(row.get("figures", {}))
    return Table(
        columns=("STT", "Nội dung", "Số lượng"),
        widths=(15.0, 115.0, 35.0),
        rows=tuple(
            (str(i), label, _n(totals.get(key, 0))) for i, (key, label) in enumerate(FIGURES.items(), start=1)
        ),
    )


def _findings(rows: list[dict[str, Any]]) -> tuple[list[tuple[str, int, str, int]], int, int]:
    """Per category found (findings.yaml order): title, count, what it counts, units; and how many
    units reported a concluded self-inspection, of how many."""
    by_id = vocabulary().by_id()
    count: Counter[str] = Counter()
    units: Counter[str] = Counter()
    for row in rows:
        for item in row.get("categories", []):
            if item["status"] == "found" and item["count"]:
                count[item["id"]] += item["count"]
                units[item["id"]] += 1
    inspected = sum(1 for row in rows if (row.get("self_inspection") or {}).get("closed"))
    found = [(c.title, count[c.id], c.counted, units[c.id]) for c in by_id.values() if count[c.id]]
    return found, inspected, len(rows)


def _units_table(rows: list[dict[str, Any]]) -> Table:
    lines = []
    for i, row in enumerate(rows, start=1):
        found = sum(1 for item in row.get("categories", []) if item["status"] == "found" and item["count"])
        remedy = row.get("remediation", {})
        inspected = "Có" if (row.get("self_inspection") or {}).get("closed") else "Chưa"
        lines.append(
            (
                str(i),
                row["unit"]["name"],
                inspected,
                _n(found),
                f"{_n(remedy.get('open', 0))} ({_n(remedy.get('overdue', 0))} quá hạn)",
                _n(remedy.get("done", 0)),
            )
        )
    return Table(
        columns=("STT", "Đơn vị", "Tự kiểm tra", "Loại vi phạm, thiếu sót", "Đang khắc phục", "Đã khắc phục"),
        widths=(12.0, 58.0, 22.0, 25.0, 28.0, 20.0),
        rows=tuple(lines),
    )


def build_annual_paper(
    manifest: dict[str, Any], report: dict[str, Any], *, place: str, on: dt.date, parent_name: str = ""
) -> Paper:
    rows: list[dict[str, Any]] = report["rows"]
    sender, receiver = manifest["sender"], manifest["receiver"]
    paper_name, subject = kind(manifest["kind"]).paper
    window = f"số liệu từ ngày {_date(manifest['data_from'])} đến ngày {_date(manifest['data_to'])}"
    found, inspected, total = _findings(rows)
    blocks: list[Block] = [
        Block(
            f"Thực hiện chế độ báo cáo về công tác bảo vệ bí mật nhà nước ({kind(manifest['kind']).basis}), "
            f"{sender['name']} báo cáo kỳ {manifest['period']} ({window}) như sau:"
        )
    ]
    blocks.append(Block("I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", bold=True, indent=False))
    narrative = [line.strip() for line in str(report.get("narrative", "")).splitlines() if line.strip()]
    blocks += [Block(line) for line in narrative] or [
        Block("(Đơn vị chưa viết phần thuyết minh.)", italic=True)
    ]
    scope = (
        "của đơn vị" if total == 1 else f"của {_n(total)} đơn vị (đơn vị và các đơn vị trực thuộc đã duyệt)"
    )
    blocks.append(Block(f"II. SỐ LIỆU {scope.upper()}", bold=True, indent=False))
    blocks.append(Block(table=_figures(rows)))
    blocks.append(Block("III. KẾT QUẢ TỰ KIỂM TRA", bold=True, indent=False))
    blocks.append(Block(f"Số đơn vị đã tự kiểm tra và kết luận: {_n(inspected)}/{_n(total)}."))
    if found:
        for title_, count, counted, units in found:
            where = "" if total == 1 or counted == "đơn vị" else f" tại {_n(units)} đơn vị"
            blocks.append(Block(f"- {title_}: {_n(count)} {counted}{where}."))
        blocks.append(
            Block(
                image=bar_chart_png(
                    "Vi phạm, thiếu sót phát hiện qua tự kiểm tra",
                    [(t, c, counted) for t, c, counted, _ in found],
                ),
                image_width=TEXT,
            )
        )
    else:
        blocks.append(Block("- Không có vi phạm, thiếu sót nào được báo cáo."))
    open_, overdue, done = (
        sum(r.get("remediation", {}).get(k, 0) for r in rows) for k in ("open", "overdue", "done")
    )
    blocks.append(Block("IV. KHẮC PHỤC TỒN TẠI, HẠN CHẾ", bold=True, indent=False))
    blocks.append(
        Block(f"Đang khắc phục: {_n(open_)} việc (quá hạn: {_n(overdue)}); đã khắc phục: {_n(done)} việc.")
    )
    if total > 1:
        blocks.append(Block("V. TỔNG HỢP THEO ĐƠN VỊ", bold=True, indent=False))
        blocks.append(Block(table=_units_table(rows)))
    if report.get("pending_below"):
        blocks.append(
            Block(
                f"Còn {_n(report['pending_below'])} báo cáo của đơn vị trực thuộc chưa được duyệt, "
                "chưa tổng hợp vào báo cáo này.",
                italic=True,
            )
        )
    return Paper(
        parent_name=parent_name,
        unit_name=sender["name"],
        number="Số:      /BC-",
        place_date=place_date(place, on),
        title=paper_name,
        subject=f"{subject} kỳ {manifest['period']}",
        blocks=tuple(blocks),
        signatures=(Signature("THỦ TRƯỞNG ĐƠN VỊ", instruction="(Ký, ghi rõ họ tên, đóng dấu)"),),
        recipients=(f"{receiver['name']}", "Lưu: VT, hồ sơ báo cáo"),
        note=f"Gói báo cáo số {manifest['sequence']}, mã băm kèm theo tệp gói.",
        file_name=f"bao-cao-{manifest['kind']}-{manifest['period']}.docx".replace("/", "-"),
    )


def filing_paper(filing: Filing) -> Paper:
    """The paper of a report sent from here or received here (the same on both sides)."""
    unit = filing.unit
    parent = unit.parent.name if unit.parent_id and unit.parent else ""
    return build_annual_paper(
        filing.manifest,
        filing.content,
        place=locality(unit) or unit.name,
        on=filing.sent_on,
        parent_name=parent,
    )
