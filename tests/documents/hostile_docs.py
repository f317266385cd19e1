"""Builders of valid and deliberately hostile documents for the extraction tests and benchmark.

Valid office files are made with the libraries that read them (python-docx, openpyxl,
python-pptx). PDFs are written by hand (``pdf_bytes``): a Type0/Identity-H font with a ToUnicode
map, so any text — English or Chinese — lands in a real text layer with no font file; optional
RC4 encryption (standard security handler, revision 2) with a user password, since no installed
library writes encrypted PDFs; and image-only pages, as a scanner makes them. ``hostile_cases()``
lists the named corpus: each case writes one file and says which error ``kind`` it must give.
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import struct
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# --- PDF ------------------------------------------------------------------------------------

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


@dataclass
class _Encryption:
    """Standard security handler, V1/R2 (40-bit RC4): PDF 1.7 §7.6.3, algorithms 2, 3, 4."""

    user_password: str
    owner_password: str
    file_id: bytes
    permissions: int = -4

    def __post_init__(self) -> None:
        def padded(password: str) -> bytes:
            return (password.encode("latin-1") + _PAD)[:32]

        owner_key = hashlib.md5(padded(self.owner_password or self.user_password)).digest()[:5]
        self.o_value = rc4(owner_key, padded(self.user_password))
        self.key = hashlib.md5(padded(self.user_password) + self.o_value + struct.pack("<i", self.permissions)
                               + self.file_id).digest()[:5]
        self.u_value = rc4(self.key, _PAD)

    def encrypt(self, number: int, data: bytes) -> bytes:
        object_key = hashlib.md5(self.key + struct.pack("<I", number)[:3] + b"\x00\x00").digest()[:10]
        return rc4(object_key, data)

    def dictionary(self) -> bytes:
        return (b"<< /Filter /Standard /V 1 /R 2 /O <" + self.o_value.hex().encode() + b"> /U <"
                + self.u_value.hex().encode() + b"> /P " + str(self.permissions).encode() + b" >>")


def pdf_bytes(pages: Sequence[str | None], *, user_password: str | None = None,
              owner_password: str = "owner") -> bytes:
    """A PDF with one page per item: the string's lines as text, or ``None`` for a page that
    holds only an image (a scan). ``user_password`` encrypts it (``""``: encrypted, opens
    without a password)."""
    chars = sorted({ch for page in pages if page for ch in page if ch != "\n"})
    cid = {ch: index + 1 for index, ch in enumerate(chars)}
    file_id = hashlib.md5(repr(pages).encode()).digest()
    crypt = _Encryption(user_password, owner_password, file_id) if user_password is not None else None
    objects: dict[int, bytes] = {}
    streams: dict[int, bytes] = {}
    page_ids = []
    next_id = 7
    for text in pages:
        page_id, content_id = next_id, next_id + 1
        next_id += 2
        page_ids.append(page_id)
        if text is None:
            streams[content_id] = b"q 400 0 0 400 100 200 cm /Im1 Do Q"
        else:
            ops = [b"BT /F1 12 Tf 14 TL 72 760 Td"]
            for line in text.split("\n"):
                ops.append(b"<" + "".join(f"{cid[ch]:04X}" for ch in line).encode() + b"> Tj T*")
            ops.append(b"ET")
            streams[content_id] = b"\n".join(ops)
        objects[page_id] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents "
                            + str(content_id).encode() + b" 0 R /Resources << /Font << /F1 3 0 R >> "
                            b"/XObject << /Im1 6 0 R >> >> >>")
    objects[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[2] = (b"<< /Type /Pages /Count " + str(len(page_ids)).encode() + b" /Kids ["
                  + b" ".join(f"{p} 0 R".encode() for p in page_ids) + b"] >>")
    objects[3] = (b"<< /Type /Font /Subtype /Type0 /BaseFont /BauhiniaTest /Encoding /Identity-H "
                  b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>")
    objects[4] = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /BauhiniaTest /CIDToGIDMap /Identity "
                  b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>")
    bfchar = b"\n".join(f"<{cid[ch]:04X}> <{ch.encode('utf-16-be').hex().upper()}>".encode() for ch in chars)
    streams[5] = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bauhinia def "
                  b"/CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange "
                  + str(len(chars)).encode() + b" beginbfchar\n" + bfchar + b"\nendbfchar endcmap "
                  b"CMapName currentdict /CMap defineresource pop end end")
    image = bytes(random.Random(7).randrange(256) for _ in range(64 * 64))
    streams[6] = image
    image_dict = b"/Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted({*objects, *streams}):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode()
        if number in streams:
            data = streams[number]
            if crypt is not None:
                data = crypt.encrypt(number, data)
            extra = image_dict if number == 6 else b""
            out += b"<< " + extra + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"
        else:
            out += objects[number]
        out += b"\nendobj\n"
    size = max(offsets) + 1
    trailer_extra = b""
    if crypt is not None:
        offsets[size] = len(out)
        out += f"{size} 0 obj\n".encode() + crypt.dictionary() + b"\nendobj\n"
        trailer_extra = f" /Encrypt {size} 0 R".encode()
        size += 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += (b"trailer\n<< /Size " + str(size).encode() + b" /Root 1 0 R" + trailer_extra + b" /ID [<"
            + file_id.hex().encode() + b"> <" + file_id.hex().encode() + b">] >>\nstartxref\n"
            + str(xref).encode() + b"\n%%EOF\n")
    return bytes(out)


# --- office files -----------------------------------------------------------------------------


def docx_bytes(blocks: Sequence[str | list[list[str]]], *, page_break_after: Sequence[int] = ()) -> bytes:
    """A DOCX of paragraphs (strings) and tables (lists of rows), in order; a hard page break
    follows each block whose index is in ``page_break_after``."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for index, block in enumerate(blocks):
        if isinstance(block, str):
            paragraph = document.add_paragraph(block)
            if index in page_break_after:
                paragraph.add_run().add_break(WD_BREAK.PAGE)
        else:
            table = document.add_table(rows=len(block), cols=max(len(row) for row in block))
            for r, row in enumerate(block):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def pptx_bytes(slides: Sequence[tuple[str, str]], *, notes: Sequence[str] = ()) -> bytes:
    """Slides of (title, body); ``notes[i]`` becomes slide i's speaker notes."""
    from pptx import Presentation

    presentation = Presentation()
    for index, (title, body) in enumerate(slides):
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = body
        if index < len(notes):
            slide.notes_slide.notes_text_frame.text = notes[index]
    stream = io.BytesIO()
    presentation.save(stream)
    return stream.getvalue()


