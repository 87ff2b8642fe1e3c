"""bmnn scan run | keygen: the endpoint scanner (no database needed; see also python -m bmnn.scanner).
`bmnn scan D:\\ E:\\ …` without a subcommand means `bmnn scan run D:\\ E:\\ …`.

Other command modules may add `bmnn scan <name>` with `add_subcommand(name, help)` after `register`.
"""

from __future__ import annotations

import argparse

_ACTIONS: argparse._SubParsersAction[argparse.ArgumentParser] | None = None
DESCRIPTION = ("Công cụ quét máy tính tìm tệp mang dấu mật (không cần cơ sở dữ liệu). "
               "'bmnn scan D:\\ E:\\' không ghi thao tác nghĩa là 'bmnn scan run D:\\ E:\\'.")


# What `bmnn scan run|keygen --help` says: the scanner's own parsers take their descriptions from
# English docstrings and name some values in English (OUT, FILE…), so `bmnn` sets Vietnamese ones.
_DESCRIPTIONS = {
    "run": """Quét các thư mục (mặc định: mọi ổ đĩa cố định) tìm tài liệu mang dấu mật; ghi báo cáo JSON
và/hoặc HTML.

Dừng bằng Ctrl-C: các tệp đang đọc dở được đọc xong và, nếu có --resume, tiến độ được giữ lại
trong tệp trạng thái; chạy lại đúng lệnh đó để quét tiếp.

Ví dụ:
  bmnn scan run /home /media/data --sign-key scan-key.pem --resume scan.state -o pc01""",
    "keygen": """Tạo khóa ký Ed25519 (tệp PEM, chỉ tài khoản đang dùng máy đọc được) và in khóa công khai.

Giao khóa công khai cho cán bộ nhập báo cáo quét vào bmnn.

Ví dụ:
  bmnn scan keygen /media/usb/scan-key.pem""",
}
_METAVARS = {
    "run": {"output": "TÊN_TỆP", "catalog": "TỆP", "sign_key": "TỆP_KHÓA", "workers": "SỐ",
            "resume": "TỆP_TRẠNG_THÁI"},
    "keygen": {"key": "TỆP_KHÓA"},
}


def _in_vietnamese(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Give the scanner's parsers a Vietnamese description and Vietnamese value names."""
    for name, description in _DESCRIPTIONS.items():
        parser = actions.choices[name]
        parser.description = description
        parser.formatter_class = argparse.RawDescriptionHelpFormatter
        for action in parser._actions:
            action.metavar = _METAVARS[name].get(action.dest, action.metavar)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from bmnn.scanner.cli import add_commands

    global _ACTIONS
    scan = sub.add_parser("scan", help="quét máy tính tìm tài liệu mang dấu mật", description=DESCRIPTION)
    _ACTIONS = scan.add_subparsers(dest="scan_command", required=True, metavar="THAO_TÁC")
    add_commands(_ACTIONS)
    _in_vietnamese(_ACTIONS)


def add_subcommand(name: str, help: str) -> argparse.ArgumentParser:
    """A new `bmnn scan <name>` parser; set its handler (and needs_django) with set_defaults."""
    if _ACTIONS is None:
        raise RuntimeError("bmnn.commands.scan.register() has not run yet")
    return _ACTIONS.add_parser(name, help=help, description=help)


def with_implied_run(argv: list[str]) -> list[str]:
    """`bmnn scan PATH…` (no subcommand) as `bmnn scan run PATH…`, as `python -m bmnn.scanner` does."""
    if argv[:1] != ["scan"] or _ACTIONS is None:
        return argv
    if len(argv) > 1 and (argv[1] in _ACTIONS.choices or argv[1] in ("-h", "--help")):
        return argv
    return ["scan", "run", *argv[1:]]
