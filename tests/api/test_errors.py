"""Failures: a legal refusal is 422 with its provision and writes only the refusal event;
malformed input is 422 naming each field and writes nothing."""

from __future__ import annotations

from bmnn.audit.models import EventKind
from bmnn.registry.models import CopyRecord, Document, RegisterCounter, RegisterEntry, Transfer
from tests.api.client import Callers, caller, events_since, last_seq
from tests.api.flows import issue, proposal_body, propose
from tests.world import World


def test_copy_of_no_copy_original_is_refused_with_provision(api: Callers, world: World) -> None:
    document_id = issue(api, world, copy_permitted=False)
    assert world.head.person
    seq = last_seq()
    response = api.clerk.post(f"/documents/{document_id}/copies", {
        "form": "sao_y", "permitted_count": 2, "made_count": 2, "permitted_by_id": world.head.person.pk,
    })
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "copy_not_permitted"
    assert body["message"] == "Tài liệu gốc ghi \"không được phép sao, chụp\""
    assert "Điều 11" in body["provision"] and body["confidence"]
    [event] = events_since(seq)
    assert (event.kind, event.action, event.object_id) == (EventKind.REFUSAL, "copy_document", document_id)
    assert event.changes["code"] == "copy_not_permitted"
    assert not CopyRecord.objects.exists() and not RegisterEntry.objects.filter(kind="copies").exists()
    assert not RegisterCounter.objects.filter(kind="copies").exists()


def test_transfer_by_ordinary_post_is_refused_and_takes_no_number(api: Callers, world: World) -> None:
    document_id = issue(api, world)
    seq = last_seq()
    response = api.clerk.post(f"/documents/{document_id}/transfers",
                              {"recipient_name": "UBND tỉnh Lào Cai", "channel": "ordinary_post"})
    assert response.status_code == 422
    assert response.json()["error"] == "channel_not_allowed" and response.json()["provision"]
    assert [e.kind for e in events_since(seq)] == [EventKind.REFUSAL]
    assert not Transfer.objects.exists() and not RegisterEntry.objects.filter(kind="transfers").exists()
    # The next lawful transfer takes number 1: the refusal left no gap.
    ok = api.clerk.post(f"/documents/{document_id}/transfers",
                        {"recipient_name": "UBND tỉnh Lào Cai", "channel": "kt1_post"})
    assert ok.status_code == 201 and ok.json()["entry_number"] == 1


def test_proposal_without_basis_is_refused(api: Callers, world: World) -> None:
    seq = last_seq()
    response = api.drafter.post("/proposals", proposal_body(world, basis_ids=[]))
    assert response.status_code == 422 and response.json()["error"] == "proposal_without_basis"
    assert [e.kind for e in events_since(seq)] == [EventKind.REFUSAL]
    assert not Document.objects.exists()


def test_deputy_without_delegation_cannot_approve(api: Callers, world: World) -> None:
    proposal = propose(api, world)
    assert world.deputy_nodel.person
    response = caller(world.deputy_nodel).post(f"/proposals/{proposal['id']}/decision", {"approve": True})
    assert response.status_code == 422 and response.json()["error"] == "signer_not_authorized"
    assert Document.objects.get().state == "proposed"
    for_another = api.deputy.post(f"/proposals/{proposal['id']}/decision",
                                  {"approve": True, "decided_by_id": world.head.person.pk})
    assert for_another.status_code == 403 and "chính mình" in for_another.json()["message"]
    assert Document.objects.get().state == "proposed"
    by_delegation = api.deputy.post(f"/proposals/{proposal['id']}/decision", {"approve": True})
    assert by_delegation.status_code == 200 and by_delegation.json()["status"] == "approved"


