"""bmnn registers export."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bmnn.law.pack import Confidence, Regime, load_pack

if TYPE_CHECKING:
    from bmnn.registry.models import Register
    from bmnn.reports.registers import RegisterPrint

FORMATS = ("docx", "xlsx")


def _writer(fmt: str) -> Callable[[Sequence[RegisterPrint]], bytes]:
    from bmnn.reports.writers.register_docx import render_register_docx
    from bmnn.reports.writers.register_xlsx import render_register_xlsx

    return render_register_docx if fmt == "docx" else render_register_xlsx


def _format_of(args: argparse.Namespace) -> str | None:
    if args.format:
        fmt: str = args.format
        return fmt
    suffix = Path(args.output).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def _volumes(args: argparse.Namespace) -> list[Register]:
    from bmnn.org.models import Unit
    from bmnn.registry.models import Register

    unit = Unit.objects.filter(code=args.unit).first()
    if unit is None:
        raise LookupError(f"Không có đơn vị mã '{args.unit}'.")
    registers = Register.objects.filter(unit=unit, kind=args.kind, year=args.year)
    if args.volume is not None:
        registers = registers.filter(volume=args.volume)
    found = list(registers.select_related("unit__parent").order_by("volume"))
    if not found:
        which = f"quyển số {args.volume:02d} " if args.volume is not None else ""
        raise LookupError(f"Đơn vị {unit.name} không có {which}sổ '{args.kind}' năm {args.year}.")
    return found


def _log_export(registers: list[Register], prints: list[RegisterPrint], fmt: str, path: Path) -> None:
    """Exporting prints secret details: one read event per volume, in the write's transaction."""
    from bmnn.audit.journal import append_event
    from bmnn.audit.models import EventKind

    for register, volume in zip(registers, prints, strict=True):
        append_event(
            kind=EventKind.READ, action="export_register", obj=register, unit_id=register.unit_id,
            changes={"format": fmt, "file": str(path), "entries": len(volume.rows)},
        )


def _warn_unconfirmed(prints: list[RegisterPrint]) -> None:
    for form in sorted({p.form for p in prints if p.confidence != Confidence.CONFIRMED}):
        label = next(p.confidence.label for p in prints if p.form == form)
        print(f"Lưu ý: mẫu sổ theo {form} ({label}), cần đối chiếu văn bản chính thức.",
              file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    """Print a register to .docx or .xlsx: every volume of the year, or only --volume.

    Each volume gets its cover (parent body, body, year, first/last dates and numbers, volume
    number) and its table in the layout of the regime it was opened under. The export is
    recorded in the audit log. The format defaults to the output file's extension.

    Example:
      bmnn registers export --unit UBND-XA-A --kind outgoing --year 2026 --format docx -o so-di.docx
    """
    from django.db import transaction

    from bmnn.reports.registers import build_register_print

    fmt = _format_of(args)
    if fmt is None:
        print("Không rõ định dạng: dùng --format docx|xlsx hoặc tệp .docx/.xlsx.", file=sys.stderr)
        return 2
    try:
        registers = _volumes(args)
    except LookupError as missing:
        print(missing, file=sys.stderr)
        return 2
    prints = [build_register_print(r) for r in registers]
    content = _writer(fmt)(prints)
    path = Path(args.output)
    try:
        with transaction.atomic():
            _log_export(registers, prints, fmt, path)
            path.write_bytes(content)
    except OSError as error:
        print(f"Không ghi được tệp {path}: {error.strerror}", file=sys.stderr)
        return 1
    _warn_unconfirmed(prints)
    entries = sum(len(p.rows) for p in prints)
    print(f"Đã ghi {path} ({len(prints)} quyển, {entries} mục).")
    return 0


# What --help says (Vietnamese, as everything a user reads; the docstrings document the code).
EXPORT_DESCRIPTION = """In sổ đăng ký ra tệp .docx hoặc .xlsx: mọi quyển sổ trong năm, hoặc chỉ
quyển --volume.

Mỗi quyển có bìa (cơ quan cấp trên, cơ quan, năm, ngày và số đầu tiên, cuối cùng, quyển số) và
bảng ghi theo mẫu sổ của chế độ pháp lý áp dụng khi mở quyển. Việc xuất sổ được ghi vào nhật ký.
Không ghi --format thì định dạng theo đuôi của tệp ghi ra.

Ví dụ:
  bmnn registers export --unit UBND-XA-A --kind outgoing --year 2026 --format docx -o so-di.docx"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("registers", help="in, xuất sổ đăng ký BMNN")
    commands = p.add_subparsers(dest="registers_command", required=True, metavar="LỆNH")
    e = commands.add_parser(
        "export", help="xuất sổ ra tệp Word (.docx) hoặc Excel (.xlsx)",
        description=EXPORT_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    e.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị")
    e.add_argument("--kind", required=True, choices=list(load_pack(Regime.R2018).registers),
                   help="loại sổ")
    e.add_argument("--year", required=True, type=int, metavar="NĂM", help="năm của sổ")
    e.add_argument("--volume", type=int, metavar="SỐ", help="quyển số (mặc định: mọi quyển trong năm)")
    e.add_argument("--format", choices=FORMATS, help="định dạng (mặc định: theo đuôi tệp)")
    e.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp ghi ra")
    e.set_defaults(handler=cmd_export)
