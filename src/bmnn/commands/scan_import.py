"""bmnn scan import FILE --unit CODE --username NAME [--create]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bmnn.commands.scan import add_subcommand


def cmd_scan_import(args: argparse.Namespace) -> int:
    """Import a scanner's JSON report into a unit's computer inventory.

    The report is checked whole (schema bmnn-scan-report/1, required keys, size, Ed25519
    signature — required when trusted keys are configured) before anything is written.

    Example:
      bmnn scan import E:\\bao-cao\\VT-PC01.json --unit S01 --username cntt --create
    """
    from django.core.exceptions import PermissionDenied

    from bmnn.law.errors import LawRefusal
    from bmnn.netsec.actions import do_import_scan_report
    from bmnn.netsec.importing import MAX_BYTES
    from bmnn.org.models import Account, Unit

    unit = Unit.objects.filter(code=args.unit).first()
    account = Account.objects.filter(username=args.username).select_related("person").first()
    if unit is None or account is None:
        missing = f"đơn vị mã '{args.unit}'" if unit is None else f"tài khoản '{args.username}'"
        print(f"Không có {missing}.", file=sys.stderr)
        return 2
    path = Path(args.file)
    if not path.is_file() or path.stat().st_size > MAX_BYTES:
        print(f"Không đọc được tệp '{path}' (không tồn tại hoặc lớn hơn {MAX_BYTES:,} byte).",
              file=sys.stderr)
        return 2
    try:
        scan = do_import_scan_report(unit, path.read_bytes(), create=args.create, actor=account)
    except LawRefusal as refusal:
        print(f"Báo cáo bị từ chối, không ghi gì: {refusal}", file=sys.stderr)
        return 1
    except PermissionDenied as denied:
        print(f"Không được phép: {denied}", file=sys.stderr)
        return 2
    marked = scan.findings.exclude(marks=[]).count()
    print(f"Đã nhập báo cáo quét của máy {scan.computer}: {scan.findings.count()} tệp được đánh dấu, "
          f"{marked} tệp mang dấu mật; {'có' if scan.signed else 'không có'} chữ ký số.")
    return 0


# What --help says (Vietnamese, as everything a user reads; the docstring documents the code).
DESCRIPTION = """Nhập báo cáo quét (JSON) do công cụ quét tạo ra vào danh mục máy tính của một đơn vị.

Báo cáo được kiểm tra toàn bộ (lược đồ bmnn-scan-report/1, các trường bắt buộc, kích thước, chữ ký
Ed25519 — bắt buộc khi đã cấu hình khóa tin cậy) trước khi ghi bất cứ thứ gì.

Ví dụ:
  bmnn scan import E:\\bao-cao\\VT-PC01.json --unit S01 --username cntt --create"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds `bmnn scan import` to the `scan` command (registered before this module)."""
    p = add_subcommand("import", "nhập báo cáo quét máy tính (JSON) vào danh mục máy tính")
    p.description = DESCRIPTION
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.add_argument("file", metavar="TỆP", help="tệp báo cáo JSON do công cụ quét tạo ra")
    p.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị sở hữu máy")
    p.add_argument("--username", required=True, metavar="TÀI_KHOẢN", help="tài khoản cán bộ CNTT của đơn vị")
    p.add_argument("--create", action="store_true", help="thêm máy vào danh mục nếu chưa có")
    p.set_defaults(handler=cmd_scan_import)
