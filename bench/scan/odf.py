"""Flat OpenDocument sources (.fodt, .fods, .fodp) for LibreOffice to convert into every format.

Each builder puts the spec's planted marks in their zones (page header and footer, the heading
table, a stamp paragraph, a text box, a comment, document properties, sheet cells, slide boxes,
speaker notes) around pages of prose, tables and pictures.
"""

from __future__ import annotations

import base64
import random
from xml.sax.saxutils import escape

from bench.scan import prose
from bench.scan.images import noise_png
from bench.scan.plant import Spec

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'office:version="1.3"'
)
PAGE_LAYOUT = (
    '<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties '
    'fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" '
    'fo:margin-left="3cm" fo:margin-right="2cm"/><style:header-style>{hf}</style:header-style>'
    "<style:footer-style>{hf}</style:footer-style></style:page-layout>"
    '<style:style style:name="stamp" style:family="graphic"><style:graphic-properties style:wrap="none" '
    'draw:fill="none" fo:border="0.06pt solid #c00000"/></style:style></office:automatic-styles>'
).replace("{hf}", '<style:header-footer-properties fo:min-height="0.6cm"/>')
PARAS_PER_PAGE = 5


def source(spec: Spec) -> str:
    """The flat ODF text of `spec` (its family decides .fodt, .fods or .fodp)."""
    builder = {"text": _text_document, "sheet": _sheet_document, "slides": _slides_document}[spec.family]
    return builder(spec, random.Random(spec.seed))


def suffix(family: str) -> str:
    return {"text": ".fodt", "sheet": ".fods", "slides": ".fodp"}[family]


def _zone(spec: Spec, zone: str) -> list[str]:
    return [mark.text for mark in spec.marks if mark.zone == zone]


def _p(text: str) -> str:
    return f"<text:p>{escape(text)}</text:p>"


def _meta(spec: Spec, rng: random.Random) -> str:
    subject = " ".join(_zone(spec, "prop_subject")) or prose.bullet(rng)
    custom = " ".join(_zone(spec, "prop_custom")) or "Văn thư"
    return (
        f"<office:meta><dc:title>{escape(prose.title(rng).splitlines()[0])}</dc:title>"
        f"<dc:subject>{escape(subject)}</dc:subject><meta:keyword>báo cáo</meta:keyword>"
        f'<meta:user-defined meta:name="Phân loại">{escape(custom)}</meta:user-defined></office:meta>'
    )


def _master(header: list[str], footer: list[str], name: str, regions: bool = False) -> str:
    def block(tag: str, lines: list[str]) -> str:
        inner = "".join(_p(line) for line in lines)
        if regions:
            inner = f"<style:region-left>{inner}</style:region-left>"
        return f"<style:{tag}>{inner}</style:{tag}>"

    return (
        f'<office:master-styles><style:master-page style:name="{name}" style:page-layout-name="pm1">'
        f"{block('header', header)}{block('footer', footer)}</style:master-page></office:master-styles>"
    )


def _document(kind: str, spec: Spec, rng: random.Random, styles: str, body: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {NS} '
        f'office:mimetype="application/vnd.oasis.opendocument.{kind}">{_meta(spec, rng)}{styles}'
        f"<office:body>{body}</office:body></office:document>"
    )


def _image(rng: random.Random, anchor: str = 'text:anchor-type="paragraph"') -> str:
    width, height = rng.randint(200, 520), rng.randint(150, 380)
    data = base64.b64encode(noise_png(rng, width, height)).decode("ascii")
    return (
        f'<draw:frame {anchor} svg:width="{width / 40:.1f}cm" svg:height="{height / 40:.1f}cm">'
        f"<draw:image><office:binary-data>{data}</office:binary-data></draw:image></draw:frame>"
    )


def _text_box(lines: list[str], extra: str = 'text:anchor-type="as-char"') -> str:
    """A bordered box as stamps are typed: nothing flows beside it."""
    return (
        f'<draw:frame draw:style-name="stamp" {extra} svg:width="9cm" svg:height="2cm"><draw:text-box>'
        f"{''.join(_p(line) for line in lines)}</draw:text-box></draw:frame>"
    )


