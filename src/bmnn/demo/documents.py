"""The demo's documents, told in date order so register numbers follow the calendar.

Documents dated before 01/3/2026 fall under Law 29/2018 and Decree 26/2020, later ones under
Law 117/2025 and Decree 63/2026; registers open under the regime of their first day. Proposals
and their approval carry today's date (the actions take no date for them). Protection periods
that end soon come from a shorter period stated in the proposal (khoản 2 Điều 19), counted from
today, so the home page always has periods ending within 60 and 90 days; no stored date is
adjusted behind the actions' back.
"""

from __future__ import annotations

import datetime as dt

from bmnn.demo.people import COMMUNE, DEPT, OLD_COMMUNE, PROVINCE
from bmnn.demo.story import Arrival, Draft, Story
from bmnn.law.copying import CopyForm
from bmnn.law.levels import Level
from bmnn.law.transfer import Channel
from bmnn.registry.actions.disposal import DOSSIER_ITEMS, do_destroy_documents, do_report_loss
from bmnn.registry.actions.handover import do_hand_over_documents
from bmnn.registry.actions.lifecycle import (
    do_change_level,
    do_declassify,
    do_declassify_expired,
    do_declassify_removed_from_catalog,
    do_extend_protection,
    do_record_notice,
)
from bmnn.registry.actions.registers import do_close_volume
from bmnn.registry.actions.storage import do_return_document, do_take_out_document
from bmnn.registry.models import HandoverReason, Register, RegisterKind

D = dt.date
TINH = ("UBND tỉnh Lào Cai", 1, PROVINCE)
CAT = ("Công an tỉnh Lào Cai", 1, None)
LUU = ("Lưu: VT", 1, None)
CA_TINH = "Công an tỉnh Lào Cai"
BO = "Bộ Giáo dục và Đào tạo"
SO = "Sở Giáo dục và Đào tạo"

# The last fixed date in the story; the demo needs a clock past it.
LAST_FIXED_DAY = D(2026, 4, 30)


def _old_commune(s: Story) -> None:
    """Xã Tân Phong receives two documents in the first half of 2025, before its merger."""
    s.receive("tp_police", Arrival(
        CA_TINH, "145/CAT-PA03", D(2025, 2, 11), "Công văn",
        "Thông báo tình hình an ninh, trật tự liên quan đến trường học trên địa bàn xã",
        Level.MAT), on=D(2025, 2, 14), clerk="tanphong.vt")
    s.receive("tp_exam_site", Arrival(
        "UBND huyện Bát Xát", "56/UBND-VX", D(2025, 5, 2), "Công văn",
        "Phương án bảo vệ điểm thi tốt nghiệp THPT năm 2025 đặt tại xã", Level.MAT),
        on=D(2025, 5, 6), clerk="tanphong.vt")


def _spring_2025(s: Story) -> None:
    s.issue("plan_hsg", Draft(
        "Kế hoạch", "Kế hoạch tổ chức làm đề thi chọn học sinh giỏi cấp tỉnh THPT năm học "
        "2024-2025", Level.MAT, "exam_site", (("Hội đồng ra đề thi", 1, None), LUU),
        copy_permitted=False), on=D(2025, 2, 18), number="05/KH-SGDĐT")
    s.receive("moet_2025", Arrival(
        BO, "1025/BGDĐT-QLCL", D(2025, 2, 26), "Công văn",
        "Hướng dẫn bảo đảm an toàn, bảo mật đề thi tốt nghiệp THPT năm 2025", Level.MAT,
        copy_permitted=True), on=D(2025, 3, 3), clerk="vanthu")
    s.copy("moet_2025", on=D(2025, 3, 4), permitted_by="giamdoc", count=2,
           recipients="Phòng Quản lý chất lượng; Phòng Giáo dục trung học")
    # Exam papers are protected only until the exam is held (khoản 2 Điều 19), then
    # declassified automatically.
    s.issue("exam_hsg", Draft(
        "Đề thi", "Đề thi chính thức chọn học sinh giỏi cấp tỉnh THPT năm học 2024-2025",
        Level.TOI_MAT, "exam", (("Hội đồng coi thi", 5, None), LUU), copy_permitted=False,
        shorter_until=D(2025, 3, 20)), on=D(2025, 3, 12), number="01/ĐT-HSG")
    # Expired on 20/3/2025: recorded as declassified automatically (no notice is due).
    do_declassify_expired(s.doc("exam_hsg"), actor=s.cast.account("vanthu"))


