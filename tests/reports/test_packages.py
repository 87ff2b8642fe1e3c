"""Report packages travel signed and (when the receiver's key is known) encrypted; every hostile
file — tampered, truncated, replayed, misaddressed, unsigned, signed by a revoked or unknown key,
oversize, a zip bomb, a path outside the package — is refused before anything is written, and
listed with its reason."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from bmnn.reports.actions import do_export_report_package, do_revoke_package_key
from bmnn.reports.models import Direction, Filing, KeyPurpose, PackageKey, RefusedPackage
from bmnn.reports.packages import format as fmt
from bmnn.reports.packages import verify
from bmnn.reports.packages.build import build_package
from bmnn.reports.packages.keys import new_signing_key, signer
from bmnn.reports.receiving import receive
from bmnn.summaries.models import FindingRow
from tests.reports.people import Province, keys, province_staff
from tests.world import World

YEAR = (dt.date(2024, 12, 15), dt.date(2025, 12, 14))


@pytest.fixture
def province(world: World) -> Province:
    staff = province_staff(world)
    keys(world, staff)
    return staff


def export(world: World, **kw: object) -> tuple[Filing, bytes, str]:
    args: dict[str, object] = {
        "kind_id": "annual",
        "period": "2025",
        "data_from": YEAR[0],
        "data_to": YEAR[1],
        "narrative": "Đơn vị đã quán triệt Luật.",
        "actor": world.clerk,
    }
    return do_export_report_package(world.dept, **{**args, **kw})  # type: ignore[arg-type]


def unzip(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def rezip(members: dict[str, bytes] | list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            archive.writestr(name, data)
    return buffer.getvalue()


def refused(world: World, province: Province, raw: bytes, reason: str) -> None:
    before = (Filing.objects.filter(direction=Direction.RECEIVED).count(), FindingRow.objects.count())
    result = receive("goi.bmnn", raw, actor=province.clerk)
    assert result.filing is None and result.refused is not None
    assert reason in result.refused.reason, result.refused.reason
    assert (Filing.objects.filter(direction=Direction.RECEIVED).count(), FindingRow.objects.count()) == before
    assert RefusedPackage.objects.filter(pk=result.refused.pk, sha256=result.refused.sha256).exists()


def test_a_package_travels_encrypted_and_arrives_whole(world: World, province: Province) -> None:
    sent, raw, name = export(world)
    assert raw.startswith(fmt.AGE_HEADER) and name == "BC-S01-annual-2025-00001.bmnn"
    assert b"S01" not in raw  # encrypted: nothing readable on the media
    result = receive(name, raw, actor=province.clerk)
    assert result.filing is not None and result.warnings == []
    got = result.filing
    assert (got.unit, got.receiver, got.kind, got.period, got.sequence) == (
        world.dept,
        world.province,
        "annual",
        "2025",
        1,
    )
    assert got.content == sent.content and got.content["rows"][0]["unit"]["code"] == "S01"
    assert got.content["rows"][0]["unit"]["locality"] == "Lào Cai"
    assert got.manifest["audit_checkpoint"]["seq"] > 0 and got.approved_at is None


def test_a_flipped_bit_is_refused(world: World, province: Province) -> None:
    _, raw, _ = export(world)
    broken = bytearray(raw)
    broken[len(broken) // 2] ^= 0x01
    refused(world, province, bytes(broken), "Không giải mã được gói")


def test_a_flipped_bit_in_a_plain_package_breaks_its_hash_or_signature(
    world: World, province: Province
) -> None:
    PackageKey.objects.filter(unit=world.province, purpose=KeyPurpose.ENCRYPT).delete()
    _, raw, _ = export(world)
    members = unzip(raw)
    report = json.loads(members[fmt.REPORT])
    report["rows"][0]["figures"]["lost"] = 0 if report["rows"][0]["figures"].get("lost") else 1
    refused(world, province, rezip({**members, fmt.REPORT: fmt.dumps(report)}), "không khớp mã băm")
    manifest = json.loads(members[fmt.MANIFEST])
    manifest["period"] = "2024"
    refused(
        world,
        province,
        rezip({**members, fmt.MANIFEST: fmt.dumps(manifest)}),
        "Chữ ký số của gói không hợp lệ",
    )


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_truncated_unsigned_and_strange_files_are_refused(world: World, province: Province) -> None:
    PackageKey.objects.filter(unit=world.province, purpose=KeyPurpose.ENCRYPT).delete()
    _, raw, _ = export(world)
    refused(world, province, raw[: len(raw) // 2], "không đọc được cấu trúc ZIP")
    members = unzip(raw)
    refused(
        world, province, rezip({k: v for k, v in members.items() if k != fmt.SIGNATURE}), "thiếu hoặc lặp"
    )
    refused(world, province, rezip([*members.items(), ("../../etc/cron.d/x", b"x")]), "không được phép")
    refused(world, province, rezip([*members.items(), (fmt.REPORT, members[fmt.REPORT])]), "thiếu hoặc lặp")
    refused(world, province, b"not a package at all", "không đọc được cấu trúc ZIP")


def test_a_zip_bomb_is_refused_before_it_is_inflated(world: World, province: Province) -> None:
    PackageKey.objects.filter(unit=world.province, purpose=KeyPurpose.ENCRYPT).delete()
    _, raw, _ = export(world)
    members = unzip(raw)
    bomb = rezip({**members, fmt.REPORT: b"0" * (60 * 1024 * 1024)})
    assert len(bomb) < 200_000
    refused(world, province, bomb, "nghi bom nén")


def test_an_oversize_file_is_refused_unread(
    world: World, province: Province, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, raw, _ = export(world)
    monkeypatch.setattr(verify, "MAX_PACKAGE", len(raw) - 1)
    refused(world, province, raw, "Gói quá lớn")


def test_a_replayed_package_is_refused_and_a_gap_is_reported(world: World, province: Province) -> None:
    _, first, _ = export(world)
    export(world, period="2025-b")
    _, third, _ = export(world, period="2025-c")
    assert receive("1.bmnn", first, actor=province.clerk).filing is not None
    refused(world, province, first, "gói lặp lại")
    result = receive("3.bmnn", third, actor=province.clerk)
    assert result.filing is not None and result.warnings == ["Thiếu gói số 2 của đơn vị S01"]


def test_a_package_for_another_receiver_is_refused(world: World, province: Province) -> None:
    PackageKey.objects.filter(unit=world.province, purpose=KeyPurpose.ENCRYPT).delete()
    _, raw, _ = export(world)
    PackageKey.objects.filter(unit=world.province).delete()  # this installation no longer acts for T01
    refused(world, province, raw, "không phải đơn vị tại máy này")


def test_a_revoked_or_unknown_key_signs_nothing(world: World, province: Province) -> None:
    PackageKey.objects.filter(unit=world.province, purpose=KeyPurpose.ENCRYPT).delete()
    _, raw, _ = export(world)
    members = unzip(raw)
    public, private = new_signing_key()  # a forger's key, never registered
    header = {k: v for k, v in json.loads(members[fmt.MANIFEST]).items() if k not in ("schema", "parts")}
    forged = build_package(
        header=header, report=json.loads(members[fmt.REPORT]), key=signer(private), key_fingerprint="f" * 64
    )
    refused(world, province, forged, "khóa chưa đăng ký cho đơn vị S01")
    key = PackageKey.objects.get(unit=world.dept, purpose=KeyPurpose.SIGN)
    do_revoke_package_key(key, reason="Máy tính bị mất", actor=world.clerk)
    refused(world, province, raw, "khóa đã thu hồi")
    assert public.startswith("ed25519:")


def test_only_those_the_table_allows_send_and_receive(world: World, province: Province) -> None:
    with pytest.raises(PermissionDenied):
        export(world, actor=world.drafter)
    with pytest.raises(PermissionDenied):
        export(world, actor=province.clerk)  # not the department's clerk
    _, raw, _ = export(world)
    for outsider in (world.drafter, world.admin):  # no role to receive at all: the file is not read
        with pytest.raises(PermissionDenied):
            receive("x.bmnn", raw, actor=outsider)
    assert not RefusedPackage.objects.exists()
    # The department's clerk receives for the department, not for the province: that file is
    # refused and listed, and a batch goes on with the next one.
    result = receive("x.bmnn", raw, actor=world.clerk)
    assert result.refused is not None and "Chỉ cán bộ của đơn vị" in result.refused.reason
    assert not Filing.objects.filter(direction=Direction.RECEIVED).exists()
    assert Filing.objects.filter(direction=Direction.SENT).count() == 1


def test_no_signing_key_no_package(world: World) -> None:
    from bmnn.reports.errors import KeyRefused

    with pytest.raises(KeyRefused, match="chưa có khóa ký"):
        export(world)
    assert not Filing.objects.exists()


def _resigned(world: World, raw: bytes, change: Callable[[dict[str, Any], dict[str, Any]], None]) -> bytes:
    """The department's own package changed and signed again with its own key: what a sender
    could make, so only the receiver's reading can refuse it."""
    members = unzip(raw)
    manifest, report = json.loads(members[fmt.MANIFEST]), json.loads(members[fmt.REPORT])
    change(manifest, report)
    key = PackageKey.objects.get(unit=world.dept, purpose=KeyPurpose.SIGN)
    header = {k: v for k, v in manifest.items() if k not in ("schema", "parts")}
    return build_package(
        header=header, report=report, key=signer(key.private_file), key_fingerprint=key.fingerprint
    )


