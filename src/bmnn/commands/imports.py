"""bmnn import registers | catalog."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bmnn.law.pack import Regime, load_pack

if TYPE_CHECKING:
    from bmnn.catalog.importing import CatalogFile
    from bmnn.lib.sheets import RowError
    from bmnn.org.models import Account, Unit
    from bmnn.registry.importing.parse import RegisterFile, RegisterRow

WIDE = 48


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> str:
    """A plain fixed-width table; long cells are cut with "…"."""
    cut = [[_cut(c, w) for c, w in zip(r, widths, strict=True)] for r in [headers, *rows]]
    sizes = [max(len(r[i]) for r in cut) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(s) for c, s in zip(r, sizes, strict=True)).rstrip() for r in cut]
    lines.insert(1, "  ".join("-" * s for s in sizes))
    return "\n".join(lines)


def _row_cells(row: RegisterRow, ids: list[str]) -> list[str]:
    return [str(row.row), row.columns["number"], f"{row.entry_date:%d/%m/%Y}", row.columns["level"],
            *[row.columns.get(i, "") for i in ids]]


def register_table(parsed: RegisterFile) -> str:
    """What was understood of each line: row, number, date, level and the identifying columns."""
    titles = {c.id: c.title for c in parsed.layout.columns}
    ids = [i for i in ("number_symbol", "source_doc", "type_summary", "issuer", "receiver_unit")
           if i in titles][:2]
    headers = ["Dòng", "Số", "Ngày", "Độ mật", *[titles[i] for i in ids]]
    widths = [6, 6, 10, 9, *[24 if i != "type_summary" else WIDE for i in ids]]
    return table(headers, [_row_cells(r, ids) for r in parsed.rows], widths)


def print_errors(errors: Sequence[RowError]) -> None:
    print(f"Tệp bị từ chối, không ghi dòng nào — {len(errors)} lỗi:", file=sys.stderr)
    for error in errors:
        print(f"  {error}", file=sys.stderr)


def _lookup(args: argparse.Namespace) -> tuple[Account, Unit | None]:
    from bmnn.org.models import Account, Unit

    account = Account.objects.filter(username=args.username).select_related("person").first()
    if account is None:
        raise LookupError(f"Không có tài khoản '{args.username}'.")
    if getattr(args, "unit", None) is None:
        return account, None
    unit = Unit.objects.filter(code=args.unit).first()
    if unit is None:
        raise LookupError(f"Không có đơn vị mã '{args.unit}'.")
    return account, unit


def _parse(args: argparse.Namespace) -> RegisterFile:
    from django.utils import timezone

    from bmnn.registry.importing.parse import parse_register_file
    from bmnn.registry.rules import pack_of

    return parse_register_file(Path(args.file), args.kind, today=timezone.localdate(),
                               year=args.year, packs=lambda regime: pack_of(regime.value))


def _show(parsed: RegisterFile, account: Account) -> None:
    from bmnn.registry.actions.imports import clearance_errors

    assert account.person is not None
    print(f"Tệp {parsed.name}: {parsed.layout.title} — {parsed.layout.form}")
    if clearance_errors(account.person, parsed):
        print("Không hiển thị nội dung: tệp có dòng vượt mức được tiếp cận của người nhập.")
    elif parsed.rows:
        print(register_table(parsed))
    for warning in parsed.warnings:
        print(f"Lưu ý: {warning}")


def cmd_registers(args: argparse.Namespace) -> int:
    """Import a register the unit kept in Excel (.xlsx) or CSV before bmnn: sổ đăng ký BMNN đi,
    đến, sổ quản lý sao chụp, sổ chuyển giao. Reads the active sheet of an .xlsx, or a .csv in
    UTF-8 or Windows-1258. Columns in the official order of the register form in force on the
    entries' dates (header optional); numbers are kept as written. Shows what
    it understood of every line, then imports the whole file or, on any error, nothing — listing
    each error with its row and column. --dry-run checks without writing.

    Example:
      bmnn import registers so-den-2025.xlsx --unit S01 --kind incoming --year 2025 --username vanthu
    """
    from django.core.exceptions import PermissionDenied

    from bmnn.lib.sheets import ImportRejected
    from bmnn.registry.actions.imports import (
        check_register_import,
        do_import_register_entries,
    )
    from bmnn.registry.may import Step, may

    try:
        account, unit = _lookup(args)
        assert unit is not None
        may(Step.IMPORT_REGISTER, account, unit.pk)
    except (LookupError, PermissionDenied) as problem:
        print(problem, file=sys.stderr)
        return 2
    parsed = _parse(args)
    _show(parsed, account)
    if args.dry_run:
        errors = check_register_import(unit, parsed, actor=account)
        if errors:
            print_errors(errors)
            return 1
        print(f"Kiểm tra xong: tệp hợp lệ, {len(parsed.rows)} dòng (chưa ghi gì).")
        return 0
    try:
        result = do_import_register_entries(unit, parsed, actor=account)
    except ImportRejected as rejected:
        print_errors(rejected.errors)
        return 1
    print(f"Đã nhập {result.describe()} vào {unit.name}.")
    return 0


def _catalog_file(args: argparse.Namespace) -> CatalogFile:
    from bmnn.catalog.importing import load_sample, parse_catalog_file

    return load_sample() if args.sample else parse_catalog_file(Path(args.file))


def cmd_catalog(args: argparse.Namespace) -> int:
    """Import a catalog of state secrets (danh mục BMNN) from .xlsx/.csv with the columns: số
    quyết định, ngày, lĩnh vực, điều, khoản, điểm, độ mật, nội dung — all rows or none. With
    --sample, load the sample catalog shipped with bmnn (its điều/khoản numbering is the
    sample's own, to check against the gazette); loading it again adds only what is missing and
    keeps items already in bmnn as they are.

    Examples:
      bmnn import catalog danh-muc.xlsx --username quantri
      bmnn import catalog --sample
    """
    from django.core.exceptions import PermissionDenied

    from bmnn.catalog.actions import do_import_catalog
    from bmnn.lib.sheets import ImportRejected

    if bool(args.file) == bool(args.sample) or (args.file and not args.username):
        print("Chỉ rõ một tệp danh mục và --username, hoặc --sample.", file=sys.stderr)
        return 2
    try:
        account = _lookup(args)[0] if args.username else None
        parsed = _catalog_file(args)
        result = do_import_catalog(parsed, keep_existing=args.sample, actor=account)
    except (LookupError, PermissionDenied) as problem:
        print(problem, file=sys.stderr)
        return 2
    except ImportRejected as rejected:
        print_errors(rejected.errors)
        return 1
    print(f"Danh mục {parsed.name}: thêm {len(result.created_catalogs)} quyết định, "
          f"{result.created_items} mục; {result.unchanged_items} mục đã có.")
    for note in result.kept:
        print(f"Giữ nguyên: {note}")
    if not result.changed:
        print("Không có gì mới, không ghi gì.")
    return 0


# What --help says (Vietnamese, as everything a user reads; the docstrings document the code).
REGISTERS_DESCRIPTION = """Nhập sổ mà đơn vị đã ghi bằng Excel (.xlsx) hoặc CSV trước khi dùng bmnn:
sổ đăng ký BMNN đi, đến, sổ quản lý sao chụp, sổ chuyển giao. Đọc trang tính hiện hành của tệp
.xlsx, hoặc tệp .csv mã UTF-8 hay Windows-1258. Các cột theo đúng thứ tự của mẫu sổ chính thức có
hiệu lực vào ngày ghi các dòng (có hay không có dòng tiêu đề đều được); số được giữ nguyên như đã
ghi. Lệnh hiện những gì đọc được ở từng dòng, rồi nhập cả tệp, hoặc không nhập gì nếu có bất kỳ
lỗi nào — liệt kê từng lỗi kèm dòng và cột. --dry-run: chỉ kiểm tra, không ghi.

Ví dụ:
  bmnn import registers so-den-2025.xlsx --unit S01 --kind incoming --year 2025 --username vanthu"""
CATALOG_DESCRIPTION = """Nhập danh mục bí mật nhà nước (danh mục BMNN) từ tệp .xlsx/.csv có các
cột: số quyết định, ngày, lĩnh vực, điều, khoản, điểm, độ mật, nội dung — nhập tất cả các dòng
hoặc không dòng nào. Với --sample: nạp danh mục mẫu kèm theo bmnn (cách đánh số điều, khoản là
của riêng bản mẫu, cần đối chiếu với văn bản đăng Công báo); nạp lại lần nữa thì chỉ thêm những
mục còn thiếu, các mục đã có trong bmnn được giữ nguyên.

Ví dụ:
  bmnn import catalog danh-muc.xlsx --username quantri
  bmnn import catalog --sample"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="nhập sổ, danh mục BMNN từ tệp Excel/CSV")
    commands = p.add_subparsers(dest="import_command", required=True, metavar="LỆNH")
    r = commands.add_parser(
        "registers", help="nhập sổ đăng ký đang giữ bằng Excel/CSV",
        description=REGISTERS_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    r.add_argument("file", metavar="TỆP", help="tệp .xlsx hoặc .csv")
    r.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị")
    r.add_argument("--kind", required=True, choices=list(load_pack(Regime.R2018).registers),
                   help="loại sổ")
    r.add_argument("--year", type=int, metavar="NĂM", help="chỉ nhận các dòng của năm này")
    r.add_argument("--username", required=True, metavar="TÀI_KHOẢN",
                   help="tài khoản người nhập (văn thư, thủ trưởng)")
    r.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi")
    r.set_defaults(handler=cmd_registers)
    c = commands.add_parser(
        "catalog", help="nhập danh mục BMNN", description=CATALOG_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument("file", nargs="?", metavar="TỆP", help="tệp .xlsx hoặc .csv")
    c.add_argument("--sample", action="store_true", help="nạp danh mục mẫu kèm bmnn")
    c.add_argument("--username", metavar="TÀI_KHOẢN", help="tài khoản người nhập (bắt buộc khi nhập tệp)")
    c.set_defaults(handler=cmd_catalog)
