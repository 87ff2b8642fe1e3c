"""The demo's self-inspection: the department's paper registers of 2024 imported as they were
kept (with the mistakes paper registers carry), some checklist answers, and a self-inspection
run by the secrets officer, waiting for the director's conclusion. All through the actions."""

from __future__ import annotations

import datetime as dt
import hashlib

from bmnn.demo.people import DEPT
from bmnn.demo.story import Story
from bmnn.inspection.actions import do_answer_question, do_plan_self_inspection, do_run_self_inspection
from bmnn.inspection.checklist import items_of, question
from bmnn.lib.sheets import Cell, Sheet
from bmnn.registry.actions.imports import do_import_register_entries
from bmnn.registry.importing.parse import parse_register_sheet
from bmnn.registry.rules import pack_for

D = dt.date
# Sổ đăng ký BMNN đi 2024 (Mẫu số 14): a Tuyệt mật line with its summary written, a line
# without copy count, a line signed by the deputy before her delegation.
OUTGOING_2024: list[list[Cell]] = [
    [
        1,
        D(2024, 3, 4),
        "12/KH-SGDĐT",
        "Kế hoạch tổ chức kỳ thi tốt nghiệp THPT 2024",
        "Tối mật",
        "Đỗ Minh Tuấn",
        "UBND tỉnh (01); Lưu VT (01)",
        2,
        "",
    ],
    [
        2,
        D(2024, 5, 20),
        "25/BC-SGDĐT",
        "Báo cáo nhân sự chủ chốt",
        "Tuyệt mật",
        "Đỗ Minh Tuấn",
        "Tỉnh ủy (01)",
        1,
        "",
    ],
    [
        3,
        D(2024, 6, 3),
        "31/CV-SGDĐT",
        "Công văn về bảo quản đề thi",
        "Mật",
        "Lương Thị Hạnh",
        "Các trường THPT",
        None,
        "",
    ],
    [
        4,
        D(2024, 9, 9),
        "44/BC-SGDĐT",
        "Báo cáo kết quả kỳ thi",
        "Mật",
        "Đỗ Minh Tuấn",
        "UBND tỉnh (01); Lưu VT (01)",
        2,
        "",
    ],
]
# Sổ chuyển giao BMNN 2024 (Mẫu số 16): sent by ordinary post, through Zalo, never signed for.
TRANSFERS_2024: list[list[Cell]] = [
    [
        1,
        D(2024, 3, 5),
        "12/KH-SGDĐT",
        "Tối mật",
        "B",
        "UBND tỉnh",
        "Giao liên",
        "Nông Thị Mai",
        D(2024, 3, 5),
        "",
    ],
    [
        2,
        D(2024, 6, 4),
        "31/CV-SGDĐT",
        "Mật",
        "C",
        "Trường THPT số 1",
        "Bưu điện",
        "Nguyễn Thị Lan",
        D(2024, 6, 7),
        "",
    ],
    [3, D(2024, 6, 4), "31/CV-SGDĐT", "Mật", "", "Trường THPT số 2", "Zalo", "", None, ""],
    [4, D(2024, 9, 10), "44/BC-SGDĐT", "Mật", "C", "UBND tỉnh", "BĐ KT1", "", None, ""],
]


def _sheet(name: str, rows: list[list[Cell]]) -> Sheet:
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()
    return Sheet(name, digest, 0, [(number, cells) for number, cells in enumerate(rows, start=1)])


def _import(story: Story, kind: str, name: str, rows: list[list[Cell]]) -> None:
    unit = story.cast.unit(DEPT)
    parsed = parse_register_sheet(_sheet(name, rows), kind, today=story.today, year=2024)
    # The director imports: the outgoing book holds a Tuyệt mật line, above the clerk's clearance.
    do_import_register_entries(unit, parsed, actor=story.cast.account("giamdoc"))


def _answers(story: Story) -> None:
    unit, clerk = story.cast.unit(DEPT), story.cast.account("vanthu")
    do_answer_question(
        unit,
        question_id="bmnn-rules",
        answer="yes",
        doc_number="08/QĐ-SGDĐT",
        doc_date=D(2026, 3, 20),
        actor=clerk,
    )
    do_answer_question(
        unit,
        question_id="net-rules",
        answer="no",
        note="Chưa ban hành nội quy an ninh mạng của Sở",
        actor=clerk,
    )
    do_answer_question(
        unit,
        question_id="training",
        answer="yes",
        doc_number="15/KH-SGDĐT",
        doc_date=D(2026, 4, 2),
        actor=clerk,
    )
    stamps = {item.id: "ok" for item in items_of(question("stamps"), pack_for(story.today))[0]}
    do_answer_question(unit, question_id="stamps", items=stamps | {"letter_a": "missing"}, actor=clerk)


def inspect(story: Story) -> None:
    """History imported, answers given, a run carried out; the conclusion is the director's."""
    _import(story, "outgoing", "so-di-2024 (so giay).xlsx", OUTGOING_2024)
    _import(story, "transfers", "so-chuyen-giao-2024 (so giay).xlsx", TRANSFERS_2024)
    _answers(story)
    unit, clerk = story.cast.unit(DEPT), story.cast.account("vanthu")
    plan = do_plan_self_inspection(
        unit,
        title="Kế hoạch tự kiểm tra công tác bảo vệ BMNN năm 2026",
        number="20/KH-SGDĐT",
        period_from=D(2024, 1, 1),
        period_to=story.today,
        starts_on=story.today,
        ends_on=story.today,
        team="Bùi Thị Ngọc (tổ trưởng)\nHoàng Văn Phúc\nLý Văn Đức",
        actor=clerk,
    )
    do_run_self_inspection(plan, actor=clerk)
