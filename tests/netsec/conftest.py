"""An IT officer of Sở Giáo dục và Đào tạo (S01), and a signing key for scan reports."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from bmnn.netsec.importing import canonical
from bmnn.org.models import Account, Person, Role
from tests.world import World


@pytest.fixture
def it(world: World) -> Account:
    person = Person.objects.create(full_name="Đỗ Quang Vinh", unit=world.dept, clearance="mat")
    account = Account(username="cntt", person=person, roles=[Role.IT_OFFICER])
    account.set_password("mat-khau-thu-nghiem")
    account.save()
    return account


@pytest.fixture
def key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def sign(report: dict[str, Any], key: Ed25519PrivateKey) -> dict[str, Any]:
    signed = {k: v for k, v in report.items() if k != "signature"}
    value = base64.b64encode(key.sign(canonical(signed))).decode()
    return {**signed, "signature": {"algorithm": "ed25519", "public_key": public_b64(key), "value": value}}


def report(hostname: str = "VT-PC01", *, marks: bool = True, past: bool = False,
           usb: tuple[str, ...] = ()) -> dict[str, Any]:
    files: list[dict[str, Any]] = []
    if marks:
        files.append({"path": "C:\\Users\\a\\đề-thi.docx", "size": 18432, "sha256": "ab" * 32, "type": "docx",
                      "marks": [{"kind": "level", "level": "toi_mat", "text": "TỐI MẬT",
                                 "location": "word/header1.xml", "evidence": "… TỐI MẬT …"}],
                      "catalog_hits": [], "error": None})
    connections = [{"kind": "wifi", "name": "Cafe-Free", "first_seen": "2026-01-02",
                     "last_seen": "2026-01-03", "evidence": "NetworkManager"}] if past else []
    return {
        "schema": "bmnn-scan-report/1", "scanner_version": "0.1.0",
        "started_at": "2026-05-04T02:00:00Z", "finished_at": "2026-05-04T02:10:00Z",
        "host": {"hostname": hostname, "machine_id": "", "os_name": "Windows", "os_version": "10.0.19045",
                 "os_product": "Windows 10 Pro 22H2", "os_end_of_support": "2025-10-14"},
        "posture": {"antivirus": [{"name": "BKAV Pro", "enabled": True, "signature_date": "2026-05-01"}],
                    "interfaces": [], "internet_now": False, "past_connections": connections,
                    "usb_storage": [{"vendor": "Kingston", "product": "DataTraveler", "serial": serial,
                                     "first_seen": "2026-03-01", "last_seen": "2026-03-02",
                                     "evidence": "USBSTOR"} for serial in usb]},
        "roots": ["C:\\"], "files": files, "skipped": [],
        "summary": {"files_seen": 10, "files_scanned": 10, "bytes_scanned": 100,
                    "files_with_marks": len(files),
                    "by_level": {"tuyet_mat": 0, "toi_mat": len(files), "mat": 0}, "errors": 0,
                    "skipped": 0, "complete": True},
    }


def encode(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")
