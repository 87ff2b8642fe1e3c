"""The whole path over HTTP: propose → decide → issue → transfer → receipt, and the reads."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bmnn.lib.text import fold
from bmnn.registry.models import Document, RegisterEntry, Transfer
from tests.api.client import Callers
from tests.api.flows import issue, propose
from tests.world import World


def test_propose_decide_issue_transfer_receipt(api: Callers, world: World) -> None:
    proposal = propose(api, world)
    assert proposal["status"] == "pending" and proposal["basis"] == ["khoản 1, Điều 1 531/QĐ-TTg"]
    todo = api.head.get("/todo").json()
    assert [p["id"] for p in todo["pending_proposals"]] == [proposal["id"]]

    decided = api.head.post(f"/proposals/{proposal['id']}/decision", {"approve": True, "note": "Đồng ý"})
    assert decided.status_code == 200 and decided.json()["status"] == "approved"
    assert decided.json()["decided_by_id"] == world.head.person.pk  # type: ignore[union-attr]

    issued = api.clerk.post(f"/documents/{proposal['document_id']}/issue", {"number_symbol": "12/BC-SGDĐT"})
    assert issued.status_code == 200, issued.json()
    body = issued.json()
    assert body["document"]["state"] == "issued" and body["entry"]["kind"] == "outgoing"
    assert body["entry"]["number"] == 1 and body["entry"]["columns"]["signer"] == "Nguyễn Văn Hùng"

    sent = api.clerk.post(f"/documents/{proposal['document_id']}/transfers", {
        "recipient_name": "UBND tỉnh Lào Cai", "channel": "by_hand", "copy_numbers": "bản số 01–02",
    })
    assert sent.status_code == 201, sent.json()
    transfer = sent.json()
    assert 'dấu "B" ngoài bì' in transfer["envelope"] and transfer["received_on"] is None
    assert [t["id"] for t in api.clerk.get("/todo").json()["open_transfers"]] == [transfer["id"]]

    signed = api.clerk.post(f"/transfers/{transfer['id']}/receipt",
                            {"received_by_name": "Đỗ Văn Tâm", "received_on": "2026-05-04"})
    assert signed.status_code == 200, signed.json()
    assert signed.json()["received_on"] == "2026-05-04"
    assert api.clerk.get("/todo").json()["open_transfers"] == []

    document = Document.objects.get(pk=proposal["document_id"])
    assert document.state == "issued" and document.number_symbol == "12/BC-SGDĐT"
    row = Transfer.objects.get().entry
    assert row.columns["receiver_signature"] == "Đỗ Văn Tâm" and row.columns["received_date"] == "04/05/2026"
    assert RegisterEntry.objects.filter(kind="outgoing").count() == 1

    detail = api.clerk.get(f"/documents/{document.pk}").json()
    assert [r["copy_from"] for r in detail["recipients"]] == [1, 3]
    assert {e["kind"] for e in detail["entries"]} == {"outgoing", "transfers"}
    assert detail["transfers"][0]["received_by_name"] == "Đỗ Văn Tâm"
    assert detail["proposals"][0]["status"] == "approved"


def test_list_search_and_register_pages(api: Callers, world: World) -> None:
    document_id = issue(api, world)
    listed = api.clerk.get("/documents", q="de thi tot nghiep").json()
    assert [d["id"] for d in listed["items"]] == [document_id] and listed["count"] == 1
    assert api.clerk.get("/documents", q="khong co").json()["items"] == []
    assert api.clerk.get("/documents", state="draft").json()["count"] == 0
    assert api.clerk.get("/documents", level="toi_mat").json()["count"] == 1

    page = api.clerk.get("/registers/outgoing/2026", q="bao cao").json()
    assert [e["number"] for e in page["items"]] == [1] and page["has_next"] is False
    assert page["items"][0]["columns"]["number_symbol"] == "12/BC-SGDĐT"
    volumes = api.clerk.get("/registers", year=2026).json()
    assert [(v["kind"], v["volume"]) for v in volumes] == [("outgoing", 1)]


def test_catalog_and_people_and_me(api: Callers, world: World) -> None:
    for item in (world.exam_item, world.staff_item):  # as the catalog importers store them
        item.search_text = fold(item.text)
        item.save()
    items = api.drafter.get("/catalog/items", q="dap an").json()
    assert [i["id"] for i in items] == [world.exam_item.pk]
    assert items[0]["decision_number"] == "531/QĐ-TTg" and items[0]["level"] == "toi_mat"
    assert items[0]["citation"] == "khoản 1, Điều 1 531/QĐ-TTg"
    assert len(api.drafter.get("/catalog/items", q="de thi").json()) == 2
    me = api.clerk.get("/me").json()
    assert me["username"] == "vanthu" and me["roles"] == ["clerk"] and me["unit"]["code"] == "S01"
    people = {p["full_name"] for p in api.clerk.get("/people").json()}
    assert "Nguyễn Văn Hùng" in people and "Vũ Thị Thu" not in people


def test_reads_take_a_fixed_number_of_queries(api: Callers, world: World) -> None:
    def counts() -> list[int]:
        result = []
        for path in ("/documents", "/registers/outgoing/2026", "/todo", f"/documents/{first}"):
            with CaptureQueriesContext(connection) as queries:
                assert api.clerk.get(path).status_code == 200
            result.append(len(queries))
        return result

    first = issue(api, world, "01/BC")
    api.clerk.post(f"/documents/{first}/transfers", {"recipient_name": "Sở Nội vụ", "channel": "by_hand"})
    before = counts()
    for n in range(2, 6):
        document_id = issue(api, world, f"{n:02d}/BC")
        api.clerk.post(f"/documents/{document_id}/transfers", {"recipient_name": "Sở Tài chính",
                                                               "channel": "by_hand"})
        api.clerk.post(f"/documents/{first}/transfers", {"recipient_name": "Sở Xây dựng",
                                                         "channel": "by_hand"})
    assert counts() == before
