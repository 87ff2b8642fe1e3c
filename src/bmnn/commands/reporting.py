"""bmnn report due|status|deadline|approve: what a unit owes, who below has reported, the
deadlines a receiving body sets, and its approval of the figures received."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from bmnn.commands.packages import _parser, _user, account, day, kind_ids, unit


def _year(args: argparse.Namespace) -> tuple[dt.date, dt.date]:
    year = args.year or dt.date.today().year
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def cmd_due(args: argparse.Namespace) -> int:
    """Các báo cáo đơn vị phải gửi trong năm: loại, kỳ, hạn, căn cứ và tình trạng (đúng hạn,
    muộn, chưa gửi, chưa đến hạn).

    Ví dụ:
      bmnn report due --unit X01 --year 2026
    """
    from bmnn.reports.calendar import obligations, standings

    start, end = _year(args)
    for s in standings(obligations([unit(args.unit)], start, end), dt.date.today()):
        o = s.obligation
        sent = f" (gửi {s.sent_on:%d/%m/%Y})" if s.sent_on else ""
        print(f"{o.due_on:%d/%m/%Y}  {o.title} kỳ {o.period}: {s.state.label}{sent} — {o.basis}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """Tình hình báo cáo của các đơn vị cấp dưới (cơ quan nhận báo cáo): theo từng cấp, số báo
    cáo phải gửi, đã nhận, đúng hạn, muộn, còn thiếu; rồi danh sách đơn vị chưa gửi, gửi muộn.

    Ví dụ:
      bmnn report status --unit T01 --year 2026
    """
    from bmnn.org.models import Unit
    from bmnn.reports.calendar import State
    from bmnn.reports.rates import rates, standings_below

    start, end = _year(args)
    rows = standings_below(unit(args.unit), start, end, dt.date.today())
    print(f"{'Cấp':<32} {'Phải gửi':>9} {'Đã nhận':>8} {'Đúng hạn':>9} {'Muộn':>6} {'Thiếu':>6} {'Tỉ lệ':>7}")
    for r in rates(rows):
        print(
            f"{r.level:<32} {r.expected:>9} {r.received:>8} {r.on_time:>9} {r.late:>6} {r.missing:>6} "
            f"{r.percent:>7}"
        )
    names = dict(Unit.objects.values_list("pk", "name"))
    for s in rows:
        if s.state in (State.MISSING, State.LATE):
            o = s.obligation
            print(f"  {names[o.unit_id]}: {o.title} kỳ {o.period}, hạn {o.due_on:%d/%m/%Y} — {s.state.label}")
    return 0


def cmd_deadline(args: argparse.Namespace) -> int:
    """Đặt hạn báo cáo cho các đơn vị cấp dưới theo văn bản của cơ quan nhận báo cáo (một lần
    hoặc hằng năm; tất cả hay chỉ các đơn vị nêu tên).

    Ví dụ:
      bmnn report deadline --unit T01 --kind annual --due 30/10/2026 --yearly \\
           --basis "Kế hoạch 38/KH-UBND" --issued 10/02/2026 --username vanthutinh
      bmnn report deadline --unit T01 --kind remediation --period 2025 --due 31/03/2026 \\
           --units S01,X01 --basis "Công văn 261/X05-P5" --username vanthutinh
    """
    from bmnn.reports.actions import do_set_report_deadline

    named = [unit(code.strip()) for code in (args.units or "").split(",") if code.strip()]
    deadline = do_set_report_deadline(
        unit(args.unit),
        kind_id=args.kind,
        due_on=args.due,
        basis=args.basis,
        period=args.period or "",
        yearly=args.yearly,
        units=named,
        issued_on=args.issued,
        actor=account(args.username),
    )
    print(f"Đã đặt hạn: {deadline}")
    return 0


def cmd_approve(args: argparse.Namespace) -> int:
    """Duyệt số liệu báo cáo đã nhận từ đơn vị cấp dưới (thủ trưởng đơn vị nhận): một gói (--unit,
    --sequence) hoặc mọi báo cáo đang chờ duyệt (--all, có thể giới hạn --period). Chỉ số liệu đã
    duyệt mới được tổng hợp và đưa vào báo cáo gửi cấp trên.

    Ví dụ:
      bmnn report approve --unit X01 --sequence 3 --username chutichtinh
      bmnn report approve --all --period 2026 --username chutichtinh
    """
    from bmnn.reports.actions import do_approve_report, do_approve_reports
    from bmnn.reports.models import Direction, Filing

    actor = account(args.username)
    if args.all:
        if actor.person is None:
            raise LookupError("Tài khoản này không gắn với cán bộ nào.")
        waiting = Filing.objects.filter(
            direction=Direction.RECEIVED, receiver_id=actor.person.unit_id, approved_at__isnull=True
        )
        if args.period:
            waiting = waiting.filter(period=args.period)
        done = do_approve_reports(list(waiting), actor=actor)
        print(f"Đã duyệt {len(done)} báo cáo.")
        return 0
    if not args.unit or args.sequence is None:
        raise LookupError("Ghi --unit và --sequence của gói cần duyệt, hoặc --all.")
    filing = Filing.objects.filter(
        direction=Direction.RECEIVED, unit__code=args.unit, sequence=args.sequence
    ).first()
    if filing is None:
        raise LookupError(f"Chưa nhận gói số {args.sequence} của đơn vị {args.unit}.")
    do_approve_report(filing, actor=actor)
    print(f"Đã duyệt: {filing}")
    return 0


def add_to(commands: Any) -> None:
    d = _parser(commands, "due", cmd_due, "các báo cáo đơn vị phải gửi và tình trạng")
    d.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị")
    d.add_argument("--year", type=int, metavar="NĂM", help="năm (mặc định năm nay)")
    s = _parser(commands, "status", cmd_status, "tình hình báo cáo của đơn vị cấp dưới")
    s.add_argument("--unit", required=True, metavar="MÃ", help="mã cơ quan nhận báo cáo")
    s.add_argument("--year", type=int, metavar="NĂM", help="năm (mặc định năm nay)")
    t = _parser(commands, "deadline", cmd_deadline, "đặt hạn báo cáo cho đơn vị cấp dưới")
    t.add_argument("--unit", required=True, metavar="MÃ", help="mã cơ quan nhận báo cáo")
    t.add_argument("--kind", required=True, choices=kind_ids(), metavar="LOẠI", help="loại báo cáo")
    t.add_argument("--due", required=True, type=day, metavar="NGÀY", help="hạn gửi (dd/mm/yyyy)")
    t.add_argument("--period", metavar="KỲ", help="kỳ báo cáo (không ghi: năm của hạn)")
    t.add_argument("--yearly", action="store_true", help="lặp lại hằng năm cùng ngày")
    t.add_argument("--units", metavar="MÃ,MÃ", help="chỉ các đơn vị này (mặc định mọi đơn vị cấp dưới)")
    t.add_argument("--basis", required=True, metavar="VĂN_BẢN", help="văn bản yêu cầu báo cáo")
    t.add_argument("--issued", type=day, metavar="NGÀY", help="ngày của văn bản đó (mặc định hôm nay)")
    _user(t)
    a = _parser(commands, "approve", cmd_approve, "duyệt số liệu báo cáo đã nhận")
    a.add_argument("--unit", metavar="MÃ", help="mã đơn vị gửi")
    a.add_argument("--sequence", type=int, metavar="SỐ", help="số thứ tự gói")
    a.add_argument("--all", action="store_true", help="duyệt mọi báo cáo đang chờ duyệt của đơn vị mình")
    a.add_argument("--period", metavar="KỲ", help="cùng --all: chỉ báo cáo của kỳ này")
    _user(a)
