"""The doors that write the reports app: deadlines, keys, packages sent, received, refused and
approved. Each asks bmnn.registry.may for the step (bmnn.law.steps) and appends its event."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models
from django.utils import timezone

from bmnn.audit.channel import Channel
from bmnn.audit.journal import action, append_event
from bmnn.audit.models import ChainHead, EventKind
from bmnn.inspection.scope import scope_unit_ids
from bmnn.law.steps import Step
from bmnn.org.models import Unit
from bmnn.registry.may import may
from bmnn.reports.content import build_report
from bmnn.reports.errors import KeyRefused, PackageRefused
from bmnn.reports.kinds import ANNUAL, kind
from bmnn.reports.models import Deadline, Direction, Filing, KeyPurpose, PackageKey, RefusedPackage
from bmnn.reports.packages import keys as keyfiles
from bmnn.reports.packages.build import build_package
from bmnn.reports.packages.format import MAX_PACKAGE, file_name
from bmnn.reports.packages.verify import Verified
from bmnn.summaries.models import FindingRow

if TYPE_CHECKING:
    from bmnn.org.models import Account


def _below(unit: Unit) -> set[int]:
    return set(scope_unit_ids(unit, True)) - {unit.pk}


def _event(name: str, actor: Account | None, obj: models.Model, unit_id: int, **changes: object) -> None:
    append_event(
        kind=EventKind.ACTION,
        action=name,
        actor=actor,
        obj=obj,
        unit_id=unit_id,
        changes=changes,
    )


# --- deadlines ---------------------------------------------------------------------------------


@action("set_report_deadline")
def do_set_report_deadline(
    receiver: Unit,
    *,
    kind_id: str,
    due_on: dt.date,
    basis: str,
    period: str = "",
    yearly: bool = False,
    units: list[Unit] | None = None,
    actor: Account,
) -> Deadline:
    """A report the receiving body calls for from the units below it (its plan or letter is the basis)."""
    person = may(Step.RECEIVE_REPORT, actor, receiver.pk)
    kind(kind_id)
    if not basis.strip():
        raise ValueError("Cần ghi văn bản yêu cầu báo cáo (số, ngày, cơ quan ban hành)")
    named = units or []
    outside = [u.code for u in named if u.pk not in _below(receiver)]
    if outside:
        raise ValueError(
            f"Đơn vị {', '.join(outside)} không thuộc {receiver.name}: chỉ đặt hạn cho đơn vị cấp dưới"
        )
    deadline = Deadline.objects.create(
        receiver=receiver,
        kind=kind_id,
        period=period.strip(),
        due_on=due_on,
        yearly=yearly,
        basis=basis.strip(),
        set_by=person,
        set_at=timezone.now(),
    )
    deadline.units.set(named)
    _event(
        "set_report_deadline",
        actor,
        deadline,
        receiver.pk,
        kind=kind_id,
        due_on=due_on.isoformat(),
        yearly=yearly,
        period=deadline.period,
        basis=deadline.basis,
        units=[u.code for u in named],
    )
    return deadline


@action("withdraw_report_deadline")
def do_withdraw_report_deadline(deadline: Deadline, *, actor: Account) -> Deadline:
    may(Step.RECEIVE_REPORT, actor, deadline.receiver_id)
    if deadline.withdrawn_at is not None:
        raise ValueError("Hạn báo cáo này đã được bỏ trước đây")
    deadline.withdrawn_at = timezone.now()
    deadline.save(update_fields=["withdrawn_at"])
    _event("withdraw_report_deadline", actor, deadline, deadline.receiver_id, kind=deadline.kind)
    return deadline


# --- keys --------------------------------------------------------------------------------------


def _active(unit: Unit, purpose: str, *, own: bool | None) -> PackageKey | None:
    """The unit's newest key in force: its own (made here), registered from paper, or either (None)."""
    keys = PackageKey.objects.filter(unit=unit, purpose=purpose, revoked_at__isnull=True)
    if own is not None:
        keys = keys.exclude(private_file="") if own else keys.filter(private_file="")
    return keys.order_by("-registered_at", "-pk").first()


@action("create_package_key")
def do_create_package_key(unit: Unit, *, purpose: str, actor: Account) -> PackageKey:
    """A new key of the unit's own, made here; an earlier own key of the same purpose is revoked
    (rotation): the receivers register the new public key from the paper the unit sends them."""
    person = may(Step.SEND_REPORT, actor, unit.pk)
    KeyPurpose(purpose)
    now = timezone.now()
    previous = _active(unit, purpose, own=True)
    if previous is not None:
        previous.revoked_at, previous.revoked_reason = now, "Thay bằng khóa mới"
        previous.save(update_fields=["revoked_at", "revoked_reason"])
    public, private_file = (
        keyfiles.new_signing_key() if purpose == KeyPurpose.SIGN else keyfiles.new_encryption_identity()
    )
    key = PackageKey.objects.create(
        unit=unit,
        purpose=purpose,
        public=public,
        private_file=private_file,
        fingerprint=keyfiles.fingerprint(public),
        registered_at=now,
        registered_by=person,
        reference="Tạo tại máy này",
    )
    _event(
        "create_package_key",
        actor,
        key,
        unit.pk,
        purpose=purpose,
        fingerprint=key.fingerprint,
        replaces=previous.fingerprint if previous else "",
    )
    return key


