"""bmnn report summary | check: an inspection's summary from imported results, and the check of
a summary's stated figures against them."""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from pathlib import Path

from bmnn.summaries.summary import By, Line, Order


def _lines(args: argparse.Namespace) -> list[Line]:
    from bmnn.summaries.summary import build, facts_of_period

    return build(facts_of_period(args.period), by=By(args.by), order=Order(args.order))


def cmd_summary(args: argparse.Namespace) -> int:
    """Tổng hợp kết quả kiểm tra một kỳ từ dữ liệu đã nhập (`bmnn findings import`): theo từng
    loại vi phạm, thiếu sót (thứ tự của findings.yaml) — tổng số, số đơn vị, số địa phương và chú
    thích "Địa phương: số lượng; …" theo cách văn bản ghi (04; 1.576). --by old-province giữ tên
    địa phương như dòng ghi, --by province gộp theo 34 tỉnh, thành phố sau sắp xếp năm 2025.

    Ví dụ:
      bmnn report summary --period 2025 --format md
      bmnn report summary --period 2025 --by province --order alphabet --format docx -o tong-hop.docx
    """
    from bmnn.summaries.summary import as_docx, as_json, as_markdown

    lines = _lines(args)
    if args.format == "docx" and not args.output:
        print("Định dạng docx cần tệp ghi ra (-o TỆP).", file=sys.stderr)
        return 2
    if args.format == "docx":
        data = as_docx(lines, args.period)
    elif args.format == "md":
        data = as_markdown(lines, args.period).encode()
    else:
        data = (json.dumps(as_json(lines), ensure_ascii=False, indent=2) + "\n").encode()
    if args.output:
        Path(args.output).write_bytes(data)
        print(f"Đã ghi {args.output}.")
    else:
        sys.stdout.write(data.decode())
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Đối chiếu số liệu một bản tổng hợp nêu với dữ liệu đã nhập. Tệp --stated (.csv/.xlsx) có
    các cột category, total, units, localities (ô trống: không nêu; ô localities có thể ghi chính
    chú thích "Hà Nội: 04; Cần Thơ: 12"). Liệt kê mọi số liệu nêu khác với dữ liệu; lưu ý riêng
    các phân bổ theo địa phương lặp lại phần lớn của loại khác (dấu hiệu sao chép) và tên địa
    phương không có trong danh sách tỉnh, thành phố trước hay sau sắp xếp. Mã thoát 1 khi có
    số liệu không khớp, 0 khi khớp hết.

    Ví dụ:
      bmnn report check --period 2025 --stated so-lieu-van-ban.xlsx --format json
    """
    from bmnn.commands.imports import print_errors
    from bmnn.summaries.check import as_text, check, read_stated

    stated, errors = read_stated(Path(args.stated))
    if errors:
        print_errors(errors)
        return 2
    report = check(stated, _lines(args))
    if args.format == "json":
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print(as_text(report))
    return 1 if report.mismatches else 0


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--period", required=True, metavar="KỲ", help="kỳ kiểm tra, ví dụ 2025")
    p.add_argument("--by", choices=[b.value for b in By], default=By.OLD_PROVINCE.value,
                   help="địa phương như dòng ghi (old-province) hay tỉnh sau sắp xếp (province)")
    p.add_argument("--order", choices=[o.value for o in Order], default=Order.APPEARANCE.value,
                   help="thứ tự địa phương: như xuất hiện (appearance) hay theo bảng chữ cái (alphabet)")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="hạn và tình hình báo cáo; tổng hợp, đối chiếu kết quả kiểm tra")
    commands = p.add_subparsers(dest="report_command", required=True, metavar="LỆNH")
    s = commands.add_parser("summary", help="tổng hợp kết quả kiểm tra một kỳ",
                            description=inspect.cleandoc(cmd_summary.__doc__ or ""),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(s)
    s.add_argument("--format", choices=["json", "md", "docx"], default="json", help="định dạng")
    s.add_argument("-o", "--output", metavar="TỆP",
                   help="tệp ghi ra (không có thì in ra màn hình; docx bắt buộc)")
    s.set_defaults(handler=cmd_summary)
    c = commands.add_parser("check", help="đối chiếu số liệu nêu trong văn bản với dữ liệu",
                            description=inspect.cleandoc(cmd_check.__doc__ or ""),
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    _common(c)
    c.add_argument("--stated", required=True, metavar="TỆP", help="tệp .csv/.xlsx các số liệu văn bản nêu")
    c.add_argument("--format", choices=["text", "json"], default="text", help="định dạng")
    c.set_defaults(handler=cmd_check)
    from bmnn.commands import reporting

    reporting.add_to(commands)