def _table(rows: list[list[str]], name: str) -> str:
    columns = max(len(row) for row in rows)
    out = [
        f'<table:table table:name="{name}"><table:table-column table:number-columns-repeated="{columns}"/>'
    ]
    for row in rows:
        cells = "".join(
            f'<table:table-cell office:value-type="string">'
            f"{''.join(_p(line) for line in str(cell).split(chr(10)))}</table:table-cell>"
            for cell in row
        )
        out.append(f"<table:table-row>{cells}</table:table-row>")
    out.append("</table:table>")
    return "".join(out)


def _text_document(spec: Spec, rng: random.Random) -> str:
    header = _zone(spec, "header") or [prose.unit_block(rng)[0][1]]
    footer = _zone(spec, "footer") or ["Trang thông tin nội bộ"]
    left, right = prose.unit_block(rng)
    body = [_table([["\n".join(left + _zone(spec, "table_cell")), "\n".join(right)]], "DauVanBan")]
    body += [_p(line) for line in _zone(spec, "stamp_para")]
    if _zone(spec, "text_box"):
        body.append(f"<text:p>{_text_box(_zone(spec, 'text_box'))}</text:p>")
    body += [_p(line) for line in prose.title(rng).splitlines()]
    paragraphs = [_p(prose.paragraph(rng)) for _ in range(spec.size * PARAS_PER_PAGE)]
    for decoy in spec.decoys:
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), _p(decoy))
    comment = " ".join(_zone(spec, "comment")) or "Đề nghị rà soát lại số liệu."
    paragraphs.insert(
        rng.randrange(len(paragraphs) + 1),
        f"<text:p>Ý kiến góp ý<office:annotation><dc:creator>{escape(prose.person_name(rng))}</dc:creator>"
        f"{_p(comment)}</office:annotation> đã được tiếp thu.</text:p>",
    )
    for _ in range(spec.images):
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), f"<text:p>{_image(rng)}</text:p>")
    if spec.size > 2:
        rows = [prose.SHEET_HEADER] + [
            [str(c) for c in prose.sheet_row(rng, i)] for i in range(1, 4 * spec.size)
        ]
        paragraphs.insert(len(paragraphs) // 2, _table(rows, "SoLieu"))
    body += paragraphs
    styles = PAGE_LAYOUT + _master(header, footer, "Standard")
    return _document("text", spec, rng, styles, f"<office:text>{''.join(body)}</office:text>")


def _cell(value: str | int, annotation: str = "") -> str:
    note = ""
    if annotation:
        note = f"<office:annotation><dc:creator>Văn thư</dc:creator>{_p(annotation)}</office:annotation>"
    if isinstance(value, int):
        attributes = f'office:value-type="float" office:value="{value}"'
        return f"<table:table-cell {attributes}>{note}{_p(str(value))}</table:table-cell>"
    return f'<table:table-cell office:value-type="string">{note}{_p(value)}</table:table-cell>'


def _sheet_document(spec: Spec, rng: random.Random) -> str:
    header = _zone(spec, "sheet_header") or ["Sổ theo dõi văn bản"]
    footer = _zone(spec, "sheet_footer") or ["Văn thư đơn vị"]
    rows: list[list[str | int]] = [[line] for line in _zone(spec, "cell")]
    rows.append(prose.SHEET_HEADER)
    rows += [prose.sheet_row(rng, number) for number in range(1, spec.size + 1)]
    for decoy in spec.decoys:
        rows.insert(rng.randrange(1, len(rows) + 1), [decoy])
    comment = " ".join(_zone(spec, "comment"))
    commented = rng.randrange(len(rows))
    shapes = ""
    if _zone(spec, "text_box"):
        top = len(_zone(spec, "cell"))
        rows[top:top] = [[""], [""], [""]]  # room left above the table for the stamp
        box = _text_box(_zone(spec, "text_box"), 'svg:x="10cm" svg:y="0.1cm"')
        shapes = f"<table:shapes>{box}</table:shapes>"
    out = [f'<table:table table:name="Sổ">{shapes}<table:table-column table:number-columns-repeated="8"/>']
    for index, row in enumerate(rows):
        cells = [
            _cell(value, comment if index == commented and column == 0 else "")
            for column, value in enumerate(row)
        ]
        out.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    out.append("</table:table>")
    if spec.size > 200:
        stats = [[prose.bullet(rng), rng.randint(0, 900), rng.randint(0, 900)] for _ in range(30)]
        out.append(
            '<table:table table:name="Tổng hợp"><table:table-column table:number-columns-repeated="3"/>'
        )
        out += [f"<table:table-row>{''.join(_cell(v) for v in row)}</table:table-row>" for row in stats]
        out.append("</table:table>")
    styles = PAGE_LAYOUT + _master(header, footer, "Default", regions=True)
    return _document(
        "spreadsheet", spec, rng, styles, f"<office:spreadsheet>{''.join(out)}</office:spreadsheet>"
    )


def _frame(x: float, y: float, width: float, height: float, lines: list[str]) -> str:
    return (
        f'<draw:frame svg:x="{x}cm" svg:y="{y}cm" svg:width="{width}cm" svg:height="{height}cm">'
        f"<draw:text-box>{''.join(_p(line) for line in lines)}</draw:text-box></draw:frame>"
    )


def _slides_document(spec: Spec, rng: random.Random) -> str:
    pages = []
    decoys = list(spec.decoys)
    for number in range(1, spec.size + 1):
        shapes = [_frame(1, 1.3, 22, 2.5, [prose.title(rng).replace("\n", ": ")])]
        if number == 1 and _zone(spec, "slide_box"):
            shapes.append(_frame(1, 0.1, 24, 1.1, _zone(spec, "slide_box")))  # one line, above the title
        bullets = [prose.bullet(rng) for _ in range(rng.randint(3, 6))]
        if decoys and rng.random() < 0.5:
            shapes.append(_frame(18, 4, 7, 1, [decoys.pop()]))
        with_table = number == 2 or (number == 1 and spec.size == 1)
        text = bullets if with_table else [*bullets, prose.paragraph(rng)]
        shapes.append(_frame(1, 4, 16, 5 if with_table else 10, text))
        if with_table:
            rows = [["Nội dung", "Kết quả"], *[[line, ""] for line in _zone(spec, "table_cell")]]
            rows += [[prose.bullet(rng), str(rng.randint(1, 99))] for _ in range(2)]
            shapes.append(
                f'<draw:frame svg:x="1cm" svg:y="9.5cm" svg:width="20cm" svg:height="4cm">'
                f"{_table(rows, f'Bang{number}')}</draw:frame>"
            )
        if number <= spec.images:
            shapes.append(_image(rng, 'svg:x="18cm" svg:y="6cm"'))
        notes = _zone(spec, "notes") if number == 1 else []
        notes_xml = ""
        if notes or rng.random() < 0.3:
            lines = notes or [prose.paragraph(rng, mentions=False)]
            notes_xml = (
                '<presentation:notes><draw:frame presentation:class="notes" svg:x="2cm" svg:y="14cm" '
                f'svg:width="17cm" svg:height="10cm"><draw:text-box>{"".join(_p(x) for x in lines)}'
                "</draw:text-box></draw:frame></presentation:notes>"
            )
        pages.append(
            f'<draw:page draw:name="page{number}" draw:master-page-name="Default">'
            f"{''.join(shapes)}{notes_xml}</draw:page>"
        )
    for decoy in decoys:  # whatever did not fit beside a slide goes on the last one
        pages[-1] = pages[-1].replace("</draw:page>", _frame(18, 16, 7, 1, [decoy]) + "</draw:page>", 1)
    styles = (
        '<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties '
        'fo:page-width="28cm" fo:page-height="21cm" style:print-orientation="landscape"/></style:page-layout>'
        '</office:automatic-styles><office:master-styles><style:master-page style:name="Default" '
        'style:page-layout-name="pm1"/></office:master-styles>'
    )
    return _document(
        "presentation", spec, rng, styles, f"<office:presentation>{''.join(pages)}</office:presentation>"
    )
