"""Hostile package files for bench/packages_bench.py, each with the words its refusal must carry.
Fed after the good ones: none may write a filing or a finding row, each must be on the
quarantine list with its reason."""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pyrage

from bench.packages_world import Truth, World, package, plant_report

if TYPE_CHECKING:
    from bmnn.org.models import Unit

Hostile = tuple[str, bytes, str]  # what it is, the file, words the refusal reason must contain


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _members(raw: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def _encrypted(world: World, plain: bytes) -> bytes:
    return pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(world.recipient)])


def hostile_files(world: World, accepted: list[Path], period: str, sequence: int, revoked: str,
                  elsewhere: Unit) -> list[Hostile]:
    """Ten kinds of bad file. `revoked`: a sender whose key the bench has just revoked;
    `elsewhere`: a unit this installation does not act for."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from bmnn.inspection.categories import vocabulary

    rng = random.Random(88)
    cats = [c.id for c in vocabulary().categories]
    senders = {s.code: s for s in world.senders}
    a, b, c = world.senders[10], world.senders[11], world.senders[12]

    def report(sender_code: str) -> dict[str, object]:
        return plant_report(senders[sender_code], rng, Truth(), cats)

    good = accepted[0].read_bytes()
    flipped = bytearray(good)
    flipped[len(flipped) // 2] ^= 0x01
    plain = _members(package(world, a, report(a.code), period, sequence, encrypt=False))
    body = json.loads(plain["report.json"])
    body["rows"][0]["categories"][0]["count"] += 100
    edited = {**plain, "report.json": json.dumps(body, ensure_ascii=False).encode("utf-8")}
    bomb = {**plain, "report.json": b" " * (40 * 1024 * 1024)}
    stranger = Ed25519PrivateKey.generate()
    return [
        ("một bit bị lật (tệp đã mã hóa)", bytes(flipped), "Không giải mã được gói"),
        ("bị cắt mất nửa sau", good[: len(good) // 2], "Không giải mã được gói"),
        ("số liệu bị sửa rồi mã hóa lại cho nơi nhận", _encrypted(world, _zip(list(edited.items()))),
         "không khớp mã băm"),
        ("gói cũ nộp lại (lặp lại)", accepted[1].read_bytes(), "gói lặp lại"),
        ("ký bằng khóa chưa đăng ký", package(world, b, report(b.code), period, sequence,
                                              signed_by=(stranger, "0" * 64)), "khóa chưa đăng ký"),
        ("ký bằng khóa của đơn vị khác", package(world, c, report(c.code), period, sequence,
                                                 signed_by=(world.keys[b.code], world.fingerprints[b.code])),
         f"chưa đăng ký cho đơn vị {c.code}"),
        ("ký bằng khóa đã thu hồi", package(world, senders[revoked], report(revoked), period, sequence),
         "khóa đã thu hồi"),
        ("gửi nhầm nơi nhận", package(world, a, report(a.code), period, sequence + 1, receiver=elsewhere),
         "không phải đơn vị tại máy này"),
        ("bom nén 40 MB", _encrypted(world, _zip(list(bomb.items()))), "nghi bom nén"),
        ("tệp có đường dẫn ra ngoài", _encrypted(world, _zip([*plain.items(), ("../../etc/cron.d/x", b"x")])),
         "không được phép"),
    ]
