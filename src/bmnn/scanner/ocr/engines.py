"""OCR engines behind one interface: Tesseract in process through tesserocr (its wheels for Windows
x64 and Linux carry Tesseract and Leptonica), else the `tesseract` program.

Both read with the Vietnamese model `vie.traineddata`. The wheel carries no model: it is looked for
in BMNN_TESSDATA, TESSDATA_PREFIX, a `tessdata` folder beside the scanner (the offline bundle puts
it there) or beside Python, then where Tesseract's installers put it (Debian's tesseract-ocr-vie,
the Windows installer's Program Files folder). BMNN_OCR_ENGINE=tesserocr|tesseract forces one
(the benchmark compares them on the same pages).

One thread per page (`OMP_THREAD_LIMIT=1`): 2 s a page where the default threads took 14 s on
2 cores; the scanner's worker processes use the cores.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Protocol

LANG = "vie"
PSM_PAGE = 3  # automatic page segmentation: the page as today
PSM_BLOCK = 6  # one block of text: a stamp of two lines
PSM_LINE = 7  # one line: a stamp
TIMEOUT_SECONDS = 300


class Engine(Protocol):
    """Text of an image (PIL) read with one page segmentation mode."""

    name: str

    def read(self, image: Any, psm: int, dpi: int) -> str: ...


def tessdata_dirs() -> list[Path]:
    """Folders that may hold vie.traineddata, in the order they are tried."""
    found: list[Path] = []
    for variable in ("BMNN_TESSDATA", "TESSDATA_PREFIX"):
        value = os.environ.get(variable)
        if value:
            found += [Path(value), Path(value) / "tessdata"]
    scanner = Path(__file__).resolve().parents[1]
    found += [scanner / "tessdata", scanner.parent / "tessdata", Path(sys.executable).parent / "tessdata",
              Path(sys.prefix) / "share" / "tessdata"]
    if sys.argv and sys.argv[0].endswith(".pyz"):  # the one-file scanner: the bundle's tessdata beside it
        found.append(Path(sys.argv[0]).resolve().parent / "tessdata")
    if sys.platform == "win32":
        for variable in ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"):
            base = os.environ.get(variable)
            if base:
                found += [Path(base) / "Tesseract-OCR" / "tessdata",
                          Path(base) / "Programs" / "Tesseract-OCR" / "tessdata"]
    else:
        found += [Path("/usr/share/tesseract-ocr/5/tessdata"), Path("/usr/share/tesseract-ocr/4.00/tessdata"),
                  Path("/usr/share/tessdata"), Path("/usr/local/share/tessdata")]
    return found


def find_model() -> Path | None:
    """The folder holding vie.traineddata, or None."""
    for folder in tessdata_dirs():
        if (folder / f"{LANG}.traineddata").is_file():
            return folder
    return None


class InProcess:
    """Tesseract through tesserocr: one API object per worker process, the model loaded once."""

    name = "tesserocr"

    def __init__(self, tessdata: Path) -> None:
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # read by Tesseract when it loads
        import tesserocr  # type: ignore[import-not-found,unused-ignore]

        self.api = tesserocr.PyTessBaseAPI(path=str(tessdata) + os.sep, lang=LANG)
        self.version = tesserocr.tesseract_version().split()[1]

    def read(self, image: Any, psm: int, dpi: int) -> str:
        self.api.SetPageSegMode(psm)
        self.api.SetVariable("user_defined_dpi", str(dpi))
        self.api.SetImage(image)
        text: str = self.api.GetUTF8Text()
        return text


class Program:
    """The `tesseract` program, fed a PNG on stdin."""

    name = "tesseract"

    def __init__(self, exe: str) -> None:
        self.exe = exe
        self.env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def read(self, image: Any, psm: int, dpi: int) -> str:
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", compress_level=1)
        args = [self.exe, "stdin", "stdout", "-l", LANG, "--psm", str(psm), "--dpi", str(dpi)]
        try:
            out = subprocess.run(args, input=buffer.getvalue(), capture_output=True, timeout=TIMEOUT_SECONDS,
                                 env=self.env, check=False)
        except subprocess.TimeoutExpired:
            return ""
        return out.stdout.decode("utf-8", "replace")


def program_has_vie(exe: str) -> bool:
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return LANG in (out.stdout + out.stderr).split()


def load(choice: str | None = None) -> tuple[Engine | None, str]:
    """(engine, "") or (None, why not: "no_engine" / "no_model")."""
    choice = choice or os.environ.get("BMNN_OCR_ENGINE") or ""
    why = "no_engine"
    if choice in ("", "tesserocr") and _has_tesserocr():
        model = find_model()
        if model is not None:
            return InProcess(model), ""
        why = "no_model"
    if choice in ("", "tesseract"):
        exe = shutil.which("tesseract")
        if exe is not None:
            if program_has_vie(exe):
                return Program(exe), ""
            why = "no_model"
    return None, why


def _has_tesserocr() -> bool:
    import importlib.util

    return importlib.util.find_spec("tesserocr") is not None