def _ideology_report(s: Story) -> None:
    """Signed by the deputy under her delegation, sent to the province, signed for, registered."""
    s.issue("ideology", Draft(
        "Báo cáo", "Báo cáo kết quả nắm tình hình tư tưởng đội ngũ nhà giáo các trường vùng "
        "biên giới", Level.MAT, "ideology", (("UBND tỉnh Lào Cai", 2, PROVINCE), CAT, LUU)),
        on=D(2025, 4, 8), number="18/BC-SGDĐT", signer="phogiamdoc")
    s.send("ideology", "UBND tỉnh Lào Cai", on=D(2025, 4, 9), unit=PROVINCE,
           copies="bản số 01–02", receipt=("Nông Thị Mai", D(2025, 4, 10)))
    s.receive("ideology_at_province", Arrival(
        SO, "18/BC-SGDĐT", D(2025, 4, 8), "Báo cáo", "Báo cáo kết quả nắm tình hình tư tưởng "
        "đội ngũ nhà giáo các trường vùng biên giới", Level.MAT, copy_permitted=True),
        on=D(2025, 4, 10), clerk="vanthutinh")


def _exam_season_2025(s: Story) -> None:
    # Its period ended with the 2025 exam; nobody has declassified it yet (shows as expired).
    s.issue("transport_2025", Draft(
        "Kế hoạch", "Phương án vận chuyển, bảo quản, bảo vệ đề thi tốt nghiệp THPT năm 2025",
        Level.MAT, "exam_site", (TINH, CAT, LUU), copy_permitted=False,
        shorter_until=D(2025, 6, 28)), on=D(2025, 5, 20), number="25/KH-SGDĐT")
    s.issue("print_board", Draft(
        "Quyết định", "Quyết định thành lập Ban in sao đề thi tốt nghiệp THPT năm 2025",
        Level.MAT, "exam_site", (("Ban in sao đề thi", 1, None), LUU)),
        on=D(2025, 6, 10), number="30/QĐ-SGDĐT")
    s.copy("print_board", on=D(2025, 6, 11), permitted_by="phogiamdoc", count=3,
           form=CopyForm.SAO_LUC, recipients="Các thành viên Ban in sao đề thi")
    s.send("print_board", "Trưởng Ban in sao đề thi", on=D(2025, 6, 11), named=True,
           copies="bản số 01", receipt=("Trần Văn Sơn", D(2025, 6, 11)))
    # Xã Tân Phong closes its register on its last day and hands its documents over.
    old_register = Register.objects.get(unit=s.cast.unit(OLD_COMMUNE), kind=RegisterKind.INCOMING,
                                        year=2025, volume=1)
    do_close_volume(old_register, closed_on=D(2025, 6, 30), actor=s.cast.account("tanphong.vt"))
    do_hand_over_documents(
        [s.doc("tp_police"), s.doc("tp_exam_site")], from_unit=s.cast.unit(OLD_COMMUNE),
        to_unit=s.cast.unit(COMMUNE), reason=HandoverReason.MERGE,
        handed_by=s.cast.person("tanphong.vt"), received_by=s.cast.person("vanthuxa"),
        handed_on=D(2025, 7, 1), minutes_ref="01/BB-BGTL ngày 01/7/2025",
        actor=s.cast.account("vanthuxa"),
    )
    s.cast.retire_former_staff()
    s.issue("summary_2025", Draft(
        "Báo cáo", "Báo cáo tổng hợp công tác bảo vệ đề thi kỳ thi tốt nghiệp THPT năm 2025",
        Level.MAT, "exam_site", (TINH, LUU)), on=D(2025, 7, 15), number="36/BC-SGDĐT")


