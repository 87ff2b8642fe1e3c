"""Detectors raise each PC-*/NET-* category on a crafted inventory and nothing on a clean one."""

from __future__ import annotations

import datetime as dt

from bmnn.netsec.actions import (
    do_approve_level,
    do_import_scan_report,
    do_propose_level,
    do_record_antivirus_update,
    do_record_incident_plan,
    do_record_malware,
    do_record_security_check,
    do_register_computer,
    do_register_system,
    do_update_layer,
    do_update_measure,
)
from bmnn.netsec.detectors import DETECTORS, detect_all, detect_no_antivirus
from bmnn.netsec.models import Computer
from bmnn.netsec.refdata import measures_for
from bmnn.org.models import Account
from tests.netsec.conftest import encode, report
from tests.world import World

DAY = dt.date(2026, 5, 4)


def _computer(world: World, it: Account, asset: str, **data: str) -> Computer:
    base = {"asset_id": asset, "hostname": asset, "purpose": "lan", "os_name": "Ubuntu",
            "os_version": "24.04",
            "licence": "licensed", "antivirus_product": "ClamAV", "antivirus_licence": "licensed"}
    pc = do_register_computer(world.dept, {**base, **data}, actor=it)
    do_record_security_check(pc, checked_on=DAY, checked_by="PA05", result="passed", actor=it)
    return do_record_antivirus_update(pc, product=pc.antivirus_product or "ClamAV", signature_date=DAY,
                                      actor=it)


def _clean(world: World, it: Account) -> None:
    _computer(world, it, "MT-01", purpose="standalone")
    _computer(world, it, "MT-02", purpose="internet")
    do_record_incident_plan(world.dept, title="Phương án 2026", approved_by="Giám đốc",
                            approved_on=dt.date(2026, 1, 5), actor=it)
    system = do_register_system(world.dept, name="Quản lý văn bản", actor=it)
    do_propose_level(system, level=2, dossier_ref="HS-02", actor=it)
    do_approve_level(system, number="15/QĐ-SGDĐT", on=dt.date(2026, 2, 1), body="Sở GDĐT", actor=it)
    for measure in measures_for(2):
        do_update_measure(system, item=measure.id, done=True, actor=it)
    for layer in "1234":
        do_update_layer(system, layer=layer, status="done", evidence="QĐ 20/QĐ", actor=it)


def test_clean_inventory_raises_nothing(world: World, it: Account) -> None:
    _clean(world, it)
    assert detect_all(world.dept, DAY) == []


def test_each_category_is_raised_on_a_crafted_inventory(world: World, it: Account) -> None:
    standalone = do_register_computer(world.dept, {"asset_id": "MT-10", "hostname": "VT-PC01",
                                                   "purpose": "standalone"}, actor=it)
    scan = report("VT-PC01", marks=False, past=True, usb=("CC33",))
    do_import_scan_report(world.dept, encode(scan), actor=it)
    do_register_computer(world.dept, {"asset_id": "MT-11", "hostname": "NET-01", "purpose": "internet",
                                      "licence": "unlicensed"}, actor=it)
    do_import_scan_report(world.dept, encode(report("NET-01")), actor=it)  # Windows 10, secrets found
    infected = _computer(world, it, "MT-12")
    do_record_malware(infected, found_on=DAY, name="Trojan.PlugX", source="BKAV", actor=it)
    repurposed = Computer.objects.get(pk=_computer(world, it, "MT-13", purpose="standalone").pk)
    Computer.objects.filter(pk=repurposed.pk).update(
        repurposed_on=DAY, repurposed_from="standalone", purpose="internet")  # legacy record
    do_register_computer(world.dept, {"asset_id": "PH-01", "kind": "meeting", "purpose": "lan"}, actor=it)
    do_register_computer(world.dept, {"asset_id": "MT-14", "purpose": "lan"}, actor=it)  # no antivirus
    do_register_system(world.dept, name="Cổng thông tin", actor=it)
    leveled = do_register_system(world.dept, name="Thư điện tử", actor=it)
    do_propose_level(leveled, level=3, dossier_ref="HS-03", actor=it)

    found = detect_all(world.dept, DAY)
    raised = {f.category_id for f in found}
    assert raised == set(DETECTORS)
    breach = [f for f in found if f.category_id == "PC-STANDALONE-BREACH"]
    assert {f.subject.pk for f in breach} == {standalone.pk, Computer.objects.get(asset_id="MT-11").pk}
    assert all("Khoản 5 Điều 5" in f.basis for f in breach)
    assert any("Cafe-Free" in f.detail for f in breach)


