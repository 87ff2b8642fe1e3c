"""Command line of the scanner, shared by `python -m bmnn.scanner` and `bmnn scan`.

Examples:
  python -m bmnn.scanner keygen /media/usb/scan-key.pem
  python -m bmnn.scanner run --sign-key /media/usb/scan-key.pem -o /media/usb/may-01
  python -m bmnn.scanner run D:\\ --resume /media/usb/may-01.state --format both
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bmnn.lib.cli import Parser
from bmnn.scanner.html import render_html
from bmnn.scanner.posture import collect_host, collect_posture
from bmnn.scanner.report import (
    SigningUnavailable,
    build_report,
    generate_key,
    load_key,
    sign_report,
    utc_now,
    write_json,
)
from bmnn.scanner.runner import FILE_TIMEOUT_SECONDS, Progress, ScanConfig, StopFlag, check_config, run_scan
from bmnn.scanner.state import ScanState, StateMismatch
from bmnn.scanner.walk import default_roots

EXIT_STOPPED = 3
STANDALONE = "python -m bmnn.scanner"
# What --help says (Vietnamese, as everything a user reads); {prog} is how the scanner was called.
DESCRIPTION = """Công cụ quét máy tính tìm tài liệu mang dấu mật (không cần cơ sở dữ liệu). Không ghi thao
tác nghĩa là "run".

Ví dụ:
  {prog} keygen /media/usb/scan-key.pem
  {prog} run --sign-key /media/usb/scan-key.pem -o /media/usb/may-01
  {prog} run D:\\ --resume /media/usb/may-01.state --format both"""
RUN_DESCRIPTION = """Quét các thư mục (mặc định: mọi ổ đĩa cố định) tìm tài liệu mang dấu mật; ghi báo cáo
JSON và/hoặc HTML.

Dừng bằng Ctrl-C: các tệp đang đọc dở được đọc xong và, nếu có --resume, tiến độ được giữ lại
trong tệp trạng thái; chạy lại đúng lệnh đó để quét tiếp.

Ví dụ:
  {prog} run /home /media/data --sign-key scan-key.pem --resume scan.state -o pc01"""
KEYGEN_DESCRIPTION = """Tạo khóa ký Ed25519 (tệp PEM, chỉ tài khoản đang dùng máy đọc được) và in khóa công
khai.

Giao khóa công khai cho cán bộ nhập báo cáo quét vào bmnn.

Ví dụ:
  {prog} keygen /media/usb/scan-key.pem"""


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of a scan run."""
    parser.add_argument("paths", nargs="*", metavar="ĐƯỜNG_DẪN",
                        help="thư mục/tệp cần quét (mặc định: mọi ổ đĩa cố định, hoặc / trên Linux)")
    parser.add_argument("--format", choices=("json", "html", "both"), default="both",
                        help="dạng báo cáo (mặc định: cả JSON và HTML)")
    parser.add_argument("-o", "--output", metavar="TÊN_TỆP",
                        help="tên tệp báo cáo, không cần đuôi (mặc định: bmnn-scan-<tên máy>-<giờ>)")
    parser.add_argument("--catalog", metavar="TỆP", help="tệp danh mục bí mật nhà nước để đối chiếu cụm từ")
    parser.add_argument("--sign-key", metavar="TỆP_KHÓA", help="khóa Ed25519 (PEM) để ký báo cáo JSON")
    parser.add_argument("--workers", type=int, default=None, metavar="SỐ",
                        help="số tiến trình song song (mặc định: số lõi CPU; 0 = chạy trong tiến trình này)")
    parser.add_argument("--resume", metavar="TỆP_TRẠNG_THÁI",
                        help="tệp trạng thái: ghi tiến độ, chạy lại với cùng tệp để quét tiếp khi bị dừng")
    parser.add_argument("--file-timeout", type=float, default=FILE_TIMEOUT_SECONDS, metavar="GIÂY",
                        help="giới hạn thời gian đọc một tệp; quá hạn thì ghi lỗi 'timeout' và quét tiếp "
                             f"(mặc định {FILE_TIMEOUT_SECONDS:.0f} giây)")
    parser.add_argument("--ocr", action="store_true",
                        help="nhận dạng chữ trong ảnh quét, PDF quét và ảnh dán trong tệp Word, tìm cả "
                             "dấu đỏ (cần tesserocr hoặc tesseract với mô hình tiếng Việt vie.traineddata)")
    parser.add_argument("--quiet", action="store_true", help="không hiện tiến độ")


def output_base(args: argparse.Namespace) -> Path:
    """Where the report goes, without suffix."""
    if args.output:
        out = Path(args.output)
        return out.with_suffix("") if out.suffix in (".json", ".html") else out
    stamp = time.strftime("%Y%m%dT%H%M%S")
    return Path(f"bmnn-scan-{socket.gethostname()}-{stamp}")


