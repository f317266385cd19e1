"""PDF adapter: ExportRecord → A4 PDF with the fonts embedded, via QTextDocument + QPdfWriter.

The only export module that imports Qt; import it lazily. It needs a QGuiApplication (fonts); the
CLI has none, so :func:`render_pdf` creates an offscreen one when no application exists."""

from __future__ import annotations

import os
import re

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)

from app.export.fonts import LATIN_FONTS, east_asian_fonts
from app.export.html import record_html
from app.export.records import ExportRecord

RESOLUTION = 300
#: Kangxi radicals and the radicals supplement: CJK fonts draw many with an ideograph's glyph.
RADICALS = range(0x2E80, 0x2FE0)
_CMAP_SECTION = re.compile(rb"beginbf(?:range|char)\n.*?\nendbf(?:range|char)", re.S)
_app: QGuiApplication | None = None  # kept alive for the process when we made it


def ensure_gui_application() -> None:
    """Fonts need a GUI application; the CLI has none, so make an offscreen one. A QApplication
    (not a bare QGuiApplication), so a window or widget created later in the process still works."""
    global _app
    if QGuiApplication.instance() is None:
        from PySide6.QtWidgets import QApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication(["bauhinia"])


def _families(language: str) -> list[str]:
    """Installed faces, Latin first then the language's CJK face (Qt falls back per glyph)."""
    installed = set(QFontDatabase.families())
    wanted = [*LATIN_FONTS, *east_asian_fonts(language), *east_asian_fonts("zh_CN")]
    chosen = [f for f in wanted if f in installed]
    return chosen or wanted


def _is_ideograph(code: int) -> bool:
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def radical_fixes(text: str, families: list[str]) -> dict[int, int]:
    """Radical code point → the ideograph of ``text`` that the font draws with the same glyph.

    Qt's PDF ToUnicode map names the lowest code point of a shared glyph, so 民 would be copied
    and searched as ⺠ (U+2EA0). Radicals that ``text`` itself holds are left alone."""
    present = {ord(c) for c in text}
    ideographs = sorted(c for c in present if _is_ideograph(c))
    fixes: dict[int, int] = {}
    for family in families:
        raw = QRawFont.fromFont(QFont(family))
        if not raw.isValid():
            continue
        by_glyph: dict[int, list[int]] = {}
        for radical in RADICALS:
            glyphs = raw.glyphIndexesForString(chr(radical))
            if glyphs and glyphs[0]:
                by_glyph.setdefault(int(glyphs[0]), []).append(radical)
        for code in ideographs:
            glyphs = raw.glyphIndexesForString(chr(code))
            for radical in by_glyph.get(int(glyphs[0]), []) if glyphs else []:
                fixes.setdefault(radical, code)
    return {r: c for r, c in fixes.items() if r not in present}


def fix_to_unicode(pdf: bytes, fixes: dict[int, int]) -> bytes:
    """Rewrite radical targets in the ToUnicode sections; same length, so offsets stay valid."""
    if not fixes:
        return pdf
    table = {b"<%04X>" % r: b"<%04X>" % c for r, c in fixes.items()}
    pattern = re.compile(b"|".join(re.escape(k) for k in table))

    def section(match: re.Match[bytes]) -> bytes:
        return pattern.sub(lambda m: table[m.group(0)], match.group(0))

    return _CMAP_SECTION.sub(section, pdf)


def render_pdf(record: ExportRecord) -> bytes:
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(record.title)
    writer.setCreator(f"Bauhinia {record.app_version}")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(20, 20, 20, 20), QPageLayout.Unit.Millimeter))
    doc = QTextDocument()
    font = QFont()
    families = _families(record.language)
    font.setFamilies(families)
    # No 'locl' substitution: with a Chinese locale, HarfBuzz swaps in regional glyph forms that are
    # in no cmap, and Qt then leaves them out of the ToUnicode map (策 read back as U+0004, PySide6
    # 6.11). The face chosen per language already has the right forms.
    font.setFeature(QFont.Tag("locl"), 0)
    font.setPointSizeF(10.5)
    doc.setDefaultFont(font)
    html = record_html(record)
    doc.setHtml(html)
    # No page size of our own: print_() lays the text out on the writer's A4 paint rect, scaled
    # from screen points, so 10.5 pt prints as 10.5 pt.
    doc.print_(writer)
    del writer  # finishes the PDF
    buffer.close()
    return fix_to_unicode(bytes(data.data()), radical_fixes(doc.toPlainText(), families))
