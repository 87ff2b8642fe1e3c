"""bmnn inspect --unit CODE [--period 2025] [--subunits] [--format json|docx|pdf] [-o FILE]."""

from __future__ import annotations

import argparse
import datetime as dt
import inspect as pyinspect
import json
import re
import sys
from pathlib import Path
from typing import Any

FORMATS = ("json", "docx", "pdf")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$")


def parse_period(text: str | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """ "2025" (a calendar year; this year runs to today) or "2025-01-01:2025-06-30"; none = this year."""
    from bmnn.inspection.engine import year_period

    if not text:
        return year_period(today.year, today)
    if text.isdigit() and len(text) == 4:
        return year_period(int(text), today)
    match = _RANGE.match(text)
    if match is None:
        raise ValueError(f"Kỳ kiểm tra '{text}' không hợp lệ: ghi năm (2025) hoặc YYYY-MM-DD:YYYY-MM-DD")
    first, last = (dt.date.fromisoformat(g) for g in match.groups())
    if last < first:
        raise ValueError("Kỳ kiểm tra: ngày kết thúc trước ngày bắt đầu")
    return first, last


def _output(args: argparse.Namespace) -> str:
    if args.format:
        fmt: str = args.format
        return fmt
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    return suffix if suffix in FORMATS else "json"


def _write(path: Path | None, content: bytes) -> None:
    if path is None:
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
    else:
        path.write_bytes(content)


def _render(result: dict[str, Any], fmt: str, unit: Any, today: dt.date, viewer: Any) -> bytes:
    if fmt == "json":
        return (json.dumps(result, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    from bmnn.inspection.report import live_report
    from bmnn.reports.writers.pdf import docx_to_pdf
    from bmnn.reports.writers.self_inspection_docx import render_self_inspection_docx

    content = render_self_inspection_docx(live_report(result, unit, today, viewer))
    return docx_to_pdf(content) if fmt == "pdf" else content


def _reader(username: str | None, unit: Any) -> Any:
    """The account whose view the output takes (None: nobody's — every record with a level or of
    the registry is masked, as the machine's operator reads no secret content)."""
    if not username:
        return None
    from django.core.exceptions import PermissionDenied

    from bmnn.inspection.access import may_view
    from bmnn.org.models import Account

    account = Account.objects.filter(username=username, is_active=True).select_related("person").first()
    if account is None:
        raise PermissionDenied(f"Không có tài khoản '{username}'.")
    may_view(account, unit)
    return account


def cmd_inspect(args: argparse.Namespace) -> int:
    """Tự kiểm tra công tác bảo vệ BMNN của một đơn vị từ dữ liệu trên bmnn: mọi loại vi phạm
    của danh mục (findings.yaml) đúng một lần, mỗi loại có trạng thái found (có vi phạm), none
    (không phát hiện), no_data (chưa đủ dữ liệu để kết luận) hoặc unanswered (chờ trả lời bảng
    kiểm, chờ xác nhận), kèm các hồ sơ vi phạm. Không ghi -o thì in JSON ra màn hình. Lệnh chỉ
    đọc; lần tự kiểm tra có kế hoạch, kết luận và việc khắc phục được lập trên giao diện web.
    Hồ sơ vi phạm được che theo quyền được xem của tài khoản --username (không ghi: che mọi hồ sơ
    có độ mật hoặc thuộc sổ sách; người vận hành máy không đọc nội dung mật).

    Ví dụ:
      bmnn inspect --unit S01 --period 2025 --username vanthu
      bmnn inspect --unit T01 --subunits --period 2026-01-01:2026-06-30 -o tu-kiem-tra.docx
    """
    from django.core.exceptions import PermissionDenied
    from django.db import transaction
    from django.utils import timezone

    from bmnn.audit.journal import append_event
    from bmnn.audit.models import EventKind
    from bmnn.inspection.engine import inspect
    from bmnn.inspection.scope import build_scope
    from bmnn.inspection.shown import Viewer, masked_result
    from bmnn.org.models import Unit
    from bmnn.reports.writers.pdf import PdfUnavailable

    today = timezone.localdate()
    unit = Unit.objects.filter(code=args.unit).select_related("parent").first()
    fmt = _output(args)
    try:
        if unit is None:
            raise ValueError(f"Không có đơn vị mã '{args.unit}'.")
        if fmt != "json" and not args.output:
            raise ValueError(f"Định dạng {fmt} cần tệp ghi ra: thêm -o TỆP")
        account = _reader(args.username, unit)
        first, last = parse_period(args.period, today)
        result = masked_result(
            inspect(build_scope(unit, first, last, today, include_subunits=args.subunits)), Viewer.of(account)
        )
        content = _render(result, fmt, unit, today, Viewer.of(account))
    except (ValueError, PdfUnavailable, PermissionDenied) as problem:
        print(problem, file=sys.stderr)
        return 2
    path = Path(args.output) if args.output else None
    with transaction.atomic():
        append_event(
            kind=EventKind.READ,
            action="export_self_inspection",
            actor=account,
            unit_id=unit.pk,
            changes={
                "period": result["period"],
                "format": fmt,
                "subunits": args.subunits,
                "file": str(path or "-"),
            },
        )
    try:
        _write(path, content)
    except OSError as error:
        print(f"Không ghi được tệp {path}: {error.strerror}", file=sys.stderr)
        return 1
    if path is not None:
        found = sum(1 for c in result["categories"] if c["status"] == "found")
        print(f"Đã ghi {path}: {found} loại vi phạm, thiếu sót được phát hiện.", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "inspect",
        help="tự kiểm tra một đơn vị (JSON, Word, PDF)",
        description=pyinspect.cleandoc(cmd_inspect.__doc__ or ""),
    )
    p.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị")
    p.add_argument(
        "--period",
        metavar="KỲ",
        help="năm (2025) hoặc khoảng ngày YYYY-MM-DD:YYYY-MM-DD; mặc định: từ đầu năm nay đến hôm nay",
    )
    p.add_argument("--subunits", action="store_true", help="gồm cả các đơn vị trực thuộc")
    p.add_argument(
        "--username", metavar="TÀI_KHOẢN", help="xem theo quyền của tài khoản này (cán bộ của đơn vị)"
    )
    p.add_argument("--format", choices=FORMATS, help="định dạng (mặc định: theo đuôi tệp, hoặc json)")
    p.add_argument("-o", "--output", metavar="TỆP", help="tệp ghi ra (mặc định: in JSON ra màn hình)")
    p.set_defaults(handler=cmd_inspect)
