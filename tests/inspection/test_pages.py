"""The self-inspection pages as people use them: the officer plans, runs (in steps, as the page
does), drills down, checks records; the head concludes and downloads the report; the IT officer
answers his questions; people without a reason see nothing. Every page is Vietnamese."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from bmnn.inspection.models import Plan, RecordCheck, RemediationItem, Run, RunStatus
from bmnn.org.models import Account
from tests.api.client import caller
from tests.inspection.plant import import_lines, legacy_document, outgoing_row_2018
from tests.world import World

PDF = b"%PDF-1.4\n%%EOF\n"


def client_for(account: Account) -> Client:
    client = Client()
    client.force_login(account)
    return client


def _plan(client: Client) -> Plan:
    response = client.post(
        reverse("inspection:plan_new"),
        {
            "title": "Tự kiểm tra năm 2026",
            "number": "05/KH-SGDĐT",
            "period_from": "01/01/2025",
            "period_to": "04/05/2026",
            "team": "Phạm Thị Hoa",
            "starts_on": "04/05/2026",
            "ends_on": "08/05/2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Plan.objects.get()


def _run_to_the_end(client: Client, plan: Plan) -> Run:
    response = client.post(reverse("inspection:run_start", args=[plan.pk]))
    run = Run.objects.get()
    assert response["Location"] == reverse("inspection:run", args=[run.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Đang xét 0/" in page and "hx-post" in page
    for _ in range(30):
        step = client.post(reverse("inspection:run_step", args=[run.pk]))
        if step.status_code == 204:
            assert step["HX-Redirect"] == reverse("inspection:run", args=[run.pk])
            break
        assert "Đang xét" in step.content.decode()
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    return run


def _no_codes(html: str) -> None:
    assert not re.search(r"\b(DOC|COPY|MOVE|KEEP|LIFE|ORG|NET|PC|DATA)-[A-Z0-9-]+\b(?![^<]*>)", _text(html))


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_officer_plans_runs_and_checks(world: World) -> None:
    bad = legacy_document(world, "05/KH", proposal=False)
    clerk = client_for(world.clerk)
    run = _run_to_the_end(clerk, _plan(clerk))
    page = clerk.get(reverse("inspection:run", args=[run.pk])).content.decode()
    assert "Phát hành văn bản BMNN không có tờ trình" in page and "Tải báo cáo (Word)" in page
    _no_codes(page)
    drill = clerk.get(reverse("inspection:run_category", args=[run.pk, "DOC-NO-PROPOSAL"])).content.decode()
    assert "05/KH" in drill and f'value="document:{bad.pk}"' in drill
    assert "Kế hoạch tổ chức kỳ thi" not in drill
    response = clerk.post(
        reverse("inspection:check_records", args=[run.pk, "DOC-NO-PROPOSAL"]),
        {"record": f"document:{bad.pk}", "result": "remedied", "reference": "VB 20/SGDĐT ngày 20/5/2026"},
    )
    assert response.status_code == 302
    assert RecordCheck.objects.get().result == "remedied"
    board = clerk.get(reverse("inspection:board")).content.decode()
    assert "Rõ người" in board and "Xác nhận hoàn thành" in board
    item = RemediationItem.objects.get(category="DOC-NO-PROPOSAL")
    closed = clerk.post(
        reverse("inspection:item_close", args=[item.pk]),
        {"note": "Đã lập văn bản xác định độ mật", "reference": "VB 20/SGDĐT"},
    )
    assert closed.status_code == 302
    home = clerk.get(reverse("web:home")).content.decode()
    assert "Việc khắc phục sau tự kiểm tra" in home


def test_the_head_concludes_and_downloads(world: World) -> None:
    clerk = client_for(world.clerk)
    run = _run_to_the_end(clerk, _plan(clerk))
    assert "Ký kết luận" not in clerk.get(reverse("inspection:run", args=[run.pk])).content.decode()
    head = client_for(world.head)
    assert "Ký kết luận" in head.get(reverse("inspection:run", args=[run.pk])).content.decode()
    head.post(
        reverse("inspection:run_conclude", args=[run.pk]),
        {"conclusion": "Đạt yêu cầu", "report_number": "07/BC"},
    )
    run.refresh_from_db()
    assert run.status == RunStatus.CLOSED
    word = head.get(reverse("inspection:run_report", args=[run.pk, "docx"]))
    assert word.status_code == 200 and word.content[:2] == b"PK"
    assert "attachment" in word["Content-Disposition"]


def test_checklist_answer_with_a_scan(world: World) -> None:
    clerk = client_for(world.clerk)
    page = clerk.get(reverse("inspection:answer", args=["stamps"])).content.decode()
    assert (
        "Dấu chỉ độ TUYỆT MẬT" in page and "chưa xác nhận" in page and 'enctype="multipart/form-data"' in page
    )
    refused = clerk.post(reverse("inspection:answer", args=["budget"]), {"answer": "yes"})
    assert refused.status_code == 200 and "phải ghi số và ngày văn bản" in refused.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = clerk.post(
        reverse("inspection:answer", args=["budget"]),
        {
            "answer": "yes",
            "doc_number": "30/QĐ",
            "doc_date": "03/05/2026",
            "evidence": SimpleUploadedFile("qd.pdf", b"MZ-not-a-pdf"),
        },
    )
    assert "không phải PDF, JPEG hoặc PNG" in bad.content.decode()
    ok = clerk.post(
        reverse("inspection:answer", args=["budget"]),
        {
            "answer": "yes",
            "doc_number": "30/QĐ",
            "doc_date": "03/05/2026",
            "evidence": SimpleUploadedFile("qd.pdf", PDF),
        },
    )
    assert ok.status_code == 302
    listing = clerk.get(reverse("inspection:checklist")).content.decode()
    assert "qd.pdf" in listing and "30/QĐ" in listing


@pytest.mark.parametrize("who", ["drafter", "outsider", "admin"])
def test_people_without_a_reason_are_refused(world: World, who: str) -> None:
    clerk = client_for(world.clerk)
    run = _run_to_the_end(clerk, _plan(clerk))
    other = client_for(getattr(world, who))
    urls = [
        reverse("inspection:run", args=[run.pk]),
        reverse("inspection:run_category", args=[run.pk, "ORG-NO-STAFF"]),
        reverse("inspection:run_report", args=[run.pk, "docx"]),
    ]
    if who != "outsider":  # the commune's clerk sees his own unit's pages, not the department's run
        urls += [reverse("inspection:overview"), reverse("inspection:board"), reverse("inspection:checklist")]
    for url in urls:
        assert other.get(url).status_code in (403, 404), url


def test_anonymous_goes_to_login(db: None) -> None:
    response = Client().get(reverse("inspection:overview"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_deputy_reads_but_does_not_plan(world: World) -> None:
    deputy = client_for(world.deputy)
    assert deputy.get(reverse("inspection:overview")).status_code == 200
    assert reverse("inspection:plan_new") not in deputy.get(reverse("inspection:overview")).content.decode()
    assert deputy.get(reverse("inspection:plan_new")).status_code == 403
    assert dt.date.today()  # the page reads today's date from the frozen clock


def test_paper_lines_no_one_could_judge_are_listed_and_checked(world: World, tmp_path: Path) -> None:
    """A paper line that cannot show the fact is named on the category's page, a page at a time,
    and the clerk records what the files show; the next run counts it. A line that is not part
    of the run cannot be checked through it."""
    lines = import_lines(world, tmp_path, "outgoing", [outgoing_row_2018(n) for n in range(1, 56)])
    clerk = client_for(world.clerk)
    run = _run_to_the_end(clerk, _plan(clerk))
    url = reverse("inspection:run_category", args=[run.pk, "DOC-NO-PROPOSAL"])
    page = clerk.get(url).content.decode()
    assert "Chưa kết luận được: 55 hồ sơ cần đối chiếu" in page and "Trang 1 / 2" in page
    assert f'value="register_entry:{lines[0].pk}"' in page and "1/KH-SGDĐT" in page
    assert f'value="register_entry:{lines[54].pk}"' not in page
    assert "Kế hoạch: thi tốt nghiệp" not in page  # a label, never the summary
    second = clerk.get(url + "?trang=2").content.decode()
    assert f'value="register_entry:{lines[54].pk}"' in second and "Trang 2 / 2" in second
    done = clerk.post(
        reverse("inspection:check_records", args=[run.pk, "DOC-NO-PROPOSAL"]),
        {"record": [f"register_entry:{lines[0].pk}"], "result": "compliant", "reference": "Tờ trình 01/TTr"},
    )
    assert done.status_code == 302
    assert RecordCheck.objects.get().record_id == lines[0].pk
    assert "Đã đối chiếu, đúng quy định" in clerk.get(url).content.decode()
    other = legacy_document(world, "77/KH", proposal=False)  # issued after the run: not in it
    refused = clerk.post(
        reverse("inspection:check_records", args=[run.pk, "DOC-NO-PROPOSAL"]),
        {"record": [f"document:{other.pk}"], "result": "violation", "reference": "VB 1"},
    )
    assert refused.status_code == 403 and RecordCheck.objects.count() == 1
    api_clerk = caller(world.clerk)
    api = api_clerk.get(f"/inspection/runs/{run.pk}/waiting/DOC-NO-PROPOSAL", page=2)
    assert api.status_code == 200, api.content
    body = api.json()
    assert (body["total"], body["page"], body["pages"]) == (55, 2, 2)
    assert [r["id"] for r in body["records"]] == [line.pk for line in lines[50:]]
    assert {r["checked"] for r in body["records"]} == {""}
    whole = api_clerk.get(f"/inspection/runs/{run.pk}").json()["result"]["categories"]
    assert next(c for c in whole if c["id"] == "DOC-NO-PROPOSAL")["waiting"] == {"register_entry": 55}


def test_one_check_takes_paper_lines_and_documents_together(world: World, tmp_path: Path) -> None:
    """A page of the waiting list may hold both kinds (paper lines, then candidate documents): one
    check records them all, and the clerk comes back to the page it was made from."""
    lines = import_lines(world, tmp_path, "outgoing", [outgoing_row_2018(101)])
    candidate = legacy_document(world, "77/KH", proposal=False)
    clerk = client_for(world.clerk)
    run = _run_to_the_end(clerk, _plan(clerk))
    done = clerk.post(
        reverse("inspection:check_records", args=[run.pk, "DOC-NOT-SECRET"]),
        {"record": [f"register_entry:{lines[0].pk}", f"document:{candidate.pk}"], "result": "violation",
         "reference": "Kết luận của Giám đốc", "trang": "1"},
    )
    assert done.status_code == 302 and done["Location"].endswith("?trang=1#cho-doi-chieu")
    assert set(RecordCheck.objects.values_list("record_kind", "record_id")) == {
        ("register_entry", lines[0].pk), ("document", candidate.pk)}


def test_a_check_refused_for_one_kind_writes_nothing_for_the_other(world: World, tmp_path: Path) -> None:
    lines = import_lines(world, tmp_path, "outgoing", [outgoing_row_2018(101)])
    proven = legacy_document(world, "78/KH", proposal=False)  # the registry shows it: not "compliant"
    clerk = client_for(world.clerk)
    run = _run_to_the_end(clerk, _plan(clerk))
    refused = clerk.post(
        reverse("inspection:check_records", args=[run.pk, "DOC-NO-PROPOSAL"]),
        {"record": [f"register_entry:{lines[0].pk}", f"document:{proven.pk}"], "result": "compliant",
         "reference": "Tờ trình 01/TTr"},
    )
    assert refused.status_code == 302 and RecordCheck.objects.count() == 0
    assert "Dữ liệu trong sổ cho thấy vi phạm" in clerk.get(refused["Location"]).content.decode()
