"""Self-inspection over the API: the same actions and access as the pages; refusals are 422
with the rule, role and unit 403, hidden records 404, bad fields 422 in Vietnamese."""

from __future__ import annotations

from typing import Any

from bmnn.inspection.categories import categories
from bmnn.inspection.models import ChecklistAnswer, RemediationItem
from tests.api.client import BASE, Callers
from tests.inspection.plant import legacy_document
from tests.world import World

PLAN = {
    "title": "Tự kiểm tra 2026",
    "period_from": "2025-01-01",
    "period_to": "2026-05-04",
    "starts_on": "2026-05-04",
    "ends_on": "2026-05-08",
    "number": "05/KH",
}


def _body(response: Any) -> Any:
    return response.json()


def test_live_result_and_categories(world: World, api: Callers) -> None:
    legacy_document(world, "05/KH", proposal=False)
    result = _body(api.clerk.get("/inspection/live", year=2025))
    assert [c["id"] for c in result["categories"]] == [c.id for c in categories()]
    assert next(c for c in result["categories"] if c["id"] == "DOC-NO-PROPOSAL")["status"] == "found"
    assert len(_body(api.head.get("/inspection/categories"))) == len(categories())
    assert api.admin.get("/inspection/live").status_code == 403
    assert api.drafter.get("/inspection/live").status_code == 403


def test_plan_run_conclude_and_remediate(world: World, api: Callers) -> None:
    legacy_document(world, "05/KH", proposal=False)
    assert api.drafter.post("/inspection/plans", PLAN).status_code == 403
    plan = _body(api.clerk.post("/inspection/plans", PLAN))
    run = api.clerk.post(f"/inspection/plans/{plan['id']}/runs")
    assert run.status_code == 201 and _body(run)["status"] == "done"
    run_id = _body(run)["id"]
    assert api.outsider.get(f"/inspection/runs/{run_id}").status_code == 404
    refused = api.clerk.post(f"/inspection/runs/{run_id}/conclusion", {"conclusion": "Đạt"})
    assert refused.status_code == 403
    assert (
        _body(api.head.post(f"/inspection/runs/{run_id}/conclusion", {"conclusion": "Đạt"}))["status"]
        == "closed"
    )
    items = _body(api.clerk.get("/inspection/remediation"))
    item = next(i for i in items if i["category"] == "DOC-NO-PROPOSAL")
    still = api.clerk.post(
        f"/inspection/remediation/{item['id']}/close", {"note": "Xong", "reference": "VB 1"}
    )
    assert still.status_code == 422 and _body(still)["error"] == "finding_still_present"
    assert RemediationItem.objects.get(pk=item["id"]).status == "open"


def test_answers_need_their_evidence(world: World, api: Callers) -> None:
    refused = api.clerk.post("/inspection/checklist/budget", {"answer": "yes"})
    assert refused.status_code == 422 and _body(refused)["error"] == "evidence_required"
    assert not ChecklistAnswer.objects.exists()
    bad_field = api.clerk.post("/inspection/checklist/budget", {"answer": "có"})
    assert bad_field.status_code == 422
    done = api.clerk.post(
        "/inspection/checklist/budget", {"answer": "yes", "doc_number": "30/QĐ", "doc_date": "2026-05-03"}
    )
    assert done.status_code == 201
    questions = _body(api.clerk.get("/inspection/checklist"))
    assert next(q for q in questions if q["id"] == "budget")["current"]["doc_number"] == "30/QĐ"
    assert len(next(q for q in questions if q["id"] == "stamps")["items"]) == 15
    assert api.clerk.post("/inspection/checklist/khong-co", {"answer": "yes"}).status_code == 404


def test_evidence_upload_checked_by_content(world: World, api: Callers) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    def send(name: str, data: bytes) -> Any:
        return api.clerk.client.post(f"{BASE}/inspection/evidence", {"file": SimpleUploadedFile(name, data)})

    assert send("a.pdf", b"%PDF-1.4\n%%EOF").status_code == 201
    wrong = send("a.pdf", b"<html>")
    assert wrong.status_code == 422 and _body(wrong)["error"] == "evidence_rejected"


def test_checks_only_own_records(world: World, api: Callers) -> None:
    mine = legacy_document(world, "05/KH", proposal=False)
    theirs = legacy_document(world, "06/KH", proposal=False, unit=world.commune)
    body = {"category_id": "DOC-NO-PROPOSAL", "kind": "document", "result": "remedied", "reference": "VB 2"}
    assert api.clerk.post("/inspection/checks", body | {"record_ids": [theirs.pk]}).status_code == 403
    assert api.clerk.post("/inspection/checks", body | {"record_ids": [mine.pk]}).status_code == 201
