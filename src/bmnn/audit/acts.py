"""Every kind of event the journal records: one typed list, each with its Vietnamese name.

`append_event` refuses a name not listed here, so a new action cannot write an event the pages,
the reports and the inspection cannot name. Names of events written by earlier versions stay
readable through LEGACY (they are never written again).
"""

from __future__ import annotations

from enum import StrEnum


class Act(StrEnum):
    # registry
    PROPOSE_CLASSIFICATION = "propose_classification"
    DECIDE_PROPOSAL = "decide_proposal"
    ISSUE_DOCUMENT = "issue_document"
    REGISTER_INCOMING = "register_incoming"
    COPY_DOCUMENT = "copy_document"
    SEND_DOCUMENT = "send_document"
    RECORD_RECEIPT = "record_receipt"
    TAKE_OUT_DOCUMENT = "take_out_document"
    RETURN_DOCUMENT = "return_document"
    EXTEND_PROTECTION = "extend_protection"
    CHANGE_LEVEL = "change_level"
    DECLASSIFY = "declassify"
    DECLASSIFY_EXPIRED = "declassify_expired"
    DECLASSIFY_REMOVED_FROM_CATALOG = "declassify_removed_from_catalog"
    RECORD_NOTICE = "record_notice"
    DESTROY_DOCUMENTS = "destroy_documents"
    DESTROY_DOCUMENT = "destroy_document"
    REPORT_LOSS = "report_loss"
    HAND_OVER_DOCUMENTS = "hand_over_documents"
    HAND_OVER_DOCUMENT = "hand_over_document"
    CANCEL_ENTRY = "cancel_entry"
    CLOSE_VOLUME = "close_volume"
    IMPORT_REGISTER_ENTRIES = "import_register_entries"
    IMPORT_CATALOG = "import_catalog"
    READ_DOCUMENT = "read_document"
    EXPORT_REGISTER = "export_register"
    # organisation and accounts
    CREATE_UNIT = "create_unit"
    MERGE_UNITS = "merge_units"
    CREATE_POSITION = "create_position"
    CREATE_PERSON = "create_person"
    GRANT_CLEARANCE = "grant_clearance"
    CREATE_ACCOUNT = "create_account"
    CREATE_ADMIN = "create_admin"
    SET_ACCOUNT_ACTIVE = "set_account_active"
    UNLOCK_ACCOUNT = "unlock_account"
    LOGIN = "login"
    LOCKOUT = "lockout"
    CREATE_API_TOKEN = "create_api_token"
    REVOKE_API_TOKEN = "revoke_api_token"
    GRANT_DELEGATION = "grant_delegation"
    REVOKE_DELEGATION = "revoke_delegation"
    ASSIGN_STAFF = "assign_staff"
    RECORD_COMMITMENT = "record_commitment"
    # cybersecurity
    REGISTER_COMPUTER = "register_computer"
    UPDATE_COMPUTER = "update_computer"
    RECORD_SECURITY_CHECK = "record_security_check"
    PUT_INTO_USE = "put_into_use"
    RECORD_ANTIVIRUS_UPDATE = "record_antivirus_update"
    RECORD_MALWARE = "record_malware"
    RECORD_WIPING = "record_wiping"
    RECORD_REPURPOSING = "record_repurposing"
    RETIRE_COMPUTER = "retire_computer"
    REGISTER_SYSTEM = "register_system"
    PROPOSE_LEVEL = "propose_level"
    APPROVE_LEVEL = "approve_level"
    UPDATE_MEASURE = "update_measure"
    UPDATE_LAYER = "update_layer"
    RECORD_INCIDENT_PLAN = "record_incident_plan"
    RECORD_EXERCISE = "record_exercise"
    IMPORT_SCAN_REPORT = "import_scan_report"
    IMPORT_FINDINGS = "import_findings"
    # self-inspection
    PLAN_SELF_INSPECTION = "plan_self_inspection"
    START_SELF_INSPECTION = "start_self_inspection"
    RUN_SELF_INSPECTION_STEP = "run_self_inspection_step"
    FINISH_SELF_INSPECTION = "finish_self_inspection"
    CONCLUDE_SELF_INSPECTION = "conclude_self_inspection"
    EXPORT_SELF_INSPECTION = "export_self_inspection"
    UPLOAD_EVIDENCE = "upload_evidence"
    ANSWER_CHECKLIST = "answer_checklist"
    CHECK_RECORDS = "check_records"
    RECORD_INCIDENT = "record_incident"
    ASSIGN_REMEDIATION = "assign_remediation"
    CLOSE_REMEDIATION = "close_remediation"
    # reports up the chain
    SET_REPORT_DEADLINE = "set_report_deadline"
    WITHDRAW_REPORT_DEADLINE = "withdraw_report_deadline"
    CREATE_PACKAGE_KEY = "create_package_key"
    REGISTER_PACKAGE_KEY = "register_package_key"
    REVOKE_PACKAGE_KEY = "revoke_package_key"
    EXPORT_REPORT_PACKAGE = "export_report_package"
    IMPORT_REPORT_PACKAGE = "import_report_package"
    REFUSE_REPORT_PACKAGE = "refuse_report_package"
    APPROVE_REPORT = "approve_report"
    # the installation
    LOAD_DEMO = "load_demo"
    RESTORE_BACKUP = "backup.restore"

    @property
    def label(self) -> str:
        return LABELS[self]


