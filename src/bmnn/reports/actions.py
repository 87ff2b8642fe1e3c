"""The doors that write the reports app: deadlines, keys, packages sent, received, refused and
approved. Each asks bmnn.registry.may for the step (bmnn.law.steps) and appends its event."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models
from django.utils import timezone

from bmnn.audit.channel import Channel
from bmnn.audit.journal import action, append_event
from bmnn.audit.models import ChainHead, EventKind
from bmnn.inspection.scope import scope_unit_ids
from bmnn.law.steps import Step
from bmnn.org.models import Person, Unit
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
    issued_on: dt.date | None = None,
    actor: Account,
) -> Deadline:
    """A report the receiving body calls for from the units below it, from the day of its plan or
    letter (`issued_on`, today when not given): a deadline never reaches back before its letter."""
    person = may(Step.RECEIVE_REPORT, actor, receiver.pk)
    kind(kind_id)
    if not basis.strip():
        raise ValueError("Cần ghi văn bản yêu cầu báo cáo (số, ngày, cơ quan ban hành)")
    issued_on = issued_on or timezone.localdate()
    if issued_on > timezone.localdate():
        raise ValueError(f"Ngày văn bản {issued_on:%d/%m/%Y} ở tương lai")
    if due_on < issued_on:
        raise ValueError(
            f"Hạn gửi {due_on:%d/%m/%Y} trước ngày văn bản {issued_on:%d/%m/%Y}: hạn không tính ngược"
        )
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
        issued_on=issued_on,
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
        issued_on=issued_on.isoformat(),
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


def _keeps_keys_of(actor: Account, unit: Unit, purpose: str) -> Person:
    """The person who may register or revoke another unit's key here: a signing key of a unit
    below hers (she receives its reports), an encryption key of a body above hers (she sends to it)."""
    person = actor.person
    if person is None:
        raise PermissionDenied("Tài khoản này không gắn với cán bộ nào")
    own_unit = Unit.objects.get(pk=person.unit_id)
    if purpose == KeyPurpose.SIGN:
        may(Step.RECEIVE_REPORT, actor, own_unit.pk)
        if unit.pk not in _below(own_unit):
            raise PermissionDenied(
                f"{unit.name} không phải đơn vị cấp dưới của {own_unit.name}: chỉ giữ khóa ký "
                "của đơn vị gửi báo cáo cho đơn vị mình"
            )
    else:
        may(Step.SEND_REPORT, actor, own_unit.pk)
        if unit.pk not in {a.pk for a in own_unit.ancestors()}:
            raise PermissionDenied(
                f"{unit.name} không phải cơ quan cấp trên của {own_unit.name}: chỉ giữ khóa mã "
                "hóa của nơi nhận báo cáo"
            )
    return person


@action("register_package_key")
def do_register_package_key(
    unit: Unit, *, purpose: str, public: str, reference: str, actor: Account
) -> PackageKey:
    """Another unit's public key, from its paper: a unit below's signing key (to verify what it
    sends) or the body above's encryption key (to encrypt what is sent to it)."""
    person = _keeps_keys_of(actor, unit, purpose)
    own_unit = Unit.objects.get(pk=person.unit_id)
    if (
        PackageKey.objects.filter(unit=unit, purpose=purpose, revoked_at__isnull=True)
        .exclude(private_file="")
        .exists()
    ):
        raise KeyRefused(f"Khóa của {unit.name} được tạo tại máy này: không đăng ký thêm khóa khác thay nó")
    if not reference.strip():
        raise KeyRefused("Cần ghi văn bản giao nhận khóa (số, ngày) để đối chiếu dấu vân tay")
    canonical = keyfiles.check_public(purpose, public)
    fingerprint = keyfiles.fingerprint(canonical)
    earlier = PackageKey.objects.filter(fingerprint=fingerprint).first()
    if earlier is not None:
        raise KeyRefused(
            "Khóa này đã bị thu hồi; không đăng ký lại khóa đã thu hồi"
            if earlier.revoked_at
            else "Khóa này đã được đăng ký"
        )
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
    if key.own:
        person = may(Step.SEND_REPORT, actor, key.unit_id)
    else:
        person = _keeps_keys_of(actor, key.unit, key.purpose)
        if key.registered_by.unit_id != person.unit_id:
            raise PermissionDenied("Chỉ đơn vị đã đăng ký khóa này mới thu hồi được")
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


