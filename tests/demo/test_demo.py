"""`bmnn demo`: a living system in a minute, made through the actions; loaded once, never over
real data, and all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import authenticate

from bmnn.audit.models import Event, EventKind
from bmnn.audit.verify import verify_chain
from bmnn.catalog.models import Catalog
from bmnn.cli import main
from bmnn.demo import DEMO_PASSWORD, DemoRefused, demo_loaded, load_demo
from bmnn.demo import documents as demo_documents
from bmnn.demo.people import DEPT
from bmnn.law.pack import Regime, load_pack
from bmnn.org.models import Account, Position, Unit
from bmnn.registry import queries
from bmnn.registry.models import (
    CopyRecord,
    Document,
    DocumentState,
    Handover,
    LifeDecisionKind,
    Register,
    RegisterEntry,
    RegisterKind,
    Transfer,
)
from bmnn.registry.models.lifecycle import LifeDecision

TODAY = dt.date(2026, 5, 4)


@pytest.fixture
def demo(db: None, frozen: None) -> None:
    load_demo()


def _counts() -> tuple[int, int, int, int, int]:
    return (Unit.objects.count(), Account.objects.count(), Document.objects.count(),
            RegisterEntry.objects.count(), Event.objects.count())


def test_documents_in_every_state(demo: None) -> None:
    states = set(Document.objects.values_list("state", flat=True))
    assert states == {s.value for s in DocumentState}
    assert Document.objects.count() >= 30


def test_all_four_registers_have_entries_under_both_regimes(demo: None) -> None:
    for kind in RegisterKind:
        assert RegisterEntry.objects.filter(kind=kind).exists(), kind
    assert set(Register.objects.values_list("regime", flat=True)) == {"2018", "2025"}
    assert set(Document.objects.values_list("regime", flat=True)) == {"2018", "2025"}


def test_register_numbers_follow_the_calendar(demo: None) -> None:
    """The story is told in date order, so within a register a later number never has an
    earlier date (gap-free numbering is the registry's own guarantee)."""
    for register in Register.objects.all():
        dates = list(register.entries.order_by("number").values_list("entry_date", flat=True))
        assert dates == sorted(dates), register


def test_audit_chain_verifies_and_holds_no_refusal(demo: None) -> None:
    verdict = verify_chain()
    assert verdict.ok and verdict.count == Event.objects.count() > 100
    assert not Event.objects.filter(kind=EventKind.REFUSAL).exists()
    assert Event.objects.filter(kind=EventKind.SYSTEM, action="load_demo").count() == 1


def test_heads_carry_the_rule_pack_authority_classes(demo: None) -> None:
    classes = load_pack(Regime.R2025).authority_classes
    heads = {p.unit.code: p.authority_class for p in Position.objects.filter(is_head=True)}
    assert heads["T-LC"] == "provincial_leader"
    assert heads[DEPT] == "provincial_department_head"
    assert heads["X-HOANGSON"] == "commune_leader"
    assert set(heads.values()) <= set(classes)


def test_movements_and_lifecycle_happened(demo: None) -> None:
    assert Document.objects.filter(signer_delegation__isnull=False).exists()
    assert CopyRecord.objects.filter(permitted_delegation__isnull=False).exists()
    assert Transfer.objects.filter(received_on__isnull=True).count() == 1
    assert Transfer.objects.filter(received_on__isnull=False).count() >= 5
    kinds = set(LifeDecision.objects.values_list("kind", flat=True))
    assert kinds == {k.value for k in LifeDecisionKind}
    handover = Handover.objects.get()
    assert handover.from_unit.merged_into == handover.to_unit
    assert all(d.unit == handover.to_unit for d in handover.documents.all())
    issued = Document.objects.filter(state=DocumentState.ISSUED).first()
    assert issued is not None and issued.recipients.filter(copy_from__isnull=False).exists()


def test_home_page_has_something_to_show(demo: None) -> None:
    dept = Unit.objects.get(code=DEPT)
    assert queries.periods_ending(dept, TODAY, 60).count() == 1
    assert queries.periods_ending(dept, TODAY, 90).count() == 2
    assert queries.periods_expired(dept, TODAY).count() == 1
    assert queries.pending_proposals(dept).count() == 2
    assert queries.open_transfers(dept).count() == 1
    notice = queries.notices_due(dept).get()
    assert notice.kind == LifeDecisionKind.EXTENSION
    assert notice.notice_due is not None and notice.notice_due > TODAY


def test_demo_accounts_log_in_with_the_shared_password(demo: None) -> None:
    for username in ("vanthu", "giamdoc", "phogiamdoc", "chuyenvien", "cntt", "thanhtra"):
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
    assert authenticate(username="tanphong.vt", password=DEMO_PASSWORD) is None


def test_second_run_duplicates_nothing(db: None, frozen: None,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    before = _counts()
    assert main(["demo"]) == 0
    assert _counts() == before
    assert "đã có sẵn, không nạp lại" in capsys.readouterr().out


def test_status_exit_code(db: None, frozen: None) -> None:
    assert main(["demo", "--status"]) == 1
    main(["demo"])
    assert main(["demo", "--status"]) == 0


def test_refuses_over_real_units_and_writes_nothing(
    db: None, frozen: None, capsys: pytest.CaptureFixture[str]
) -> None:
    Unit.objects.create(code="UBND-XA-A", name="UBND xã A", kind="commune")
    before = _counts()
    assert main(["demo"]) == 1
    assert "đơn vị thật" in capsys.readouterr().err
    assert _counts() == before and not demo_loaded()
    assert main(["demo", "--force"]) == 0
    assert demo_loaded() and Document.objects.count() >= 30


def test_refuses_when_a_demo_username_is_taken_even_with_force(db: None, frozen: None) -> None:
    Unit.objects.create(code="UBND-XA-A", name="UBND xã A", kind="commune")
    Account.objects.create(username="giamdoc")
    before = _counts()
    assert main(["demo", "--force"]) == 1
    assert _counts() == before


def test_a_failing_step_leaves_nothing_behind(
    db: None, frozen: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(story: object) -> None:
        raise RuntimeError("hỏng giữa chừng")

    monkeypatch.setattr(demo_documents, "CHAPTERS", (*demo_documents.CHAPTERS[:5], broken))
    with pytest.raises(RuntimeError):
        load_demo()
    assert _counts() == (0, 0, 0, 0, 0)


def test_proposals_cite_the_sample_catalog(demo: None) -> None:
    catalog = Catalog.objects.get(decision_number="531/QĐ-TTg")
    assert catalog.items.count() >= 4
    assert Catalog.objects.count() > 1  # the whole shipped sample, not only 531/QĐ-TTg
    cited = {i.catalog.decision_number for d in Document.objects.all()
             for p in d.proposals.all() for i in p.basis.all()}
    assert cited == {"531/QĐ-TTg"}


def test_refuses_with_a_clock_before_the_story_ends(db: None) -> None:
    with time_machine.travel(dt.datetime(2026, 4, 1, 9, 0), tick=False), \
            pytest.raises(DemoRefused, match="Đồng hồ máy"):
        load_demo()
    assert _counts() == (0, 0, 0, 0, 0)


def test_a_self_inspection_waits_for_the_director(demo: None) -> None:
    """The department's run found the paper registers' mistakes and waits for the conclusion."""
    from bmnn.inspection.models import RemediationItem, Run, RunStatus

    run = Run.objects.get(plan__unit__code=DEPT)
    assert run.status == RunStatus.DONE
    found = {c["id"] for c in run.categories if c["status"] == "found"}
    assert {"DOC-TOP-SECRET-SUMMARY", "DOC-RECIPIENTS-INCOMPLETE", "MOVE-NOT-KT1", "MOVE-MESSAGING",
            "MOVE-NO-RECEIPT", "ORG-NO-NET-RULES", "KEEP-STAMPS-MISSING"} <= found
    assert RemediationItem.objects.filter(run=run).count() >= len(found)
    labels = [r["label"] for c in run.categories for r in c["records"]]
    assert labels and not [label for label in labels if "object (" in label]  # every record has a name
    assert not RegisterEntry.objects.filter(search_text__contains="nhan su chu chot").exists()