def test_a_sender_speaks_only_for_itself_and_the_units_below_it(world: World, province: Province) -> None:
    PackageKey.objects.filter(unit=world.province, purpose=KeyPurpose.ENCRYPT).delete()
    _, raw, _ = export(world)

    def another(unit_code: str) -> Callable[[dict[str, Any], dict[str, Any]], None]:
        def change(manifest: dict[str, Any], report: dict[str, Any]) -> None:
            report["rows"].append(
                {**report["rows"][0], "unit": {**report["rows"][0]["unit"], "code": unit_code}}
            )
            manifest["sequence"] = 9

        return change

    refused(world, province, _resigned(world, raw, another("X01")), "không trực thuộc Sở Giáo dục và Đào tạo")
    refused(world, province, _resigned(world, raw, another("ZZZ")), "không có trong cây đơn vị")

    def first_row_elsewhere(manifest: dict[str, Any], report: dict[str, Any]) -> None:
        report["rows"][0]["unit"]["code"] = "X01"

    refused(
        world,
        province,
        _resigned(world, raw, first_row_elsewhere),
        "Dòng đầu của báo cáo phải là của đơn vị gửi",
    )

    def from_the_future(manifest: dict[str, Any], report: dict[str, Any]) -> None:
        manifest["sent_on"] = "2027-01-01"

    refused(world, province, _resigned(world, raw, from_the_future), "Ngày gửi 01/01/2027")


