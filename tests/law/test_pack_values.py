"""Every value of both rule packs, written by hand from shared/domain/LAW.md (issue 14).

Nothing here is read from a pack to compute what a pack should say: a test that takes its
expected answer from the pack passes any edit of it. Each rule below carries the value the law
gives, the words its provision must contain, and how sure LAW.md is of it, per regime:
2018 = Law 29/2018 + Decree 26/2020 + Circular 24/2020; 2025 = Law 117/2025 + Decree 63/2026,
in which a rule not restated is inherited from 2018 and is NOT CONFIRMED for the new law (LAW.md
§4.1, §7), unless it is bmnn's own requirement or another law's (regime-neutral).
"""

from __future__ import annotations

from typing import Any

import pytest

from bmnn.law.pack import Confidence, Regime, RulePack, load_pack

C, PA, NC, INF = "confirmed", "partial", "not_confirmed", "inference"
TM, TOI, MAT = "tuyet_mat", "toi_mat", "mat"
# What an inherited rule's source says under the 2025 law (pack._rule).
INHERITED = "điều khoản tương ứng của Luật Bảo vệ BMNN 2025 chưa được xác nhận"

# Art 11.1 a–k of Law 29/2018 (LAW.md §1.5): the Tuyệt mật copy authorities.
CLAUSE_1 = ["central_party_head", "na_agency_head", "president_office_head", "supreme_court_procuracy",
            "state_auditor", "provincial_court_procuracy", "socio_political_central", "minister",
            "gov_agency_head", "provincial_leader"]
# Art 11.2 (partial): added for Tối mật; district level under 2018, commune level under 2025 (§4.1).
CLAUSE_2_2018 = ["central_department_head", "public_service_unit_head", "provincial_department_head",
                 "district_court_procuracy", "district_leader"]
CLAUSE_2_2025 = ["central_department_head", "public_service_unit_head", "provincial_department_head",
                 "commune_leader"]
# Art 14.2: persons in Art 11.1 points a, b, c, d, đ, g, h, i, k (not e: courts, procuracies).
ABROAD = ["central_party_head", "na_agency_head", "president_office_head", "supreme_court_procuracy",
          "state_auditor", "socio_political_central", "minister", "gov_agency_head", "provincial_leader"]