def _recipient(receiver: Unit, sender: Unit) -> PackageKey | None:
    """The receiver's encryption key: its own, when the receiver's private half is on this machine
    (one server for both), else one the sender's own unit registered from the receiver's paper —
    never a key someone else registered under the receiver's name."""
    own = _active(receiver, KeyPurpose.ENCRYPT, own=True)
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
    signing = _active(unit, KeyPurpose.SIGN, own=True)
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


def _finding_rows(filing: Filing, person_name: str) -> list[FindingRow]:
    """An annual report's findings as rows the summary counts (bmnn report summary)."""
    from bmnn.summaries.localities import resolve

    rows = []
    for row in filing.content.get("rows", []):
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
    """Write a package that passed every check: the filing, with the units as known here. Its
    figures count once the receiving head approves them (do_approve_report)."""
    receiver = Unit.objects.get(code=verified.manifest["receiver"]["code"])
    person = may(Step.RECEIVE_REPORT, actor, receiver.pk)
    manifest, content = _as_known_here(verified)
    if Filing.objects.filter(
        direction=Direction.RECEIVED, unit=verified.key.unit, sequence=manifest["sequence"]
    ).exists():
        raise PackageRefused(
            f"Gói số {manifest['sequence']} của đơn vị {verified.sender} đã được nhận (gói lặp lại)",
            claimed_sender=verified.sender,
        )
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
            content=content,
            recorded_at=timezone.now(),
            recorded_by=person,
        )
    except IntegrityError:  # received meanwhile by another import (the check above ran first)
        raise PackageRefused(
            f"Gói số {manifest['sequence']} của đơn vị {verified.sender} đã được nhận (gói lặp lại)",
            claimed_sender=verified.sender,
        ) from None
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
    )
    return filing


def _as_known_here(verified: Verified) -> tuple[dict[str, Any], dict[str, Any]]:
    """The manifest and report with every unit's name, kind and locality as this installation
    knows them (verification made sure each row's unit is known here): a package cannot rename
    a unit or move it to another province."""
    from bmnn.reports.content import locality

    codes = [row["unit"]["code"] for row in verified.report["rows"]]
    units = {u.code: u for u in Unit.objects.filter(code__in=codes).select_related("parent")}
    rows = [
        {
            **row,
            "unit": {
                "code": code,
                "name": units[code].name,
                "kind": units[code].kind,
                "locality": locality(units[code]),
            },
        }
        for row, code in zip(verified.report["rows"], codes, strict=True)
    ]
    sender = units[verified.sender]
    manifest = {
        **verified.manifest,
        "sender": {"code": sender.code, "name": sender.name, "kind": sender.kind},
    }
    return manifest, {**verified.report, "rows": rows}


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
    """The receiving head's approval: only approved figures go up in the body's own report, and
    only they count in the summary (an annual report's findings become its rows now)."""
    person = may(Step.APPROVE_REPORT, actor, filing.receiver_id)
    if filing.direction != Direction.RECEIVED:
        raise ValueError("Chỉ duyệt báo cáo nhận từ đơn vị cấp dưới")
    if filing.approved_at is not None:
        raise ValueError(f"Báo cáo này đã được duyệt ngày {timezone.localtime(filing.approved_at):%d/%m/%Y}")
    newer = Filing.objects.filter(
        direction=Direction.RECEIVED,
        unit=filing.unit,
        kind=filing.kind,
        period=filing.period,
        sequence__gt=filing.sequence,
        approved_at__isnull=False,
    )
    if newer.exists():
        raise ValueError(
            "Đã duyệt một báo cáo mới hơn của đơn vị này cho cùng kỳ: báo cáo cũ không được duyệt nữa"
        )
    filing.approved_at, filing.approved_by = timezone.now(), person
    filing.save(update_fields=["approved_at", "approved_by"])
    replaced = 0
    if filing.kind == ANNUAL:  # the newest approved figures of each unit count, however they came up
        codes = [row["unit"]["code"] for row in filing.content.get("rows", [])]
        replaced, _ = FindingRow.objects.filter(
            period=filing.period, unit_code__in=codes, source__startswith=PACKAGE_SOURCE
        ).delete()
        FindingRow.objects.bulk_create(_finding_rows(filing, str(person)))
    _event(
        "approve_report",
        actor,
        filing,
        filing.receiver_id,
        sender=filing.unit.code,
        kind=filing.kind,
        period=filing.period,
        sequence=filing.sequence,
        replaced_rows=replaced,
    )
    return filing