def test_json_that_breaks_readers_and_bytes_outside_the_signature_are_refused(
    world: World, province: Province
) -> None:
    PackageKey.objects.filter(unit=world.province, purpose=KeyPurpose.ENCRYPT).delete()
    _, raw, _ = export(world)
    m = unzip(raw)
    refused(
        world,
        province,
        rezip({**m, fmt.MANIFEST: b'{"a":' + b"[" * 3000 + b"]" * 3000 + b"}"}),
        "không phải JSON UTF-8 hợp lệ",
    )
    refused(
        world,
        province,
        rezip({**m, fmt.SIGNATURE: b'{"a":' + b"1" * 5000 + b"}"}),
        "không phải JSON UTF-8 hợp lệ",
    )
    refused(world, province, rezip({**m, fmt.SIGNATURE: b'{"a": NaN}'}), "không phải JSON UTF-8 hợp lệ")
    refused(world, province, rezip({**m, fmt.MANIFEST: b" " * (fmt.MAX_SMALL + 1)}), "quá lớn")
    refused(world, province, b"\0" * 1000 + raw, "dữ liệu")
    refused(world, province, raw + b"tail", "dữ liệu ngoài các tệp thành phần")
    commented = io.BytesIO()
    with zipfile.ZipFile(commented, "w") as archive:
        for name, data in m.items():
            archive.writestr(name, data)
        archive.comment = b"hidden channel"
    refused(world, province, commented.getvalue(), "ghi chú ZIP")
    refused(
        world, province, rezip([(n, m[n]) for n in (fmt.REPORT, fmt.MANIFEST, fmt.SIGNATURE)]), "theo thứ tự"
    )