# rule: (value, {regime: (words the source contains, confidence)}); one value when both agree.
RULES: dict[str, tuple[Any, dict[Regime, tuple[str, str]]]] = {
    "protection_period_years": ({TM: 30, TOI: 20, MAT: 10}, {
        Regime.R2018: ("Khoản 1 Điều 19 Luật Bảo vệ BMNN 2018", C), Regime.R2025: (INHERITED, NC)}),
    "extension_min_days_before_expiry": (60, {
        Regime.R2018: ("Khoản 1 Điều 20 Luật Bảo vệ BMNN 2018", C), Regime.R2025: (INHERITED, NC)}),
    "extension_max_years_is_base_period": (True, {
        Regime.R2018: ("Khoản 2 Điều 20 Luật Bảo vệ BMNN 2018", C), Regime.R2025: (INHERITED, NC)}),
    "notice_within_days": (15, {
        Regime.R2018: ("Khoản 3 Điều 20, khoản 3 Điều 21 Luật Bảo vệ BMNN 2018", C),
        Regime.R2025: (INHERITED, NC)}),
    "due_list_days": ([60, 90], {
        Regime.R2018: ("Khoản 1 Điều 20 Luật Bảo vệ BMNN 2018", INF), Regime.R2025: (INHERITED, NC)}),
    "classification_basis_required": (True, {
        Regime.R2018: ("Khoản 1 Điều 10 Luật Bảo vệ BMNN 2018; Điều 2 Nghị định 26/2020/NĐ-CP", C),
        Regime.R2025: ("Khoản 1 Điều 10 Luật Bảo vệ BMNN 2025", PA)}),
    "basis_cites_article_clause_point": (True, {
        Regime.R2018: ("261/X05-P5", NC), Regime.R2025: (INHERITED, NC)}),
    "level_is_highest_of_basis": (True, {
        Regime.R2018: ("Khoản 2 Điều 10 Luật Bảo vệ BMNN 2018", C), Regime.R2025: (INHERITED, NC)}),
    "classify_authority": ("head_or_delegated_deputy", {
        Regime.R2018: ("Khoản 2 Điều 10 Luật Bảo vệ BMNN 2018; Hướng dẫn 4114/BCA-ANCTNB", PA),
        Regime.R2025: ("Điều 10 Luật Bảo vệ BMNN 2025", PA)}),
    "recipients_block_required": (["recipients", "copies_issued", "drafter_name", "copy_permission"], {
        Regime.R2018: ("Khoản 2 Điều 2 Nghị định 26/2020/NĐ-CP", C), Regime.R2025: (INHERITED, NC)}),
    "top_secret_summary_forbidden": (True, {
        Regime.R2018: ("Khoản 1 Điều 4 Nghị định 26/2020/NĐ-CP", INF),
        Regime.R2025: ("Nghị định 63/2026/NĐ-CP, Phụ lục III", PA)}),
    "copy_delegable_levels": ([TM, TOI], {
        Regime.R2018: ("Khoản 5 Điều 11 Luật Bảo vệ BMNN 2018", C), Regime.R2025: (INHERITED, NC)}),
    "copy_excess_destroyed": (True, {
        Regime.R2018: ("Điều 3 Nghị định 26/2020/NĐ-CP", C), Regime.R2025: (INHERITED, NC)}),
    "destruction_authority_levels": ([TM, TOI], {
        Regime.R2018: ("Khoản 3 Điều 23 Luật Bảo vệ BMNN 2018", C), Regime.R2025: (INHERITED, NC)}),
    "destruction_delegable": (False, {
        Regime.R2018: ("Điều 23 Luật Bảo vệ BMNN 2018", INF), Regime.R2025: (INHERITED, NC)}),
    "take_out_abroad_authority": (ABROAD, {
        Regime.R2018: ("Khoản 2 Điều 14 Luật Bảo vệ BMNN 2018", C), Regime.R2025: (INHERITED, NC)}),
    "take_out_authority": ("head_or_delegated_deputy", {
        Regime.R2018: ("Khoản 1 Điều 14 Luật Bảo vệ BMNN 2018", C), Regime.R2025: (INHERITED, NC)}),
    "electronic_channels": (["network_coyeu", "independent_lan", "internet"], {
        Regime.R2018: ("Khoản 1 Điều 4 Nghị định 26/2020/NĐ-CP", INF), Regime.R2025: (INHERITED, NC)}),
    "envelopes": ({TM: {"count": 2, "outer_mark": "A", "inner_stamp": "TUYỆT MẬT"},
                   TOI: {"count": 1, "outer_mark": "B", "inner_stamp": None},
                   MAT: {"count": 1, "outer_mark": "C", "inner_stamp": None},
                   "named_person_stamp": "Chỉ người có tên mới được bóc bì"}, {
        Regime.R2018: ("Khoản 1 Điều 4 Nghị định 26/2020/NĐ-CP", C), Regime.R2025: (INHERITED, NC)}),
    # bmnn's own numbers: no law sets them, so the change of regime leaves them as they are.
    "backdating_grace_days": (3, {r: ("Yêu cầu của bmnn", INF) for r in Regime}),
    "receipt_overdue_days": (30, {r: ("Yêu cầu của bmnn", INF) for r in Regime}),
    "antivirus_signature_max_age_days": (7, {r: ("Yêu cầu của bmnn", INF) for r in Regime}),
}

# Rules whose value differs between the regimes.
BY_REGIME: dict[str, dict[Regime, tuple[Any, str, str]]] = {
    "article_numbering": {
        Regime.R2018: ("own", "Luật Bảo vệ bí mật nhà nước số 29/2018/QH14", C),
        Regime.R2025: ("as_2018", "Luật Bảo vệ bí mật nhà nước số 117/2025/QH15", NC)},
    "copy_authority": {
        Regime.R2018: ({TM: CLAUSE_1, TOI: CLAUSE_2_2018, MAT: []},
                       "Khoản 1, 2, 3 Điều 11 Luật Bảo vệ BMNN 2018", PA),
        Regime.R2025: ({TM: CLAUSE_1, TOI: CLAUSE_2_2025, MAT: ["commune_division_head"]},
                       "Điều 11 Luật Bảo vệ BMNN 2025", PA)},
    # Channel × level: Điều 13 (by hand, KT1 post), khoản 5–6 Điều 5 (networks only under cơ yếu
    # law; letter 261/X05-P5: a network carries Tối mật and below); the 2025 law adds the
    # independent LAN (LAW.md §4.1). Ordinary post and the Internet never.
    "channels": {
        Regime.R2018: ({"by_hand": [TM, TOI, MAT], "kt1_post": [TM, TOI, MAT], "network_coyeu": [TOI, MAT],
                        "independent_lan": [], "ordinary_post": [], "internet": []},
                       "Điều 13, khoản 5, 6 Điều 5 Luật Bảo vệ BMNN 2018", PA),
        Regime.R2025: ({"by_hand": [TM, TOI, MAT], "kt1_post": [TM, TOI, MAT], "network_coyeu": [TOI, MAT],
                        "independent_lan": [TOI, MAT], "ordinary_post": [], "internet": []},
                       "Luật Bảo vệ BMNN 2025 (cho phép mạng LAN độc lập)", PA)},
}

