"""Every other action over HTTP once: it reaches the action, writes, and answers in shape."""

from __future__ import annotations

from bmnn.law.errors import StateNotAllowed
from bmnn.org.models import Account, Person, Role
from bmnn.registry.actions.disposal import DOSSIER_ITEMS
from bmnn.registry.models import Document, Register, RegisterEntry
from tests.api.client import Callers, caller
from tests.api.flows import issue
from tests.world import World

INCOMING = {"issuer_name": "Bộ Giáo dục và Đào tạo", "number_symbol": "99/BGDĐT", "doc_date": "2026-04-28",
            "doc_type": "Công văn", "summary": "Về bảo mật đề thi", "level": "mat",
            "arrival_date": "2026-05-02", "copy_permitted": False}


def test_incoming_gets_arrival_number(api: Callers, world: World) -> None:
    response = api.clerk.post("/incoming", INCOMING)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["state"] == "received" and body["arrival_number"] == 1
    entry = RegisterEntry.objects.get(kind="incoming")
    assert entry.columns["receiver"] == "Phạm Thị Hoa"  # defaults to the caller
    assert api.drafter.post("/incoming", INCOMING).status_code == 403


def test_take_out_and_return(api: Callers, world: World) -> None:
    document_id = issue(api, world)
    assert world.deputy.person
    taken = api.clerk.post(f"/documents/{document_id}/take-outs", {
        "person_id": world.deputy.person.pk, "purpose": "Họp Hội đồng thi", "place": "Phòng họp số 2",
        "protection": "Cặp có khóa, mang theo người", "permitted_by_id": world.head.person.pk,  # type: ignore[union-attr]
        "due_on": "2026-05-06",
    })
    assert taken.status_code == 201, taken.json()
    again = api.clerk.post(f"/documents/{document_id}/take-outs", {
        "purpose": "x", "place": "y", "protection": "z", "permitted_by_id": world.head.person.pk,  # type: ignore[union-attr]
        "due_on": "2026-05-06",
    })
    assert again.status_code == 422 and again.json()["error"] == StateNotAllowed.code
    returned = api.clerk.post(f"/take-outs/{taken.json()['id']}/return", {"use_report": "Đã dùng xong"})
    assert returned.status_code == 200 and returned.json()["returned_on"] == "2026-05-04"


def test_extension_notice_level_change_and_declassification(api: Callers, world: World) -> None:
    document_id = issue(api, world)
    extended = api.clerk.post(f"/documents/{document_id}/extension", {
        "new_until": "2066-05-04", "decided_by_id": world.deputy.person.pk,  # type: ignore[union-attr]
        "decision_number": "20/QĐ-SGDĐT", "reason": "Còn giá trị",
    })
    assert extended.status_code == 201, extended.json()
    decision = extended.json()
    assert decision["kind"] == "extension" and decision["notice_due"] == "2026-05-19"
    assert api.head.get("/todo").json()["notices_due"][0]["id"] == decision["id"]
    notice = api.clerk.post(f"/decisions/{decision['id']}/notice", {"notice_ref": "21/TB-SGDĐT"})
    assert notice.status_code == 200 and notice.json()["notice_sent_on"] == "2026-05-04"

    changed = api.head.post(f"/documents/{document_id}/level-change", {
        "new_level": "mat", "decision_number": "22/QĐ", "reason": "Một phần đã công khai",
    })
    assert changed.status_code == 201, changed.json()
    assert (changed.json()["old_level"], changed.json()["new_level"]) == ("toi_mat", "mat")

    early = api.clerk.post(f"/documents/{document_id}/declassification", {"basis": "expired"})
    assert early.status_code == 422 and early.json()["error"] == "state_not_allowed"
    declassified = api.head.post(f"/documents/{document_id}/declassification", {
        "decision_number": "23/QĐ", "council": "Hội đồng giải mật theo QĐ 10/QĐ", "reason": "Hết giá trị",
    })
    assert declassified.status_code == 201, declassified.json()
    assert Document.objects.get(pk=document_id).state == "declassified"


def test_loss_and_destruction(api: Callers, world: World) -> None:
    lost, kept = issue(api, world, "01/BC"), issue(api, world, "02/BC")
    reported = api.clerk.post(f"/documents/{lost}/loss",
                              {"description": "Thất lạc khi vận chuyển", "reported_to": "Giám đốc Sở"})
    assert reported.status_code == 201 and Document.objects.get(pk=lost).state == "lost"
    destroyed = api.clerk.post("/destructions", {
        "document_ids": [kept], "decided_by_id": world.head.person.pk,  # type: ignore[union-attr]
        "decision_number": "30/QĐ-SGDĐT", "decided_on": "2026-05-04", "council": "Hội đồng tiêu hủy",
        "minutes_ref": "BB 01/BB-HĐTH", "dossier": list(DOSSIER_ITEMS),
    })
    assert destroyed.status_code == 201, destroyed.json()
    assert destroyed.json()["document_ids"] == [kept] and Document.objects.get(pk=kept).state == "destroyed"


def test_handover_to_another_unit(api: Callers, world: World) -> None:
    document_id = issue(api, world)
    person = Person.objects.create(full_name="Lý Văn Sơn", unit=world.commune, clearance="toi_mat")
    response = api.clerk.post("/handovers", {
        "document_ids": [document_id], "to_unit_id": world.commune.pk, "reason": "merge",
        "received_by_id": person.pk, "minutes_ref": "BB 05/BB-BG",
    })
    assert response.status_code == 201, response.json()
    assert Document.objects.get(pk=document_id).unit_id == world.commune.pk
    # Now the commune's clerk holds it, and the department's clerk no longer sees it.
    assert api.outsider.get(f"/documents/{document_id}").status_code == 200
    assert api.clerk.get(f"/documents/{document_id}").status_code == 404


def test_cancel_entry_and_close_volume(api: Callers, world: World) -> None:
    issue(api, world)
    entry = RegisterEntry.objects.get(kind="outgoing")
    cancelled = api.clerk.post(f"/register-entries/{entry.pk}/cancel", {"reason": "Vào sổ nhầm"})
    assert cancelled.status_code == 200 and cancelled.json()["cancelled"] is True
    assert cancelled.json()["number"] == 1
    register = Register.objects.get(kind="outgoing")
    closed = api.clerk.post(f"/registers/{register.pk}/close", {})
    assert closed.status_code == 200 and closed.json()["closed_on"] == "2026-05-04"
    again = api.clerk.post(f"/registers/{register.pk}/close", {})
    assert again.status_code == 422 and again.json()["error"] == "state_not_allowed"


def test_admin_role_reads_no_secrets_even_with_clerk_role(api: Callers, world: World) -> None:
    # The administrator manages accounts and reads no document content (issue 2, Access).
    person = Person.objects.create(full_name="Đinh Thị Mai", unit=world.dept, clearance="mat")
    both = Account.objects.create(username="quantri2", person=person, roles=[Role.ADMIN, Role.CLERK])
    assert caller(both).get("/registers/outgoing/2026").status_code == 403