LABELS: dict[Act, str] = {
    Act.PROPOSE_CLASSIFICATION: "Đề xuất độ mật",
    Act.DECIDE_PROPOSAL: "Quyết định về đề xuất độ mật",
    Act.ISSUE_DOCUMENT: "Ban hành, vào sổ đi",
    Act.REGISTER_INCOMING: "Vào sổ đến",
    Act.COPY_DOCUMENT: "Sao, chụp",
    Act.SEND_DOCUMENT: "Chuyển giao",
    Act.RECORD_RECEIPT: "Ghi ký nhận",
    Act.TAKE_OUT_DOCUMENT: "Mang ra khỏi nơi lưu giữ",
    Act.RETURN_DOCUMENT: "Trả tài liệu",
    Act.EXTEND_PROTECTION: "Gia hạn thời hạn bảo vệ",
    Act.CHANGE_LEVEL: "Điều chỉnh độ mật",
    Act.DECLASSIFY: "Giải mật theo quyết định",
    Act.DECLASSIFY_EXPIRED: "Giải mật đương nhiên (hết thời hạn)",
    Act.DECLASSIFY_REMOVED_FROM_CATALOG: "Giải mật (không còn trong danh mục)",
    Act.RECORD_NOTICE: "Ghi thông báo bằng văn bản",
    Act.DESTROY_DOCUMENTS: "Tiêu hủy",
    Act.DESTROY_DOCUMENT: "Tiêu hủy (từng tài liệu)",
    Act.REPORT_LOSS: "Báo mất tài liệu",
    Act.HAND_OVER_DOCUMENTS: "Bàn giao tài liệu",
    Act.HAND_OVER_DOCUMENT: "Bàn giao sang đơn vị khác (từng tài liệu)",
    Act.CANCEL_ENTRY: "Hủy dòng trong sổ",
    Act.CLOSE_VOLUME: "Khóa sổ",
    Act.IMPORT_REGISTER_ENTRIES: "Nhập sổ giấy",
    Act.IMPORT_CATALOG: "Nhập danh mục BMNN",
    Act.READ_DOCUMENT: "Xem nội dung",
    Act.EXPORT_REGISTER: "In, xuất sổ",
    Act.CREATE_UNIT: "Thêm đơn vị",
    Act.MERGE_UNITS: "Sáp nhập đơn vị",
    Act.CREATE_POSITION: "Thêm chức vụ",
    Act.CREATE_PERSON: "Thêm cán bộ",
    Act.GRANT_CLEARANCE: "Quyết định mức được tiếp cận BMNN",
    Act.CREATE_ACCOUNT: "Tạo tài khoản",
    Act.CREATE_ADMIN: "Tạo quản trị viên (dòng lệnh)",
    Act.SET_ACCOUNT_ACTIVE: "Vô hiệu hóa, kích hoạt lại tài khoản",
    Act.UNLOCK_ACCOUNT: "Mở khóa đăng nhập",
    Act.LOGIN: "Đăng nhập",
    Act.LOCKOUT: "Tạm khóa tài khoản",
    Act.CREATE_API_TOKEN: "Tạo khóa API",
    Act.REVOKE_API_TOKEN: "Thu hồi khóa API",
    Act.GRANT_DELEGATION: "Ghi văn bản ủy quyền",
    Act.REVOKE_DELEGATION: "Thu hồi ủy quyền",
    Act.ASSIGN_STAFF: "Phân công cán bộ bảo vệ BMNN",
    Act.RECORD_COMMITMENT: "Ghi cam kết bảo vệ BMNN",
    Act.REGISTER_COMPUTER: "Đăng ký máy tính, thiết bị",
    Act.UPDATE_COMPUTER: "Cập nhật máy tính, thiết bị",
    Act.RECORD_SECURITY_CHECK: "Kiểm tra an ninh trước khi sử dụng",
    Act.PUT_INTO_USE: "Đưa vào sử dụng",
    Act.RECORD_ANTIVIRUS_UPDATE: "Cập nhật phần mềm diệt virus",
    Act.RECORD_MALWARE: "Ghi nhận mã độc",
    Act.RECORD_WIPING: "Xóa an toàn dữ liệu",
    Act.RECORD_REPURPOSING: "Chuyển mục đích sử dụng",
    Act.RETIRE_COMPUTER: "Thôi sử dụng thiết bị",
    Act.REGISTER_SYSTEM: "Đăng ký hệ thống thông tin",
    Act.PROPOSE_LEVEL: "Đề xuất cấp độ an toàn",
    Act.APPROVE_LEVEL: "Phê duyệt cấp độ an toàn",
    Act.UPDATE_MEASURE: "Cập nhật biện pháp bảo đảm an toàn",
    Act.UPDATE_LAYER: "Cập nhật mô hình 4 lớp",
    Act.RECORD_INCIDENT_PLAN: "Phương án ứng phó sự cố",
    Act.RECORD_EXERCISE: "Diễn tập ứng phó sự cố",
    Act.IMPORT_SCAN_REPORT: "Nhập báo cáo quét máy tính",
    Act.IMPORT_FINDINGS: "Nhập kết quả kiểm tra của đoàn kiểm tra",
    Act.PLAN_SELF_INSPECTION: "Lập kế hoạch tự kiểm tra",
    Act.START_SELF_INSPECTION: "Bắt đầu tự kiểm tra",
    Act.RUN_SELF_INSPECTION_STEP: "Tự kiểm tra (một bước)",
    Act.FINISH_SELF_INSPECTION: "Có kết quả tự kiểm tra",
    Act.CONCLUDE_SELF_INSPECTION: "Kết luận tự kiểm tra",
    Act.EXPORT_SELF_INSPECTION: "In, xuất kết quả tự kiểm tra",
    Act.UPLOAD_EVIDENCE: "Đính kèm bằng chứng",
    Act.ANSWER_CHECKLIST: "Trả lời bảng kiểm",
    Act.CHECK_RECORDS: "Đối chiếu hồ sơ",
    Act.RECORD_INCIDENT: "Ghi nhận sự cố",
    Act.ASSIGN_REMEDIATION: "Phân công khắc phục",
    Act.CLOSE_REMEDIATION: "Hoàn thành khắc phục",
    Act.SET_REPORT_DEADLINE: "Đặt hạn báo cáo cho đơn vị cấp dưới",
    Act.WITHDRAW_REPORT_DEADLINE: "Bỏ hạn báo cáo",
    Act.CREATE_PACKAGE_KEY: "Tạo khóa gói báo cáo của đơn vị",
    Act.REGISTER_PACKAGE_KEY: "Đăng ký khóa của đơn vị khác",
    Act.REVOKE_PACKAGE_KEY: "Thu hồi khóa gói báo cáo",
    Act.EXPORT_REPORT_PACKAGE: "Lập, gửi gói báo cáo",
    Act.IMPORT_REPORT_PACKAGE: "Nhận gói báo cáo",
    Act.REFUSE_REPORT_PACKAGE: "Từ chối gói báo cáo",
    Act.APPROVE_REPORT: "Duyệt số liệu báo cáo của đơn vị cấp dưới",
    Act.LOAD_DEMO: "Nạp dữ liệu mẫu",
    Act.RESTORE_BACKUP: "Khôi phục từ bản sao lưu",
}

# Names earlier versions wrote for the same operations; shown, never written.
LEGACY = {
    "declassify_auto": Act.DECLASSIFY_EXPIRED,
    "declassify_catalog": Act.DECLASSIFY_REMOVED_FROM_CATALOG,
}


def act_label(name: str) -> str:
    """The Vietnamese name of an event kind, old names included; an unknown name as it is."""
    act = LEGACY.get(name) or (Act(name) if name in Act.__members__.values() else None)
    return act.label if act else name