def cmd_run(args: argparse.Namespace) -> int:
    """Scan folders (default: all fixed drives) for secrecy marks; write a JSON and/or HTML report.

    Stop with Ctrl-C: files in progress finish and, with --resume, the state is kept; run the same
    command again to continue. Example:
      bmnn scan run /home /media/data --sign-key scan-key.pem --resume scan.state -o pc01
    """
    roots = [str(Path(p).absolute()) for p in args.paths] or default_roots()
    base = output_base(args)
    outputs = [base.with_suffix(".json"), base.with_suffix(".html")]
    try:
        key = load_key(Path(args.sign_key)) if args.sign_key else None
    except (OSError, ValueError) as error:
        print(f"Không đọc được khóa ký {args.sign_key}: {error}", file=sys.stderr)
        return 2
    problem = check_config(ScanConfig(catalog=args.catalog, ocr=args.ocr))
    if problem:
        print(f"Không nạp được danh mục hoặc bộ đọc tệp: {problem}", file=sys.stderr)
        return 2
    started = utc_now()
    state = None
    if args.resume:
        try:
            state = ScanState(Path(args.resume), roots, started)
        except StateMismatch as error:
            print(str(error), file=sys.stderr)
            return 2
        started = state.started_at
        outputs.append(Path(args.resume))
    _warn_inside(roots, outputs)
    report = _scan(args, roots, started, state, [str(p.resolve()) for p in outputs])
    if key is not None:
        report = sign_report(report, key)
    _write(report, base, args.format)
    return 0 if report["summary"]["complete"] else EXIT_STOPPED


def _warn_inside(roots: list[str], outputs: list[Path]) -> None:
    """Say so when the report or state file lands inside a scanned tree (it is not scanned itself)."""
    for output in outputs:
        where = output.resolve()
        if any(where.is_relative_to(Path(root).resolve()) for root in roots):
            print(f"Lưu ý: {output} nằm trong thư mục đang quét; nên ghi báo cáo ra USB hoặc thư mục khác.",
                  file=sys.stderr)


def _scan(args: argparse.Namespace, roots: list[str], started: str, state: ScanState | None,
          exclude: list[str]) -> dict[str, Any]:
    config = ScanConfig(catalog=args.catalog, ocr=args.ocr)
    host, posture = collect_host(), collect_posture()
    try:
        with StopFlag() as stop:
            outcome = run_scan(roots, config, workers=args.workers, state=state, exclude=exclude,
                               file_timeout=args.file_timeout,
                               progress=Progress(quiet=args.quiet), stop=stop)
    finally:
        if state is not None:
            state.close()
    if outcome.stopped:
        print("Đã dừng theo yêu cầu; báo cáo ghi phần đã quét (complete=false)."
              + (" Chạy lại cùng lệnh với --resume để quét tiếp." if state else ""), file=sys.stderr)
    return build_report(started_at=started, finished_at=utc_now(), host=host, posture=posture,
                        roots=roots, results=outcome.results, skipped=outcome.skipped, tally=outcome.tally,
                        files_seen=outcome.files_seen, complete=outcome.complete, notes=outcome.notes)


def _write(report: dict[str, Any], base: Path, fmt: str) -> None:
    if fmt in ("json", "both"):
        write_json(report, base.with_suffix(".json"))
        print(f"Đã ghi {base.with_suffix('.json')}", file=sys.stderr)
    if fmt in ("html", "both"):
        base.with_suffix(".html").write_text(render_html(report), encoding="utf-8")
        print(f"Đã ghi {base.with_suffix('.html')}", file=sys.stderr)
    s = report["summary"]
    print(json.dumps({k: s[k] for k in ("files_seen", "files_with_marks", "errors", "skipped", "complete")},
                     ensure_ascii=False))


def cmd_keygen(args: argparse.Namespace) -> int:
    """Create an Ed25519 signing key (PEM, readable only by you) and print its public key.

    Give the public key to the officer who imports reports. Example:
      bmnn scan keygen /media/usb/scan-key.pem
    """
    try:
        public = generate_key(Path(args.key))
    except FileExistsError:
        print(f"Tệp {args.key} đã có; không ghi đè.", file=sys.stderr)
        return 1
    except SigningUnavailable as error:
        print(str(error), file=sys.stderr)
        return 2
    print(f"Đã tạo khóa ký {args.key}. Khóa công khai (base64):")
    print(public)
    return 0


def add_commands(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], prog: str = STANDALONE
) -> None:
    """Add `run` and `keygen` to a subparsers object (used by both command lines; `prog` is how
    the examples call the scanner)."""
    run = actions.add_parser("run", help="quét thư mục tìm tài liệu mang dấu mật",
                             description=RUN_DESCRIPTION.format(prog=prog),
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    add_run_arguments(run)
    run.set_defaults(handler=cmd_run, needs_django=False)
    keygen = actions.add_parser("keygen", help="tạo khóa ký báo cáo",
                                description=KEYGEN_DESCRIPTION.format(prog=prog),
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    keygen.add_argument("key", metavar="TỆP_KHÓA", help="tệp khóa riêng sẽ tạo (PEM)")
    keygen.set_defaults(handler=cmd_keygen, needs_django=False)


def standalone_prog() -> str:
    """How the standalone scanner was called: `python bmnn-scan.pyz` from the one-file scanner."""
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    return f"python {started.name}" if started is not None and started.suffix == ".pyz" else STANDALONE


def build_parser() -> argparse.ArgumentParser:
    prog = standalone_prog()
    parser: argparse.ArgumentParser = Parser(prog=prog, description=DESCRIPTION.format(prog=prog))
    add_commands(parser.add_subparsers(dest="scan_command", required=True, metavar="THAO_TÁC"), prog)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Standalone entry point; `run` is implied when the first argument is not a subcommand."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0] not in ("run", "keygen", "-h", "--help"):
        args_list.insert(0, "run")
    args = build_parser().parse_args(args_list)
    result: int = args.handler(args)
    return result
