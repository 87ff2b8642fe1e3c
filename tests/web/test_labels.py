"""No codes on screen: history details, roles, delegation scopes, authority classes, channels and
the rules page read as Vietnamese words, never as keys, ISO dates or Python values."""

from __future__ import annotations

import re

import pytest

from bmnn.law.transfer import Channel
from bmnn.registry.actions.transfers import do_record_receipt, do_send_document
from bmnn.registry.rules import pack_of
from bmnn.web.details import details
from bmnn.web.rule_sentences import rule_sentence
from tests.registry.flows import DAY, issue
from tests.world import World, client_for

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")




def _history_cells(page: str) -> str:
    return page[page.index("Lịch sử"):]


def test_details_name_each_field_and_translate_its_value() -> None:
    shown = details({"channel": "kt1_post", "sent_on": "2026-05-04", "copy_permitted": False,
                     "late": False, "document": 12, "level": {"before": "mat", "after": "toi_mat"},
                     "recipients": [["UBND tỉnh Lào Cai", 2], ["Lưu: VT", 1]], "copies": [1, 3]})
    assert ("Hình thức chuyển", "Mạng bưu chính KT1") in shown or \
        ("Hình thức chuyển", Channel.KT1_POST.label) in shown
    assert ("Ngày gửi", "04/05/2026") in shown
    assert ("", "Không được phép sao, chụp") in shown  # a yes/no under the words it answers
    assert ("Độ mật", "Mật → Tối mật") in shown
    assert ("Nơi nhận", "UBND tỉnh Lào Cai (2 bản); Lưu: VT (1 bản)") in shown
    assert ("Bản số", "01–03") in shown
    assert all(v != "12" for _, v in shown)  # a record id says nothing to a person
    assert not any(k == "" and v in {"Có", "Không"} for k, v in shown)  # no lone yes/no


def test_document_history_shows_no_codes(world: World) -> None:
    document = issue(world)
    assert world.clerk.person
    transfer = do_send_document(document, recipient_name="UBND tỉnh Lào Cai", channel=Channel.KT1_POST,
                                sent_on=DAY, sent_by=world.clerk.person, copy_numbers="bản số 01–02",
                                actor=world.clerk)
    do_record_receipt(transfer, received_by_name="Nguyễn Văn A", received_on=DAY, actor=world.clerk)
    history = _history_cells(client_for("vanthu").get(f"/tai-lieu/{document.pk}/").content.decode())
    assert Channel.KT1_POST.label in history and "Ngày nhận: 04/05/2026" in history
    for code in ("kt1_post", "toi_mat", "issued", "True", "False", "None"):
        assert code not in history, code
    assert not ISO.search(history)
    assert not re.search(r">\s*(có|không)\s*<", history)


def test_accounts_page_shows_role_names(world: World) -> None:
    page = client_for("quantri").get("/quan-tri/tai-khoan/").content.decode()
    assert "Văn thư, cán bộ bảo vệ BMNN" in page and "Thủ trưởng" in page
    assert not re.search(r"<td>[a-z_, ]*(clerk|drafter|head|deputy|admin)[a-z_, ]*</td>", page)


def test_org_page_shows_scope_and_authority_class_titles(world: World) -> None:
    page = client_for("vanthu").get("/to-chuc/").content.decode()
    assert "classify" not in page and "provincial_department_head" not in page
    assert "Xác định độ mật" in page or "xác định độ mật" in page


@pytest.mark.parametrize("regime", ["2018", "2025"])
def test_every_rule_reads_as_a_sentence(regime: str) -> None:
    pack = pack_of(regime)
    for key, rule in pack.rules.items():
        sentence = rule_sentence(key, rule.value, pack.authority_classes)
        assert key not in sentence and "{" not in sentence and "[" not in sentence, (key, sentence)
        assert "True" not in sentence and "False" not in sentence and "_" not in sentence, (key, sentence)


def test_rules_page_has_no_keys_or_python_values(world: World) -> None:
    page = client_for("vanthu").get("/quy-dinh/").content.decode()
    assert "tài liệu Tối mật 20 năm" in page and "Điều 19" in page
    for leak in ("protection_period_years", "{&#x27;", "[&#x27;", "True", "head_or_delegated_deputy"):
        assert leak not in page, leak


def test_checklist_answers_read_as_stamp_names_and_states() -> None:
    shown = dict(details({"question": "stamps", "answer": "no",
                          "items": {"tuyet_mat": "ok", "letter_a": "missing"}}))
    assert shown["Trả lời"] == "Không"
    assert "Dấu chỉ độ TUYỆT MẬT: Có, đúng mẫu" in shown["Kết quả"]
    assert "Dấu ký hiệu A: Chưa có" in shown["Kết quả"]
    assert "stamps" not in shown["Câu hỏi"]


def test_past_connection_kinds_read_in_words() -> None:
    from pathlib import Path

    import bmnn.netsec
    from bmnn.web.templatetags.bmnn import connection_kind

    assert connection_kind("wifi") == "Wi-Fi" and connection_kind("ethernet") == "Mạng dây"
    template = Path(bmnn.netsec.__file__).parent / "templates" / "netsec" / "computer.html"
    assert "|connection_kind" in template.read_text(encoding="utf-8")
