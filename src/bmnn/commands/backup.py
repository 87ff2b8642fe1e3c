"""bmnn backup | backup keygen | backup verify | restore."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bmnn.backup.errors import BackupError, RestoreDeclined
from bmnn.backup.keys import generate_key_file, key_fingerprint, load_key
from bmnn.backup.limits import DEFAULT_MAX_BYTES, human_size, parse_size
from bmnn.backup.manifest import Checkpoint, Manifest, Migration
from bmnn.backup.restore import RestoreResult, Verified
from bmnn.backup.target import Database, SqliteDatabase, database_from_settings, describe

Handler = Callable[[argparse.Namespace], int]
_YES = {"có", "co", "c", "yes", "y"}
_BACKUP_USAGE = """
  bmnn backup [-o TỆP] --key-file TỆP_KHÓA
  bmnn backup keygen TỆP_KHÓA
  bmnn backup verify TỆP --key-file TỆP_KHÓA"""


def _refusals(handler: Handler) -> Handler:
    """Print a refusal as one clear line and exit with status 2, instead of a traceback."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except BackupError as exc:
            print(f"Từ chối: {exc}", file=sys.stderr)
            return 2

    return run


def _data_dir() -> Path:
    from django.conf import settings

    path: Path = settings.DATA_DIR
    return path


def _database() -> Database:
    from django.conf import settings

    return database_from_settings(settings.DATABASES["default"])


def _known_migrations() -> frozenset[Migration]:
    """Every migration this code ships, read from disk (no database connection)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return frozenset((str(app), str(name)) for app, name in loader.disk_migrations)


def _max_bytes(value: str | None) -> int:
    from bmnn.lib.env import env_str

    text = value or env_str("BMNN_RESTORE_MAX_SIZE", "")
    try:
        return parse_size(text) if text else DEFAULT_MAX_BYTES
    except ValueError as exc:
        raise BackupError(str(exc)) from None


def _checkpoint_text(checkpoint: Checkpoint | None) -> str:
    return "không có" if checkpoint is None else f"sự kiện số {checkpoint.seq}, mã {checkpoint.hash[:16]}…"


def _local_time(iso_utc: str) -> str:
    """The manifest's UTC time as the user reads it: local time, dd/mm/yyyy."""
    from django.utils import timezone

    try:
        moment = dt.datetime.fromisoformat(iso_utc.replace("Z", "+00:00"))
    except ValueError:
        return iso_utc
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M:%S")


def _clean_stale(*folders: Path) -> None:
    """Remove what a killed backup, verify or restore left (plaintext work folders)."""
    from bmnn.backup.workdir import clean_stale

    for folder in clean_stale(*folders):
        print(f"Đã xóa thư mục tạm còn sót lại từ lần chạy bị ngắt: {folder}", file=sys.stderr)


def _work_parents() -> tuple[Path, ...]:
    db = _database()
    return (_data_dir(), db.path.parent) if isinstance(db, SqliteDatabase) else (_data_dir(),)


def _summary(manifest: Manifest) -> list[str]:
    return [
        f"  tạo lúc:            {_local_time(manifest.created_at)}",
        f"  cài đặt:            {manifest.installation_id or 'không ghi (bản sao lưu cũ)'}",
        f"  phiên bản bmnn:     {manifest.bmnn_version}",
        f"  cơ sở dữ liệu:      {manifest.engine}, {human_size(manifest.total_size)}",
        f"  lược đồ:            {len(manifest.migrations)} migration đã áp dụng",
        f"  chuỗi nhật ký:      {_checkpoint_text(manifest.audit_checkpoint)}",
    ]


def _default_output() -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return _data_dir() / "backups" / f"bmnn-{stamp}.bmnnbak"


@_refusals
def cmd_backup(args: argparse.Namespace) -> int:
    """Write an encrypted, consistent backup of the database (safe while the server runs).

    Keep the key file apart from the backups: without it a backup cannot be read.
    Example: bmnn backup -o E:/saoluu/bmnn-2026-05-10.bmnnbak --key-file F:/khoa/bmnn-backup.key
    """
    from bmnn import __version__
    from bmnn.backup.create import create_backup

    if not args.key_file:
        raise BackupError("Thiếu --key-file (tạo khóa bằng: bmnn backup keygen TỆP_KHÓA).")
    from bmnn.backup.installation import ensure_installation_id

    key = load_key(Path(args.key_file))
    _clean_stale(*_work_parents())
    output = Path(args.output) if args.output else _default_output()
    output.parent.mkdir(parents=True, exist_ok=True)
    manifest = create_backup(_database(), output, key, work_parent=_data_dir(), bmnn_version=__version__,
                             installation_id=ensure_installation_id(_data_dir()))
    print(f"Đã sao lưu vào {output} ({human_size(output.stat().st_size)}, khóa {key_fingerprint(key)}):")
    print("\n".join(_summary(manifest)))
    return 0


