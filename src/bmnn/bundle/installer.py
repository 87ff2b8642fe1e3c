"""bmnn's offline installer, copied into every bundle as install.py (standard library only).

Run by the bundle's `run` / `run.bat` with the computer's own Python 3.11+, with no network:
  1. checks every file of the bundle against manifest.json (SHA-256): a mismatch stops it before
     anything changes;
  2. installs bmnn into HOME/.venv with `pip install --no-index --find-links wheels`, pip itself
     coming from its wheel in the bundle (no ensurepip needed);
  3. over an existing installation (upgrade): refuses an older bundle, refuses while the server
     runs, takes a backup with the installed bmnn (`bmnn backup`) before migrating, keeps the old
     environment aside until the migration succeeded (and restores the backup if it failed), and
     says what changed: bmnn's version and each rule pack's version;
  4. then `bmnn init`, `bmnn createadmin --if-missing` and, unless --no-serve, `bmnn serve`.

HOME defaults to ~/bmnn (Windows: %USERPROFILE%\\bmnn); data stay in HOME/data or BMNN_DATA_DIR.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STATE_FILE = "bmnn-installed.json"
OLD_VENV = ".venv-cu"
_CHUNK = 1 << 20

# Asked of an installed bmnn, whatever its version: its version and its rule packs' versions.
PROBE = r"""
import json, re
from importlib import resources
import bmnn
packs = {}
for item in resources.files("bmnn.law").joinpath("packs").iterdir():
    if item.name.endswith(".yaml"):
        found = re.search(r'^version:\s*"?([^"\n]+?)"?\s*$', item.read_text(encoding="utf-8"), re.M)
        packs[item.name[:-5]] = found.group(1) if found else "?"
print(json.dumps({"bmnn_version": bmnn.__version__, "rule_packs": packs}))
"""

# pip run from its wheel, as ensurepip does: the wheel first on sys.path (argv[1]), then `python -m pip`.
RUN_PIP_FROM_WHEEL = ("import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); "
                      "runpy.run_module('pip', run_name='__main__', alter_sys=True)")

# Whether a bmnn server holds the data folder (bmnn.backup.inuse); prints "busy" or "free".
SERVER_PROBE = r"""
import sys
from pathlib import Path
try:
    from bmnn.backup.locks import FileLock
except ImportError:
    print("free"); sys.exit()
lock = FileLock(Path(sys.argv[1]) / "serve.lock")
if lock.try_acquire():
    lock.release(); print("free")
else:
    print("busy")
"""


class Refused(Exception):
    """The installation stops here; the message (Vietnamese) says why and what was left as it was."""


def say(text: str) -> None:
    print(text, flush=True)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify_bundle(root: Path) -> tuple[dict[str, Any], str]:
    """The manifest and its SHA-256, once every listed file matches and no wheel is unlisted."""
    try:
        raw = (root / "manifest.json").read_bytes()
        manifest = json.loads(raw.decode("utf-8"))
        listed = {entry["path"]: entry for entry in manifest["files"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise Refused(f"Không đọc được bản kê manifest.json của gói ({exc}); không cài gì.") from None
    problems = []
    for name, entry in sorted(listed.items()):
        path = root / name
        if not path.is_file():
            problems.append(f"thiếu tệp {name}")
        elif path.stat().st_size != entry["size"] or sha256_file(path) != entry["sha256"]:
            problems.append(f"tệp {name} khác bản kê (mã SHA-256 không khớp)")
    for path in sorted((root / "wheels").glob("*")):
        if f"wheels/{path.name}" not in listed:
            problems.append(f"tệp lạ wheels/{path.name} không có trong bản kê")
    if problems:
        shown = "\n  ".join(problems[:20]) + ("\n  …" if len(problems) > 20 else "")
        raise Refused("Gói cài đặt không khớp bản kê, có thể bị hỏng hoặc bị sửa khi sao chép; không cài "
                      f"gì, máy giữ nguyên như trước:\n  {shown}")
    return manifest, hashlib.sha256(raw).hexdigest()


def this_target() -> str:
    system = {"win32": "windows", "linux": "linux"}.get(sys.platform, sys.platform)
    return f"{system}-py{sys.version_info[0]}.{sys.version_info[1]}"


def check_target(manifest: dict[str, Any]) -> None:
    have = sorted(manifest.get("targets", {}))
    if platform.machine().lower() not in ("x86_64", "amd64") or sys.maxsize <= 2**32:
        bits = 8 * struct.calcsize("P")
        raise Refused("Gói này dành cho máy x86 64 bit (Windows x64, Linux x86_64), Python 64 bit; máy này "
                      f"là {platform.machine() or '?'} với Python {bits} bit. Không cài gì.")
    if this_target() not in have:
        raise Refused(f"Gói này có thư viện cho: {', '.join(have)}; máy này là {this_target()}. Cài một "
                      "phiên bản Python có trong danh sách (bản 64 bit) rồi chạy lại; không cài gì.")


def venv_python(venv: Path) -> Path:
    return venv / "Scripts" / "python.exe" if os.name == "nt" else venv / "bin" / "python"


def clean_env(data_dir: Path) -> dict[str, str]:
    """The environment of every step: no index, no pip configuration of this machine, our data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               PYTHONUTF8="1", BMNN_DATA_DIR=str(data_dir))
    return env


