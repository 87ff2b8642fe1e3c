"""The installer's upgrade steps, without installing anything: the order of backup, install and
migration, and what is put back when a step fails (the old environment, the backed-up data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bmnn.bundle import installer

OLD = {"bmnn_version": "0.1.0", "rule_packs": {"r2025": "2025.1"}}
MANIFEST = {"bmnn_version": "0.2.0", "rule_packs": {"r2025": "2025.2"}, "files": []}


@pytest.fixture
def steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every step the installer takes, by name; `init` (the migration) fails."""
    taken: list[str] = []
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "old-marker").touch()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "bmnn.sqlite3").touch()

    def call(cmd: list[object], env: dict[str, str], what: str) -> None:
        words = [str(part) for part in cmd]
        step = next(w for w in ("keygen", "backup", "init", "restore") if w in words)
        taken.append(step)
        if step == "init":
            raise installer.Refused("Cập nhật cơ sở dữ liệu (migrate) không thành công (mã lỗi 1).")

    def install_venv(venv: Path, manifest: dict[str, object], env: dict[str, str]) -> None:
        taken.append("install")
        venv.mkdir()

    monkeypatch.setattr(installer, "call", call)
    monkeypatch.setattr(installer, "install_venv", install_venv)
    monkeypatch.setattr(installer, "refuse_while_serving", lambda *args: taken.append("server-check"))
    monkeypatch.delenv("BMNN_DATABASE_URL", raising=False)
    return taken


def test_failed_migration_restores_backup_and_old_environment(tmp_path: Path, steps: list[str]) -> None:
    with pytest.raises(installer.Refused) as refused:
        installer.upgrade(tmp_path, tmp_path / "data", MANIFEST, {}, OLD, None)
    assert steps == ["server-check", "keygen", "backup", "install", "init", "restore"]
    assert "Đã khôi phục dữ liệu" in str(refused.value) and "0.1.0" in str(refused.value)
    assert (tmp_path / ".venv" / "old-marker").exists() and not (tmp_path / installer.OLD_VENV).exists()


def test_failed_backup_changes_nothing(tmp_path: Path, steps: list[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def no_backup(*args: object) -> None:
        raise installer.Refused("Sao lưu trước khi nâng cấp (chưa thay đổi gì) không thành công (mã lỗi 2).")

    monkeypatch.setattr(installer, "backup_before_upgrade", no_backup)
    with pytest.raises(installer.Refused):
        installer.upgrade(tmp_path, tmp_path / "data", MANIFEST, {}, OLD, None)
    assert "install" not in steps and (tmp_path / ".venv" / "old-marker").exists()


def test_changes_name_version_and_each_rule_pack() -> None:
    new = {"bmnn_version": "0.2.0", "rule_packs": {"r2018": "2018.1", "r2025": "2025.2"}}
    old = {"bmnn_version": "0.1.0", "rule_packs": {"r2018": "2018.1", "r2025": "2025.1"}}
    assert installer.changes(old, new) == ["Phiên bản bmnn: 0.1.0 → 0.2.0",
                                           "Bộ quy tắc r2018: 2018.1 (không đổi)",
                                           "Bộ quy tắc r2025: 2025.1 → 2025.2"]
    assert installer.version_key("0.10.0") > installer.version_key("0.9.3")