def _trainees_2025(s: Story) -> None:
    s.receive("hs_police", Arrival(
        CA_TINH, "388/CAT-PA03", D(2025, 8, 8), "Công văn",
        "Thông báo phương thức, thủ đoạn thu thập bí mật nhà nước qua mạng xã hội", Level.MAT),
        on=D(2025, 8, 12), clerk="vanthuxa")
    s.issue("trainees", Draft(
        "Báo cáo", "Báo cáo tình hình cán bộ quân đội, công an được cử đi đào tạo tại các cơ sở "
        "giáo dục của tỉnh", Level.TOI_MAT, "trainees",
        (TINH, ("Bộ Chỉ huy Quân sự tỉnh", 1, None), LUU)), on=D(2025, 8, 15),
        number="42/BC-SGDĐT")
    # The deputy permits copying a Tối mật document under her delegation (khoản 5 Điều 11).
    s.copy("trainees", on=D(2025, 8, 16), permitted_by="phogiamdoc", count=1,
           recipients="Phòng Tổ chức cán bộ")
    s.send("trainees", "UBND tỉnh Lào Cai", on=D(2025, 8, 18), channel=Channel.KT1_POST,
           unit=PROVINCE, copies="bản số 01", receipt=("Nông Thị Mai", D(2025, 8, 20)))
    s.receive("trainees_at_province", Arrival(
        SO, "42/BC-SGDĐT", D(2025, 8, 15), "Báo cáo", "Báo cáo tình hình cán bộ quân đội, công "
        "an được cử đi đào tạo tại các cơ sở giáo dục của tỉnh", Level.TOI_MAT,
        copy_permitted=True), on=D(2025, 8, 20), clerk="vanthutinh")


def _autumn_2025(s: Story) -> None:
    s.issue("site_plan", Draft(
        "Phương án", "Phương án bảo vệ địa điểm làm đề thi của tỉnh", Level.MAT, "exam_site",
        (CAT, LUU), copy_permitted=False, shorter_until=s.today + dt.timedelta(days=150)),
        on=D(2025, 9, 9), number="47/PA-SGDĐT")
    s.receive("police_notice", Arrival(
        CA_TINH, "512/CAT-PA03", D(2025, 9, 18), "Thông báo",
        "Tình hình an ninh trường học và những vấn đề cần chú ý", Level.TOI_MAT,
        copy_permitted=False), on=D(2025, 9, 22), clerk="vanthu")
    s.issue("board_list", Draft(
        "Danh sách", "Danh sách cán bộ dự kiến tham gia Hội đồng ra đề thi chọn học sinh giỏi "
        "quốc gia năm 2026", Level.MAT, "exam_site", (("Phòng Quản lý chất lượng", 1, None), LUU),
        copy_permitted=False), on=D(2025, 10, 6), number="51/DS-SGDĐT")
    s.issue("reserve_store", Draft(
        "Phương án", "Phương án bảo vệ kho lưu giữ đề thi dự bị", Level.MAT, "exam_site", (LUU,),
        copy_permitted=False, shorter_until=s.today + dt.timedelta(days=45)),
        on=D(2025, 11, 14), number="60/PA-SGDĐT")
    s.issue("student_ideology", Draft(
        "Báo cáo", "Báo cáo tình hình tư tưởng học sinh, sinh viên có biểu hiện tiêu cực năm 2025",
        Level.MAT, "ideology", (TINH, CAT, LUU)), on=D(2025, 12, 9), number="72/BC-SGDĐT")


def _new_year_2026(s: Story) -> None:
    clerk = s.cast.account("vanthu")
    for kind in (RegisterKind.OUTGOING, RegisterKind.COPIES):
        volume = Register.objects.get(unit=s.cast.unit(DEPT), kind=kind, year=2025, volume=1)
        do_close_volume(volume, closed_on=D(2026, 1, 5), actor=clerk)
    s.issue("reserve_exam", Draft(
        "Đề thi", "Đề thi dự bị chọn học sinh giỏi cấp tỉnh THPT năm học 2025-2026",
        Level.TOI_MAT, "exam", (("Hội đồng coi thi", 1, None), LUU), copy_permitted=False),
        on=D(2026, 1, 8), number="02/ĐT-HSG")
    s.issue("school_check", Draft(
        "Báo cáo", "Báo cáo kết quả nắm tình hình tư tưởng nhà giáo tại các trường THPT khu vực "
        "biên giới", Level.MAT, "ideology", (TINH, LUU)), on=D(2026, 2, 5), number="08/BC-SGDĐT",
        signer="phogiamdoc")
    do_report_loss(
        s.doc("board_list"), discovered_on=D(2026, 2, 10),
        description="Kiểm kê định kỳ không tìm thấy bản số 01 lưu tại Phòng Quản lý chất lượng",
        reported_to="Giám đốc Sở; Công an tỉnh Lào Cai (Phòng An ninh chính trị nội bộ)",
        reported_by=s.cast.person("vanthu"), actor=clerk,
    )


