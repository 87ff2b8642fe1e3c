"""The offline bundle end to end: built here (Linux and Windows wheels for this Python only, to
keep the time down), installed into a fresh folder with every index disabled, served on
127.0.0.1 and logged into; a bundle with a changed byte is refused with nothing changed; an
upgrade from a newer bundle is refused while the server runs, then takes a backup, keeps the
data and says what changed.

Runs once, in the SQLite pass: the installed product has its own SQLite database whatever the
suite's database is."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bmnn.bundle.build import build_bundle, build_product_wheel, product_facts
from bmnn.bundle.manifest import write_manifest
from bmnn.bundle.targets import Target

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(os.environ.get("BMNN_TEST_DATABASE_URL")),
                       reason="runs once, in the SQLite pass (the installed product uses its own SQLite)"),
]
PYTHON = f"{sys.version_info[0]}.{sys.version_info[1]}"
PASSWORD = "mat-khau-quan-tri-01"


def _env(home: Path) -> dict[str, str]:
    """This machine's environment without the suite's settings or any pip configuration."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BMNN_", "PIP_", "PYTEST_", "DJANGO_"))}
    env.update(PIP_NO_INDEX="1", PIP_CONFIG_FILE=os.devnull, BMNN_DATA_DIR=str(home / "data"))
    return env


