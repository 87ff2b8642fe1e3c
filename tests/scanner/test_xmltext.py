"""Text out of office XML: paragraphs, cells, breaks and text boxes on lines of their own; field
codes, drawing positions and comments left out, so no number or word glues onto a stamp."""

from __future__ import annotations

import pytest

from bmnn.scanner.extract.xmltext import markup_text, word_text

W_PARA = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"


@pytest.mark.parametrize(
    ("xml", "text"),
    [
        (W_PARA.format("MẬT") + W_PARA.format("Báo cáo"), "MẬT\nBáo cáo\n"),
        # a drawing anchored in the stamp's paragraph: its position numbers and words are not text
        (
            "<w:p><w:r><w:t>MẬT</w:t></w:r><w:r><w:drawing><wp:anchor><wp:positionH>"
            "<wp:posOffset>1234</wp:posOffset></wp:positionH><wp:positionV><wp:align>top</wp:align>"
            "</wp:positionV><wp14:pctWidth>0</wp14:pctWidth><wp:align/></wp:anchor></w:drawing></w:r></w:p>",
            "MẬT\n",
        ),
        # a text box's paragraphs stand apart from the paragraph that anchors it
        (
            "<w:p><w:r><w:t>Nội dung</w:t></w:r><w:r><w:txbxContent>"
            + W_PARA.format("TỐI MẬT")
            + "</w:txbxContent></w:r></w:p>",
            "Nội dung\nTỐI MẬT\n\n",
        ),
        # field instructions go, results stay; the fallback copy of a drawing is read once
        ("<w:p><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>3</w:t></w:r></w:p>", "3\n"),
        (
            "<mc:AlternateContent><mc:Choice>A</mc:Choice><mc:Fallback>A</mc:Fallback></mc:AlternateContent>",
            "A",
        ),
        ("<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>", "a\tb\nc\n"),
        ("<w:tc>" + W_PARA.format("x") + "</w:tc><w:tc>" + W_PARA.format("y") + "</w:tc>", "x\n\ty\n\t"),
        (
            '<a:p><a:r><a:t>TUYỆT</a:t></a:r><a:br><a:rPr lang="vi"/></a:br><a:r><a:t>MẬT</a:t></a:r></a:p>',
            "TUYỆT\nMẬT\n",
        ),
        ("<text:p>A<text:s/>B<text:tab/>C<text:line-break/>D</text:p>", "A B\tC\nD\n"),
        # xlsx comments: the author, then the text; the anchor's grid numbers are not text
        (
            "<comment><authors><author>Văn thư</author></authors><text><t>GIẢI MẬT</t></text>"
            "<anchor><xdr:col>1</xdr:col></anchor></comment>",
            "Văn thư\nGIẢI MẬT\n",
        ),
        ("<w:p><!-- MẬT --><w:r><w:t>x &amp; y &lt;z&gt; &#7853;</w:t></w:r></w:p>", "x & y <z> ậ\n"),
        ("<w:p><w:r><w:anchorLock/><w:t>kept</w:t></w:r></w:p>", "kept\n"),
    ],
)
def test_markup_text(xml: str, text: str) -> None:
    assert markup_text(xml).strip() == text.strip()  # a part's last line end may go: it ends the text
    if "<w:" in xml:  # Word parts take the fast path: the same text
        assert word_text(xml).strip() == text.strip()


@pytest.mark.parametrize(
    ("code", "lines"),
    [
        ("&L&KFF0000MẬT&CTrang &P", ["", "MẬT", "Trang "]),  # a red stamp: the colour is not text
        ('&R&"Times New Roman,Bold"&K01+000TỐI MẬT', ["", "TỐI MẬT"]),
        ("&CBáo cáo && phụ lục", ["", "Báo cáo & phụ lục"]),
    ],
)
def test_sheet_header_codes(code: str, lines: list[str]) -> None:
    from bmnn.scanner.extract.sheethf import header_footer_text

    assert header_footer_text(code).split("\n") == lines