def _march_2026(s: Story) -> None:
    s.issue("prov_plan", Draft(
        "Kế hoạch", "Kế hoạch bảo đảm an ninh, an toàn kỳ thi tốt nghiệp THPT năm 2026 trên địa "
        "bàn tỉnh", Level.MAT, "exam_site", ((SO, 1, DEPT), CAT, LUU)), on=D(2026, 3, 5),
        number="215/KH-UBND", signer="chutichtinh", drafter="vanthutinh", clerk="vanthutinh")
    s.copy("prov_plan", on=D(2026, 3, 6), permitted_by="chutichtinh", count=2,
           clerk="vanthutinh", recipients="Thành viên Ban Chỉ đạo thi tỉnh")
    s.issue("exam_plan_2026", Draft(
        "Kế hoạch", "Kế hoạch tổ chức làm đề thi tốt nghiệp THPT năm 2026", Level.MAT,
        "exam_site", (TINH, ("Ban ra đề thi", 1, None), LUU),
        shorter_until=s.today + dt.timedelta(days=80)), on=D(2026, 3, 10), number="15/KH-SGDĐT",
        signer="phogiamdoc")
    s.copy("exam_plan_2026", on=D(2026, 3, 12), permitted_by="phogiamdoc", count=2,
           form=CopyForm.CHUP, recipients="Thành viên Ban ra đề thi")
    decision = do_change_level(
        s.doc("student_ideology"), new_level=Level.TOI_MAT, decided_on=D(2026, 3, 16),
        decided_by=s.cast.person("giamdoc"), decision_number="20/QĐ-SGDĐT",
        reason="Bổ sung thông tin về học viên quân đội, công an (khoản 2 Điều 1 Quyết định "
               "531/QĐ-TTg)", late=s.paper(D(2026, 3, 16)), actor=s.cast.account("vanthu"),
    )
    _take_out_and_return(s)
    s.receive("moet_2026", Arrival(
        BO, "860/BGDĐT-QLCL", D(2026, 3, 13), "Công văn",
        "Hướng dẫn bảo đảm an toàn, bảo mật đề thi tốt nghiệp THPT năm 2026", Level.MAT,
        copy_permitted=True), on=D(2026, 3, 18), clerk="vanthu")
    s.copy("moet_2026", on=D(2026, 3, 19), permitted_by="giamdoc", count=3,
           recipients="Phòng Quản lý chất lượng; Phòng Giáo dục trung học; Thanh tra Sở")
    s.issue("print_staff", Draft(
        "Danh sách", "Danh sách cán bộ Ban in sao đề thi tốt nghiệp THPT năm 2026", Level.MAT,
        "exam_site", (TINH, LUU), copy_permitted=False), on=D(2026, 3, 24), number="19/DS-SGDĐT")
    do_record_notice(decision, sent_on=D(2026, 3, 25), notice_ref="25/TB-SGDĐT",
                     actor=s.cast.account("vanthu"))
    # Sent but not yet signed for: shows among open transfers.
    s.send("print_staff", "Đồng chí Chủ tịch UBND tỉnh", on=D(2026, 3, 25),
           channel=Channel.KT1_POST, unit=PROVINCE, named=True, copies="bản số 01")


def _take_out_and_return(s: Story) -> None:
    take_out = do_take_out_document(
        s.doc("exam_plan_2026"), person=s.cast.person("chuyenvien"),
        purpose="Họp Ban ra đề thi", place="Phòng họp Sở Giáo dục và Đào tạo (tầng 3)",
        protection="Đựng trong cặp có khóa, cán bộ giữ bên người, không sao chụp",
        permitted_by=s.cast.person("giamdoc"), out_on=D(2026, 3, 16), due_on=D(2026, 3, 18),
        late=s.paper(D(2026, 3, 16)), actor=s.cast.account("vanthu"),
    )
    do_return_document(take_out, returned_on=D(2026, 3, 18),
                       use_report="Đã sử dụng tại cuộc họp, không sao chụp, trả nguyên vẹn",
                       actor=s.cast.account("vanthu"))