@_refusals
def cmd_keygen(args: argparse.Namespace) -> int:
    """Create a new 32-byte backup key file; never overwrites an existing one.

    Example: bmnn backup keygen F:/khoa/bmnn-backup.key
    """
    path = Path(args.keyfile)
    key = generate_key_file(path)
    print(f"Đã tạo khóa sao lưu {path} (mã nhận dạng khóa {key_fingerprint(key)}).")
    print("Cất khóa ở nơi khác với bản sao lưu (ví dụ in ra giấy, để trong két); "
          "mất khóa là mất bản sao lưu.")
    return 0


@_refusals
def cmd_verify(args: argparse.Namespace) -> int:
    """Check a backup completely (key, every byte, manifest, database integrity) without restoring.

    Example: bmnn backup verify E:/saoluu/bmnn-2026-05-10.bmnnbak --key-file F:/khoa/bmnn-backup.key
    """
    from bmnn.backup.restore import verify_backup

    key = load_key(Path(args.key_file))
    _clean_stale(*_work_parents())
    manifest = verify_backup(Path(args.archive), key, _data_dir(), known=_known_migrations(),
                             max_bytes=_max_bytes(args.max_size))
    print(f"Bản sao lưu {args.archive} nguyên vẹn và khôi phục được:")
    print("\n".join(_summary(manifest)))
    return 0


def _ask(verified: Verified, current: Checkpoint | None, db: Database, assume_yes: bool) -> bool:
    print(f"Bản sao lưu đã kiểm tra xong, sẽ thay thế {describe(db)}:")
    print("\n".join(_summary(verified.manifest)))
    print(f"  chuỗi nhật ký hiện tại: {_checkpoint_text(current)}")
    if assume_yes:
        return True
    if not sys.stdin.isatty():
        raise RestoreDeclined("Cần xác nhận: chạy lại với --yes (không có người trả lời trên terminal).")
    answer = input("Cơ sở dữ liệu hiện tại sẽ được giữ lại rồi thay thế. Tiếp tục? [có/không]: ")
    return answer.strip().lower() in _YES


def _record_restore(archive: Path, result: RestoreResult) -> None:
    """Append the restore to the restored audit chain, so it can never pass unnoticed."""
    from django.db import DatabaseError, transaction

    from bmnn.audit.journal import append_event
    from bmnn.audit.models import EventKind

    def cp(value: Checkpoint | None) -> dict[str, Any] | None:
        return None if value is None else {"seq": value.seq, "hash": value.hash}

    changes = {
        "archive": archive.name, "backup_created_at": result.manifest.created_at,
        "backup_checkpoint": cp(result.manifest.audit_checkpoint),
        "replaced_checkpoint": cp(result.replaced_checkpoint), "kept": str(result.kept or ""),
    }
    try:
        with transaction.atomic():
            append_event(kind=EventKind.SYSTEM, action="backup.restore", changes=changes)
    except DatabaseError as exc:
        print(f"Cảnh báo: chưa ghi được sự kiện khôi phục vào nhật ký ({exc}).", file=sys.stderr)


