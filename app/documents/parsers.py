"""The format readers. They run only inside the parsing child (:mod:`app.documents.sandbox`),
on bytes that :func:`app.documents.formats.check_bytes` already accepted.

Each returns a :class:`Parsed`: pages as ``(number, text, title)``, notices, and the text
encoding where there is one. Failures are :class:`DocumentError`; anything else a reader
raises on bad input is reported as ``malformed`` by the child.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from app.documents.encoding import decode_text
from app.documents.errors import DocumentError, Notice
from app.documents.formats import refuse_dtds
from app.documents.model import ExtractLimits, Page

CELL_SEPARATOR = " | "


@dataclass
class Parsed:
    pages: list[Page] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    encoding: str = ""


class _Budget:
    """Characters left for one document; past it, text is cut once, with a notice."""

    def __init__(self, parsed: Parsed, limit: int) -> None:
        self.parsed, self.left = parsed, limit
        self.limit = limit

    def add(self, number: int, text: str, title: str = "") -> bool:
        """Keep a page; False once the budget is spent (stop reading)."""
        text = _tidy(text)
        if len(text) > self.left:
            text = text[: self.left]
            self.parsed.notices.append(Notice("text_cut", str(self.limit)))
        self.left -= len(text)
        self.parsed.pages.append(Page(number, text, title))
        return self.left > 0


_TRAILING_SPACE = re.compile(r"[ \t\u3000]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return _BLANK_RUNS.sub("\n\n", _TRAILING_SPACE.sub("\n", text)).strip()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and not (value.hour or value.minute or value.second):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).replace("\n", " ").strip()


def _row_line(cells: Iterable[Any]) -> str:
    values = [_cell(c) for c in cells]
    while values and not values[-1]:
        values.pop()
    return CELL_SEPARATOR.join(values)


def _table_lines(rows: Iterable[Iterable[Any]], limit: int, notices: list[Notice]) -> list[str]:
    lines: list[str] = []
    for row in rows:
        line = _row_line(row)
        if not line.strip(" |"):
            continue
        if len(lines) >= limit:
            notices.append(Notice("rows_cut", str(limit)))
            break
        lines.append(line)
    return lines


# --- DOCX ------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx(data: bytes, limits: ExtractLimits, parsed: Parsed) -> None:
    import docx
    from docx.table import Table

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        refuse_dtds(archive)
    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    rendered = bool(body.findall(f".//{_W}lastRenderedPageBreak"))
    page, lines = 1, []
    budget = _Budget(parsed, limits.max_chars)
    for block in _docx_blocks(document.element.body, document):
        if isinstance(block, Table):
            lines.extend(_docx_table(block))
            continue
        breaks_before = len(block.rendered_page_breaks) if rendered else 0
        breaks_after = 0 if rendered else len(block._p.findall(f".//{_W}br[@{_W}type='page']"))
        if breaks_before and lines:
            if not budget.add(page, "\n".join(lines)):
                return
            lines = []
        page += breaks_before
        lines.append(block.text)
        if breaks_after:
            if not budget.add(page, "\n".join(lines)):
                return
            lines, page = [], page + breaks_after
    if lines or not parsed.pages:
        budget.add(page, "\n".join(lines))


def _docx_blocks(element: Any, parent: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, including those inside content controls
    (``w:sdt``, common in government templates), which python-docx's own iterator skips."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, parent)
        elif child.tag == f"{_W}tbl":
            yield Table(child, parent)
        elif child.tag == f"{_W}sdt":
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _docx_blocks(content, parent)


def _docx_table(table: Any) -> list[str]:
    lines = []
    for row in table.rows:
        seen: set[int] = set()
        cells = []
        for cell in row.cells:  # a merged cell repeats: keep it once
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        line = _row_line(cells)
        if line.strip(" |"):
            lines.append(line)
    return lines


# --- PDF -------------------------------------------------------------------------------------


def _pdf(data: bytes, limits: ExtractLimits, parsed: Parsed) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise DocumentError("encrypted", "a password is needed to open the PDF") from exc
        raise DocumentError("malformed", str(exc)) from exc
    try:
        empty: list[int] = []
        budget = _Budget(parsed, limits.max_chars)
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_bounded()
                finally:
                    textpage.close()
            finally:
                page.close()
            if not text.strip():
                empty.append(index + 1)
                continue
            if not budget.add(index + 1, text):
                break
    finally:
        pdf.close()
    if not parsed.pages:
        raise DocumentError("no_text", f"none of {len(empty)} pages has a text layer")
    if empty:
        parsed.notices.append(Notice("pages_without_text", _page_list(empty)))


def _page_list(numbers: list[int], shown: int = 20) -> str:
    text = ", ".join(str(n) for n in numbers[:shown])
    return text + (" …" if len(numbers) > shown else "")


# --- spreadsheets ----------------------------------------------------------------------------


def _xlsx(data: bytes, limits: ExtractLimits, parsed: Parsed) -> None:
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        refuse_dtds(archive)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        budget = _Budget(parsed, limits.max_chars)
        for number, sheet in enumerate(workbook.worksheets, start=1):
            rows = sheet.iter_rows(values_only=True) if hasattr(sheet, "iter_rows") else iter(())
            lines = _table_lines(rows, limits.max_rows, parsed.notices)
            if not budget.add(number, "\n".join([f"[{sheet.title}]", *lines]), sheet.title):
                break
    finally:
        workbook.close()


def _csv(data: bytes, limits: ExtractLimits, parsed: Parsed) -> None:
    text, parsed.encoding = decode_text(data)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(limits.max_chars, 131072))
    try:
        lines = _table_lines(csv.reader(io.StringIO(text, newline=""), dialect), limits.max_rows, parsed.notices)
    except csv.Error as exc:
        raise DocumentError("malformed", f"CSV: {exc}") from exc
    _Budget(parsed, limits.max_chars).add(1, "\n".join(lines))


# --- PPTX ------------------------------------------------------------------------------------


def _pptx(data: bytes, limits: ExtractLimits, parsed: Parsed) -> None:
    from pptx import Presentation

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        refuse_dtds(archive)
    presentation = Presentation(io.BytesIO(data))
    budget = _Budget(parsed, limits.max_chars)
    for number, slide in enumerate(presentation.slides, start=1):
        title_shape = slide.shapes.title
        title = title_shape.text_frame.text.strip() if title_shape is not None else ""
        lines = list(_shape_lines(slide.shapes))
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            notes = slide.notes_slide.notes_text_frame.text.strip()
            if notes:
                lines.append(notes)
        if not budget.add(number, "\n".join(lines), title):
            break


def _shape_lines(shapes: Iterable[Any]) -> Iterator[str]:
    for shape in shapes:
        if getattr(shape, "shape_type", None) is not None and hasattr(shape, "shapes"):  # a group
            yield from _shape_lines(shape.shapes)
        elif getattr(shape, "has_table", False):
            for row in shape.table.rows:
                line = _row_line(cell.text for cell in row.cells)
                if line.strip(" |"):
                    yield line
        elif getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip():
            yield shape.text_frame.text


# --- HTML and plain text -----------------------------------------------------------------------

_DROP = ("script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object")
_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "table", "tr", "ul", "caption",
))


def _html(data: bytes, limits: ExtractLimits, parsed: Parsed) -> None:
    from lxml import etree

    text, parsed.encoding = decode_text(data)
    # lxml's HTML parser never loads DTDs or entities from outside; no_network and a bounded tree
    # (huge_tree=False) are set explicitly so a library default cannot change them.
    parser = etree.HTMLParser(encoding="utf-8", no_network=True, huge_tree=False, remove_comments=True,
                              remove_pis=True, recover=True)
    root = etree.fromstring(text.encode("utf-8"), parser)
    if root is None:
        _Budget(parsed, limits.max_chars).add(1, "")
        return
    title = " ".join("".join(root.xpath("//head/title//text()")).split())
    for element in root.xpath("//" + " | //".join(_DROP)):
        _remove_keeping_tail(element)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
        if isinstance(element.tag, str) and element.tag.lower() in ("td", "th"):
            element.tail = CELL_SEPARATOR + (element.tail or "")
    lines = (" ".join(line.split()) for line in "".join(root.itertext()).split("\n"))
    kept = (line.strip(" |") for line in lines)
    _Budget(parsed, limits.max_chars).add(1, "\n".join(line for line in kept if line), title)


def _remove_keeping_tail(element: Any) -> None:
    """Drop ``element``; lxml's ``remove`` would drop the text after it too, so move that first."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _text(data: bytes, limits: ExtractLimits, parsed: Parsed) -> None:
    text, parsed.encoding = decode_text(data)
    budget = _Budget(parsed, limits.max_chars)
    for number, part in enumerate(text.split("\f"), start=1):  # a form feed is a page break
        if not budget.add(number, part):
            break


READERS: dict[str, Callable[[bytes, ExtractLimits, Parsed], None]] = {
    "docx": _docx, "pdf": _pdf, "xlsx": _xlsx, "csv": _csv, "pptx": _pptx, "html": _html, "txt": _text, "md": _text,
}


def parse(data: bytes, fmt: str, limits: ExtractLimits) -> Parsed:
    parsed = Parsed()
    READERS[fmt](data, limits, parsed)
    return parsed