def test_a_signed_package_with_fields_outside_the_format_is_refused(world: World, province: Province) -> None:
    PackageKey.objects.filter(unit=world.province, purpose=KeyPurpose.ENCRYPT).delete()
    _, raw, _ = export(world)

    def extra(manifest: dict[str, Any], report: dict[str, Any]) -> None:
        report["rows"][0]["self_inspection"] = "có"

    refused(world, province, _resigned(world, raw, extra), "thông tin tự kiểm tra không hợp lệ")

    def jump(manifest: dict[str, Any], report: dict[str, Any]) -> None:
        manifest["sequence"] = 20_000

    refused(world, province, _resigned(world, raw, jump), "vượt quá xa gói cuối đã nhận")

    def unnamed(manifest: dict[str, Any], report: dict[str, Any]) -> None:
        del manifest["sender"]["name"]

    refused(world, province, _resigned(world, raw, unnamed), "Manifest thiếu mã, tên đơn vị gửi")


def test_a_sibling_does_not_receive_for_another_branch(world: World, province: Province) -> None:
    from bmnn.reports.actions import do_create_package_key

    PackageKey.objects.filter(unit=world.province, purpose=KeyPurpose.ENCRYPT).delete()
    do_create_package_key(world.commune, purpose=KeyPurpose.SIGN, actor=world.outsider)
    _, raw, _ = export(world)

    def to_the_commune(manifest: dict[str, Any], report: dict[str, Any]) -> None:
        manifest["receiver"] = {"code": "X01", "name": "UBND xã Cốc San"}

    before = Filing.objects.filter(direction=Direction.RECEIVED).count()
    result = receive("x.bmnn", _resigned(world, raw, to_the_commune), actor=world.outsider)
    assert result.refused is not None and "không trực thuộc X01" in result.refused.reason
    assert Filing.objects.filter(direction=Direction.RECEIVED).count() == before


def test_a_batch_is_written_together_and_a_second_copy_in_it_is_a_replay(
    world: World, province: Province
) -> None:
    from bmnn.reports.actions import do_approve_reports
    from bmnn.reports.receiving import receive_many

    _, first, _ = export(world)
    _, second, _ = export(world, period="2025-b")
    broken = first[:-10]
    results = receive_many(
        [("1.bmnn", first), ("2.bmnn", second), ("1-lai.bmnn", first), ("hong.bmnn", broken)],
        actor=province.clerk,
    )
    assert [r.filing is not None for r in results] == [True, True, False, False]
    assert results[2].refused is not None and "có hai lần trong lần nhận này" in results[2].refused.reason
    assert RefusedPackage.objects.count() == 2
    received = list(Filing.objects.filter(direction=Direction.RECEIVED))
    assert len(received) == 2
    with pytest.raises(PermissionDenied):
        do_approve_reports(received, actor=province.clerk)  # the head approves
    assert not Filing.objects.filter(approved_at__isnull=False).exists()
    do_approve_reports(received, actor=province.head)
    assert Filing.objects.filter(direction=Direction.RECEIVED, approved_at__isnull=False).count() == 2


def test_a_gap_the_batch_fills_is_no_gap_and_one_it_leaves_is_named(world: World, province: Province) -> None:
    from bmnn.reports.receiving import receive_many

    packages = [export(world, period=f"2025-{n}")[1] for n in range(1, 5)]
    results = receive_many([("2.bmnn", packages[1]), ("1.bmnn", packages[0])], actor=province.clerk)
    assert [r.warnings for r in results] == [[], []]
    results = receive_many([("4.bmnn", packages[3])], actor=province.clerk)
    assert results[0].warnings == ["Thiếu gói số 3 của đơn vị S01 (chưa nhận được)"]
