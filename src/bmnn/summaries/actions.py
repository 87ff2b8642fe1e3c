"""The one door that writes imported inspection results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from bmnn.audit.channel import Channel
from bmnn.audit.journal import action, append_event
from bmnn.audit.models import Event, EventKind
from bmnn.law.steps import Step
from bmnn.lib.sheets import RowError, rejection
from bmnn.org.models import Unit
from bmnn.registry.may import may
from bmnn.summaries.importing import PROVISION, FindingsFile
from bmnn.summaries.models import FindingRow

if TYPE_CHECKING:
    from bmnn.org.models import Account


@action("import_findings", channel=Channel.IMPORT)
def do_import_findings(parsed: FindingsFile, *, actor: Account | None) -> list[FindingRow]:
    """Write every row of an inspectors' results file, or none when any row is malformed
    (the refusal names each row and column). One audit event for the file. A person named as
    importing must be one who receives reports (bmnn.law.steps: RECEIVE_REPORT); the console
    without --username imports as the installation's operator."""
    if actor is not None:
        if actor.person is None:
            raise PermissionDenied("Tài khoản này không gắn với cán bộ nào")
        may(Step.RECEIVE_REPORT, actor, actor.person.unit_id)
        if not Unit.objects.filter(parent_id=actor.person.unit_id).exists():
            raise PermissionDenied("Chỉ cơ quan nhận báo cáo, tổng hợp kết quả kiểm tra (có đơn vị cấp dưới) "
                                   "mới nhập kết quả kiểm tra")
    earlier = Event.objects.filter(action="import_findings", changes__sha256=parsed.sha256)
    if parsed.sha256 and earlier.exists():
        again = RowError(None, "", "nội dung này (cùng tệp, hoặc cùng kết quả nhập trên trang) đã được nhập "
                                   "trước đây")
        raise rejection(parsed.name, parsed.sha256, [again], PROVISION)
    if parsed.errors or not parsed.rows:
        raise rejection(parsed.name, parsed.sha256, parsed.errors, PROVISION)
    person = actor.person if actor is not None else None
    name = (str(person) if person is not None else actor.username if actor is not None else "")[:255]
    rows = FindingRow.objects.bulk_create([
        FindingRow(
            period=r.values["period"], locality=r.values["locality"], province_new=r.province_new,
            province_old=r.province_old, unit_code=r.values["unit_code"],
            unit_name=r.values.get("unit_name", ""), unit_kind=r.values.get("unit_kind", ""),
            category=r.values["category"], count=r.count, note=r.values.get("note", ""),
            source=f"{parsed.name[:200]}, dòng {r.row}", imported_by=person, imported_by_name=name,
        )
        for r in parsed.rows
    ])
    append_event(kind=EventKind.ACTION, action="import_findings", actor=actor, obj=rows[0],
                 changes={"file": parsed.name, "sha256": parsed.sha256, "rows": len(rows),
                          "periods": sorted({r.period for r in rows})})
    return rows