def replace_member(archive: bytes, name: str, data: bytes) -> bytes:
    """The zip ``archive`` with member ``name`` replaced (or added)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
        target.writestr(name, data)
    return out.getvalue()


def zeros_member(archive: bytes, name: str, size: int) -> bytes:
    """Add a member of ``size`` zero bytes, streamed (a classic zip bomb member)."""
    out = io.BytesIO(archive)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as target, target.open(name, "w", force_zip64=True) as member:
        chunk = bytes(1 << 20)
        for _ in range(size >> 20):
            member.write(chunk)
    return out.getvalue()


def lying_sizes(archive: bytes, name: str) -> bytes:
    """Rewrite ``name``'s declared uncompressed size (local header and central directory) to 10
    bytes, so the directory looks harmless while the stream inflates to far more."""
    data = bytearray(archive)
    encoded = name.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            length = struct.unpack_from("<H", data, start + 28 if signature == b"PK\x01\x02" else start + 26)[0]
            if data[start + name_offset:start + name_offset + length] == encoded:
                struct.pack_into("<I", data, start + size_offset, 10)
            start += 4
    return bytes(data)


LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
          + b"".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
                     for i in range(1, 10))
          + b']>\n<lolz>&lol9;</lolz>\n')
XXE = b'<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<d>&x;</d>\n'


def with_dtd(archive: bytes, member: str, payload: bytes = LAUGHS) -> bytes:
    """``member`` (an XML part) rewritten to start with ``payload``'s DTD before its own root."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        original = source.read(member)
    body = original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original
    dtd = payload.split(b"]>", 1)[0] + b"]>"
    return replace_member(archive, member, dtd.replace(b"<!DOCTYPE lolz", b"<!DOCTYPE root")
                          .replace(b"<!DOCTYPE d", b"<!DOCTYPE root") + body)