# The provision each procedure cites, exactly as a refusal or a finding prints it.
CITES_2018 = {
    "networked_storage": ("Khoản 5 Điều 5 Luật Bảo vệ BMNN 2018", C),
    "repurposing": ("Khoản 7 Điều 5 Luật Bảo vệ BMNN 2018", C),
    "unlawful_copying": ("Khoản 2 Điều 5 Luật Bảo vệ BMNN 2018 (sao chép, lưu giữ, chuyển giao trái phép)",
                         C),
    "transmission": ("Khoản 6 Điều 5 Luật Bảo vệ BMNN 2018 (truyền đưa trái quy định về cơ yếu)", C),
    "meeting_devices": ("Điều 6 Nghị định 26/2020/NĐ-CP (thiết bị dùng trong cuộc họp có nội dung BMNN "
                        "được kiểm tra trước khi lắp đặt)", C),
    "proposal": ("Điều 2 Nghị định 26/2020/NĐ-CP", C),
    "sending": ("Điều 4 Nghị định 26/2020/NĐ-CP", C),
    "copying": ("Điều 3 Nghị định 26/2020/NĐ-CP", C),
    "take_out": ("Điều 5 Nghị định 26/2020/NĐ-CP", C),
    "register_practice": ("Mẫu sổ Thông tư 24/2020/TT-BCA (thực hành quản lý sổ: số đã hủy giữ nguyên, "
                          "sổ đã khóa không sửa)", INF),
    "handover": ("Khoản 2 Điều 26 Luật Bảo vệ BMNN 2018 (bàn giao trước khi thôi việc, chuyển công tác); "
                 "yêu cầu bàn giao khi sắp xếp đơn vị có biên bản, thống kê chi tiết", PA),
    "clearance": ("Điều 24, 26 Luật Bảo vệ BMNN 2018 và quy chế bảo vệ BMNN của cơ quan (người đứng đầu "
                  "quyết định bằng văn bản người được tiếp cận BMNN và mức tiếp cận; người đứng đầu do cấp "
                  "trên quyết định)", INF),
}
# Not statutes of either BMNN law: the change of regime leaves them as they are.
CITES_NEUTRAL = {
    "pre_use_check": ("Yêu cầu kiểm tra an ninh, an toàn thông tin trước khi đưa máy tính vào sử dụng "
                      "(Kế hoạch năm 2026 của UBND tỉnh Lào Cai, mục III.1; Văn bản 261/X05-P5, mục 3) — "
                      "không phải văn bản quy phạm pháp luật", INF),
    "computer_inspection": ("Văn bản 261/X05-P5 ngày 27/01/2026 của Thanh tra Bộ Công an, mục 3 (kiểm tra "
                            "hệ thống máy tính: hệ điều hành, phần mềm diệt virus, mã độc)", PA),
    "incident_plan": ("Khoản 1 Điều 23 Luật An ninh mạng 2018", C),
    "security_levels": ("Nghị định 85/2016/NĐ-CP (bảo đảm an toàn hệ thống thông tin theo cấp độ)", C),
    "four_layers": ("Chỉ thị 14/CT-TTg ngày 07/6/2019 (mô hình bảo đảm an toàn thông tin 4 lớp)", C),
    "inventory_record": ("Yêu cầu quản lý danh mục của bmnn (mỗi thiết bị một mã tài sản; thiết bị đã thôi "
                         "sử dụng không ghi nhận thêm)", INF),
}
# Restated by the 2025 pack (Decree 63/2026's article numbers are not confirmed, LAW.md §7).
CITES_2025 = {
    "proposal": ("Nghị định 63/2026/NĐ-CP (quy định tương ứng Điều 2 Nghị định 26/2020/NĐ-CP)", NC),
    "sending": ("Nghị định 63/2026/NĐ-CP (vận chuyển, giao nhận; vào Sổ đăng ký BMNN đi)", PA),
    "copying": ("Nghị định 63/2026/NĐ-CP (quy định tương ứng Điều 3 Nghị định 26/2020/NĐ-CP)", NC),
    "take_out": ("Điều 7 Nghị định 63/2026/NĐ-CP (mang tài liệu ra khỏi nơi lưu giữ)", PA),
    "register_practice": ("Phụ lục III Nghị định 63/2026/NĐ-CP (thực hành quản lý sổ: số đã hủy giữ "
                          "nguyên, sổ đã khóa không sửa)", INF),
    "handover": ("Điều 26 Luật Bảo vệ BMNN 2025 (bàn giao trước khi thôi việc, chuyển công tác); yêu cầu "
                 "bàn giao khi sắp xếp đơn vị có biên bản, thống kê chi tiết", NC),
}