def call(cmd: list[str | Path], env: dict[str, str], what: str) -> None:
    code = subprocess.call([str(part) for part in cmd], env=env)
    if code != 0:
        raise Refused(f"{what} không thành công (mã lỗi {code}).")


def installed_facts(venv: Path, env: dict[str, str]) -> dict[str, Any] | None:
    """Version and rule packs of the bmnn in `venv`, or None when there is none."""
    python = venv_python(venv)
    if not python.exists():
        return None
    done = subprocess.run([str(python), "-c", PROBE], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return None
    facts: dict[str, Any] = json.loads(done.stdout)
    return facts


def version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text.split("+")[0])[:4])


def has_database(data_dir: Path) -> bool:
    return (data_dir / "bmnn.sqlite3").exists() or bool(os.environ.get("BMNN_DATABASE_URL"))


def refuse_while_serving(python: Path, data_dir: Path, env: dict[str, str]) -> None:
    done = subprocess.run([str(python), "-c", SERVER_PROBE, str(data_dir)], env=env, capture_output=True,
                          text=True, check=False)
    if done.stdout.strip() == "busy":
        raise Refused(f"Máy chủ bmnn đang chạy trên thư mục dữ liệu {data_dir}: dừng máy chủ (đóng cửa sổ "
                      "bmnn serve hoặc Ctrl-C) rồi chạy lại; chưa thay đổi gì.")


def backup_before_upgrade(python: Path, data_dir: Path, env: dict[str, str], old_version: str,
                          key_file: Path | None) -> tuple[Path, Path]:
    """A backup made by the installed (old) bmnn, restorable by it; returns (backup, key file)."""
    folder = data_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    key = key_file or folder / "nang-cap.key"
    if not key.exists():
        call([python, "-m", "bmnn.cli", "backup", "keygen", key], env, "Tạo khóa sao lưu")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    archive = folder / f"truoc-nang-cap-{old_version}-{stamp}.bmnnbak"
    call([python, "-m", "bmnn.cli", "backup", "-o", archive, "--key-file", key], env,
         "Sao lưu trước khi nâng cấp (chưa thay đổi gì)")
    return archive, key


