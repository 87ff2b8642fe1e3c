"""The installation id: a random name for one installation's data, kept in DATA_DIR and written
into every backup's manifest, so a restore can tell this installation's backups from another's
made with the same key.

`bmnn init` creates it; a restore adopts the id of the backup it puts in place, since the data
are then that installation's. The id is not a secret: it only tells installations apart.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from bmnn.backup.errors import BackupError, OtherInstallation

ID_FILE = "installation-id"
UNKNOWN = "khong-ro"  # what an operator types to accept a backup that carries no id
_ID = re.compile(r"[0-9a-f]{4}(-[0-9a-f]{4}){3}")


def normalise(text: str) -> str:
    """'3F2A91C07D4EB812' or '3f2a-91c0-7d4e-b812' -> '3f2a-91c0-7d4e-b812'; '' when not an id."""
    plain = re.sub(r"[\s-]", "", text).lower()
    if len(plain) != 16 or not all(c in "0123456789abcdef" for c in plain):
        return ""
    return "-".join(plain[i:i + 4] for i in range(0, 16, 4))


def is_id(text: str) -> bool:
    return bool(_ID.fullmatch(text))


def read_installation_id(data_dir: Path) -> str:
    """This data folder's id, or '' when it has none yet (never initialised by this version)."""
    try:
        return normalise((data_dir / ID_FILE).read_text(encoding="ascii"))
    except (OSError, UnicodeDecodeError):
        return ""


def write_installation_id(data_dir: Path, value: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / ID_FILE
    partial = path.with_name(ID_FILE + ".partial")
    try:
        partial.write_text(value + "\n", encoding="ascii")
        partial.replace(path)
    except OSError as exc:
        raise BackupError(f"Không ghi được mã cài đặt vào {path}: {exc.strerror or exc}") from None


def ensure_installation_id(data_dir: Path) -> str:
    """The id, created on first use."""
    current = read_installation_id(data_dir)
    if not current:
        current = normalise(secrets.token_hex(8))
        write_installation_id(data_dir, current)
    return current


def _other(backup_id: str, current_id: str) -> OtherInstallation:
    if backup_id:
        return OtherInstallation(
            f"Bản sao lưu này là của cài đặt {backup_id}, không phải của cài đặt này ({current_id}): "
            "không đưa dữ liệu nơi khác đè lên dữ liệu ở đây. Nếu đúng là chuyển dữ liệu của cài đặt "
            f"đó sang máy này (ví dụ thay máy), chạy lại với --from-installation {backup_id}."
        )
    return OtherInstallation(
        "Bản sao lưu này không ghi mã cài đặt (tạo bởi phiên bản bmnn cũ) nên không biết là của cài đặt "
        f"nào; cài đặt này là {current_id}. Nếu chắc chắn đây là bản sao lưu của chính đơn vị mình, chạy "
        f"lại với --from-installation {UNKNOWN}."
    )


def check_installation(backup_id: str, current_id: str, accepted: str, *, has_data: bool) -> None:
    """Refuse a backup of another installation (or of an unknown one) over this one's data.

    Accepted: the same id; a data folder without an id or without a database (nothing of its own
    to lose); and, named by the operator with --from-installation, the backup's id (moving an
    installation to a new machine) or `khong-ro` for an old backup that carries none."""
    if backup_id == current_id or not current_id or not has_data:
        return
    if backup_id and normalise(accepted) == backup_id:
        return
    if not backup_id and accepted.strip().lower() == UNKNOWN:
        return
    raise _other(backup_id, current_id)
