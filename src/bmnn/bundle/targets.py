"""The computers a bundle installs on: Windows x64 and Linux x86_64, each Python bmnn supports.

Each target gives pip's download options and the environment-marker values of that computer,
since pip evaluates markers against the machine it runs on, not the one named by --platform.
"""

from __future__ import annotations

from dataclasses import dataclass

PYTHONS = ("3.11", "3.12", "3.13", "3.14")
SYSTEMS = ("windows", "linux")

# glibc 2.28 and newer (Debian 10+, Ubuntu 20.04+, RHEL 8+); pip wants each tag named.
_LINUX_TAGS = ("manylinux_2_28_x86_64", "manylinux_2_27_x86_64", "manylinux_2_26_x86_64",
               "manylinux_2_24_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64",
               "manylinux2010_x86_64", "manylinux1_x86_64")
_PLATFORMS = {"windows": ("win_amd64",), "linux": _LINUX_TAGS}
_MARKERS = {
    "windows": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                "platform_machine": "AMD64"},
    "linux": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
              "platform_machine": "x86_64"},
}
LABELS = {"windows": "Windows x64", "linux": "Linux x86_64"}


@dataclass(frozen=True)
class Target:
    system: str  # "windows" | "linux"
    python: str  # "3.11"

    @property
    def label(self) -> str:
        return f"{LABELS[self.system]}, Python {self.python}"

    @property
    def key(self) -> str:
        return f"{self.system}-py{self.python}"

    def pip_options(self) -> list[str]:
        """`pip download` options that fetch wheels for this target only."""
        options = ["--only-binary=:all:", "--implementation", "cp", "--python-version", self.python]
        for tag in _PLATFORMS[self.system]:
            options += ["--platform", tag]
        return options

    def markers(self) -> dict[str, str]:
        """Environment-marker values of this target (PEP 508)."""
        return {**_MARKERS[self.system], "python_version": self.python,
                "python_full_version": f"{self.python}.0", "implementation_name": "cpython",
                "platform_python_implementation": "CPython", "implementation_version": f"{self.python}.0",
                "platform_release": "", "platform_version": "", "extra": ""}

    def accepts(self, wheel_name: str) -> bool:
        """Whether a wheel file of the wheelhouse installs on this target (by its tags)."""
        tags = wheel_name[:-len(".whl")].split("-")[-3:]
        python, abi, platform = tags
        if platform != "any" and not any(p in platform.split(".") for p in _PLATFORMS[self.system]):
            return False
        nodot = self.python.replace(".", "")
        pythons = python.split(".")
        if abi == "abi3":
            return any(p.startswith("cp3") and int(p[3:]) <= int(nodot[1:]) for p in pythons)
        return any(p in (f"cp{nodot}", "py3", f"py{nodot}") for p in pythons)


def targets(systems: tuple[str, ...] = SYSTEMS, pythons: tuple[str, ...] = PYTHONS) -> list[Target]:
    return [Target(system, python) for system in systems for python in pythons]
