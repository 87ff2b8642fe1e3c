"""The common paths, over HTTP."""

from __future__ import annotations

from typing import Any

from tests.api.client import Callers
from tests.world import World


def proposal_body(w: World, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "doc_type": "Báo cáo", "summary": "Đề thi tốt nghiệp THPT năm 2026", "level": "toi_mat",
        "basis_ids": [w.exam_item.pk],
        "recipients": [{"name": "UBND tỉnh Lào Cai", "copies": 2}, {"name": "Lưu: VT", "copies": 1}],
        "copy_permitted": True,
    }
    return body | overrides


def propose(api: Callers, w: World, **overrides: Any) -> dict[str, Any]:
    response = api.drafter.post("/proposals", proposal_body(w, **overrides))
    assert response.status_code == 201, response.json()
    result: dict[str, Any] = response.json()
    return result


def issue(api: Callers, w: World, number: str = "12/BC-SGDĐT", **overrides: Any) -> int:
    """Propose, approve (head) and issue (clerk); returns the document id."""
    proposal = propose(api, w, **overrides)
    decided = api.head.post(f"/proposals/{proposal['id']}/decision", {"approve": True})
    assert decided.status_code == 200, decided.json()
    issued = api.clerk.post(f"/documents/{proposal['document_id']}/issue",
                            {"number_symbol": number, "issued_on": "2026-05-04"})
    assert issued.status_code == 200, issued.json()
    document_id: int = proposal["document_id"]
    return document_id
