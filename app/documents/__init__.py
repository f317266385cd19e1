"""Document text extraction (Qt-free): formats, encodings, the parsing sandbox and chunking.

    from app.documents import extract, ExtractLimits, DocumentError, chunk_pages
    doc = extract(path, ExtractLimits.from_megabytes(50))
    for passage in chunk_pages(doc.pages, target_tokens=256): ...
"""

from app.documents.chunking import Passage, chunk_pages, estimate_tokens
from app.documents.encoding import decode_text
from app.documents.errors import KINDS, NOTICE_KINDS, DocumentError, Notice, describe
from app.documents.extract import extract, read_document_bytes
from app.documents.formats import EXTENSIONS, format_for, is_supported
from app.documents.model import FORMATS, Document, ExtractLimits, Page
from app.documents.sandbox import ParserProcess

__all__ = [
    "EXTENSIONS", "FORMATS", "KINDS", "NOTICE_KINDS", "Document", "DocumentError", "ExtractLimits", "Notice", "Page",
    "ParserProcess", "Passage", "chunk_pages", "decode_text", "describe", "estimate_tokens", "extract", "format_for",
    "is_supported", "read_document_bytes",
]
