"""A report leaving the unit: built from data, signed, encrypted to the receiver, recorded as sent."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from django.utils import timezone

from bmnn.audit.journal import action
from bmnn.audit.models import ChainHead
from bmnn.law.steps import Step
from bmnn.org.models import Unit
from bmnn.registry.may import may
from bmnn.reports.content import build_report
from bmnn.reports.errors import KeyRefused
from bmnn.reports.kinds import kind
from bmnn.reports.models import Direction, Filing, KeyPurpose, PackageKey
from bmnn.reports.packages import keys as keyfiles
from bmnn.reports.packages.build import build_package
from bmnn.reports.packages.format import file_name

if TYPE_CHECKING:
    from bmnn.org.models import Account


from bmnn.reports.actions.common import active_key, log_event


def _checkpoint() -> dict[str, object]:
    head = ChainHead.objects.filter(pk=1).first()
    return {"seq": head.seq, "hash": head.hash} if head else {"seq": 0, "hash": ""}


def _recipient(receiver: Unit, sender: Unit) -> PackageKey | None:
    """The receiver's encryption key: its own, when the receiver's private half is on this machine
    (one server for both), else one the sender's own unit registered from the receiver's paper —
    never a key someone else registered under the receiver's name."""
    own = active_key(receiver, KeyPurpose.ENCRYPT, own=True)
    if own is not None:
        return own
    keys = PackageKey.objects.filter(
        unit=receiver,
        purpose=KeyPurpose.ENCRYPT,
        revoked_at__isnull=True,
        private_file="",
        registered_by__unit=sender,
    )
    return keys.order_by("-registered_at", "-pk").first()


@action("export_report_package")
def do_export_report_package(
    unit: Unit,
    *,
    kind_id: str,
    period: str,
    data_from: dt.date,
    data_to: dt.date,
    narrative: str = "",
    actor: Account,
) -> tuple[Filing, bytes, str]:
    """The report as one signed file for the body above (encrypted to it when its key is
    registered here), and the record that it was sent today."""
    person = may(Step.SEND_REPORT, actor, unit.pk)
    kind(kind_id)
    if unit.parent_id is None:
        raise ValueError(f"{unit.name} không có cơ quan cấp trên trong bmnn để gửi báo cáo")
    if data_from > data_to:
        raise ValueError("Ngày bắt đầu số liệu sau ngày kết thúc")
    if data_to > timezone.localdate():
        raise ValueError(
            f"Số liệu đến ngày {data_to:%d/%m/%Y} chưa có: báo cáo lập khi kỳ số liệu đã kết thúc"
        )
    receiver = Unit.objects.get(pk=unit.parent_id)
    signing = active_key(unit, KeyPurpose.SIGN, own=True)
    if signing is None:
        raise KeyRefused(
            f"{unit.name} chưa có khóa ký gói báo cáo: tạo khóa trước "
            "(trang Báo cáo › Khóa, hoặc lệnh 'bmnn package key create')"
        )
    recipient = _recipient(receiver, unit)
    sequence = 1 + max(
        Filing.objects.filter(direction=Direction.SENT, unit=unit).values_list("sequence", flat=True),
        default=0,
    )
    today = timezone.localdate()
    report = build_report(unit, kind_id, period, data_from, data_to, narrative)
    header = {
        "sender": {"code": unit.code, "name": unit.name, "kind": unit.kind},
        "receiver": {"code": receiver.code, "name": receiver.name},
        "kind": kind_id,
        "period": period,
        "data_from": data_from.isoformat(),
        "data_to": data_to.isoformat(),
        "sequence": sequence,
        "sent_on": today.isoformat(),
        "created_at": timezone.now().isoformat(),
        "audit_checkpoint": _checkpoint(),
        "rows": len(report["rows"]),
    }
    raw = build_package(
        header=header,
        report=report,
        key=keyfiles.signer(signing.private_file),
        key_fingerprint=signing.fingerprint,
        recipient=recipient.public if recipient else None,
    )
    filing = Filing.objects.create(
        direction=Direction.SENT,
        unit=unit,
        receiver=receiver,
        kind=kind_id,
        period=period,
        data_from=data_from,
        data_to=data_to,
        sent_on=today,
        sequence=sequence,
        package_sha256=hashlib.sha256(raw).hexdigest(),
        key_fingerprint=signing.fingerprint,
        manifest=header,
        content=report,
        recorded_at=timezone.now(),
        recorded_by=person,
    )
    log_event(
        "export_report_package",
        actor,
        filing,
        unit.pk,
        kind=kind_id,
        period=period,
        sequence=sequence,
        receiver=receiver.code,
        sha256=filing.package_sha256,
        encrypted=recipient is not None,
        rows=len(report["rows"]),
    )
    return filing, raw, file_name(unit.code, kind_id, period, sequence)
