"""Builders of real test files (docx, xlsx, pptx, odt, rtf, html, eml, zip) written into tmp_path."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from email.message import EmailMessage
from pathlib import Path
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


def _w_paras(lines: list[str]) -> str:
    runs = []
    for line in lines:
        cells = line.split("\t")
        inner = "<w:r><w:tab/></w:r>".join(
            f'<w:r><w:t xml:space="preserve">{escape(c)}</w:t></w:r>' for c in cells
        )
        runs.append(f"<w:p>{inner}</w:p>")
    return "".join(runs)


def _textbox(lines: list[str]) -> str:
    return (
        '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<mc:Choice><w:drawing><wps:txbx><w:txbxContent>{_w_paras(lines)}</w:txbxContent></wps:txbx>"
        f"</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>{_w_paras(lines)}"
        "</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def docx_bytes(
    body: list[str],
    header: list[str] | None = None,
    footer: list[str] | None = None,
    textbox: list[str] | None = None,
    title: str = "",
    comment: str = "",
) -> bytes:
    """A minimal but real .docx (Word opens such files)."""
    from io import BytesIO

    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        doc_body = _w_paras(body) + (_textbox(textbox) if textbox else "")
        z.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><w:document {W}><w:body>{doc_body}</w:body></w:document>',
        )
        if header:
            z.writestr("word/header1.xml", f"<w:hdr {W}>{_w_paras(header)}</w:hdr>")
        if footer:
            z.writestr("word/footer1.xml", f"<w:ftr {W}>{_w_paras(footer)}</w:ftr>")
        if comment:
            z.writestr(
                "word/comments.xml",
                f"<w:comments {W}><w:comment>{_w_paras([comment])}</w:comment></w:comments>",
            )
        z.writestr("word/styles.xml", f"<w:styles {W}><w:style><w:name w:val='MẬT'/></w:style></w:styles>")
        z.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:title>'
            f"{escape(title)}</dc:title><dc:creator>Văn thư</dc:creator></cp:coreProperties>",
        )
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def xlsx_bytes(shared: list[str], inline: str = "", header: str = "") -> bytes:
    from io import BytesIO

    out = BytesIO()
    sst = "".join(f"<si><t>{escape(s)}</t></si>" for s in shared)
    cells = f'<c r="B1" t="inlineStr"><is><t>{escape(inline)}</t></is></c>' if inline else ""
    hf = f"<headerFooter><oddHeader>{escape(header)}</oddHeader></headerFooter>" if header else ""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/sharedStrings.xml", f"<sst>{sst}</sst>")
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet><sheetData><row><c r="A1" t="s"><v>0</v></c><c r="A2"><f>A1</f><v>7</v></c>'
            f"{cells}</row></sheetData>{hf}</worksheet>",
        )
    return out.getvalue()


def pptx_bytes(slide: list[str], notes: list[str]) -> bytes:
    from io import BytesIO

    def paras(lines: list[str]) -> str:
        return "".join(f"<a:p><a:r><a:t>{escape(x)}</a:t></a:r></a:p>" for x in lines)

    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("ppt/presentation.xml", "<p:presentation/>")
        z.writestr("ppt/slides/slide1.xml", f"<p:sld {A}><p:txBody>{paras(slide)}</p:txBody></p:sld>")
        z.writestr(
            "ppt/notesSlides/notesSlide1.xml", f"<p:notes {A}><p:txBody>{paras(notes)}</p:txBody></p:notes>"
        )
    return out.getvalue()


def odt_bytes(body: list[str], header: list[str]) -> bytes:
    from io import BytesIO

    def paras(lines: list[str]) -> str:
        return "".join(f"<text:p>{escape(x)}</text:p>" for x in lines)

    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr(
            "content.xml",
            f"<office:document-content><office:body>{paras(body)}</office:body></office:document-content>",
        )
        z.writestr(
            "styles.xml",
            f"<office:document-styles><style:header>{paras(header)}</style:header></office:document-styles>",
        )
        z.writestr("meta.xml", "<office:meta><dc:title>Báo cáo</dc:title></office:meta>")
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    from io import BytesIO

    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def mark_encrypted(data: bytes, member: str) -> bytes:
    """Set the 'encrypted' flag of one member in its local and central headers (as a password zip has)."""
    raw = bytearray(data)
    name = member.encode()
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        at = raw.find(signature)
        while at >= 0:
            if raw[at + name_at : at + name_at + len(name)] == name:
                raw[at + flag_at] |= 0x1
            at = raw.find(signature, at + 4)
    return bytes(raw)


def eml_bytes(subject: str, body: str, attachments: dict[str, bytes]) -> bytes:
    message = EmailMessage()
    message["From"] = "vanthu@example.vn"
    message["To"] = "lanhdao@example.vn"
    message["Subject"] = subject
    message.set_content(body)
    for name, data in attachments.items():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(message)


def mbox_bytes(messages: list[bytes], separator: bytes = b"From - Mon Jan  5 09:00:00 2026") -> bytes:
    """An mbox as Thunderbird writes it: a "From " line before each message, body lines starting
    with "From " quoted as ">From " (mboxrd), a blank line after each message."""
    out = []
    for message in messages:
        lines = message.replace(b"\r\n", b"\n").split(b"\n")
        quoted = [b">" + line if line.lstrip(b">").startswith(b"From ") else line for line in lines]
        out.append(separator + b"\n" + b"\n".join(quoted).rstrip(b"\n") + b"\n\n")
    return b"".join(out)


def write_zip_bomb(path: Path, gigabytes: int = 1, member: str = "zeros.txt") -> Path:
    """A zip holding `gigabytes` GB of zeros, written streaming (a few MB on disk)."""
    block = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open(member, "w", force_zip64=True) as out,
    ):
        for _ in range(1024 * gigabytes):
            out.write(block)
    return path


ENCRYPTED_PDF = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"matkhau"}}'
)


def soffice_convert(source: Path, target: str, outdir: Path) -> Path | None:
    """Convert with LibreOffice headless (its own profile dir); None when LibreOffice is absent."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        return None
    profile = outdir / "lo-profile"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    produced = outdir / (source.stem + "." + target.split(":", 1)[0])
    return produced if produced.exists() else None
