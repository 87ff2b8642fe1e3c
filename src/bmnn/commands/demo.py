"""bmnn demo: load demo data so a newcomer sees a living system in a minute."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bmnn.demo.build import DemoSummary

WARNING = (
    "CẢNH BÁO: đây là DỮ LIỆU MẪU (đơn vị, cán bộ, tài liệu đều là giả định) để dùng thử.\n"
    "Không nhập tài liệu thật vào cơ sở dữ liệu này. Khi dùng thật, khởi tạo cơ sở dữ liệu mới\n"
    "(một thư mục dữ liệu khác: BMNN_DATA_DIR=... bmnn init) rồi tạo tài khoản thật."
)


def _print_summary(summary: DemoSummary) -> None:
    from bmnn.demo.build import DEMO_PASSWORD
    from bmnn.registry.models import DocumentState, RegisterKind

    documents = sum(summary.documents_by_state.values())
    print(f"Đơn vị: {summary.units}; tài liệu: {documents}")
    for state in DocumentState:
        print(f"  {state.label}: {summary.documents_by_state.get(state.value, 0)}")
    for kind in RegisterKind:
        print(f"  {kind.label}: {summary.entries_by_kind.get(kind.value, 0)} mục")
    print(f"\nTài khoản dùng thử, mật khẩu chung: {DEMO_PASSWORD}")
    print("(bmnn serve, rồi mở http://127.0.0.1:8000/ và đăng nhập)")
    for line in summary.accounts:
        print(f"  {line.username:<13} {line.full_name}, {line.position}")
        print(f"  {'':<13} vai trò: {line.roles}; tiếp cận đến độ: {line.clearance}")
    print()
    print(WARNING)


def cmd_demo(args: argparse.Namespace) -> int:
    """Load demo data: UBND tỉnh Lào Cai, Sở Giáo dục và Đào tạo, UBND xã Hoàng Sơn (with
    xã Tân Phong merged into it), positions, people and login accounts, a delegation, staff
    assignments and commitments, catalog 531/QĐ-TTg, and a few dozen secret documents in every
    state, made through the same actions as real use (proposals, issuance with copy numbers,
    incoming, copies, transfers, take-out, extension, level change, declassification,
    destruction, loss, handover). Dates spread over 2025–2026, so both legal regimes appear.

    Loads into an empty database only (--force to mix with existing units); a second run says
    it is already loaded. --status exits 0 when the demo is present, 1 otherwise.

    Examples:
      bmnn demo
      bmnn demo --status
    """
    from django.db import DatabaseError

    from bmnn.demo.build import DemoRefused, demo_loaded, load_demo

    if args.status:
        try:
            present = demo_loaded()
        except DatabaseError:
            present = False
        print("Đã nạp dữ liệu mẫu." if present else "Chưa nạp dữ liệu mẫu.")
        return 0 if present else 1
    try:
        summary = load_demo(force=args.force)
    except DemoRefused as refused:
        print(f"Không nạp dữ liệu mẫu: {refused}", file=sys.stderr)
        return 1
    print("Dữ liệu mẫu đã có sẵn, không nạp lại." if summary.already_loaded
          else "Đã nạp dữ liệu mẫu.")
    _print_summary(summary)
    return 0


DESCRIPTION = """Nạp dữ liệu mẫu: UBND tỉnh Lào Cai, Sở Giáo dục và Đào tạo, UBND xã Hoàng Sơn (xã Tân Phong
sáp nhập vào), chức vụ, cán bộ và tài khoản đăng nhập, ủy quyền, phân công, cam kết, danh mục
531/QĐ-TTg và vài chục tài liệu mật ở mọi trạng thái, ghi qua đúng các thao tác như khi dùng thật
(đề xuất, ban hành có số bản, vào sổ đến, sao chụp, chuyển giao, mang ra, gia hạn, điều chỉnh độ mật,
giải mật, tiêu hủy, báo mất, bàn giao); ngày trải từ 2025 đến 2026 nên có cả hai chế độ pháp lý.

Chỉ nạp vào cơ sở dữ liệu trống (--force để trộn với đơn vị đã có); chạy lần hai thì báo đã có.
--status: mã thoát 0 nếu đã có dữ liệu mẫu, 1 nếu chưa."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="nạp dữ liệu mẫu để dùng thử", description=DESCRIPTION,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--status", action="store_true",
                   help="chỉ kiểm tra: mã thoát 0 nếu đã có dữ liệu mẫu, 1 nếu chưa")
    p.add_argument("--force", action="store_true",
                   help="nạp cả khi cơ sở dữ liệu đã có đơn vị khác")
    p.set_defaults(handler=cmd_demo)