def _install(bundle: Path, home: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-I", str(bundle / "install.py"), "--home", str(home), "--no-serve"]
    return subprocess.run(command, env=_env(home), capture_output=True, text=True, timeout=300, check=False)


def _bmnn(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(home / ".venv" / "bin" / "python"), "-m", "bmnn.cli", *args], env=_env(home),
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("goi") / "bmnn-goi"
    build_bundle(out, [Target("linux", PYTHON), Target("windows", PYTHON)], log=lambda line: None)
    return out


@pytest.fixture(scope="module")
def home(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("may-dich") / "bmnn"
    done = _install(bundle, home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "mọi tệp khớp bản kê" in done.stdout and "Đã cài bmnn" in done.stdout
    created = subprocess.run([str(home / ".venv" / "bin" / "python"), "-m", "bmnn.cli", "createadmin",
                              "--username", "quantri", "--password-env", "BMNN_PW"],
                             env={**_env(home), "BMNN_PW": PASSWORD}, capture_output=True, text=True,
                             timeout=120, check=False)
    assert created.returncode == 0, created.stderr
    return home


def test_bundle_holds_wheels_for_both_systems(bundle: Path) -> None:
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    windows = manifest["targets"][f"windows-py{PYTHON}"]
    assert all(Target("windows", PYTHON).accepts(name) for name in windows)
    assert any(name.startswith("tzdata-") for name in windows)  # Django's and psycopg's, Windows only
    assert any(name.startswith("cryptography-") and "win_amd64" in name for name in windows)
    assert all(Target("linux", PYTHON).accepts(n) for n in manifest["targets"][f"linux-py{PYTHON}"])
    names = {entry["path"] for entry in manifest["files"]}
    assert {"install.py", "run", "run.bat", "HUONG-DAN.txt", "bmnn-scan.pyz"} <= names
    from bmnn.scanner.ocr.engines import tessdata_dirs

    if any((d / "vie.traineddata").is_file() for d in tessdata_dirs()):  # ./test installs tesseract-ocr-vie
        assert "tessdata/vie.traineddata" in names and manifest["ocr_model"] == "tessdata/vie.traineddata"
    assert b"\r\n" in (bundle / "run.bat").read_bytes() and "KHÔNG CẦN MẠNG" in (
        bundle / "HUONG-DAN.txt").read_text(encoding="utf-8")


def test_installed_without_index_serves_and_logs_in(home: Path, newer: Path) -> None:
    with _server(home) as base:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{base}/dang-nhap/", timeout=30).read().decode("utf-8")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, page[:500]
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token.group(1), "username": "quantri",
                                       "password": PASSWORD}).encode()
        login = f"{base}/dang-nhap/"
        request = urllib.request.Request(login, data=form, headers={"Referer": login})
        answer = opener.open(request, timeout=30)
        assert "/dang-nhap/" not in answer.geturl() and any(c.name == "sessionid" for c in jar)
        # An upgrade while this server runs is refused before anything changes.
        refused = _install(newer, home)
        assert refused.returncode == 2 and "đang chạy" in refused.stdout


def test_changed_byte_is_refused_and_nothing_changes(bundle: Path, home: Path, tmp_path: Path) -> None:
    copy = tmp_path / "goi-hong"
    shutil.copytree(bundle, copy)
    wheel = next((copy / "wheels").glob("django-*.whl"))
    data = bytearray(wheel.read_bytes())
    data[len(data) // 2] ^= 0x01
    wheel.write_bytes(bytes(data))
    before = (home / "bmnn-installed.json").read_text(encoding="utf-8")
    done = _install(copy, home)
    assert done.returncode == 2 and f"tệp wheels/{wheel.name} khác bản kê" in done.stdout
    assert (home / "bmnn-installed.json").read_text(encoding="utf-8") == before
    assert not (home / "data" / "backups").exists()


def test_upgrade_backs_up_keeps_data_and_says_what_changed(home: Path, newer: Path, bundle: Path) -> None:
    manifest = json.loads((newer / "manifest.json").read_text(encoding="utf-8"))
    done = _install(newer, home)
    assert done.returncode == 0, done.stdout + done.stderr
    state = json.loads((home / "bmnn-installed.json").read_text(encoding="utf-8"))
    assert state["bmnn_version"] == manifest["bmnn_version"] and (home / ".venv-cu").is_dir()
    assert re.search(r"Phiên bản bmnn: \S+ → " + re.escape(manifest["bmnn_version"]), done.stdout)
    assert re.search(r"Bộ quy tắc r2025: \S+ → " + re.escape(manifest["rule_packs"]["r2025"]), done.stdout)
    backups = list((home / "data" / "backups").glob("truoc-nang-cap-*.bmnnbak"))
    assert len(backups) == 1 and "Đã sao lưu dữ liệu trước khi nâng cấp" in done.stdout
    count = "from bmnn.org.models import Account; print(Account.objects.filter(username='quantri').count())"
    kept = _bmnn(home, "manage", "shell", "-c", count)
    assert kept.stdout.split()[-1:] == ["1"], kept.stdout + kept.stderr
    verify = _bmnn(home, "backup", "verify", str(backups[0]), "--key-file",
                   str(home / "data" / "backups" / "nang-cap.key"))
    assert verify.returncode == 0, verify.stderr
    older = _install(bundle, home)  # the first bundle again: a downgrade
    assert older.returncode == 2 and "không hạ cấp" in older.stdout


@pytest.fixture(scope="module")
def newer(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same bundle again, with bmnn's version and the 2025 rule pack's version raised."""
    work = tmp_path_factory.mktemp("goi-moi")
    target = work / "bmnn-goi"
    shutil.copytree(bundle, target)
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    (target / manifest["product_wheel"]).unlink()
    _raised_source(work / "nguon", manifest["bmnn_version"], manifest["rule_packs"]["r2025"])
    wheel = build_product_wheel(work / "nguon", target / "wheels", work / "dung")
    version, _, packs = product_facts(wheel)
    facts = {k: v for k, v in manifest.items() if k not in ("files", "format")}
    facts.update(bmnn_version=version, rule_packs=packs, product_wheel=f"wheels/{wheel.name}")
    write_manifest(target, facts)
    return target


def _raised_source(source: Path, version: str, pack_version: str) -> None:
    from bmnn.bundle.build import default_source

    checkout = default_source()
    assert checkout is not None
    skip = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(checkout / "src", source / "src", ignore=skip)
    shutil.copy2(checkout / "README.md", source / "README.md")
    _replace(source / "pyproject.toml", f'version = "{version}"', f'version = "{version}.1"',
             original=checkout / "pyproject.toml")
    _replace(source / "src" / "bmnn" / "__init__.py", f'"{version}"', f'"{version}.1"')
    _replace(source / "src" / "bmnn" / "law" / "packs" / "r2025.yaml", f'version: "{pack_version}"',
             f'version: "{pack_version}.1"')


def _replace(path: Path, old: str, new: str, original: Path | None = None) -> None:
    text = (original or path).read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def _server(home: Path) -> Iterator[str]:
    """`bmnn serve` of the installed product on 127.0.0.1, stopped (by its own PID) on exit."""
    port = _free_port()
    process = subprocess.Popen([str(home / ".venv" / "bin" / "python"), "-m", "bmnn.cli", "serve", "--host",
                                "127.0.0.1", "--port", str(port)], env=_env(home), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/dang-nhap/", timeout=5).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "bmnn serve did not start"
                time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
