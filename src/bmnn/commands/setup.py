"""bmnn init | serve | createadmin | manage."""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
import sys
from pathlib import Path


def _data_dir() -> Path:
    from django.conf import settings

    path: Path = settings.DATA_DIR
    return path


def cmd_init(args: argparse.Namespace) -> int:
    """Create the data folder, the secret key (once) and the database schema.

    Example: bmnn init
    """
    data = Path(os.environ.get("BMNN_DATA_DIR") or Path.cwd() / "data")
    data.mkdir(parents=True, exist_ok=True)
    key_file = data / "secret.key"
    if not key_file.exists() and not os.environ.get("BMNN_SECRET_KEY"):
        key_file.write_text(secrets.token_urlsafe(50), encoding="ascii")
        key_file.chmod(0o600)
    os.environ.setdefault("BMNN_DATA_DIR", str(data))
    from bmnn.cli import setup_django

    setup_django()
    from django.core.management import call_command

    from bmnn.backup.installation import ensure_installation_id

    call_command("migrate", verbosity=0, interactive=False)
    print(f"Dữ liệu: {data} (mã cài đặt {ensure_installation_id(data)})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the web UI with waitress (pure Python, also on Windows). While it runs, a restore
    of this data folder is refused; folders a killed backup or restore left are removed first.

    Example: bmnn serve --host 127.0.0.1 --port 8000
    """
    import waitress
    from django.conf import settings
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    from bmnn.backup.errors import DatabaseInUse
    from bmnn.backup.inuse import hold_for_server
    from bmnn.backup.workdir import clean_stale
    from bmnn.wsgi import application

    try:
        running = hold_for_server(settings.DATA_DIR)  # held until this process ends; see backup/inuse.py
    except DatabaseInUse as exc:
        print(f"Từ chối: {exc}", file=sys.stderr)
        return 2
    for folder in clean_stale(settings.DATA_DIR, _sqlite_folder()):
        print(f"Đã xóa thư mục tạm còn sót lại từ lần sao lưu/khôi phục bị ngắt: {folder}", file=sys.stderr)
    print(f"bmnn đang chạy tại http://{args.host}:{args.port}/ (dữ liệu: {settings.DATA_DIR})")
    try:
        waitress.serve(StaticFilesHandler(application), host=args.host, port=args.port, threads=8)
    finally:
        running.release()
    return 0


def _sqlite_folder() -> Path:
    """The folder of the SQLite database (a restore unpacks beside it), or DATA_DIR."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if str(database["ENGINE"]).endswith("sqlite3"):
        return Path(database["NAME"]).parent
    return _data_dir()


def _admin_password(args: argparse.Namespace) -> str:
    password = os.environ.get(args.password_env, "") if args.password_env else ""
    while not password:
        first = getpass.getpass("Mật khẩu (ít nhất 10 ký tự): ")
        if len(first) >= 10 and first == getpass.getpass("Nhập lại mật khẩu: "):
            password = first
        else:
            print("Mật khẩu quá ngắn hoặc không khớp, nhập lại.")
    return password


def cmd_createadmin(args: argparse.Namespace) -> int:
    """Create an administrator account (manages accounts; reads no document content). The
    account is written by an action and the audit log records it (channel: this command).

    Example: bmnn createadmin --username quantri
    """
    from bmnn.law.errors import LawRefusal
    from bmnn.org.actions import do_create_admin
    from bmnn.org.models import Account, Role

    if args.if_missing and Account.objects.filter(roles__icontains=Role.ADMIN).exists():
        return 0
    if not sys.stdin.isatty() and not args.password_env:
        print("Chưa có quản trị viên. Tạo bằng lệnh: .venv/bin/bmnn createadmin")
        return 0
    username = args.username or input("Tên đăng nhập quản trị [quantri]: ").strip() or "quantri"
    password = _admin_password(args)
    if len(password) < 10:
        print("Từ chối: mật khẩu quản trị viên phải có ít nhất 10 ký tự.", file=sys.stderr)
        return 2
    try:
        do_create_admin(username=username, password=password, via="bmnn createadmin")
    except LawRefusal as refusal:
        print(f"Từ chối: {refusal.message}.", file=sys.stderr)
        return 2
    print(f"Đã tạo quản trị viên {username}.")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    """Run a Django management command (for maintenance).

    Example: bmnn manage showmigrations
    """
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bmnn manage", *args.rest])
    return 0


# What --help says (Vietnamese, as everything a user reads; the docstrings document the code).
_DESCRIPTIONS = {
    "init": "Tạo thư mục dữ liệu, khóa bí mật (chỉ tạo một lần) và lược đồ cơ sở dữ liệu.\n\n"
            "Ví dụ: bmnn init",
    "serve": "Chạy giao diện web bằng waitress (thuần Python, chạy được cả trên Windows). Trong khi máy chủ\n"
             "chạy, lệnh khôi phục thư mục dữ liệu này bị từ chối; các thư mục tạm còn sót lại từ lần sao\n"
             "lưu hoặc khôi phục bị ngắt được xóa trước khi chạy.\n\n"
             "Ví dụ: bmnn serve --host 127.0.0.1 --port 8000",
    "createadmin": "Tạo tài khoản quản trị viên (quản lý tài khoản; không đọc nội dung tài liệu). Tài khoản\n"
                   "được tạo qua thao tác của hệ thống và được ghi vào nhật ký (kênh: lệnh này).\n\n"
                   "Ví dụ: bmnn createadmin --username quantri",
    "manage": "Chạy một lệnh quản trị của Django (để bảo trì).\n\n"
              "Ví dụ: bmnn manage showmigrations",
}


def _parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
            help_text: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help_text, description=_DESCRIPTIONS[name],
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _parser(sub, "init", "tạo thư mục dữ liệu, khóa và cơ sở dữ liệu")
    p.set_defaults(handler=cmd_init, needs_django=False)
    p = _parser(sub, "serve", "chạy giao diện web")
    p.add_argument("--host", default="127.0.0.1", metavar="ĐỊA_CHỈ",
                   help="địa chỉ máy chủ nhận kết nối (mặc định 127.0.0.1: chỉ máy này)")
    p.add_argument("--port", type=int, default=8000, metavar="CỔNG", help="cổng (mặc định 8000)")
    p.set_defaults(handler=cmd_serve)
    p = _parser(sub, "createadmin", "tạo tài khoản quản trị viên")
    p.add_argument("--username", metavar="TÊN",
                   help="tên đăng nhập (không ghi thì hỏi trên màn hình, mặc định quantri)")
    p.add_argument("--password-env", metavar="BIẾN", help="tên biến môi trường chứa mật khẩu (cho kịch bản)")
    p.add_argument("--if-missing", action="store_true", help="chỉ tạo khi chưa có quản trị viên")
    p.set_defaults(handler=cmd_createadmin)
    p = _parser(sub, "manage", "lệnh quản trị Django")
    p.add_argument("rest", nargs=argparse.REMAINDER, metavar="LỆNH_DJANGO",
                   help="lệnh quản trị của Django và các tham số của nó")
    p.set_defaults(handler=cmd_manage)