@_refusals
def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup after checking all of it; the current database is kept aside first.

    Refused while the server (bmnn serve) runs, and for a backup of another installation unless
    --from-installation names it (moving to a new machine). Without --yes, asks on the terminal.
    Example: bmnn restore E:/saoluu/bmnn-2026-05-10.bmnnbak --key-file F:/khoa/bmnn-backup.key
    """
    from bmnn.backup.restore import restore_backup

    key, db, archive = load_key(Path(args.key_file)), _database(), Path(args.archive)
    _clean_stale(*_work_parents())
    result = restore_backup(
        archive, key, db, data_dir=_data_dir(), known=_known_migrations(),
        confirm=lambda verified, current: _ask(verified, current, db, args.yes),
        max_bytes=_max_bytes(args.max_size), accept_installation=args.from_installation or "",
    )
    if result.kept is not None:
        print(f"Cơ sở dữ liệu cũ được giữ tại: {result.kept}")
    print(f"Đã khôi phục {describe(db)} từ {archive}.")
    if result.pending:
        print(f"Lược đồ của bản sao lưu cũ hơn mã hiện tại ({len(result.pending)} migration chưa áp dụng): "
              "chạy 'bmnn init' để cập nhật, rồi mới chạy máy chủ.")
    elif result.manifest.audit_checkpoint is not None:
        _record_restore(archive, result)
    return 0


def _add_max_size(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--max-size", metavar="DUNG_LƯỢNG",
                        help="giới hạn dung lượng giải nén, ví dụ 500M, 50G "
                             "(mặc định 50G hoặc BMNN_RESTORE_MAX_SIZE)")


# What --help says of each command (Vietnamese, as everything a user reads).
_DESCRIPTIONS = {
    "backup": "Ghi một bản sao lưu cơ sở dữ liệu đã mã hóa, nhất quán (chạy được khi máy chủ đang chạy).\n\n"
              "Cất tệp khóa ở nơi khác với bản sao lưu: không có khóa thì không đọc được bản sao lưu.\n"
              "Ví dụ: bmnn backup -o E:/saoluu/bmnn-2026-05-10.bmnnbak --key-file F:/khoa/bmnn-backup.key",
    "keygen": "Tạo tệp khóa sao lưu mới (32 byte); không bao giờ ghi đè tệp đã có.\n\n"
              "Ví dụ: bmnn backup keygen F:/khoa/bmnn-backup.key",
    "verify": "Kiểm tra toàn bộ một bản sao lưu (khóa, từng byte, bản kê, tính toàn vẹn cơ sở dữ liệu) "
              "mà không khôi phục.\n\n"
              "Ví dụ: bmnn backup verify E:/saoluu/bmnn-2026-05-10.bmnnbak\n"
              "         --key-file F:/khoa/bmnn-backup.key",
    "restore": "Khôi phục một bản sao lưu sau khi kiểm tra toàn bộ; cơ sở dữ liệu hiện tại được giữ lại.\n\n"
               "Bị từ chối khi máy chủ (bmnn serve) đang chạy, và với bản sao lưu của cài đặt khác trừ khi\n"
               "--from-installation ghi mã của nó (khi chuyển sang máy mới).\n"
               "Không có --yes thì hỏi xác nhận.\n"
               "Ví dụ: bmnn restore E:/saoluu/bmnn-2026-05-10.bmnnbak --key-file F:/khoa/bmnn-backup.key",
}


def _parser(sub: argparse._SubParsersAction[argparse.ArgumentParser], name: str, handler: Handler,
            help_text: str, **extra: Any) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=_DESCRIPTIONS[name],
                            formatter_class=argparse.RawDescriptionHelpFormatter, **extra)
    parser.set_defaults(handler=handler)
    return parser


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = _parser(sub, "backup", cmd_backup, "sao lưu cơ sở dữ liệu, mã hóa bằng khóa sao lưu",
                usage=_BACKUP_USAGE)
    p.add_argument("-o", "--output", metavar="TỆP",
                   help="tệp sao lưu (mặc định DATA_DIR/backups/bmnn-<thời điểm>.bmnnbak)")
    p.add_argument("--key-file", metavar="TỆP_KHÓA", help="tệp khóa sao lưu")
    inner = p.add_subparsers(dest="backup_command", metavar="keygen|verify", prog="bmnn backup")
    k = _parser(inner, "keygen", cmd_keygen, "tạo khóa sao lưu mới")
    k.add_argument("keyfile", metavar="TỆP_KHÓA", help="tệp khóa sẽ tạo (không ghi đè)")
    k.set_defaults(needs_django=False)
    v = _parser(inner, "verify", cmd_verify, "kiểm tra toàn bộ một bản sao lưu, không khôi phục")
    v.add_argument("archive", metavar="TỆP", help="tệp sao lưu")
    v.add_argument("--key-file", required=True, metavar="TỆP_KHÓA", help="tệp khóa sao lưu")
    _add_max_size(v)
    r = _parser(sub, "restore", cmd_restore, "khôi phục từ bản sao lưu (giữ lại bản hiện tại)")
    r.add_argument("archive", metavar="TỆP", help="tệp sao lưu")
    r.add_argument("--key-file", required=True, metavar="TỆP_KHÓA", help="tệp khóa sao lưu")
    r.add_argument("--yes", action="store_true", help="không hỏi xác nhận")
    r.add_argument("--from-installation", metavar="MÃ",
                   help="nhận bản sao lưu của cài đặt khác có mã này (khi chuyển dữ liệu sang máy mới); "
                        "'khong-ro' cho bản sao lưu cũ không ghi mã")
    _add_max_size(r)