def _commune_report(s: Story) -> None:
    s.issue("hs_report", Draft(
        "Báo cáo", "Báo cáo tình hình tư tưởng đội ngũ giáo viên các trường trên địa bàn xã",
        Level.MAT, "ideology", ((SO, 1, DEPT), LUU)), on=D(2026, 4, 2), number="05/BC-UBND",
        signer="chutichxa", drafter="vanthuxa", clerk="vanthuxa")
    s.send("hs_report", SO, on=D(2026, 4, 3), clerk="vanthuxa", unit=DEPT, copies="bản số 01",
           receipt=("Bùi Thị Ngọc", D(2026, 4, 3)))
    s.receive("hs_report_at_dept", Arrival(
        "UBND xã Hoàng Sơn", "05/BC-UBND", D(2026, 4, 2), "Báo cáo", "Báo cáo tình hình tư tưởng "
        "đội ngũ giáo viên các trường trên địa bàn xã", Level.MAT, copy_permitted=True),
        on=D(2026, 4, 3), clerk="vanthu")


def _april_2026(s: Story) -> None:
    s.issue("trainees_2026", Draft(
        "Báo cáo", "Báo cáo danh sách học viên quân đội, công an đào tạo tại các trường cao đẳng "
        "của tỉnh năm 2026", Level.TOI_MAT, "trainees", (TINH, LUU)), on=D(2026, 4, 7),
        number="23/BC-SGDĐT")
    # Tuyệt mật: only the document type is recorded, never a summary.
    s.receive("tu_letter", Arrival(
        "Văn phòng Tỉnh ủy Lào Cai", "88-CV/VPTU", D(2026, 4, 10), "Công văn", "", Level.TUYET_MAT,
        copy_permitted=False), on=D(2026, 4, 14), clerk="vanthu")
    do_destroy_documents(
        [s.doc("plan_hsg"), s.doc("reserve_exam")], unit=s.cast.unit(DEPT),
        decided_by=s.cast.person("giamdoc"), decision_number="27/QĐ-SGDĐT",
        decided_on=D(2026, 4, 15), council="Đỗ Minh Tuấn, Giám đốc (Chủ tịch Hội đồng); "
        "Lương Thị Hạnh, Phó Giám đốc; Bùi Thị Ngọc, văn thư", minutes_ref="01/BB-TH ngày 16/4/2026",
        dossier=list(DOSSIER_ITEMS), destroyed_on=D(2026, 4, 16), late=s.paper(D(2026, 4, 15)),
        actor=s.cast.account("vanthu"),
    )
    # Demo only: the report's catalog item is assumed to have been dropped from the catalog.
    removed = do_declassify_removed_from_catalog(
        s.doc("ideology"), decided_on=D(2026, 4, 20), decided_by=s.cast.person("giamdoc"),
        catalog_ref="Danh mục sửa đổi (dữ liệu mẫu)", late=s.paper(D(2026, 4, 20)),
        actor=s.cast.account("vanthu"))
    do_record_notice(removed, sent_on=D(2026, 4, 20), notice_ref="31/TB-SGDĐT",
                     actor=s.cast.account("vanthu"))
    s.issue("transport_letter", Draft(
        "Công văn", "Về việc bảo đảm an toàn vận chuyển đề thi đến các điểm thi", Level.MAT,
        "exam_site", (("UBND xã Hoàng Sơn", 1, COMMUNE), TINH, LUU)), on=D(2026, 4, 21),
        number="29/SGDĐT-QLCL")
    s.send("transport_letter", "UBND xã Hoàng Sơn", on=D(2026, 4, 22), channel=Channel.KT1_POST,
           unit=COMMUNE, copies="bản số 01", receipt=("Hà Thị Yến", D(2026, 4, 23)))


