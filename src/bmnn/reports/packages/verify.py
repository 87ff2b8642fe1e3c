"""Every check on a package file, before anything is written: size, decryption (when encrypted,
with this installation's own identities), the ZIP's members (names, count, sizes, compression
ratio: no path traversal, no bomb), the manifest's schema, the signature by a key registered for
the sender and not revoked, each part's size and hash, the receiver (a unit this installation
acts for), the sequence (no replay; a gap is reported) and the report's own schema.

Reads the database (keys, earlier packages); writes nothing."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Any

import pyrage

from bmnn.reports.errors import PackageRefused
from bmnn.reports.kinds import kinds
from bmnn.reports.models import Direction, Filing, KeyPurpose, PackageKey
from bmnn.reports.packages import keys as keyfiles
from bmnn.reports.packages.content_schema import check_report
from bmnn.reports.packages.format import (
    AGE_HEADER,
    MANIFEST,
    MAX_JUMP,
    MAX_MEMBER,
    MAX_PACKAGE,
    MAX_RATIO,
    MAX_SEQUENCE,
    MAX_SMALL,
    MEMBERS,
    REPORT,
    SCHEMA,
    SIGNATURE,
)


@dataclass
class Verified:
    manifest: dict[str, Any]
    report: dict[str, Any]
    sha256: str
    key: PackageKey
    encrypted: bool
    sent_on: dt.date
    data_from: dt.date
    data_to: dt.date
    warnings: list[str] = field(default_factory=list)

    @property
    def sender(self) -> str:
        return str(self.manifest["sender"]["code"])


@dataclass(frozen=True)
class _Own:
    """A key whose private half is on this machine: what this installation acts for."""

    purpose: str
    private_file: str
    unit_code: str
    in_force: bool


def _own_keys() -> list[_Own]:
    # One unordered read serves both the decryption and the receiver check: the model's ordering
    # (by the unit's code) would join and sort the whole key table for every package.
    rows = (
        PackageKey.objects.exclude(private_file="")
        .order_by()
        .values_list("purpose", "private_file", "unit__code", "revoked_at")
    )
    return [
        _Own(purpose, private_file, code, revoked is None) for purpose, private_file, code, revoked in rows
    ]


def _decrypt(raw: bytes, own_keys: list[_Own]) -> bytes:
    identities = [keyfiles.identity(k.private_file) for k in own_keys if k.purpose == KeyPurpose.ENCRYPT]
    if not identities:
        raise PackageRefused("Gói đã mã hóa nhưng máy này chưa có khóa giải mã của đơn vị nhận")
    try:
        plain: bytes = pyrage.decrypt(raw, identities)
    except pyrage.DecryptError:
        raise PackageRefused(
            "Không giải mã được gói: gói không gửi cho đơn vị tại máy này, hoặc tệp đã bị sửa, bị cắt"
        ) from None
    return plain


def _canonical(raw: bytes, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Nothing the signature does not cover: the file is the three members in their order,
    stored or deflated, from the first byte to the end of the central directory, no comment."""
    end = raw.rfind(b"PK\x05\x06")
    if not raw.startswith(b"PK\x03\x04") or end != len(raw) - 22 or archive.comment:
        raise PackageRefused("Gói có dữ liệu ngoài các tệp thành phần (phần đầu, phần cuối hoặc ghi chú ZIP)")
    if [i.filename for i in infos] != list(MEMBERS) or any(
        i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or i.is_dir() for i in infos
    ):
        raise PackageRefused("Gói phải có đúng ba tệp thành phần theo thứ tự, nén deflate hoặc không nén")
    if infos[0].header_offset != 0:
        raise PackageRefused("Gói có dữ liệu trước tệp thành phần đầu tiên")


