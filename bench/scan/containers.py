"""Zip archives (some nested) and e-mails that carry corpus files, with the truth of what they hold:
a container carries the union of its members' marks."""

from __future__ import annotations

import random
import zipfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from bench.scan import prose

MAX_MEMBER = 20 * 1024 * 1024


def build(corpus: Path, truths: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Write zips and e-mails into corpus/zip and corpus/eml; return their truth records."""
    small = sorted(name for name in truths if (corpus / name).stat().st_size <= MAX_MEMBER)
    records: dict[str, Any] = {}
    (corpus / "zip").mkdir(exist_ok=True)
    (corpus / "eml").mkdir(exist_ok=True)
    for number in range(max(1, len(small) // 40)):
        members = rng.sample(small, min(len(small), rng.randint(2, 6)))
        name = f"zip/luu-tru-{number:04d}.zip"
        nested = rng.random() < 0.3
        _write_zip(corpus / name, corpus, members, nested, rng)
        records[name] = _union(truths, members, "zip")
    for number in range(max(1, len(small) // 60)):
        member = rng.choice(small)
        name = f"eml/thu-{number:04d}.eml"
        _write_mail(corpus / name, corpus / member, rng)
        records[name] = _union(truths, [member], "eml")
    return records


def _write_zip(path: Path, corpus: Path, members: list[str], nested: bool, rng: random.Random) -> None:
    inner_members = members[: len(members) // 2] if nested else []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in members:
            if member not in inner_members:
                archive.write(corpus / member, f"Tài liệu/{Path(member).name}")
        if inner_members:
            inner = path.with_suffix(".inner.zip")
            with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as nested_zip:
                for member in inner_members:
                    nested_zip.write(corpus / member, Path(member).name)
            archive.write(inner, f"Năm {rng.randint(2021, 2025)}.zip")
            inner.unlink()


def _write_mail(path: Path, attachment: Path, rng: random.Random) -> None:
    message = EmailMessage()
    message["From"] = "vanthu@sonv.laocai.gov.vn"
    message["To"] = "phongtonghop@ubnd.laocai.gov.vn"
    message["Subject"] = f"Gửi {attachment.stem}"
    message.set_content(prose.paragraph(rng) + "\n\nTrân trọng.")
    message.add_attachment(
        attachment.read_bytes(), maintype="application", subtype="octet-stream", filename=attachment.name
    )
    path.write_bytes(message.as_bytes())


def _union(truths: dict[str, Any], members: list[str], fmt: str) -> dict[str, Any]:
    marks = sorted(
        {tuple(mark) for member in members for mark in truths[member]["marks"]},
        key=lambda m: (m[0], m[1] or ""),
    )
    return {
        "family": "container",
        "format": fmt,
        "source": ",".join(members),
        "marks": [list(mark) for mark in marks],
        "planted": [],
        "decoys": [],
    }
