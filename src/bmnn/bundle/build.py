"""Build the offline bundle (see the package docstring for what it holds)."""

from __future__ import annotations

import datetime as dt
import email.parser
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import bmnn
from bmnn.bundle import installer
from bmnn.bundle.manifest import total_size, write_manifest
from bmnn.bundle.scanzip import NAME as SCANNER_NAME
from bmnn.bundle.scanzip import build_scanner_zip
from bmnn.bundle.targets import Target
from bmnn.bundle.wheelhouse import Wheelhouse, WheelhouseError, build_wheelhouse

Log = Callable[[str], None]
_PACK_VERSION = re.compile(r'^version:\s*"?([^"\n]+?)"?\s*$', re.M)
_SOURCE_PARTS = ("src", "pyproject.toml", "README.md")


class BundleError(Exception):
    """The bundle cannot be built (message in Vietnamese); nothing usable was left in the folder."""


@dataclass(frozen=True)
class BundleResult:
    folder: Path
    size: int
    manifest_sha256: str
    bmnn_version: str
    rule_packs: dict[str, str]
    wheelhouse: Wheelhouse
    scanner_size: int


def default_source() -> Path | None:
    """The checkout this code runs from (an editable install), or None for an installed copy."""
    root = Path(bmnn.__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "src" / "bmnn").is_dir() else None


def _ignore(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n == "__pycache__" or n.endswith((".pyc", ".egg-info"))}


def build_product_wheel(source: Path, dest: Path, work: Path) -> Path:
    """bmnn's own wheel, built from a copy of the source (the checkout is left untouched)."""
    copy = work / "source"
    for part in _SOURCE_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, copy / part, ignore=_ignore)
        elif (source / part).is_file():
            copy.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / part, copy / part)
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dest), str(copy)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(dest.glob("bmnn-*.whl"))
    if done.returncode != 0 or not wheels:
        raise BundleError(f"Không dựng được bản wheel của bmnn:\n{done.stderr.strip()[-2000:]}")
    return wheels[0]


def product_facts(wheel: Path) -> tuple[str, list[str], dict[str, str]]:
    """(version, runtime requirements, rule-pack versions) read from bmnn's wheel itself."""
    with zipfile.ZipFile(wheel) as archive:
        meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(archive.read(meta_name).decode("utf-8"), headersonly=True)
        packs = {}
        for name in sorted(archive.namelist()):
            if re.fullmatch(r"bmnn/law/packs/[^/]+\.yaml", name):
                found = _PACK_VERSION.search(archive.read(name).decode("utf-8"))
                packs[name.rsplit("/", 1)[1][:-5]] = found.group(1) if found else "?"
    requires = [r for r in meta.get_all("Requires-Dist") or [] if "extra ==" not in r]
    return str(meta["Version"]), requires, packs


def _source_note(source: Path) -> str:
    """The commit the bundle was built from (with "-dirty" for uncommitted changes), when git can tell."""
    try:
        done = subprocess.run(["git", "-C", str(source), "describe", "--always", "--dirty"],
                              capture_output=True, text=True, check=False, timeout=30)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _template(name: str, values: dict[str, str]) -> str:
    text = resources.files("bmnn.bundle").joinpath(name).read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def write_launchers(folder: Path, values: dict[str, str]) -> None:
    """install.py (the installer module itself), run (LF, executable) and run.bat (CRLF)."""
    shutil.copyfile(installer.__file__, folder / "install.py")
    run = folder / "run"
    run.write_text(_template("run.txt", values), encoding="utf-8", newline="\n")
    run.chmod(0o755)
    (folder / "run.bat").write_text(_template("run.bat.txt", values), encoding="utf-8", newline="\r\n")


def _copy_vietnamese_model(folder: Path, log: Log) -> Path | None:
    """Tesseract's Vietnamese model (vie.traineddata) from this machine, beside the scanner file, so
    OCR works on a computer that has only the tesserocr wheel; the manifest hashes it like the rest."""
    from bmnn.scanner.ocr.engines import tessdata_dirs

    for directory in tessdata_dirs():
        model = directory / "vie.traineddata"
        if model.is_file():
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(model, folder / model.name)
            return folder / model.name
    log("Lưu ý: máy dựng gói không có vie.traineddata (gói tesseract-ocr-vie): bản gói không kèm mô hình "
        "nhận dạng tiếng Việt; máy quét sẽ báo chưa đọc được ảnh quét.")
    return None


def _check_output(output: Path) -> None:
    if output.exists() and any(output.iterdir()):
        raise BundleError(f"Thư mục {output} đã có tệp; chọn thư mục mới hoặc trống.")


def build_bundle(output: Path, targets: list[Target], *, source: Path | None = None,
                 log: Log = print) -> BundleResult:
    """Write the whole bundle into `output` (a new or empty folder) and return what was made."""
    source = source or default_source()
    if source is None:
        raise BundleError("Không tìm thấy mã nguồn bmnn (pyproject.toml); chỉ định bằng --source THƯ_MỤC.")
    _check_output(output)
    wheels = output / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="bmnn-bundle-") as tmp:
            log("Dựng bản wheel của bmnn …")
            product = build_product_wheel(source, wheels, Path(tmp))
            version, requires, packs = product_facts(product)
            house = build_wheelhouse([*requires, "pip"], targets, wheels, Path(tmp) / "wheels", log)
    except (WheelhouseError, BundleError) as exc:
        shutil.rmtree(output, ignore_errors=True)
        raise BundleError(str(exc)) from None
    scanner = build_scanner_zip(output / SCANNER_NAME)
    model = _copy_vietnamese_model(output / "tessdata", log)
    pythons = sorted({t.python for t in targets}, key=lambda v: tuple(map(int, v.split("."))), reverse=True)
    values = {"version": version, "pythons": " ".join(f"python{p}" for p in pythons),
              "pythons_bat": " ".join(pythons), "python_range": ", ".join(reversed(pythons))}
    write_launchers(output, values)
    facts = {"bmnn_version": version, "rule_packs": packs, "product_wheel": f"wheels/{product.name}",
             "targets": {t.key: house.by_target[t.key] for t in targets},
             "built_from_source": sorted(house.built), "source": _source_note(source),
             "ocr_model": model.relative_to(output).as_posix() if model else "",
             "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()}
    guide = _template("huong-dan.txt", values)
    (output / "HUONG-DAN.txt").write_text(guide, encoding="utf-8", newline="\r\n")
    fingerprint = write_manifest(output, facts)
    size = scanner.stat().st_size
    return BundleResult(output, total_size(output), fingerprint, version, packs, house, size)
