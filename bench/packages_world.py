"""The receiving installation and its senders for bench/packages_bench.py.

A ministry (the receiving unit, whose installation this database is), the 34 provinces of today
and, spread over them, communes named after the real wards of `vietnamadminunits` (3,321 of them;
beyond that numbered ones) and departments. The units are written with bulk_create and each
sender's signing key is registered with bulk_create too: `do_register_package_key` asks for the
receiver's whole subtree each call (bmnn.inspection.scope.scope_unit_ids, quadratic in the number
of units), which for 5,400 keys would take the whole bench's time; one key goes through the action
so that its cost is printed. The receiver's own encryption key is made by the action.

Every sender's annual package is built with the product's own `build_package` (the header
`do_export_report_package` writes) from a planted report rather than from a registry of its own,
and the truth (per category: total, units, per locality as written and per province of today) is
kept as the reports are planted.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import random
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from bmnn.org.models import Account, Unit

RECEIVER = ("BCA-X05", "Cục An ninh chính trị nội bộ, Bộ Công an")
CLERK = "vanthucuc"
DEPARTMENTS = (
    "Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Công Thương", "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch", "Thanh tra tỉnh", "Văn phòng UBND tỉnh", "Ban Dân tộc",
    "Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh", "Kho bạc Nhà nước khu vực", "Cục Thuế tỉnh",
    "Chi cục Hải quan", "Ngân hàng Nhà nước chi nhánh", "Đài Phát thanh và Truyền hình",
)
FIGURE_KEYS = ("outgoing.mat", "outgoing.toi_mat", "outgoing.tuyet_mat", "incoming.mat", "incoming.toi_mat",
               "incoming.tuyet_mat", "copies", "copies.made", "transfers", "destroyed", "lost", "staff",
               "commitments", "computers", "computers.internet", "computers.standalone")
OTHER_STATUSES = ("none", "none", "none", "no_data", "unanswered")


@dataclass(frozen=True)
class Sender:
    code: str
    name: str
    kind: str
    province: str  # the province of today it is in (the truth of the summary by province)
    locality: str  # the locality its report writes: the province of today or the one before 2025
    unit_id: int


@dataclass
class World:
    receiver: Unit
    clerk: Account
    head: Account  # approves received reports (when the installation counts approved figures only)
    recipient: str  # the receiver's age recipient
    senders: list[Sender]  # communes and departments
    bodies: list[Sender]  # the provinces, which send the rows of the units below them too
    keys: dict[str, Ed25519PrivateKey]  # sender code -> private key (the sender's own, kept by it)
    fingerprints: dict[str, str]
    provinces: list[str]
    register_one_s: float  # one key registered through do_register_package_key


@dataclass
class Truth:
    """What the summary of a period must say, kept as the reports are planted."""

    total: Counter[str] = field(default_factory=Counter)
    units: dict[str, set[str]] = field(default_factory=dict)
    by_locality: dict[str, Counter[str]] = field(default_factory=dict)
    by_province: dict[str, Counter[str]] = field(default_factory=dict)
    rows: int = 0

    def add(self, sender: Sender, category: str, count: int) -> None:
        self.total[category] += count
        self.units.setdefault(category, set()).add(sender.code)
        self.by_locality.setdefault(category, Counter())[sender.locality] += count
        self.by_province.setdefault(category, Counter())[sender.province] += count
        self.rows += 1


# --- geography ----------------------------------------------------------------------------------


def _admin_db() -> tuple[sqlite3.Connection, dict[str, Any]]:
    import vietnamadminunits

    folder = Path(vietnamadminunits.__file__).parent / "data"
    converter = json.loads((folder / "converter_2025.json").read_text("utf-8"))
    return sqlite3.connect(folder / "dataset.db"), converter


def geography() -> tuple[list[str], dict[str, list[tuple[str, str]]], dict[str, list[str]]]:
    """The 34 provinces of today (short names, the dataset's order); per province its wards
    ("Xã Tân Thành", the province before 2025 it mostly came from); per province the old ones
    merged into it. All from the package's own data, independent of bmnn's `resolve`."""
    con, converter = _admin_db()
    new = dict(con.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units"))
    old = dict(con.execute("SELECT DISTINCT provinceKey, provinceShort FROM admin_units_legacy"))
    merged = {new[k]: [old[o] for o in olds] for k, olds in converter["DICT_PROVINCE"].items()}
    origin = converter["DICT_PROVINCE_WARD_NO_DIVIDED"]
    wards: dict[str, list[tuple[str, str]]] = {name: [] for name in new.values()}
    query = "SELECT provinceKey, wardKey, wardType, wardShort FROM admin_units ORDER BY rowid"
    for pkey, wkey, wtype, wshort in con.execute(query):
        sources = origin.get(pkey, {}).get(wkey) or []
        first = sources[0].split("_")[0] if sources else converter["DICT_PROVINCE"][pkey][0]
        wards[new[pkey]].append((f"{wtype} {wshort}", old.get(first, merged[new[pkey]][0])))
    return list(new.values()), wards, merged


# --- the tree, the people, the keys ----------------------------------------------------------------


def _account(unit: Unit, username: str, name: str, role: str) -> Account:
    from bmnn.org.models import Account, Person

    person = Person.objects.create(full_name=name, unit=unit, clearance="tuyet_mat")
    account = Account(username=username, person=person, roles=[role])
    account.set_unusable_password()
    account.save()
    return account


def _spread(total: int, provinces: list[str], weights: list[int], rng: random.Random) -> list[str]:
    """`total` province names, each province at least once, the rest in proportion to weights."""
    out = list(provinces[:total])
    out += rng.choices(provinces, weights=weights, k=max(0, total - len(out)))
    return out


def _units(rng: random.Random, communes: int,
           departments: int) -> tuple[Unit, list[tuple[Unit, str, str]], list[tuple[Unit, str, str]]]:
    """The ministry, its provinces and the units below them: (unit, province of today, locality
    written) for the provinces, then for the units below."""
    from bmnn.org.models import Unit, UnitKind

    provinces, wards, merged = geography()
    ministry = Unit.objects.create(code=RECEIVER[0], name=RECEIVER[1], kind=UnitKind.MINISTRY)
    made = Unit.objects.bulk_create(
        Unit(code=f"P{i:02d}", name=f"UBND tỉnh {p}", kind=UnitKind.PROVINCE, parent=ministry)
        for i, p in enumerate(provinces, start=1)
    )
    by_name = dict(zip(provinces, made, strict=True))
    specs: list[tuple[str, str, str, str, str]] = []  # code, name, kind, province, locality
    real = [(p, name, before) for p in provinces for name, before in wards[p]]
    for i in range(communes):
        if i < len(real):
            province, name, before = real[i]
        else:
            province = rng.choice(provinces)
            name, before = f"Xã số {i - len(real) + 1}", rng.choice(merged[province])
        # Half the communes write the province before the 2025 merger (old forms, imports of
        # older years); the rest today's.
        locality = before if rng.random() < 0.5 else province
        specs.append((f"X{i + 1:04d}", f"UBND {name}", UnitKind.COMMUNE, province, locality))
    weights = [len(wards[p]) for p in provinces]
    seen: Counter[str] = Counter()
    for i, province in enumerate(_spread(departments, provinces, weights, rng), start=1):
        seen[province] += 1
        n = seen[province]
        base = DEPARTMENTS[(n - 1) % len(DEPARTMENTS)]
        name = f"{base} {province}" + (f" – đơn vị {n}" if n > len(DEPARTMENTS) else "")
        locality = rng.choice(merged[province]) if rng.random() < 0.2 else province
        specs.append((f"S{i:04d}", name, UnitKind.DEPARTMENT, province, locality))
    units = Unit.objects.bulk_create(
        Unit(code=code, name=name, kind=kind, parent=by_name[province])
        for code, name, kind, province, _ in specs
    )
    return (ministry, [(by_name[p], p, p) for p in provinces],
            [(u, s[3], s[4]) for u, s in zip(units, specs, strict=True)])


def _public(key: Ed25519PrivateKey) -> str:
    from cryptography.hazmat.primitives import serialization

    from bmnn.reports.packages.keys import SIGN_PREFIX

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return SIGN_PREFIX + base64.b64encode(raw).decode("ascii")


def build_world(seed: int, communes: int, departments: int) -> World:
    """The whole receiving side, as described in the module's docstring."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from django.utils import timezone

    from bmnn.org.models import Role
    from bmnn.reports.actions import do_create_package_key, do_register_package_key
    from bmnn.reports.models import KeyPurpose, PackageKey
    from bmnn.reports.packages.keys import fingerprint

    rng = random.Random(seed)
    ministry, bodies, units = _units(rng, communes, departments)
    clerk = _account(ministry, CLERK, "Nguyễn Thị Thu Hà", Role.CLERK)
    head = _account(ministry, "cuctruong", "Trần Văn Bình", Role.HEAD)
    recipient = do_create_package_key(ministry, purpose=KeyPurpose.ENCRYPT, actor=clerk).public
    senders, keys, prints, rows = [], {}, {}, []
    now = timezone.now()
    register_one = 0.0
    for number, (unit, province, locality) in enumerate([*units, *bodies], start=1):
        key = Ed25519PrivateKey.generate()
        public = _public(key)
        senders.append(Sender(unit.code, unit.name, unit.kind, province, locality, unit.pk))
        keys[unit.code], prints[unit.code] = key, fingerprint(public)
        reference = f"Biên bản giao nhận khóa số {number}/BB-X05"
        if number == 1:  # one through the action, timed
            started = time.perf_counter()
            do_register_package_key(unit, purpose=KeyPurpose.SIGN, public=public, reference=reference,
                                    actor=clerk)
            register_one = time.perf_counter() - started
            continue
        rows.append(PackageKey(unit=unit, purpose=KeyPurpose.SIGN, public=public,
                               fingerprint=prints[unit.code], registered_at=now, registered_by=clerk.person,
                               reference=reference))
    PackageKey.objects.bulk_create(rows, batch_size=1000)
    provinces = sorted({s.province for s in senders})
    return World(ministry, clerk, head, recipient, senders[: len(units)], senders[len(units):], keys, prints,
                 provinces, register_one)


# --- reports and packages --------------------------------------------------------------------------


def _count(rng: random.Random) -> int:
    """Mostly a few, sometimes dozens, now and then a thousand or more (a register of a big unit)."""
    roll = rng.random()
    if roll < 0.75:
        return rng.randint(1, 9)
    if roll < 0.98:
        return rng.randint(10, 120)
    return rng.randint(1000, 2500)


def plant_report(sender: Sender, rng: random.Random, truth: Truth, categories: list[str],
                 found: int | None = None) -> dict[str, Any]:
    """One unit's annual report. `found` None: 10–40 category rows, about 60 % of them found with
    a count, the rest none / no data / unanswered; a number: exactly that many found rows (and a
    few other statuses around them)."""
    from bmnn.reports.packages.format import REPORT_SCHEMA

    if found is None:
        chosen = rng.sample(categories, rng.randint(10, 40))
        statuses = ["found" if rng.random() < 0.6 else rng.choice(OTHER_STATUSES) for _ in chosen]
    else:
        chosen = rng.sample(categories, min(len(categories), found + rng.randint(0, 4)))
        statuses = ["found"] * found + [rng.choice(OTHER_STATUSES) for _ in chosen[found:]]
    items = []
    for cid, status in zip(chosen, statuses, strict=True):
        count = _count(rng) if status == "found" else 0
        if count:
            truth.add(sender, cid, count)
        items.append({"id": cid, "status": status, "count": count})
    figures = {k: rng.randint(0, 400) for k in FIGURE_KEYS}
    row = {
        "unit": {"code": sender.code, "name": sender.name, "kind": sender.kind, "locality": sender.locality},
        "source": "own",
        "figures": figures,
        "self_inspection": {"as_of": "2025-11-30", "closed": True},
        "categories": items,
        "remediation": {"open": rng.randint(0, 9), "overdue": rng.randint(0, 3), "done": rng.randint(0, 20)},
    }
    narrative = (f"{sender.name} đã quán triệt Luật Bảo vệ bí mật nhà nước, rà soát danh mục và "
                 f"tự kiểm tra {len(items)} nội dung.")
    return {"schema": REPORT_SCHEMA, "rows": [row], "narrative": narrative, "pending_below": 0}


def header(sender: Sender, receiver: Unit, period: str, sequence: int, rows: int) -> dict[str, Any]:
    """The manifest's header as do_export_report_package writes it."""
    year = int(period)
    return {
        "sender": {"code": sender.code, "name": sender.name, "kind": sender.kind},
        "receiver": {"code": receiver.code, "name": receiver.name},
        "kind": "annual",
        "period": period,
        "data_from": dt.date(year - 1, 12, 15).isoformat(),
        "data_to": dt.date(year, 12, 14).isoformat(),
        "sequence": sequence,
        "sent_on": dt.date(year, 12, 18).isoformat(),
        "created_at": dt.datetime(year, 12, 18, 9, 30, tzinfo=dt.UTC).isoformat(),
        "audit_checkpoint": {"seq": 1000 + sequence, "hash": f"{sequence:064x}"},
        "rows": rows,
    }


def package(world: World, sender: Sender, report: dict[str, Any], period: str, sequence: int, *,
            signed_by: tuple[Ed25519PrivateKey, str] | None = None, receiver: Unit | None = None,
            encrypt: bool = True) -> bytes:
    """The sender's package (`signed_by`: another key and fingerprint, for the hostile ones)."""
    from bmnn.reports.packages.build import build_package

    key, fingerprint = signed_by or (world.keys[sender.code], world.fingerprints[sender.code])
    return build_package(
        header=header(sender, receiver or world.receiver, period, sequence, len(report["rows"])),
        report=report,
        key=key,
        key_fingerprint=fingerprint,
        recipient=world.recipient if encrypt else None,
    )


def write_packages(world: World, folder: Path, period: str, sequence: int, seed: int,
                   found: dict[str, int] | None = None) -> tuple[list[Path], Truth]:
    """Every sender's package of the period as a file in `folder`; the truth of the period."""
    from bmnn.inspection.categories import vocabulary
    from bmnn.reports.packages.format import file_name

    rng = random.Random(seed)
    categories = [c.id for c in vocabulary().categories]
    folder.mkdir(parents=True, exist_ok=True)
    truth, paths = Truth(), []
    for sender in world.senders:
        report = plant_report(sender, rng, truth, categories, None if found is None else found[sender.code])
        path = folder / file_name(sender.code, "annual", period, sequence)
        path.write_bytes(package(world, sender, report, period, sequence))
        paths.append(path)
    return paths, truth


def write_province_packages(world: World, folder: Path, period: str, sequence: int, seed: int,
                            found: dict[str, int]) -> tuple[list[Path], Truth]:
    """Each province's package of the period: its own row (nothing found) and the rows of every
    unit below it, with `found` rows each — what a province sends up after approving them."""
    from bmnn.inspection.categories import vocabulary
    from bmnn.reports.packages.format import REPORT_SCHEMA, file_name

    rng = random.Random(seed)
    categories = [c.id for c in vocabulary().categories]
    folder.mkdir(parents=True, exist_ok=True)
    truth, paths = Truth(), []
    for body in world.bodies:
        rows = plant_report(body, rng, Truth(), categories, 0)["rows"]
        rows += [plant_report(unit, rng, truth, categories, found[unit.code])["rows"][0]
                 for unit in world.senders if unit.province == body.province]
        report = {"schema": REPORT_SCHEMA, "rows": rows, "pending_below": 0,
                  "narrative": f"{body.name} tổng hợp báo cáo của {len(rows) - 1} đơn vị trực thuộc."}
        path = folder / file_name(body.code, "annual", period, sequence)
        path.write_bytes(package(world, body, report, period, sequence))
        paths.append(path)
    return paths, truth


def dense_counts(senders: list[Sender], rows: int, seed: int) -> dict[str, int]:
    """Found rows per sender adding up to exactly `rows`."""
    base, extra = divmod(rows, len(senders))
    lucky = set(random.Random(seed).sample([s.code for s in senders], extra))
    return {s.code: base + (s.code in lucky) for s in senders}
