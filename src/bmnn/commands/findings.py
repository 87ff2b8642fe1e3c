"""bmnn findings import FILE [--username U]."""

from __future__ import annotations

import argparse
import inspect
import sys
from pathlib import Path


def cmd_findings_import(args: argparse.Namespace) -> int:
    """Nhập kết quả kiểm tra của đoàn kiểm tra (tệp .csv hoặc .xlsx) có dòng tiêu đề:
    period, locality, unit_code, unit_name, unit_kind, category, count, note.
    `category` là mã loại vi phạm, thiếu sót của findings.yaml; `locality` là tỉnh, thành phố như
    văn bản ghi, trước hay sau sắp xếp năm 2025 ("TP Cần Thơ", "Hậu Giang", "Thanh Hóa"). Nhập
    tất cả hoặc không gì: sai một dòng thì không ghi gì, mỗi lỗi nêu dòng và cột.

    Ví dụ:
      bmnn findings import ket-qua-kiem-tra-2025.xlsx --username vanthutinh
    """
    from django.core.exceptions import PermissionDenied

    from bmnn.commands.imports import print_errors
    from bmnn.lib.sheets import ImportRejected
    from bmnn.org.models import Account
    from bmnn.summaries.actions import do_import_findings
    from bmnn.summaries.importing import parse_findings_file

    account = None
    if args.username:
        account = Account.objects.filter(username=args.username).select_related("person").first()
        if account is None:
            print(f"Không có tài khoản '{args.username}'.", file=sys.stderr)
            return 2
    parsed = parse_findings_file(Path(args.file))
    try:
        rows = do_import_findings(parsed, actor=account)
    except ImportRejected as rejected:
        print_errors(rejected.errors)
        return 1
    except PermissionDenied as denied:
        print(f"Không thực hiện được: {denied}", file=sys.stderr)
        return 1
    periods = ", ".join(sorted({r.period for r in rows}))
    print(f"Đã nhập {len(rows)} dòng kết quả kiểm tra (kỳ {periods}) từ {parsed.name}.")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("findings", help="nhập kết quả kiểm tra của đoàn kiểm tra (Excel/CSV)")
    commands = p.add_subparsers(dest="findings_command", required=True, metavar="LỆNH")
    i = commands.add_parser(
        "import", help="nhập tệp kết quả kiểm tra (sai một dòng thì không nhập gì)",
        description=inspect.cleandoc(cmd_findings_import.__doc__ or ""),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    i.add_argument("file", metavar="TỆP", help="tệp .xlsx hoặc .csv")
    i.add_argument("--username", metavar="TÀI_KHOẢN", help="tài khoản người nhập")
    i.set_defaults(handler=cmd_findings_import)