def test_malformed_input_names_each_field_and_writes_nothing(api: Callers, world: World) -> None:
    seq = last_seq()
    body = proposal_body(world, level="rat_mat", recipients=[{"name": "", "copies": "hai"}])
    del body["doc_type"]
    body["sumary"] = "typo"
    response = api.drafter.post("/proposals", body)
    assert response.status_code == 422
    result = response.json()
    assert result["error"] == "invalid_input"
    problems = {tuple(d["loc"][2:]): d["msg"] for d in result["detail"]}
    assert problems[("doc_type",)] == "thiếu trường bắt buộc"
    assert problems[("level",)].startswith("phải là một trong các giá trị")
    assert problems[("recipients", 0, "name")] == "không được để trống"
    assert problems[("recipients", 0, "copies")] == "phải là số nguyên"
    assert "trường không được chấp nhận" in problems[("sumary",)]
    message = result["message"]
    assert "doc_type (nội dung): thiếu trường bắt buộc" in message
    assert "recipients[0].copies (nội dung): phải là số nguyên" in message
    assert events_since(seq) == [] and not Document.objects.exists()


def test_unknown_ids_and_people_of_other_units_are_field_errors(api: Callers, world: World) -> None:
    response = api.drafter.post("/proposals", proposal_body(world, basis_ids=[world.exam_item.pk, 9999]))
    assert response.status_code == 422
    [detail] = response.json()["detail"]
    assert detail["loc"] == ["body", "data", "basis_ids"] and "9999" in detail["msg"]
    proposal = propose(api, world)
    assert world.outsider.person
    response = api.head.post(f"/proposals/{proposal['id']}/decision",
                             {"approve": True, "decided_by_id": world.outsider.person.pk})
    assert response.status_code == 422 and "decided_by_id" in response.json()["message"]
    assert Document.objects.get().state == "proposed"


def test_bad_query_and_path_values_and_non_json_body(api: Callers, world: World) -> None:
    response = api.clerk.get("/documents", page=0, level="x")
    assert response.status_code == 422
    assert "page (tham số truy vấn): phải lớn hơn hoặc bằng 1" in response.json()["message"]
    assert api.clerk.get("/registers/khong-co/2026").status_code == 422
    assert api.clerk.get("/documents/999999").status_code == 404
    raw = api.clerk.client.post("/api/v1/incoming", "{not json", content_type="application/json")
    assert raw.status_code == 400 and raw.json()["message"] == "Nội dung yêu cầu không phải JSON hợp lệ"


def test_out_of_range_numbers_are_422_not_server_errors(api: Callers, world: World) -> None:
    # Found by schemathesis: these used to overflow SQLite's INTEGER and answer 500.
    huge = 2**70
    assert api.clerk.get(f"/documents/{huge}").status_code == 422
    assert api.clerk.get("/registers/outgoing/2026", page=huge).status_code == 422
    assert api.clerk.get("/registers/outgoing/521035").status_code == 422
    assert api.clerk.get("/registers", year=huge).status_code == 422
    response = api.clerk.post("/destructions", {
        "document_ids": [huge], "decision_number": "1", "decided_on": "2026-05-04", "minutes_ref": "BB",
    })
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-2:] == ["document_ids", 0]


def test_unknown_api_paths_answer_json_404(api: Callers, world: World) -> None:
    for path in ("/khong-co", "/registers/outgoing/-1", "/documents/1/khong-co"):
        response = api.clerk.get(path)
        assert response.status_code == 404 and response.json()["error"] == "not_found", path
    raw = api.clerk.get("/documents", level="x").content.decode()
    assert "Dữ liệu không hợp lệ" in raw  # UTF-8 as itself, not \\u escapes
    assert "'tuyet_mat', 'toi_mat' hoặc 'mat'" in raw


def test_json_types_are_not_coerced(api: Callers, world: World) -> None:
    # Found by schemathesis: {"closed_on": 0} closed a volume on 01/01/1970; 0 passed for false.
    issue(api, world)
    register_id = api.clerk.get("/registers").json()[0]["id"]
    response = api.clerk.post(f"/registers/{register_id}/close", {"closed_on": 0})
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "phải là ngày dạng YYYY-MM-DD"
    body = proposal_body(world, copy_permitted=0, basis_ids=[str(world.exam_item.pk)])
    problems = {d["loc"][-1]: d["type"] for d in api.drafter.post("/proposals", body).json()["detail"]}
    assert problems == {"copy_permitted": "bool_type", 0: "int_type"}
    assert api.clerk.get("/registers").json()[0]["closed_on"] is None
