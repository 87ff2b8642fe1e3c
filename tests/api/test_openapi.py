"""The OpenAPI document is served without a token, is valid JSON and lists every path."""

from __future__ import annotations

import json

from django.test import Client

EXPECTED = {
    "/documents": {"get"}, "/documents/{document_id}": {"get"}, "/proposals": {"post"},
    "/proposals/{proposal_id}/decision": {"post"}, "/documents/{document_id}/issue": {"post"},
    "/incoming": {"post"}, "/documents/{document_id}/copies": {"post"},
    "/documents/{document_id}/transfers": {"post"}, "/transfers/{transfer_id}/receipt": {"post"},
    "/documents/{document_id}/take-outs": {"post"}, "/take-outs/{take_out_id}/return": {"post"},
    "/documents/{document_id}/extension": {"post"}, "/documents/{document_id}/level-change": {"post"},
    "/documents/{document_id}/declassification": {"post"}, "/decisions/{decision_id}/notice": {"post"},
    "/destructions": {"post"}, "/documents/{document_id}/loss": {"post"}, "/handovers": {"post"},
    "/registers": {"get"}, "/registers/{kind}/{year}": {"get"},
    "/register-entries/{entry_id}/cancel": {"post"}, "/registers/{register_id}/close": {"post"},
    "/todo": {"get"}, "/catalog/items": {"get"}, "/me": {"get"}, "/people": {"get"},
    "/inspection/categories": {"get"}, "/inspection/live": {"get"}, "/inspection/plans": {"get", "post"},
    "/inspection/plans/{plan_id}/runs": {"post"}, "/inspection/runs/{run_id}": {"get"},
    "/inspection/runs/{run_id}/conclusion": {"post"}, "/inspection/checklist": {"get"},
    "/inspection/runs/{run_id}/waiting/{category_id}": {"get"},
    "/inspection/checklist/{question_id}": {"post"}, "/inspection/evidence": {"post"},
    "/inspection/checks": {"post"}, "/inspection/incidents": {"post"}, "/inspection/remediation": {"get"},
    "/inspection/remediation/{item_id}": {"put"}, "/inspection/remediation/{item_id}/close": {"post"},
}


def test_openapi_document_lists_every_path(db: None) -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    spec = json.loads(response.content)
    assert spec["info"]["title"] == "bmnn API" and spec["openapi"].startswith("3.")
    paths = {p.removeprefix("/api/v1"): set(ops) for p, ops in spec["paths"].items()}
    assert paths == EXPECTED
    assert spec["components"]["securitySchemes"]["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    refusal = spec["paths"]["/api/v1/documents/{document_id}/copies"]["post"]["responses"]["422"]
    assert refusal["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def test_docs_page_loads_nothing_from_the_internet(db: None) -> None:
    from django.test import Client

    page = Client().get("/api/v1/docs").content.decode()
    assert "swagger" in page.lower()
    assert "https://" not in page and "http://cdn" not in page
