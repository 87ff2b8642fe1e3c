"""PDF from a Word document through LibreOffice, where it is installed.

Chosen over WeasyPrint: the report already exists as .docx in the official layout, and a
standalone Windows computer has LibreOffice far more often than Pango; converting the same
document keeps the paper and the PDF identical. Without LibreOffice the .docx is the paper.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 180


class PdfUnavailable(Exception):
    """No LibreOffice to convert with, or the conversion failed."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(content: bytes) -> bytes:
    program = soffice()
    if program is None:
        raise PdfUnavailable("Máy chưa cài LibreOffice nên không tạo được PDF; hãy xuất tệp Word (.docx).")
    with tempfile.TemporaryDirectory(prefix="bmnn-pdf-") as folder:
        work = Path(folder)
        source = work / "bao-cao.docx"
        source.write_bytes(content)
        profile = (work / "profile").as_uri()  # its own profile: a running LibreOffice does not block it
        try:
            subprocess.run(
                [
                    program,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(work),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
            )
        except (subprocess.SubprocessError, OSError) as error:
            raise PdfUnavailable(
                f"LibreOffice không chuyển được sang PDF ({type(error).__name__})."
            ) from error
        target = work / "bao-cao.pdf"
        if not target.exists():
            raise PdfUnavailable("LibreOffice không tạo ra tệp PDF.")
        return target.read_bytes()