def _members(raw: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise PackageRefused(
            "Tệp không phải gói báo cáo hợp lệ (không đọc được cấu trúc ZIP: tệp hỏng hoặc bị cắt)"
        ) from None
    names = [i.filename for i in infos]
    strange = [n for n in names if n not in MEMBERS]
    if strange:
        raise PackageRefused(f"Gói chứa tệp không được phép: {strange[0]!r} (chỉ có {', '.join(MEMBERS)})")
    if len(names) != len(set(names)) or set(names) != set(MEMBERS):
        raise PackageRefused(
            "Gói thiếu hoặc lặp tệp thành phần (cần đúng một manifest.json, signature.json, report.json)"
        )
    _canonical(raw, archive, infos)
    out = {}
    for info in infos:
        limit = MAX_MEMBER if info.filename == REPORT else MAX_SMALL
        if info.file_size > limit or info.file_size > MAX_RATIO * max(info.compress_size, 1) + 4096:
            raise PackageRefused(f"Tệp thành phần {info.filename} quá lớn hoặc nén bất thường (nghi bom nén)")
        try:
            with archive.open(info) as member:
                data = member.read(limit + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
            raise PackageRefused(
                f"Tệp thành phần {info.filename} hỏng (sai mã kiểm tra CRC hoặc bị cắt)"
            ) from None
        if len(data) > limit:
            raise PackageRefused(f"Tệp thành phần {info.filename} quá lớn")
        out[info.filename] = data
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _json(data: bytes, name: str) -> dict[str, Any]:
    """The member as a JSON object: strict (no NaN or Infinity), a depth and a number length
    Python refuses become a refusal, never an exception that stops the batch."""
    try:
        value = json.loads(data.decode("utf-8"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PackageRefused(f"{name} không phải JSON UTF-8 hợp lệ") from None
    if not isinstance(value, dict):
        raise PackageRefused(f"{name} phải là một đối tượng JSON")
    return value


def _date(value: Any, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise PackageRefused(f"Manifest: {what} không phải ngày hợp lệ") from None


def _check_manifest(manifest: dict[str, Any]) -> None:
    if manifest.get("schema") != SCHEMA:
        raise PackageRefused(f"Định dạng gói '{manifest.get('schema')}' không được hỗ trợ; cần '{SCHEMA}'")
    for key in ("sender", "receiver"):
        party = manifest.get(key)
        if not isinstance(party, dict) or not all(
            isinstance(party.get(field), str) and 0 < len(party[field]) <= 255 for field in ("code", "name")
        ):
            raise PackageRefused(f"Manifest thiếu mã, tên đơn vị {'gửi' if key == 'sender' else 'nhận'}")
    if manifest.get("kind") not in {k.id for k in kinds()}:
        raise PackageRefused(f"Loại báo cáo '{manifest.get('kind')}' không có trong danh mục")
    sequence = manifest.get("sequence")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or not 1 <= sequence <= MAX_SEQUENCE:
        raise PackageRefused(
            f"Manifest: số thứ tự gói phải là số nguyên từ 1 đến {MAX_SEQUENCE:,}".replace(",", ".")
        )
    if not isinstance(manifest.get("period"), str) or not 0 < len(manifest["period"]) <= 20:
        raise PackageRefused("Manifest: kỳ báo cáo không hợp lệ")
    parts = manifest.get("parts")
    if not isinstance(parts, list) or [p.get("name") for p in parts if isinstance(p, dict)] != [REPORT]:
        raise PackageRefused("Manifest: danh sách tệp thành phần không hợp lệ")


def _signing_key(manifest: dict[str, Any], signature: dict[str, Any], manifest_bytes: bytes) -> PackageKey:
    sender = manifest["sender"]["code"]
    fingerprint = str(signature.get("key", ""))
    # The fingerprint is unique: no ordering needed (the model's, by the unit's code, made SQLite
    # walk every key in that order instead of using the fingerprint's index).
    key = (
        PackageKey.objects.filter(fingerprint=fingerprint, purpose=KeyPurpose.SIGN)
        .select_related("unit")
        .order_by()
        .first()
    )
    if key is None or key.unit.code != sender:
        raise PackageRefused(f"Gói được ký bằng khóa chưa đăng ký cho đơn vị {sender}", claimed_sender=sender)
    if key.revoked_at is not None:
        raise PackageRefused(
            f"Gói được ký bằng khóa đã thu hồi ngày {key.revoked_at:%d/%m/%Y} "
            f"({key.revoked_reason or 'không ghi lý do'})",
            claimed_sender=sender,
        )
    try:
        value = base64.b64decode(str(signature.get("value", "")), validate=True)
    except (binascii.Error, ValueError):
        value = b""
    if signature.get("algorithm") != "ed25519" or not keyfiles.verify_signature(
        key.public, value, manifest_bytes
    ):
        raise PackageRefused(
            "Chữ ký số của gói không hợp lệ: gói đã bị sửa sau khi ký", claimed_sender=sender
        )
    return key


def _check_parts(manifest: dict[str, Any], members: dict[str, bytes]) -> None:
    part = manifest["parts"][0]
    body = members[REPORT]
    if part.get("size") != len(body) or part.get("sha256") != hashlib.sha256(body).hexdigest():
        raise PackageRefused(
            "Nội dung báo cáo không khớp mã băm trong manifest: gói đã bị sửa",
            claimed_sender=manifest["sender"]["code"],
        )


def _reaches(unit_id: int, body_id: int) -> bool:
    """Whether the unit is below the body: the body is reached from it going up by its parent and
    merged-into links — the tree bmnn.inspection.scope.scope_unit_ids walks down, asked for one
    unit (a few one-row queries) instead of reading every unit for each package."""
    from bmnn.org.models import Unit

    seen, todo = {unit_id}, [unit_id]
    while todo:
        above = Unit.objects.filter(pk__in=todo).order_by().values_list("parent_id", "merged_into_id")
        todo = []
        for up in (pk for pair in above for pk in pair):
            if up == body_id:
                return True
            if up is not None and up not in seen:
                seen.add(up)
                todo.append(up)
    return False


def _receiver_and_sequence(
    manifest: dict[str, Any], key: PackageKey, own_keys: list[_Own], warnings: list[str]
) -> None:
    sender, receiver = manifest["sender"]["code"], manifest["receiver"]["code"]
    own = {k.unit_code for k in own_keys if k.in_force}
    if receiver not in own:
        raise PackageRefused(
            f"Gói gửi cho đơn vị {receiver}, không phải đơn vị tại máy này "
            f"({', '.join(sorted(own)) or 'chưa có khóa của đơn vị nào'})",
            claimed_sender=sender,
        )
    if receiver == sender:
        raise PackageRefused("Đơn vị không tự gửi báo cáo cho chính mình", claimed_sender=sender)
    from bmnn.org.models import Unit

    body = Unit.objects.filter(code=receiver).order_by().first()
    if body is None or not _reaches(key.unit_id, body.pk):
        raise PackageRefused(
            f"Đơn vị {sender} không trực thuộc {receiver}: không nhận báo cáo của đơn vị này",
            claimed_sender=sender,
        )
    sequence = manifest["sequence"]
    earlier = set(
        Filing.objects.filter(direction=Direction.RECEIVED, unit=key.unit)
        .order_by()
        .values_list("sequence", flat=True)
    )
    if sequence in earlier:
        raise PackageRefused(
            f"Gói số {sequence} của đơn vị {sender} đã được nhận trước đây (gói lặp lại)",
            claimed_sender=sender,
        )
    last = max(earlier, default=0)
    if sequence > last + MAX_JUMP:
        raise PackageRefused(
            f"Gói số {sequence} của đơn vị {sender} vượt quá xa gói cuối đã nhận (số {last})",
            claimed_sender=sender,
        )
    if sequence > last + 1:
        warnings.append(
            f"Thiếu gói số {last + 1}–{sequence - 1} của đơn vị {sender} (chưa nhận được)"
            if sequence > last + 2
            else f"Thiếu gói số {last + 1} của đơn vị {sender}"
        )


def _rows_belong(manifest: dict[str, Any], report: dict[str, Any], key: PackageKey) -> None:
    """A package speaks for its sender and the units below it, nobody else: its first row is the
    sender's own; every other row is a unit this installation knows, below the sender."""
    from bmnn.inspection.scope import scope_unit_ids
    from bmnn.org.models import Unit

    sender = key.unit
    codes = [row["unit"]["code"] for row in report["rows"]]
    if codes[0] != sender.code:
        raise PackageRefused(
            f"Dòng đầu của báo cáo phải là của đơn vị gửi ({sender.code})", claimed_sender=sender.code
        )
    others = set(codes[1:])
    if not others:
        return
    known = dict(Unit.objects.filter(code__in=others).values_list("code", "pk"))
    unknown = sorted(others - set(known))
    if unknown:
        raise PackageRefused(
            f"Báo cáo có số liệu của đơn vị không có trong cây đơn vị tại máy này: {', '.join(unknown[:5])}",
            claimed_sender=sender.code,
        )
    below = set(scope_unit_ids(sender, True))
    outside = sorted(code for code, pk in known.items() if pk not in below)
    if outside:
        raise PackageRefused(
            f"Báo cáo có số liệu của đơn vị không trực thuộc {sender.name}: {', '.join(outside[:5])}",
            claimed_sender=sender.code,
        )


def _check_dates(sent_on: dt.date, data_from: dt.date, data_to: dt.date) -> None:
    from django.utils import timezone

    late_data = data_to > sent_on
    if data_from > data_to or late_data or sent_on > timezone.localdate() + dt.timedelta(days=1):
        raise PackageRefused(
            f"Ngày gửi {sent_on:%d/%m/%Y} hoặc kỳ số liệu {data_from:%d/%m/%Y}–{data_to:%d/%m/%Y} "
            "không hợp lệ (ngày gửi ở tương lai hoặc trước khi kỳ số liệu kết thúc, hoặc kỳ ngược)"
        )


def verify_package(raw: bytes) -> Verified:
    """The package's content when every check passes; else PackageRefused with the reason."""
    if len(raw) > MAX_PACKAGE:
        raise PackageRefused(
            f"Gói quá lớn ({len(raw):,} byte; tối đa {MAX_PACKAGE:,} byte)".replace(",", ".")
        )
    encrypted = raw.startswith(AGE_HEADER)
    own_keys = _own_keys()
    members = _members(_decrypt(raw, own_keys) if encrypted else raw)
    manifest = _json(members[MANIFEST], MANIFEST)
    signature = _json(members[SIGNATURE], SIGNATURE)
    _check_manifest(manifest)
    key = _signing_key(manifest, signature, members[MANIFEST])
    _check_parts(manifest, members)
    warnings: list[str] = []
    _receiver_and_sequence(manifest, key, own_keys, warnings)
    report = _json(members[REPORT], REPORT)
    problem = check_report(report)
    if problem:
        raise PackageRefused(f"Nội dung báo cáo sai định dạng: {problem}", claimed_sender=key.unit.code)
    _rows_belong(manifest, report, key)
    sent_on = _date(manifest.get("sent_on"), "ngày gửi")
    data_from = _date(manifest.get("data_from"), "số liệu từ ngày")
    data_to = _date(manifest.get("data_to"), "số liệu đến ngày")
    _check_dates(sent_on, data_from, data_to)
    return Verified(
        manifest=manifest,
        report=report,
        sha256=hashlib.sha256(raw).hexdigest(),
        key=key,
        encrypted=encrypted,
        sent_on=sent_on,
        data_from=data_from,
        data_to=data_to,
        warnings=warnings,
    )
