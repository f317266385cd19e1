"""Which format a file is, and the checks made on its bytes before any parser sees them.

The extension names the format; the first bytes must agree (a ``.pdf`` that is not a PDF is
``malformed``, never handed to another parser). For the OOXML formats (DOCX, XLSX, PPTX) the zip
directory is checked *before* anything is decompressed: member count, the declared uncompressed
total and each large member's ratio. The declared sizes cannot be exceeded afterwards:
``zipfile`` stops each member at its declared size and fails its CRC check, and every OOXML
reader used here goes through ``zipfile``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from app.documents.errors import DocumentError
from app.documents.model import ExtractLimits

EXTENSIONS: dict[str, str] = {
    ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".pptx": "pptx",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".txt": "txt", ".text": "txt", ".md": "md",
    ".markdown": "md",
}
OOXML_MAIN: dict[str, str] = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
_PDF_HEADER_WINDOW = 1024  # readers accept junk before %PDF- within the first KiB


def format_for(name: str | PurePath) -> str:
    """The format of a file name, or :class:`DocumentError` ``unsupported``."""
    fmt = EXTENSIONS.get(PurePath(name).suffix.lower())
    if fmt is None:
        raise DocumentError("unsupported", f"no reader for {PurePath(name).suffix or 'files without extension'}")
    return fmt


def is_supported(name: str | PurePath) -> bool:
    return PurePath(name).suffix.lower() in EXTENSIONS


def check_bytes(data: bytes, fmt: str, limits: ExtractLimits) -> None:
    """Refuse bytes that do not look like ``fmt``, and zip bombs; cheap, nothing is parsed."""
    if fmt == "pdf":
        if b"%PDF-" not in data[:_PDF_HEADER_WINDOW]:
            raise DocumentError("malformed", "no %PDF- header")
    elif fmt in OOXML_MAIN:
        check_zip(data, OOXML_MAIN[fmt], limits)


def check_zip(data: bytes, main_member: str, limits: ExtractLimits) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise DocumentError("malformed", "not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise DocumentError("malformed", f"zip directory unreadable: {exc}") from exc
    if len(members) > limits.max_members:
        raise DocumentError("zip_bomb", f"{len(members)} members (limit {limits.max_members})")
    total = 0
    for member in members:
        total += member.file_size
        if total > limits.max_unpacked_bytes:
            raise DocumentError("zip_bomb", f"declared uncompressed size over {limits.max_unpacked_bytes} bytes")
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > limits.ratio_floor_bytes and ratio > limits.max_member_ratio:
            raise DocumentError("zip_bomb", f"{member.filename}: ratio {ratio:.0f}")
    if main_member not in {m.filename for m in members}:
        raise DocumentError("malformed", f"no {main_member} in the archive")


_DTD_MARKERS: tuple[bytes, ...] = tuple(
    marker.encode(codec) for marker in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be")
)


def refuse_dtds(archive: zipfile.ZipFile) -> None:
    """OOXML parts never carry a DTD; one that does is an entity-expansion or external-entity
    attempt. Streams each XML member (sizes already bounded by :func:`check_zip`)."""
    overlap = max(len(m) for m in _DTD_MARKERS)
    for member in archive.infolist():
        if not member.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        tail = b""
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 16):
                window = tail + chunk
                if any(marker in window for marker in _DTD_MARKERS):
                    raise DocumentError("xml_entities", f"{member.filename} declares a DTD")
                tail = window[-overlap:]