def expected_cites(regime: Regime) -> dict[str, tuple[str, str]]:
    if regime == Regime.R2018:
        return {**CITES_2018, **CITES_NEUTRAL}
    inherited = {k: (f"{v} ({INHERITED})", NC) for k, (v, _) in CITES_2018.items()}
    return {**inherited, **CITES_NEUTRAL, **CITES_2025}


@pytest.fixture
def packs() -> dict[Regime, RulePack]:
    """Both packs read afresh from their YAML for each test, past load_pack's cache, so that the
    loading code (inheritance, the 2025 doubt on inherited rules, register layouts) is what each
    test checks (and mutation testing sees every test that reads a pack)."""
    return {regime: load_pack.__wrapped__(regime) for regime in Regime}


STAMP_IDS = ["tuyet_mat", "toi_mat", "mat", "letter_a", "letter_b", "letter_c", "period", "extension",
             "declassified",
             "level_change", "recalled", "named_person", "copy_number", "copying", "copy_mark"]
# Circular 24/2020 forms: 02 level stamps, 03 A/B/C, 04 period/extension, 05 declassified,
# 06 level change, 07 recalled/named person, 08 copy number, 09 copying, 11 copy mark (LAW.md §3.1).
STAMP_FORMS = ["02", "02", "02", "03", "03", "03", "04", "04", "05", "06", "07", "07", "08", "09", "11"]


@pytest.mark.parametrize("regime", list(Regime))
def test_every_rule_of_the_pack_is_pinned_here(regime: Regime, packs: dict[Regime, RulePack]) -> None:
    """A rule added to a pack without an expectation here fails: pin it below first."""
    pinned = set(RULES) | set(BY_REGIME) | {f"cite_{k}" for k in expected_cites(regime)} | {"stamp_forms"}
    assert set(packs[regime].rules) == pinned


@pytest.mark.parametrize("regime", list(Regime))
@pytest.mark.parametrize("key", list(RULES))
def test_rule_value_source_and_confidence(regime: Regime, key: str, packs: dict[Regime, RulePack]) -> None:
    value, where = RULES[key]
    words, confidence = where[regime]
    rule = packs[regime].rule(key)
    assert rule.value == value
    assert words in rule.source
    assert rule.confidence == confidence
    assert rule.confirmed is (confidence == C)
    assert not rule.overridden


@pytest.mark.parametrize("regime", list(Regime))
@pytest.mark.parametrize("key", list(BY_REGIME))
def test_rule_that_differs_between_regimes(regime: Regime, key: str, packs: dict[Regime, RulePack]) -> None:
    value, words, confidence = BY_REGIME[key][regime]
    rule = packs[regime].rule(key)
    assert (rule.value, rule.confidence) == (value, confidence)
    assert words in rule.source


@pytest.mark.parametrize("regime", list(Regime))
def test_cited_provisions(regime: Regime, packs: dict[Regime, RulePack]) -> None:
    pack = packs[regime]
    for topic, (text, confidence) in expected_cites(regime).items():
        assert pack.cite(topic) == (text, confidence), topic
        assert pack.rule(f"cite_{topic}").confidence == confidence


