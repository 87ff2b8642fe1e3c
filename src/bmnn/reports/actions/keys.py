"""Keys: a unit's own signing and encryption keys (made here, rotated), other units' public keys
registered from their paper, and revocation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bmnn.audit.journal import action
from bmnn.law.steps import Step
from bmnn.org.models import Person, Unit
from bmnn.registry.may import may
from bmnn.reports.errors import KeyRefused
from bmnn.reports.models import KeyPurpose, PackageKey
from bmnn.reports.packages import keys as keyfiles

if TYPE_CHECKING:
    from bmnn.org.models import Account


from bmnn.reports.actions.common import active_key, log_event, units_below


@action("create_package_key")
def do_create_package_key(unit: Unit, *, purpose: str, actor: Account) -> PackageKey:
    """A new key of the unit's own, made here; an earlier own key of the same purpose is revoked
    (rotation): the receivers register the new public key from the paper the unit sends them."""
    person = may(Step.SEND_REPORT, actor, unit.pk)
    KeyPurpose(purpose)
    now = timezone.now()
    previous = active_key(unit, purpose, own=True)
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
    log_event(
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
        if unit.pk not in units_below(own_unit):
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
    log_event(
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
    log_event(
        "revoke_package_key",
        actor,
        key,
        person.unit_id,
        key_unit=key.unit.code,
        fingerprint=key.fingerprint,
        reason=key.revoked_reason,
    )
    return key
