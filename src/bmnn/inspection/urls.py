"""Self-inspection pages under /tu-kiem-tra/; every page needs a login (access decides the rest)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBase
from django.urls import path

from bmnn.inspection.views import runs, work

app_name = "inspection"
_pages: list[tuple[str, Callable[..., HttpResponseBase], str]] = [
    ("", runs.overview, "overview"),
    ("ke-hoach/moi/", runs.plan_new, "plan_new"),
    ("ke-hoach/<int:pk>/", runs.plan_detail, "plan"),
    ("ke-hoach/<int:pk>/tien-hanh/", runs.run_start, "run_start"),
    ("lan/<int:pk>/", runs.run_detail, "run"),
    ("lan/<int:pk>/buoc/", runs.run_step, "run_step"),
    ("lan/<int:pk>/ket-luan/", runs.run_conclude, "run_conclude"),
    ("lan/<int:pk>/bao-cao.<str:fmt>", runs.run_report_file, "run_report"),
    ("lan/<int:pk>/loai/<str:category_id>/", runs.run_category, "run_category"),
    ("lan/<int:pk>/loai/<str:category_id>/doi-chieu/", work.check_records, "check_records"),
    ("bang-kiem/", work.checklist_page, "checklist"),
    ("bang-kiem/<str:question_id>/", work.answer_question, "answer"),
    ("su-co/", work.incidents, "incidents"),
    ("su-co/moi/", work.incident_new, "incident_new"),
    ("khac-phuc/", work.board, "board"),
    ("khac-phuc/<int:pk>/phan-cong/", work.item_assign, "item_assign"),
    ("khac-phuc/<int:pk>/hoan-thanh/", work.item_close, "item_close"),
    ("bang-chung/<int:pk>/", work.evidence_file, "evidence"),
]
urlpatterns = [path(route, login_required(view), name=name) for route, view, name in _pages]