def test_2025_inherited_rules_say_so_in_their_note(packs: dict[Regime, RulePack]) -> None:
    p18, p25 = packs[Regime.R2018], packs[Regime.R2025]
    for key in ("protection_period_years", "envelopes", "destruction_delegable", "cite_networked_storage"):
        assert p25.rule(key).note == "Kế thừa từ quy định trước, chưa xác nhận theo luật mới."
        assert p18.rule(key).note == ""
    storage = p25.rule("cite_networked_storage")  # an inherited citation keeps its old source, doubted
    assert storage.source == ("Khoản 5 Điều 5 Luật Bảo vệ BMNN 2018 (cấm soạn thảo, lưu giữ BMNN trên "
                              f"máy tính đã hoặc đang kết nối mạng); {INHERITED}")
    assert p25.rule("cite_incident_plan").source == "Khoản 1 Điều 23 Luật An ninh mạng số 24/2018/QH14"
    assert p25.rule("receipt_overdue_days").note == ""  # regime-neutral: nothing inherited to doubt
    assert p25.rule("channels").note.startswith("Độ Tuyệt mật không truyền qua mạng")


@pytest.mark.parametrize("regime", list(Regime))
def test_stamp_list(regime: Regime, packs: dict[Regime, RulePack]) -> None:
    # Circular 24/2020 Art 2: 9 stamp forms, 15 impressions (LAW.md §3.1); Decree 63/2026's list
    # is not confirmed, so the 2025 pack keeps Circular 24's and says so.
    rule = packs[regime].rule("stamp_forms")
    assert [s["id"] for s in rule.value] == STAMP_IDS
    suffix = "" if regime == Regime.R2018 else " TT 24/2020"
    assert [s["form"] for s in rule.value] == [f"Mẫu số {n}{suffix}" for n in STAMP_FORMS]
    assert rule.confidence == (PA if regime == Regime.R2018 else NC)
    names = {s["id"]: s["name"] for s in rule.value}
    assert names["letter_a"] == "Dấu ký hiệu A" and names["declassified"] == "Dấu GIẢI MẬT"
    specs = {s["id"]: s["spec"] for s in rule.value}
    # LAW.md §3.2: TUYỆT MẬT 40 × 8 mm, TỐI MẬT 30 × 8 mm, A/B/C circles of 15 mm, GIẢI MẬT 30 × 13 mm.
    assert specs["tuyet_mat"].startswith("hình chữ nhật 40 × 8 mm")
    assert specs["toi_mat"].startswith("hình chữ nhật 30 × 8 mm")
    assert all(specs[f"letter_{x}"].startswith("hình tròn đường kính 15 mm") for x in "abc")
    assert specs["declassified"].startswith("hình chữ nhật 30 × 13 mm")


# Register layouts: Circular 24/2020 forms 14, 15, 12, 16 (2018); Decree 63/2026 Appendix III for
# the outgoing and incoming registers from 01/3/2026 (LAW.md §8), the others inherited.
OUTGOING_2018 = ["number", "doc_date", "number_symbol", "type_summary", "level", "signer", "recipients",
                 "copies", "note"]
OUTGOING_2025 = ["number", "number_symbol", "doc_date", "type_summary", "level", "signer", "recipients",
                 "keeping_unit", "copies", "note"]
INCOMING = ["number", "arrival_date", "arrival_number", "issuer", "number_symbol", "doc_date", "type_summary",
            "level", "receiver", "note"]
COPIES = ["number", "copy_date", "source_doc", "level", "copy_form", "copy_count", "copy_numbers",
          "permitted_by", "copied_by", "copy_recipients", "note"]
TRANSFERS = ["number", "sent_date", "number_symbol", "level", "envelope", "receiver_unit", "channel",
             "receiver_signature", "received_date", "note"]
