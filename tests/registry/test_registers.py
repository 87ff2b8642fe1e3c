"""Register numbering: gap-free per (unit, register, year), cancelled keeps its number,
a closed volume accepts no change, numbering continues in the next volume."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from bmnn.law.errors import StateNotAllowed
from bmnn.law.levels import Level
from bmnn.registry.actions.issuance import do_register_incoming
from bmnn.registry.actions.registers import do_cancel_entry, do_close_volume
from bmnn.registry.models import Register, RegisterEntry
from tests.registry.flows import DAY
from tests.world import World


def incoming(w: World, day: dt.date = DAY, n: str = "1/CV") -> RegisterEntry:
    document = do_register_incoming(
        unit=w.dept, issuer_name="Bộ Công an", number_symbol=n, doc_date=day, doc_type="Công văn",
        summary="Hướng dẫn", level=Level.MAT, arrival_date=day, receiver_name="Văn thư",
        actor=w.clerk,
    )
    return RegisterEntry.objects.get(document=document)


def test_numbers_restart_each_year(world: World) -> None:
    a = incoming(world, dt.date(2025, 12, 31))
    b = incoming(world, DAY)
    c = incoming(world, DAY)
    assert (a.year, a.number, b.year, b.number, c.number) == (2025, 1, 2026, 1, 2)
    assert a.register.regime == "2018" and b.register.regime == "2025"


def test_cancelled_entry_keeps_its_number(world: World) -> None:
    first = incoming(world)
    do_cancel_entry(first, reason="Vào sổ nhầm", actor=world.clerk)
    second = incoming(world)
    first.refresh_from_db()
    assert first.cancelled and first.number == 1 and second.number == 2


def test_closed_volume_accepts_no_change_and_numbering_continues(world: World) -> None:
    first = incoming(world)
    do_close_volume(first.register, closed_on=DAY, actor=world.clerk)
    first.refresh_from_db()
    with pytest.raises(StateNotAllowed, match="khóa sổ"):
        do_cancel_entry(first, reason="x", actor=world.clerk)
    second = incoming(world)
    assert second.number == 2 and second.register.volume == 2
    assert Register.objects.filter(kind="incoming").count() == 2


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_parallel_writers_take_gap_free_unique_numbers(frozen: None) -> None:
    from tests.world import build_world

    w = build_world()
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            for i in range(10):
                incoming(w, n=f"{k}-{i}/CV")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(RegisterEntry.objects.filter(kind="incoming").values_list("number", flat=True))
    assert numbers == list(range(1, 41))


def test_volume_cannot_close_before_it_opened(world: World) -> None:
    entry = incoming(world)
    with pytest.raises(StateNotAllowed, match="trước ngày mở sổ"):
        do_close_volume(entry.register, closed_on=DAY - dt.timedelta(days=1), actor=world.clerk)
    entry.register.refresh_from_db()
    assert not entry.register.is_closed