# --- the corpus ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    file_name: str
    build: Callable[[], bytes]
    kind: str  # the DocumentError kind it must give


def _valid_docx() -> bytes:
    return docx_bytes(["Circular 1/2026", [["a", "b"]]])


def _valid_xlsx() -> bytes:
    return xlsx_bytes({"Budget": [["item", "cost"], ["PCs", 3]]})


def _valid_pptx() -> bytes:
    return pptx_bytes([("Title", "Body")])


def hostile_cases() -> list[Case]:
    english = pdf_bytes(["Hello world\nsecond line", "page two"])
    return [
        Case("docx_bomb_ratio", "bomb.docx", lambda: zeros_member(_valid_docx(), "word/media/zeros.bin", 8 << 20),
             "zip_bomb"),
        Case("xlsx_bomb_ratio", "bomb.xlsx", lambda: zeros_member(_valid_xlsx(), "xl/media/zeros.bin", 8 << 20),
             "zip_bomb"),
        Case("pptx_bomb_ratio", "bomb.pptx", lambda: zeros_member(_valid_pptx(), "ppt/media/zeros.bin", 8 << 20),
             "zip_bomb"),
        Case("docx_lying_sizes", "lying.docx",
             lambda: lying_sizes(replace_member(_valid_docx(), "word/document.xml",
                                                _docx_document_xml(200_000)), "word/document.xml"), "malformed"),
        Case("docx_billion_laughs", "laughs.docx", lambda: with_dtd(_valid_docx(), "word/document.xml"),
             "xml_entities"),
        Case("docx_xxe", "xxe.docx", lambda: with_dtd(_valid_docx(), "word/document.xml", XXE), "xml_entities"),
        Case("xlsx_billion_laughs", "laughs.xlsx", lambda: with_dtd(_valid_xlsx(), "xl/workbook.xml"),
             "xml_entities"),
        Case("pptx_billion_laughs", "laughs.pptx", lambda: with_dtd(_valid_pptx(), "ppt/presentation.xml"),
             "xml_entities"),
        Case("docx_not_zip", "plain.docx", lambda: b"this is not a zip archive", "malformed"),
        Case("docx_truncated", "cut.docx", lambda: _valid_docx()[:2000], "malformed"),
        Case("xlsx_is_docx", "wrong.xlsx", _valid_docx, "malformed"),
        Case("pdf_truncated", "cut.pdf", lambda: english[: len(english) // 3], "malformed"),
        Case("pdf_garbage", "garbage.pdf", lambda: b"%PDF-1.7\n" + random.Random(3).randbytes(4000), "malformed"),
        Case("pdf_not_pdf", "letter.pdf", lambda: b"Dear Sir,\nthis is text.\n", "malformed"),
        Case("pdf_password", "secret.pdf", lambda: pdf_bytes(["top secret"], user_password="s3cret"), "encrypted"),
        Case("pdf_scanned", "scan.pdf", lambda: pdf_bytes([None, None]), "no_text"),
        Case("txt_binary", "random.txt", lambda: random.Random(5).randbytes(5000), "encoding"),
        Case("txt_nul", "nul.txt", lambda: b"abc\x00def" * 100, "encoding"),
        Case("empty_docx", "empty.docx", lambda: b"", "empty"),
        Case("empty_txt", "empty.txt", lambda: b"", "empty"),
        Case("unknown_extension", "program.exe", lambda: b"MZ\x90\x00", "unsupported"),
    ]


def _docx_document_xml(paragraphs: int) -> bytes:
    body = b"<w:p><w:r><w:t>lorem ipsum dolor sit amet</w:t></w:r></w:p>" * paragraphs
    return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
            b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + body + b"</w:body></w:document>")


def write(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


def write_case(directory: Path, case: Case) -> Path:
    return write(directory, case.file_name, case.build())


__all__ = ["Case", "docx_bytes", "hostile_cases", "os", "pdf_bytes", "pptx_bytes", "write", "write_case", "xlsx_bytes"]