REGISTERS = {
    Regime.R2018: {
        "outgoing": ("Mẫu số 14 Thông tư 24/2020/TT-BCA", "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI", NC, OUTGOING_2018),
        "incoming": ("Mẫu số 15 Thông tư 24/2020/TT-BCA", "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN", NC, INCOMING),
        "copies": ("Mẫu số 12 Thông tư 24/2020/TT-BCA", "SỔ QUẢN LÝ SAO, CHỤP BÍ MẬT NHÀ NƯỚC", NC, COPIES),
        "transfers": ("Mẫu số 16 Thông tư 24/2020/TT-BCA", "SỔ CHUYỂN GIAO BÍ MẬT NHÀ NƯỚC", NC, TRANSFERS),
    },
    Regime.R2025: {
        "outgoing": ("Phụ lục III Nghị định 63/2026/NĐ-CP", "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI", PA,
                     OUTGOING_2025),
        "incoming": ("Phụ lục III Nghị định 63/2026/NĐ-CP", "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN", PA, INCOMING),
        "copies": ("Mẫu số 12 Thông tư 24/2020/TT-BCA", "SỔ QUẢN LÝ SAO, CHỤP BÍ MẬT NHÀ NƯỚC", NC, COPIES),
        "transfers": ("Mẫu số 16 Thông tư 24/2020/TT-BCA", "SỔ CHUYỂN GIAO BÍ MẬT NHÀ NƯỚC", NC, TRANSFERS),
    },
}


@pytest.mark.parametrize("regime", list(Regime))
@pytest.mark.parametrize("kind", ["outgoing", "incoming", "copies", "transfers"])
def test_register_layouts(regime: Regime, kind: str, packs: dict[Regime, RulePack]) -> None:
    form, title, confidence, columns = REGISTERS[regime][kind]
    layout = packs[regime].registers[kind]
    assert (layout.kind, layout.form, layout.title, layout.confidence) == (kind, form, title, confidence)
    assert [c.id for c in layout.columns] == columns
    assert set(packs[regime].registers) == {"outgoing", "incoming", "copies", "transfers"}


def test_decree_63_register_column_titles(packs: dict[Regime, RulePack]) -> None:
    # LAW.md §8: (3) ngày tháng xác định tài liệu, (7) nơi nhận và ký nhận, (8) đơn vị lưu,
    # (9) số lượng bản phát hành.
    titles = {c.id: c.title for c in packs[Regime.R2025].registers["outgoing"].columns}
    assert titles["doc_date"] == "Ngày tháng xác định tài liệu"
    assert titles["recipients"] == "Nơi nhận và ký nhận"
    assert titles["keeping_unit"] == "Đơn vị lưu"
    assert titles["copies"] == "Số lượng bản phát hành"
    incoming = {c.id: c.title for c in packs[Regime.R2025].registers["incoming"].columns}
    assert incoming["receiver"] == "Đơn vị và ký nhận"


@pytest.mark.parametrize("regime", list(Regime))
def test_pack_identity(regime: Regime, packs: dict[Regime, RulePack]) -> None:
    pack = packs[regime]
    expected = {
        Regime.R2018: ("2018.1", "Luật Bảo vệ BMNN 2018",
                       "Luật Bảo vệ BMNN 2018, Nghị định 26/2020/NĐ-CP, Thông tư 24/2020/TT-BCA"),
        Regime.R2025: ("2025.1", "Luật Bảo vệ BMNN 2025",
                       "Luật Bảo vệ BMNN 2025 (117/2025/QH15), Nghị định 63/2026/NĐ-CP"),
    }[regime]
    assert (pack.version, pack.law_short, pack.title) == expected
    assert pack.regime == regime
    # The 2025 pack inherits the 2018 authority classes (19, the police class in no list).
    assert len(pack.authority_classes) == 19
    assert pack.authority_classes["provincial_leader"].endswith("(điểm k)")
    assert "police_unit_head" in pack.authority_classes


def test_unconfirmed_lists_exactly_the_rules_not_confirmed(packs: dict[Regime, RulePack]) -> None:
    for regime, pack in packs.items():
        expected = {k for k, (_, where) in RULES.items() if where[regime][1] != C}
        expected |= {k for k, by in BY_REGIME.items() if by[regime][2] != C}
        expected |= {f"cite_{k}" for k, (_, conf) in expected_cites(regime).items() if conf != C}
        expected |= {"stamp_forms"}
        assert {r.key for r in pack.unconfirmed()} == expected
    assert "protection_period_years" not in {r.key for r in packs[Regime.R2018].unconfirmed()}
    assert "protection_period_years" in {r.key for r in packs[Regime.R2025].unconfirmed()}


def test_confidence_labels_shown_to_the_user() -> None:
    assert [c.label for c in Confidence] == ["đã xác nhận", "xác nhận một phần", "chưa xác nhận", "suy luận"]
    assert [r.label for r in Regime] == ["Luật 2018 (29/2018/QH14)", "Luật 2025 (117/2025/QH15)"]