@action("register_package_key")
def do_register_package_key(
    unit: Unit, *, purpose: str, public: str, reference: str, actor: Account
) -> PackageKey:
    """Another unit's public key, from its paper: a unit below's signing key (to verify what it
    sends) or the body above's encryption key (to encrypt what is sent to it)."""
    person = actor.person
    if person is None:
        raise PermissionDenied("Tài khoản này không gắn với cán bộ nào")
    own_unit = Unit.objects.get(pk=person.unit_id)
    if purpose == KeyPurpose.SIGN:
        may(Step.RECEIVE_REPORT, actor, own_unit.pk)
        if unit.pk not in _below(own_unit):
            raise KeyRefused(
                f"{unit.name} không phải đơn vị cấp dưới của {own_unit.name}: "
                "chỉ đăng ký khóa ký của đơn vị gửi báo cáo cho đơn vị mình"
            )
    else:
        may(Step.SEND_REPORT, actor, own_unit.pk)
        if unit.pk not in {a.pk for a in own_unit.ancestors()}:
            raise KeyRefused(
                f"{unit.name} không phải cơ quan cấp trên của {own_unit.name}: "
                "chỉ đăng ký khóa mã hóa của nơi nhận báo cáo"
            )
    if not reference.strip():
        raise KeyRefused("Cần ghi văn bản giao nhận khóa (số, ngày) để đối chiếu dấu vân tay")
    canonical = keyfiles.check_public(purpose, public)
    fingerprint = keyfiles.fingerprint(canonical)
    if PackageKey.objects.filter(fingerprint=fingerprint).exists():
        raise KeyRefused("Khóa này đã được đăng ký")
    key = PackageKey.objects.create(
        unit=unit,
        purpose=purpose,
        public=canonical,
        fingerprint=fingerprint,
        registered_at=timezone.now(),
        registered_by=person,
        reference=reference.strip(),
    )
    _event(
        "register_package_key",
        actor,
        key,
        own_unit.pk,
        key_unit=unit.code,
        purpose=purpose,
        fingerprint=fingerprint,
        reference=key.reference,
    )
    return key


@action("revoke_package_key")
def do_revoke_package_key(key: PackageKey, *, reason: str, actor: Account) -> PackageKey:
    """A key that must verify nothing more (lost computer, person left): packages it signed are
    refused from now on."""
    person = actor.person
    if person is None:
        raise PermissionDenied("Tài khoản này không gắn với cán bộ nào")
    if key.own:
        may(Step.SEND_REPORT, actor, key.unit_id)
    else:
        may(Step.RECEIVE_REPORT, actor, person.unit_id)
    if key.revoked_at is not None:
        raise KeyRefused("Khóa này đã bị thu hồi trước đây")
    if not reason.strip():
        raise KeyRefused("Cần ghi lý do thu hồi khóa")
    key.revoked_at, key.revoked_reason = timezone.now(), reason.strip()
    key.save(update_fields=["revoked_at", "revoked_reason"])
    _event(
        "revoke_package_key",
        actor,
        key,
        person.unit_id,
        key_unit=key.unit.code,
        fingerprint=key.fingerprint,
        reason=key.revoked_reason,
    )
    return key


# --- packages ----------------------------------------------------------------------------------


