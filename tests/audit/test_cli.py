"""`bmnn audit verify` and checkpoints from the command line: exit codes and what they name."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from django.db import connection

from bmnn.audit.chain import Verdict, event_hash
from bmnn.audit.models import Event
from bmnn.cli import main
from tests.registry.flows import issue
from tests.world import World


def _forge_last_event() -> None:
    """Rewrite event 3 and recompute its hash and the head, so the chain verifies again."""
    event = Event.objects.get(seq=3)
    event.changes = {"forged": True}
    event.hash = event_hash({f.name: getattr(event, f.name) for f in Event._meta.fields})
    event.save()
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_chainhead SET hash = %s", [event.hash])


def test_intact_chain_exits_0(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    issue(world)
    assert main(["audit", "verify"]) == 0
    assert "toàn vẹn: 3 sự kiện" in capsys.readouterr().out


def test_tampered_event_exits_1_and_names_its_seq(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    issue(world)
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_event SET actor_name = %s WHERE seq = 2", ["Người khác"])
    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert "sự kiện số 2" in err and "sửa đổi" in err


def test_deleted_event_exits_1(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    issue(world)
    Event.objects.filter(seq=3).delete()
    assert main(["audit", "verify"]) == 1
    assert "đầu chuỗi" in capsys.readouterr().err


def test_checkpoint_export_writes_count_and_head(world: World, tmp_path: Path) -> None:
    issue(world)
    out = tmp_path / "diem.json"
    assert main(["audit", "checkpoint", "export", "-o", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    last = Event.objects.get(seq=3)
    assert (data["format"], data["count"], data["head_hash"]) == (
        "bmnn-audit-checkpoint/1", 3, last.hash)


def test_checkpoint_still_matches_after_more_events(world: World, tmp_path: Path) -> None:
    issue(world)
    out = tmp_path / "diem.json"
    main(["audit", "checkpoint", "export", "-o", str(out)])
    issue(world, number="13/BC-SGDĐT")
    assert main(["audit", "checkpoint", "check", str(out)]) == 0


def test_rewritten_chain_fails_the_checkpoint(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    issue(world)
    out = tmp_path / "diem.json"
    main(["audit", "checkpoint", "export", "-o", str(out)])
    _forge_last_event()
    capsys.readouterr()
    assert main(["audit", "verify"]) == 0  # the rewritten chain is self-consistent...
    assert main(["audit", "checkpoint", "check", str(out)]) == 1  # ...but not the exported one
    err = capsys.readouterr().err
    assert "Không khớp điểm kiểm tra" in err and "viết lại" in err


def test_checkpoint_check_also_walks_the_chain(world: World, tmp_path: Path) -> None:
    issue(world)
    out = tmp_path / "diem.json"
    main(["audit", "checkpoint", "export", "-o", str(out)])
    with connection.cursor() as cur:
        cur.execute("UPDATE audit_event SET action = %s WHERE seq = 1", ["khac"])
    assert main(["audit", "checkpoint", "check", str(out)]) == 1


@pytest.mark.parametrize("content", ["không phải json", '{"format": "khac"}',
                                     '{"format": "bmnn-audit-checkpoint/1"}'])
def test_unreadable_checkpoint_exits_2(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    bad = tmp_path / "hong.json"
    bad.write_text(content, "utf-8")
    assert main(["audit", "checkpoint", "check", str(bad)]) == 2
    assert main(["audit", "checkpoint", "check", str(tmp_path / "khong-co.json")]) == 2
    assert "Tệp" in capsys.readouterr().err


def test_slow_walk_shows_progress_on_stderr(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bmnn.audit import verify
    from bmnn.commands import audit

    real = verify.verify_chain

    def slow() -> Verdict:
        time.sleep(0.3)
        return real()

    monkeypatch.setattr(audit, "PROGRESS_AFTER_SECONDS", 0.05)
    monkeypatch.setattr(verify, "verify_chain", slow)
    assert main(["audit", "verify"]) == 0
    captured = capsys.readouterr()
    assert "Đang kiểm tra" in captured.err and "toàn vẹn" in captured.out
