"""The `bmnn` command: everything an administrator scripts.

Examples:
  bmnn init                      create the data folder, key and database
  bmnn serve --port 8000         serve the web UI on 127.0.0.1
  bmnn createadmin               create the first administrator
  bmnn audit verify              walk the audit chain and name the first broken link
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from bmnn.audit.channel import Channel, via
from bmnn.commands import COMMAND_MODULES
from bmnn.lib.cli import Parser

DESCRIPTION = """Lệnh quản trị bmnn.

Ví dụ:
  bmnn init                      tạo thư mục dữ liệu, khóa bí mật và cơ sở dữ liệu
  bmnn serve --port 8000         chạy giao diện web trên 127.0.0.1
  bmnn createadmin               tạo quản trị viên đầu tiên
  bmnn inspect --unit S01        tự kiểm tra một đơn vị (JSON)
  bmnn audit verify              kiểm tra chuỗi nhật ký, chỉ ra mắt xích bị phá đầu tiên
"""


def build_parser() -> Parser:
    parser = Parser(prog="bmnn", description=DESCRIPTION)
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.settings")
    import django

    django.setup()


def main(argv: Sequence[str] | None = None) -> int:
    from bmnn.commands.scan import with_implied_run

    parser = build_parser()
    args = parser.parse_args(with_implied_run(list(sys.argv[1:] if argv is None else argv)))
    if getattr(args, "needs_django", True):
        setup_django()
    with via(Channel.CLI):
        result: int = args.handler(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