def _checkpoint() -> dict[str, object]:
    head = ChainHead.objects.filter(pk=1).first()
    return {"seq": head.seq, "hash": head.hash} if head else {"seq": 0, "hash": ""}


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
    receiver = Unit.objects.get(pk=unit.parent_id)
    signing = _active(unit, KeyPurpose.SIGN, own=True)
    if signing is None:
        raise KeyRefused(
            f"{unit.name} chưa có khóa ký gói báo cáo: tạo khóa trước "
            "(trang Báo cáo › Khóa, hoặc lệnh 'bmnn package key create')"
        )
    recipient = _active(receiver, KeyPurpose.ENCRYPT, own=None)
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
    _event(
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


PACKAGE_SOURCE = "gói báo cáo "  # FindingRow.source of rows that came in a package


def _finding_rows(filing: Filing, name: str, person_name: str) -> list[FindingRow]:
    """An annual report's findings as rows the summary counts (bmnn report summary)."""
    from bmnn.summaries.localities import resolve

    rows = []
    for row in filing.content["rows"]:
        place = row["unit"].get("locality", "")
        found = resolve(place) if place else None
        for item in row.get("categories", []):
            if item["status"] == "found" and item["count"] > 0:
                rows.append(
                    FindingRow(
                        period=filing.period,
                        locality=place or "(không rõ)",
                        province_new=found.new if found else "",
                        province_old=found.old if found else "",
                        unit_code=row["unit"]["code"],
                        unit_name=row["unit"].get("name", ""),
                        unit_kind=row["unit"].get("kind", ""),
                        category=item["id"],
                        count=item["count"],
                        source=f"{PACKAGE_SOURCE}{filing.package_sha256}",
                        imported_by_name=person_name[:255],
                    )
                )
    return rows


@action("import_report_package", channel=Channel.IMPORT)
def do_import_report_package(verified: Verified, *, name: str, actor: Account) -> Filing:
    """Write a package that passed every check: the filing, and for an annual report its findings
    as summary rows (replacing the rows of the same units and period that came in any earlier
    package: a unit's newest figures count once, whichever way they came up)."""
    receiver = Unit.objects.get(code=verified.manifest["receiver"]["code"])
    person = may(Step.RECEIVE_REPORT, actor, receiver.pk)
    manifest = verified.manifest
    try:
        filing = Filing.objects.create(
            direction=Direction.RECEIVED,
            unit=verified.key.unit,
            receiver=receiver,
            kind=manifest["kind"],
            period=manifest["period"],
            data_from=verified.data_from,
            data_to=verified.data_to,
            sent_on=verified.sent_on,
            sequence=manifest["sequence"],
            package_sha256=verified.sha256,
            key_fingerprint=verified.key.fingerprint,
            manifest=manifest,
            content=verified.report,
            recorded_at=timezone.now(),
            recorded_by=person,
        )
    except IntegrityError:
        raise PackageRefused(
            f"Gói số {manifest['sequence']} của đơn vị {verified.sender} đã được nhận (gói lặp lại)",
            claimed_sender=verified.sender,
        ) from None
    replaced = 0
    if filing.kind == ANNUAL:  # the newest figures of each unit count, however they came up
        codes = [row["unit"]["code"] for row in verified.report["rows"]]
        replaced, _ = FindingRow.objects.filter(period=filing.period, unit_code__in=codes,
                                                source__startswith=PACKAGE_SOURCE).delete()
        FindingRow.objects.bulk_create(_finding_rows(filing, name, str(person)))
    _event(
        "import_report_package",
        actor,
        filing,
        receiver.pk,
        file=name[:200],
        sender=verified.sender,
        kind=filing.kind,
        period=filing.period,
        sequence=filing.sequence,
        sha256=verified.sha256,
        encrypted=verified.encrypted,
        rows=len(verified.report["rows"]),
        warnings=verified.warnings,
        replaced_rows=replaced,
    )
    return filing


@action("refuse_report_package", channel=Channel.IMPORT)
def do_refuse_report_package(
    *, name: str, raw: bytes, reason: str, claimed_sender: str, actor: Account | None
) -> RefusedPackage:
    """Put a refused file on the quarantine list with its reason (the file kept when not oversize)."""
    sha = hashlib.sha256(raw).hexdigest()
    kept = ""
    if len(raw) <= MAX_PACKAGE:
        folder = Path(settings.DATA_DIR) / "quarantine"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        kept = f"{sha}.bmnn"
        (folder / kept).write_bytes(raw)
    person = actor.person if actor is not None else None
    refused = RefusedPackage.objects.create(
        name=name[:255],
        sha256=sha,
        size=len(raw),
        reason=reason[:4000],
        claimed_sender=claimed_sender[:80],
        kept_file=kept,
        refused_at=timezone.now(),
        refused_by=person,
    )
    _event(
        "refuse_report_package",
        actor,
        refused,
        person.unit_id if person else 0,
        file=name[:200],
        sha256=sha,
        reason=reason[:1000],
        claimed_sender=claimed_sender[:80],
    )
    return refused


@action("approve_report")
def do_approve_report(filing: Filing, *, actor: Account) -> Filing:
    """The receiving head's approval: only approved figures go up in the body's own report."""
    person = may(Step.APPROVE_REPORT, actor, filing.receiver_id)
    if filing.direction != Direction.RECEIVED:
        raise ValueError("Chỉ duyệt báo cáo nhận từ đơn vị cấp dưới")
    if filing.approved_at is not None:
        raise ValueError(f"Báo cáo này đã được duyệt ngày {timezone.localtime(filing.approved_at):%d/%m/%Y}")
    filing.approved_at, filing.approved_by = timezone.now(), person
    filing.save(update_fields=["approved_at", "approved_by"])
    _event(
        "approve_report",
        actor,
        filing,
        filing.receiver_id,
        sender=filing.unit.code,
        kind=filing.kind,
        period=filing.period,
        sequence=filing.sequence,
    )
    return filing
