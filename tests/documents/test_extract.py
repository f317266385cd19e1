"""Valid documents of every format, made with the libraries that write them, read back."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from hostile_docs import docx_bytes, pdf_bytes, pptx_bytes, write, xlsx_bytes

from app.documents import Document, ParserProcess, extract, format_for, is_supported


def _extract(tmp_path: Path, parser: ParserProcess, name: str, data: bytes) -> Document:
    return extract(write(tmp_path, name, data), parser=parser)


def test_docx_paragraphs_and_tables_in_order_with_page_breaks(tmp_path: Path, parser: ParserProcess) -> None:
    data = docx_bytes([
        "Circular No. 7/2026",
        [["Item", "Owner"], ["IT security review", "OGCIO"], ["預算", "財經事務及庫務局"]],
        "Paragraph after the table",
        "The last line of page one",
        "第二頁：香港特別行政區政府",
    ], page_break_after=[3])
    doc = _extract(tmp_path, parser, "circular.docx", data)
    assert doc.format == "docx" and doc.unit == "page"
    assert [p.number for p in doc.pages] == [1, 2]
    lines = doc.pages[0].text.split("\n")
    assert lines == ["Circular No. 7/2026", "Item | Owner", "IT security review | OGCIO", "預算 | 財經事務及庫務局",
                     "Paragraph after the table", "The last line of page one"]
    assert doc.pages[1].text == "第二頁：香港特別行政區政府"
    assert doc.sha256 == hashlib.sha256(data).hexdigest() and doc.size == len(data)
    assert doc.file_name == "circular.docx" and doc.warnings == ()


def test_pdf_text_layer_per_page(tmp_path: Path, parser: ParserProcess) -> None:
    doc = _extract(tmp_path, parser, "minutes.pdf", pdf_bytes(["Minutes of meeting\nItem 1", "第二頁 政策 𠝹嘅", None,
                                                               "page four"]))
    assert doc.format == "pdf"
    assert [(p.number, p.text) for p in doc.pages] == [(1, "Minutes of meeting\nItem 1"), (2, "第二頁 政策 𠝹嘅"),
                                                      (4, "page four")]
    assert [(w.kind, w.value) for w in doc.warnings] == [("pages_without_text", "3")]


def test_pdf_encrypted_with_an_empty_user_password_opens(tmp_path: Path, parser: ParserProcess) -> None:
    """The same RC4 writer as the password case: proves that case fails for the password alone."""
    doc = _extract(tmp_path, parser, "owner-only.pdf", pdf_bytes(["open to all 公開"], user_password=""))
    assert doc.pages[0].text == "open to all 公開"


def test_xlsx_sheets_as_tables(tmp_path: Path, parser: ParserProcess) -> None:
    import datetime as dt

    data = xlsx_bytes({"Budget 預算": [["Item", "Cost", "Date"], ["PCs", 3.0, dt.date(2026, 4, 1)], [],
                                       ["Licences", 12.5, None]],
                       "Empty": []})
    doc = _extract(tmp_path, parser, "budget.xlsx", data)
    assert doc.unit == "sheet"
    assert [(p.number, p.title) for p in doc.pages] == [(1, "Budget 預算"), (2, "Empty")]
    assert doc.pages[0].text == "[Budget 預算]\nItem | Cost | Date\nPCs | 3 | 2026-04-01\nLicences | 12.5"
    assert doc.pages[1].text == "[Empty]"


def test_xlsx_rows_over_the_limit_are_cut_with_a_notice(tmp_path: Path) -> None:
    from app.documents import ExtractLimits

    data = xlsx_bytes({"Big": [[f"row {i}", i] for i in range(50)]})
    doc = extract(write(tmp_path, "big.xlsx", data), ExtractLimits(max_rows=10))
    assert doc.pages[0].text.count("\n") == 10  # header line + 10 rows
    assert [(w.kind, w.value) for w in doc.warnings] == [("rows_cut", "10")]


def test_csv_with_semicolons(tmp_path: Path, parser: ParserProcess) -> None:
    doc = _extract(tmp_path, parser, "list.csv", "name;dept\n陳大文;Lands\n\nLee;ICAC\n".encode())
    assert doc.pages[0].text == "name | dept\n陳大文 | Lands\nLee | ICAC"
    assert doc.encoding == "utf-8"


def test_pptx_slides_with_titles_and_notes(tmp_path: Path, parser: ParserProcess) -> None:
    data = pptx_bytes([("Cyber security", "Patch every month"), ("資訊保安", "每月更新")], notes=["say hello"])
    doc = _extract(tmp_path, parser, "deck.pptx", data)
    assert doc.unit == "slide"
    assert [(p.number, p.title) for p in doc.pages] == [(1, "Cyber security"), (2, "資訊保安")]
    assert doc.pages[0].text == "Cyber security\nPatch every month\nsay hello"
    assert doc.pages[1].text == "資訊保安\n每月更新"


def test_html_text_only(tmp_path: Path, parser: ParserProcess) -> None:
    html = ("<!DOCTYPE html><html><head><title>Notice 通告</title><style>p{color:red}</style>"
            "<script>var secret = 'do not index';</script></head><body><h1>Heading</h1>"
            "<p>First <b>bold</b> paragraph.<script>alert(1)</script> tail text</p><!-- a comment -->"
            "<table><tr><td>a</td><td>b</td></tr></table><noscript>no</noscript><p>政府</p></body></html>")
    doc = _extract(tmp_path, parser, "notice.html", html.encode())
    assert doc.pages[0].title == "Notice 通告"
    assert doc.pages[0].text == "Heading\nFirst bold paragraph. tail text\na | b\n政府"


def test_html_entity_declarations_are_not_expanded(tmp_path: Path, parser: ParserProcess) -> None:
    from hostile_docs import LAUGHS

    html = LAUGHS.replace(b"<lolz>&lol9;</lolz>", b"<html><body><p>&lol9; ok</p></body></html>")
    doc = _extract(tmp_path, parser, "laughs.html", html)
    assert "lollol" not in doc.text
    assert len(doc.text) < 1000


@pytest.mark.parametrize("name", ["notes.txt", "notes.md"])
def test_text_form_feed_is_a_page_break(tmp_path: Path, parser: ParserProcess, name: str) -> None:
    doc = _extract(tmp_path, parser, name, "page one\r\nline two\fpage two\n".encode("utf-16"))
    assert [(p.number, p.text) for p in doc.pages] == [(1, "page one\nline two"), (2, "page two")]
    assert doc.encoding == "utf-16-le"


def test_max_chars_cuts_with_a_notice(tmp_path: Path) -> None:
    from app.documents import ExtractLimits

    doc = extract(write(tmp_path, "long.txt", b"a" * 5000), ExtractLimits(max_chars=1000))
    assert len(doc.text) == 1000
    assert [w.kind for w in doc.warnings] == ["text_cut"]


def test_extensions() -> None:
    assert format_for("A.DOCX") == "docx" and format_for("x.htm") == "html" and format_for("r.markdown") == "md"
    assert is_supported("minutes.pdf") and not is_supported("setup.exe") and not is_supported("README")


def test_docx_content_controls_and_word_rendered_page_breaks(tmp_path: Path, parser: ParserProcess) -> None:
    """Word saves where its pages broke (w:lastRenderedPageBreak); templates put text in content
    controls (w:sdt). Both as Word writes them, edited into a python-docx file."""
    import re
    import zipfile

    from hostile_docs import replace_member

    data = docx_bytes(["Page one text", "Inside a content control", "Page two text"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    paragraphs = re.findall(r"<w:p>.*?</w:p>|<w:p .*?</w:p>", xml, flags=re.S)
    control = next(p for p in paragraphs if "Inside a content control" in p)
    xml = xml.replace(control, f"<w:sdt><w:sdtPr/><w:sdtContent>{control}</w:sdtContent></w:sdt>")
    xml = xml.replace("<w:t>Page two text", "<w:lastRenderedPageBreak/><w:t>Page two text")
    doc = _extract(tmp_path, parser, "template.docx", replace_member(data, "word/document.xml", xml.encode()))
    assert [(p.number, p.text) for p in doc.pages] == [(1, "Page one text\nInside a content control"),
                                                      (2, "Page two text")]