def test_usb_storage_not_on_the_approved_list_is_a_breach(world: World, it: Account) -> None:
    pc = _computer(world, it, "MT-30", purpose="standalone", approved_usb="AA11\n")
    do_import_scan_report(world.dept, encode(report("MT-30", marks=False, usb=("aa11",))), actor=it)
    assert [f for f in detect_all(world.dept, DAY) if f.category_id == "PC-STANDALONE-BREACH"] == []
    do_import_scan_report(world.dept, encode(report("MT-30", marks=False, usb=("BB22",))), actor=it)
    breach = [f for f in detect_all(world.dept, DAY) if f.category_id == "PC-STANDALONE-BREACH"]
    assert [f.subject.pk for f in breach] == [pc.pk] and "BB22" in breach[0].detail
    usb = [f for f in detect_all(world.dept, DAY) if f.category_id == "PC-USB-COPY"]
    assert [f.subject.pk for f in usb] == [pc.pk] and "BB22" in usb[0].detail and "Điều 5" in usb[0].basis


def test_usb_on_a_computer_that_never_held_secrets_is_not_usb_copying(world: World, it: Account) -> None:
    _computer(world, it, "MT-31", purpose="internet")
    do_import_scan_report(world.dept, encode(report("MT-31", marks=False, usb=("DD44",))), actor=it)
    assert [f for f in detect_all(world.dept, DAY) if f.category_id == "PC-USB-COPY"] == []


def test_old_signatures_raise_no_antivirus_with_a_configurable_age(world: World, it: Account) -> None:
    pc = _computer(world, it, "MT-20")
    do_record_antivirus_update(pc, product="ClamAV", signature_date=DAY - dt.timedelta(days=10), actor=it)
    assert [f.category_id for f in detect_no_antivirus(world.dept, DAY)] == ["PC-NO-ANTIVIRUS"]
    assert detect_no_antivirus(world.dept, DAY, max_age_days=30) == []


def test_computer_seen_online_with_marked_files_is_a_breach_whatever_its_purpose(
    world: World, it: Account
) -> None:
    # Khoản 5 Điều 5 Luật 2018: no secrets on a computer that is or was connected to the Internet,
    # whatever purpose was recorded for it (here an independent-LAN machine seen online).
    pc = _computer(world, it, "MT-40", purpose="lan")
    offline = report("MT-40")
    do_import_scan_report(world.dept, encode(offline), actor=it)
    assert [f for f in detect_all(world.dept, DAY) if f.category_id == "PC-STANDALONE-BREACH"] == []
    online = report("MT-40")
    online["posture"]["internet_now"] = True
    online["finished_at"] = "2026-05-04T03:10:00Z"
    do_import_scan_report(world.dept, encode(online), actor=it)
    breach = [f for f in detect_all(world.dept, DAY) if f.category_id == "PC-STANDALONE-BREACH"]
    assert [f.subject.pk for f in breach] == [pc.pk] and "Internet" in breach[0].detail


def test_a_file_received_by_a_messaging_app_is_named_without_its_path(world: World, it: Account) -> None:
    """MOVE-MESSAGING: the self-inspection names the flagged file by its computer and its mark;
    the path (which may itself tell a secret) stays in the detail, with the mark's name."""
    from bmnn.inspection.detectors.inventory import records
    from bmnn.netsec.detectors import messaging_files

    do_register_computer(world.dept, {"asset_id": "MT-20", "hostname": "VT-PC01", "purpose": "lan"}, actor=it)
    scan = report("VT-PC01")
    scan["files"][0]["received_via"] = "zalo"
    do_import_scan_report(world.dept, encode(scan), actor=it)
    found = messaging_files(world.dept, DAY)
    assert len(found) == 1 and "tệp mang dấu Tối mật" in found[0].detail
    (record,) = records(found)
    assert record.kind == "scan_file" and record.label == "MT-20 (VT-PC01): tệp mang dấu Tối mật"
    assert "đề-thi" not in record.label and record.level == "toi_mat"