def install_venv(venv: Path, manifest: dict[str, Any], env: dict[str, str]) -> None:
    """A new environment with bmnn and pip from the bundle's wheels only."""
    wheels = HERE / "wheels"
    pip_wheel = next((wheels / e["path"].split("/")[-1] for e in manifest["files"]
                      if re.fullmatch(r"wheels/pip-[^/]+-py3-none-any\.whl", e["path"])), None)
    if pip_wheel is None:
        raise Refused("Gói thiếu bản wheel của pip; không cài được.")
    call([sys.executable, "-m", "venv", "--without-pip", venv], env, "Tạo môi trường Python")
    pip = [venv_python(venv), "-c", RUN_PIP_FROM_WHEEL, pip_wheel, "install", "-q", "--no-index"]
    call([*pip, "--find-links", wheels, f"bmnn=={manifest['bmnn_version']}", "pip"], env,
         "Cài bmnn từ gói (không dùng mạng)")


def changes(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    """What the user reads about the change of version and of each rule pack."""
    if old is None:
        packs = ", ".join(f"{k} {v}" for k, v in sorted(new["rule_packs"].items()))
        return [f"Đã cài bmnn {new['bmnn_version']} (bộ quy tắc: {packs})."]
    lines = [f"Phiên bản bmnn: {old['bmnn_version']} → {new['bmnn_version']}"
             if old["bmnn_version"] != new["bmnn_version"] else
             f"Phiên bản bmnn: {new['bmnn_version']} (không đổi)"]
    for name in sorted(set(old["rule_packs"]) | set(new["rule_packs"])):
        before, after = old["rule_packs"].get(name, "chưa có"), new["rule_packs"].get(name, "bỏ")
        lines.append(f"Bộ quy tắc {name}: {before} → {after}" if before != after else
                     f"Bộ quy tắc {name}: {after} (không đổi)")
    return lines


def _move(source: Path, target: Path) -> None:
    if target.exists():
        shutil.rmtree(target)
    source.rename(target)


def upgrade(home: Path, data_dir: Path, manifest: dict[str, Any], env: dict[str, str],
            old: dict[str, Any] | None, key_file: Path | None) -> None:
    """Install or upgrade HOME/.venv; on any failure leave the previous installation as it was."""
    venv, aside = home / ".venv", home / OLD_VENV
    backup = None
    if old is not None:
        refuse_while_serving(venv_python(venv), data_dir, env)
        if has_database(data_dir):
            backup = backup_before_upgrade(venv_python(venv), data_dir, env, old["bmnn_version"], key_file)
            say(f"Đã sao lưu dữ liệu trước khi nâng cấp: {backup[0]} (khóa {backup[1]}).")
            if key_file is None:
                say("  Bản sao lưu này để quay lại nếu nâng cấp lỗi trên chính máy này, khóa của nó để cạnh; "
                    "muốn cất bản sao lưu đi nơi khác, chạy với --backup-key và khóa sao lưu của đơn vị.")
        _move(venv, aside)
    elif venv.exists():
        shutil.rmtree(venv)  # a half-made environment of an interrupted first installation
    try:
        install_venv(venv, manifest, env)
    except Refused:
        shutil.rmtree(venv, ignore_errors=True)
        if old is not None:
            aside.rename(venv)
        raise
    try:
        call([venv_python(venv), "-m", "bmnn.cli", "init"], env, "Cập nhật cơ sở dữ liệu (migrate)")
    except Refused as failed:
        if old is None or backup is None:
            raise
        _roll_back(venv, aside, backup, env)
        raise Refused(f"{failed} Đã khôi phục dữ liệu từ {backup[0]} và trở lại bmnn "
                      f"{old['bmnn_version']}.") from None


def _roll_back(venv: Path, aside: Path, backup: tuple[Path, Path], env: dict[str, str]) -> None:
    shutil.rmtree(venv, ignore_errors=True)
    aside.rename(venv)
    call([venv_python(venv), "-m", "bmnn.cli", "restore", backup[0], "--key-file", backup[1], "--yes"], env,
         "Khôi phục bản sao lưu sau khi nâng cấp lỗi")


def default_home() -> Path:
    return Path(os.environ.get("BMNN_HOME") or Path.home() / "bmnn")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="run", description="Cài đặt hoặc nâng cấp bmnn từ gói này, không cần mạng, rồi chạy bmnn trên "
                                "http://127.0.0.1:8000. Kiểm tra mã SHA-256 của mọi tệp trước khi làm gì.")
    parser.add_argument("--home", type=Path, default=None,
                        help="thư mục cài đặt (mặc định BMNN_HOME hoặc ~/bmnn, "
                             "trên Windows %%USERPROFILE%%\\bmnn)")
    parser.add_argument("--backup-key", type=Path, default=None,
                        help="tệp khóa sao lưu cho bản sao lưu trước khi nâng cấp "
                             "(mặc định tạo DATA/backups/nang-cap.key)")
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra mã băm của gói, không cài")
    parser.add_argument("--no-serve", action="store_true", help="cài xong thì dừng, không chạy máy chủ")
    parser.add_argument("--port", type=int, default=8000, help="cổng của máy chủ (mặc định 8000)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    args = parse_args(argv)
    if sys.version_info < (3, 11):  # noqa: UP036 - run by whatever Python the computer has
        say(f"bmnn cần Python 3.11 trở lên; máy này có Python {sys.version.split()[0]}.")
        return 2
    home = (args.home or default_home()).absolute()
    data_dir = Path(os.environ.get("BMNN_DATA_DIR") or home / "data").absolute()
    env = clean_env(data_dir)
    try:
        manifest, fingerprint = verify_bundle(HERE)
        say(f"Gói bmnn {manifest['bmnn_version']}: mọi tệp khớp bản kê. Mã SHA-256 của bản kê: {fingerprint}")
        say("  (đối chiếu với mã in ra khi tạo gói để chắc đây đúng là gói đã tạo)")
        if args.check:
            return 0
        check_target(manifest)
        return install(home, data_dir, manifest, fingerprint, env, args)
    except Refused as refused:
        say(f"Từ chối: {refused}")
        return 2


def install(home: Path, data_dir: Path, manifest: dict[str, Any], fingerprint: str, env: dict[str, str],
            args: argparse.Namespace) -> int:
    old = installed_facts(home / ".venv", env)
    new = {"bmnn_version": manifest["bmnn_version"], "rule_packs": manifest["rule_packs"]}
    state_path = home / STATE_FILE
    state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else {}
    if old is not None and version_key(old["bmnn_version"]) > version_key(new["bmnn_version"]):
        raise Refused(f"Máy này đã có bmnn {old['bmnn_version']}, mới hơn gói này ({new['bmnn_version']}); "
                      "không hạ cấp, không thay đổi gì.")
    python = venv_python(home / ".venv")
    if old is not None and state.get("manifest_sha256") == fingerprint:
        say(f"bmnn {old['bmnn_version']} đã được cài từ chính gói này tại {home}.")
        call([python, "-m", "bmnn.cli", "init"], env, "Khởi tạo dữ liệu")
    else:
        home.mkdir(parents=True, exist_ok=True)
        say(f"{'Nâng cấp' if old else 'Cài đặt'} bmnn vào {home} (dữ liệu: {data_dir}) …")
        upgrade(home, data_dir, manifest, env, old, args.backup_key)
        now = dt.datetime.now().isoformat(" ", "seconds")
        state = {**new, "manifest_sha256": fingerprint, "installed_at": now}
        state_path.write_text(json.dumps(state, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for line in changes(old, new):
            say(line)
        if old is not None:
            say(f"Dữ liệu giữ nguyên tại {data_dir}; môi trường cũ để ở {home / OLD_VENV} "
                "(xóa được khi đã ổn).")
    call([python, "-m", "bmnn.cli", "createadmin", "--if-missing"], env, "Tạo quản trị viên")
    if args.no_serve:
        say(f"Chạy bmnn: {python} -m bmnn.cli serve (hoặc chạy lại gói này).")
        return 0
    return subprocess.call([str(python), "-m", "bmnn.cli", "serve", "--port", str(args.port)], env=env)


if __name__ == "__main__":
    sys.exit(main())
