"""Records-grade export of a conversation (DOCX, PDF) with a SHA-256 manifest beside the files.

:mod:`app.export.records` builds a Qt-free :class:`ExportRecord`; :mod:`app.export.docx_writer`
and the Qt adapter :mod:`app.export.pdf_qt` (imported lazily) render it; :mod:`app.export.service`
is the use-case (policy ban, audit record, files, manifest) the CLI and the window share.
"""

from app.export.records import ExportAttachment, ExportCitation, ExportMessage, ExportRecord, build_record

__all__ = ["ExportAttachment", "ExportCitation", "ExportMessage", "ExportRecord", "build_record"]
