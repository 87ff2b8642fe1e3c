"""Need-to-know over the API: the same rules as the UI, plus role and unit checks on writes."""

from __future__ import annotations

import pytest

from bmnn.audit.models import Event, EventKind
from bmnn.law.levels import Level
from bmnn.registry.models import CopyRecord, Document, Proposal, RegisterEntry, Transfer
from tests.api.client import Callers, events_since, last_seq
from tests.api.flows import issue, proposal_body, propose
from tests.registry import flows as action_flows
from tests.world import World

COPY = {"form": "sao_y", "permitted_count": 1, "made_count": 1, "permitted_by_id": 1}
SEND = {"recipient_name": "UBND tỉnh Lào Cai", "channel": "by_hand"}
INCOMING = {"issuer_name": "Bộ Giáo dục và Đào tạo", "number_symbol": "99/BGDĐT", "doc_date": "2026-05-01",
            "doc_type": "Công văn", "summary": "Về đề thi", "level": "mat"}


def test_admin_only_account_gets_403_on_everything_document_related(api: Callers, world: World) -> None:
    document_id = issue(api, world)
    seq = last_seq()
    for path in ("/documents", f"/documents/{document_id}", "/registers", "/registers/outgoing/2026",
                 "/todo", "/catalog/items", "/people"):
        response = api.admin.get(path)
        assert response.status_code == 403, path
        assert response.json()["error"] == "forbidden" and "quản trị" in response.json()["message"]
    posts = {f"/documents/{document_id}/transfers": SEND, "/incoming": INCOMING,
             f"/documents/{document_id}/copies": COPY}
    for path, body in posts.items():
        assert api.admin.post(path, body).status_code == 403, path
    assert events_since(seq) == []  # not even a read was logged
    assert api.admin.get("/me").status_code == 200


def test_outsider_neither_sees_nor_acts(api: Callers, world: World) -> None:
    document_id = issue(api, world)
    proposal = propose(api, world, summary="Kế hoạch in sao đề thi")
    assert world.head.person
    seq = last_seq()
    assert api.outsider.get("/documents").json()["items"] == []
    for path in (f"/documents/{document_id}", f"/documents/{proposal['document_id']}"):
        response = api.outsider.get(path)
        assert response.status_code == 404 and response.json()["error"] == "not_found"
    attempts = {
        f"/documents/{document_id}/transfers": SEND,
        f"/documents/{document_id}/copies": COPY | {"permitted_by_id": world.head.person.pk},
        f"/documents/{document_id}/loss": {"description": "Mất", "reported_to": "Công an tỉnh"},
        "/destructions": {"document_ids": [document_id], "decision_number": "1/QĐ",
                          "decided_on": "2026-05-04", "minutes_ref": "BB 1", "urgent": True},
    }
    for path, body in attempts.items():
        assert api.outsider.post(path, body).status_code == 404, path
    # A clerk may not decide anywhere; the role check comes first and reveals nothing.
    assert api.outsider.post(f"/proposals/{proposal['id']}/decision", {"approve": True}).status_code == 403
    # The register lines of another unit are not theirs either.
    entry = RegisterEntry.objects.get(kind="outgoing")
    assert api.outsider.post(f"/register-entries/{entry.pk}/cancel", {"reason": "x"}).status_code == 404
    assert api.outsider.get("/registers/outgoing/2026").json()["items"] == []
    assert events_since(seq) == []
    assert not Transfer.objects.exists() and not CopyRecord.objects.exists()
    assert Document.objects.get(pk=document_id).state == "issued"
    assert Proposal.objects.get(pk=proposal["id"]).status == "pending"


@pytest.mark.parametrize(("who", "path", "body"), [
    ("drafter", "/documents/{doc}/issue", {"number_symbol": "13/BC"}),
    ("drafter", "/documents/{doc}/transfers", SEND),
    ("head", "/documents/{doc}/transfers", SEND),
    ("clerk", "/proposals/{proposal}/decision", {"approve": True}),
    ("drafter", "/proposals/{proposal}/decision", {"approve": True}),
    ("clerk", "/proposals", None),
])
def test_wrong_role_in_the_unit_gets_403_and_nothing_is_written(
    api: Callers, world: World, who: str, path: str, body: dict[str, object] | None
) -> None:
    proposal = propose(api, world)
    seq = last_seq()
    url = path.format(doc=proposal["document_id"], proposal=proposal["id"])
    response = getattr(api, who).post(url, proposal_body(world) if body is None else body)
    assert response.status_code == 403, response.json()
    assert response.json()["message"].startswith("Chỉ ")
    assert events_since(seq) == []
    assert Proposal.objects.get().status == "pending" and Document.objects.count() == 1


def test_reading_secret_details_is_logged_but_listing_is_not(api: Callers, world: World) -> None:
    document_id = issue(api, world)  # Tối mật
    seq = last_seq()
    api.clerk.get("/documents")
    assert events_since(seq) == []
    assert api.clerk.get(f"/documents/{document_id}").status_code == 200
    [event] = events_since(seq)
    assert (event.kind, event.action, event.object_id, event.actor_id) == (
        EventKind.READ, "read_document", document_id, world.clerk.pk)


def test_drafter_sees_own_draft_only_within_clearance(api: Callers, world: World) -> None:
    mine = propose(api, world, level="mat", basis_ids=[world.staff_item.pk], summary="Địa điểm in sao")
    assert api.drafter.get(f"/documents/{mine['document_id']}").status_code == 200
    secret = propose(api, world)  # Tối mật: above the drafter's Mật clearance
    assert api.drafter.get(f"/documents/{secret['document_id']}").status_code == 404
    assert [d["id"] for d in api.drafter.get("/documents").json()["items"]] == [mine["document_id"]]


def test_register_lines_above_clearance_show_only_their_number(api: Callers, world: World) -> None:
    top = action_flows.issue(world, "01/BC", level=Level.TUYET_MAT)  # the clerk cannot see it
    assert api.clerk.post(f"/documents/{top.pk}/issue", {"number_symbol": "x"}).status_code == 404
    issue(api, world, "02/BC")
    items = api.clerk.get("/registers/outgoing/2026").json()["items"]  # the clerk holds Tối mật
    by_number = {e["number"]: e for e in items}
    assert by_number[1]["masked"] is True and by_number[1]["columns"] == {}
    assert by_number[1]["document_id"] is None and by_number[1]["level"] == "tuyet_mat"
    assert by_number[2]["masked"] is False and by_number[2]["columns"]["number_symbol"] == "02/BC"
    entry_id = by_number[1]["id"]
    assert api.clerk.post(f"/register-entries/{entry_id}/cancel", {"reason": "x"}).status_code == 403
    assert not Event.objects.filter(action="cancel_entry").exists()