def _commune_receives(s: Story) -> None:
    """The commune registers the letter, its chair permits copies (Điều 11 Luật 2025 adds the
    commune level), and a copy goes to the exam site against a signature."""
    s.receive("transport_at_commune", Arrival(
        SO, "29/SGDĐT-QLCL", D(2026, 4, 21), "Công văn",
        "Về việc bảo đảm an toàn vận chuyển đề thi đến các điểm thi", Level.MAT,
        copy_permitted=True), on=D(2026, 4, 23), clerk="vanthuxa")
    s.copy("transport_at_commune", on=D(2026, 4, 24), permitted_by="chutichxa", count=2,
           clerk="vanthuxa", recipients="Điểm thi THPT Hoàng Sơn")
    s.send("transport_at_commune", "Trưởng Điểm thi THPT Hoàng Sơn", on=D(2026, 4, 24),
           clerk="vanthuxa", copies="bản sao số 01", receipt=("Giàng Thị Dung", D(2026, 4, 24)))
    decision = do_declassify(
        s.doc("summary_2025"), decided_on=D(2026, 4, 28), decided_by=s.cast.person("giamdoc"),
        decision_number="30/QĐ-SGDĐT", council="Hội đồng giải mật thành lập theo Quyết định "
        "28/QĐ-SGDĐT", reason="Nội dung đã được công khai trong báo cáo tổng kết kỳ thi",
        late=s.paper(D(2026, 4, 28)), actor=s.cast.account("vanthu"),
    )
    do_record_notice(decision, sent_on=LAST_FIXED_DAY, notice_ref="31/TB-SGDĐT",
                     actor=s.cast.account("vanthu"))


def _this_week(s: Story) -> None:
    """Relative to today: an extension whose written notice is still due, a document out of
    storage until the end of the week."""
    site_plan = s.doc("site_plan")
    assert site_plan.protected_until is not None
    do_extend_protection(
        site_plan, new_until=site_plan.protected_until + dt.timedelta(days=365),
        decided_on=s.today - dt.timedelta(days=2), decided_by=s.cast.person("giamdoc"),
        decision_number="41/QĐ-SGDĐT", reason="Địa điểm tiếp tục được dùng cho kỳ thi năm sau",
        actor=s.cast.account("vanthu"),
    )
    do_take_out_document(
        s.doc("trainees_2026"), person=s.cast.person("phogiamdoc"),
        purpose="Làm việc với Bộ Chỉ huy Quân sự tỉnh", place="Bộ Chỉ huy Quân sự tỉnh Lào Cai",
        protection="Đựng trong cặp có khóa, cán bộ giữ bên người", permitted_by=s.cast.person("giamdoc"),
        out_on=s.today, due_on=s.today + dt.timedelta(days=3), actor=s.cast.account("vanthu"),
    )


def _proposals(s: Story) -> None:
    """Proposals of today: two awaiting the head, one approved by the deputy under delegation
    and not yet issued, one rejected back to draft, one awaiting the commune chair."""
    exam = (("Hội đồng coi thi", 4, None), LUU)
    s.propose("pending_exam", Draft(
        "Đề thi", "Đề thi chính thức chọn học sinh giỏi cấp tỉnh THPT năm học 2026-2027",
        Level.TOI_MAT, "exam", exam, copy_permitted=False))
    s.propose("pending_board", Draft(
        "Danh sách", "Danh sách nhân sự Ban ra đề thi chọn học sinh giỏi cấp tỉnh năm học "
        "2026-2027", Level.MAT, "exam_site", (LUU,), copy_permitted=False))
    s.propose("approved_packing", Draft(
        "Phương án", "Phương án in sao, đóng gói đề thi chọn học sinh giỏi cấp tỉnh", Level.MAT,
        "exam_site", (("Ban in sao đề thi", 1, None), LUU)))
    s.decide("approved_packing", by="phogiamdoc")
    s.propose("rejected_review", Draft(
        "Báo cáo", "Báo cáo sơ kết công tác chuyên môn học kỳ I", Level.MAT, "ideology", (TINH, LUU)))
    s.decide("rejected_review", by="giamdoc", approve=False,
             note="Nội dung không thuộc danh mục bí mật nhà nước; ban hành như văn bản thường")
    s.propose("commune_pending", Draft(
        "Báo cáo", "Báo cáo tình hình tư tưởng nhà giáo trên địa bàn xã quý II", Level.MAT,
        "ideology", ((SO, 1, DEPT), LUU)), drafter="vanthuxa")


CHAPTERS = (
    _old_commune, _spring_2025, _ideology_report, _exam_season_2025, _trainees_2025,
    _autumn_2025, _new_year_2026, _march_2026, _commune_report, _april_2026, _commune_receives,
    _this_week, _proposals,
)


def tell(story: Story) -> Story:
    """Run every chapter in date order."""
    for chapter in CHAPTERS:
        chapter(story)
    return story
