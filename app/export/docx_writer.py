"""ExportRecord → DOCX (python-docx). CJK runs get a ``w:eastAsia`` font and language so Word
shows Hong Kong (or Mainland) glyph forms instead of falling back to a Japanese face."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

from app.export.fonts import EAST_ASIAN_LANG, LATIN_FONTS, east_asian_fonts, east_asian_key, has_cjk
from app.export.records import CONTEXT, ExportRecord, format_time, metadata_rows, reply_notes, role_label
from app.i18n import tr


def _set_fonts(rpr_owner: object, latin: str, east_asian: str, lang: str) -> None:
    """Set ascii/hAnsi/eastAsia fonts and the East-Asian language on a style or run element."""
    rpr = rpr_owner.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr.append(lang_el)
    lang_el.set(qn("w:eastAsia"), lang)


def _style_fonts(style: BaseStyle, latin: str, east_asian: str, lang: str) -> None:
    _set_fonts(style.element, latin, east_asian, lang)


def _add_text(paragraph: Paragraph, text: str, east_asian: str, lang: str, *, bold: bool = False) -> None:
    """One run per line (Word needs explicit breaks); CJK runs carry the East-Asian font too."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        if has_cjk(line):
            _set_fonts(run._r, LATIN_FONTS[0], east_asian, lang)  # python-docx has no API for eastAsia
        if i < len(lines) - 1:
            run.add_break()


def render_docx(record: ExportRecord) -> bytes:
    """The document as bytes (hashed and audited before it is written anywhere)."""
    key = east_asian_key(record.language)
    east_asian, lang = east_asian_fonts(record.language)[0], EAST_ASIAN_LANG[key]
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    for style in doc.styles:
        if style.type in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER):
            _style_fonts(style, LATIN_FONTS[0], east_asian, lang)
    doc.styles["Normal"].font.size = Pt(11)

    props = doc.core_properties
    props.title = record.title
    props.author = record.author
    props.last_modified_by = record.author
    props.identifier = record.conversation_id
    props.comments = f"Bauhinia {record.app_version}; {record.model_id} {record.model_sha256}".strip()
    if record.created_at:
        props.created = record.created_at.replace(tzinfo=None)
    props.modified = record.exported_at.replace(tzinfo=None)

    _add_text(doc.add_heading(level=0), record.title, east_asian, lang)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in metadata_rows(record):
        cells = table.add_row().cells
        _add_text(cells[0].paragraphs[0], label, east_asian, lang, bold=True)
        _add_text(cells[1].paragraphs[0], value, east_asian, lang)
    if record.system_prompt:
        _add_text(doc.add_heading(level=2), tr(CONTEXT, "System prompt"), east_asian, lang)
        _add_text(doc.add_paragraph(), record.system_prompt, east_asian, lang)
    for m in record.messages:
        heading = role_label(m.role)
        if m.role == "assistant" and m.model:
            heading += f" ({m.model})"
        heading += f" — {format_time(m.created_at)}"
        _add_text(doc.add_heading(level=2), heading, east_asian, lang)
        if m.version[1] > 1:
            note = tr(CONTEXT, "Version {i} of {n}").format(i=m.version[0], n=m.version[1])
            _add_text(doc.add_paragraph(style="Intense Quote"), note, east_asian, lang)
        if m.reasoning:
            _add_text(doc.add_paragraph(), tr(CONTEXT, "Thinking"), east_asian, lang, bold=True)
            _add_text(doc.add_paragraph(style="Quote"), m.reasoning, east_asian, lang)
        _add_text(doc.add_paragraph(), m.content, east_asian, lang)
        for label, value in reply_notes(record, m):
            line = doc.add_paragraph()
            _add_text(line, f"{label}: ", east_asian, lang, bold=True)
            _add_text(line, value, east_asian, lang)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
