"""The wheelhouse: every dependency of bmnn as wheels for each target, fetched with pip.

`pip download --platform ... --only-binary=:all:` picks wheels for another computer, but it
evaluates environment markers against this one: Django's `tzdata; sys_platform == "win32"` is
left out of a Windows download made on Linux. So each target's download is closed over by
hand: the wheels' own Requires-Dist, evaluated with the target's marker values, name what is
still missing, and that is fetched too. A dependency with no wheel at all is built here with
`pip wheel` when it is pure Python (one wheel for every target) and refused otherwise.
"""

from __future__ import annotations

import email.parser
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bmnn.bundle.targets import Target

Log = Callable[[str], None]
_NO_WHEEL = re.compile(r"(?:No matching distribution found for|satisfies the requirement) ([^\s;]+)")
_ROUNDS = 8


class WheelhouseError(Exception):
    """A dependency could not be had as a wheel for a target (message in Vietnamese)."""


@dataclass
class Wheelhouse:
    folder: Path  # every wheel, all targets together (what --find-links reads)
    by_target: dict[str, list[str]] = field(default_factory=dict)  # target key -> wheel names
    built: list[str] = field(default_factory=list)  # wheels made here with pip wheel (no wheel published)


def _packaging() -> tuple[Any, Any]:
    """packaging's Requirement and canonicalize_name (pip's own dependency; asked for when absent)."""
    try:
        from packaging.requirements import Requirement
        from packaging.utils import canonicalize_name
    except ImportError:
        raise WheelhouseError("Tạo gói cần thư viện packaging: pip install packaging") from None
    return Requirement, canonicalize_name


def wheel_metadata(path: Path) -> tuple[str, list[str]]:
    """(canonical name, Requires-Dist lines) read from a wheel's METADATA."""
    canonicalize_name = _packaging()[1]
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        meta = email.parser.Parser().parsestr(archive.read(name).decode("utf-8"), headersonly=True)
    return canonicalize_name(meta["Name"]), list(meta.get_all("Requires-Dist") or [])


def missing_for(target: Target, folder: Path, requested: Iterable[str]) -> list[str]:
    """Requirements the target needs (by its own markers) that no wheel in `folder` provides."""
    Requirement, canonicalize_name = _packaging()  # noqa: N806 - the class and function they are
    present = dict(wheel_metadata(path) for path in folder.glob("*.whl"))
    wanted: dict[str, set[str]] = {}  # name -> extras asked for
    queue = [Requirement(text) for text in requested]
    missing: dict[str, str] = {}
    while queue:
        req = queue.pop()
        name = canonicalize_name(req.name)
        if req.marker is not None and not req.marker.evaluate(target.markers()):
            continue
        extras = set(req.extras)
        if name in wanted and extras <= wanted[name]:
            continue
        wanted[name] = wanted.get(name, set()) | extras
        if name not in present:
            missing[name] = str(Requirement(str(req).split(";")[0]))
            continue
        for line in present[name]:
            dep = Requirement(line)
            if dep.marker is None or any(dep.marker.evaluate({**target.markers(), "extra": extra})
                                         for extra in ("", *wanted[name])):
                dep.marker = None
                queue.append(dep)
    return sorted(missing.values())


def _pip(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True, check=False)


def _build_pure(spec: str, built: Path, log: Log) -> str:
    """Build a wheel for a dependency that publishes none; only a pure-Python one serves every target."""
    log(f"  {spec}: không có bản wheel, tự dựng bằng pip wheel …")
    before = set(built.glob("*.whl"))
    done = _pip(["wheel", "--no-deps", "--no-binary", ":all:", "-w", str(built), spec])
    made = sorted(set(built.glob("*.whl")) - before)
    if done.returncode != 0 or not made:
        raise WheelhouseError(f"Không dựng được bản wheel cho {spec}:\n{done.stderr.strip()[-2000:]}")
    if not made[0].name.endswith("-none-any.whl"):
        made[0].unlink()
        raise WheelhouseError(f"{spec} không có bản wheel cho máy đích và có mã biên dịch (C/Rust): "
                              "không dựng sẵn cho Windows từ máy này được.")
    return made[0].name


def _download(target: Target, specs: list[str], dest: Path, built: Path, wheelhouse: Wheelhouse,
              log: Log) -> None:
    for _ in range(_ROUNDS):
        done = _pip(["download", "-q", "-d", str(dest), "--find-links", str(built), *target.pip_options(),
                     *specs])
        if done.returncode == 0:
            return
        found = _NO_WHEEL.search(done.stderr)
        if not found:
            raise WheelhouseError(f"pip download cho {target.label} thất bại:\n{done.stderr.strip()[-2000:]}")
        wheelhouse.built.append(_build_pure(found.group(1), built, log))
    raise WheelhouseError(f"Quá nhiều thư viện phải tự dựng cho {target.label}.")


def fetch_target(target: Target, requirements: list[str], work: Path, wheelhouse: Wheelhouse,
                 log: Log) -> list[str]:
    """Download the target's wheels into work/<target>; return their names once nothing is missing."""
    dest, built = work / target.key, work / "built"
    dest.mkdir(parents=True, exist_ok=True)
    built.mkdir(parents=True, exist_ok=True)
    specs = requirements
    for _ in range(_ROUNDS):
        _download(target, specs, dest, built, wheelhouse, log)
        specs = missing_for(target, dest, requirements)
        if not specs:
            return sorted(path.name for path in dest.glob("*.whl"))
        log(f"  {target.label}: thêm {', '.join(specs)} (chỉ máy đích cần)")
    raise WheelhouseError(f"Không khép kín được danh sách thư viện cho {target.label}.")


def build_wheelhouse(requirements: list[str], targets: list[Target], folder: Path, work: Path,
                     log: Log) -> Wheelhouse:
    """Fetch every target's wheels and gather them, once each, into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    wheelhouse = Wheelhouse(folder)
    for target in targets:
        log(f"Tải thư viện cho {target.label} …")
        names = fetch_target(target, requirements, work, wheelhouse, log)
        wheelhouse.by_target[target.key] = names
        for name in names:
            if not (folder / name).exists():
                shutil.copy2(work / target.key / name, folder / name)
    return wheelhouse
