"""Why a document could not be read, by ``kind``, in the interface language.

:class:`DocumentError` carries a machine-readable ``kind`` and an English ``detail`` (for logs
and tests); what a user reads is :func:`describe`, one translated sentence per kind. Warnings
about a document that *was* read (pages without text, a sheet cut at the row limit) are
:class:`Notice` objects, described the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.i18n import tr

Translate = Callable[[str, str], str]

CONTEXT = "Documents"


def _default_tr(context: str, text: str) -> str:
    return tr(context, text)


def _messages(tr: Translate) -> dict[str, str]:  # the parameter is named tr for the string extractor
    return {
        "missing": tr(CONTEXT, "The file no longer exists."),
        "unreadable": tr(CONTEXT, "The file could not be read. Check that you are allowed to open it."),
        "empty": tr(CONTEXT, "The file is empty."),
        "too_large": tr(CONTEXT, "The file is larger than the %1 MB limit for documents."),
        "unsupported": tr(CONTEXT, "This kind of file is not supported. Use DOCX, PDF, XLSX, CSV, PPTX, HTML, "
                                   "TXT or MD."),
        "zip_bomb": tr(CONTEXT, "The file would expand to far more data than it holds (a possible zip bomb), "
                                "so it was not opened."),
        "xml_entities": tr(CONTEXT, "The file contains XML entity declarations, which documents never need "
                                    "(a possible attack), so it was not opened."),
        "malformed": tr(CONTEXT, "The file is damaged or is not the kind of file its name says."),
        "encrypted": tr(CONTEXT, "The PDF is protected by a password. Save an unprotected copy and try again."),
        "no_text": tr(CONTEXT, "The PDF has no text layer (it is probably scanned); OCR is not supported."),
        "encoding": tr(CONTEXT, "The file is not text in a known encoding (UTF-8, UTF-16, Big5-HKSCS or GB18030)."),
        "timeout": tr(CONTEXT, "Reading the file took too long, so it was stopped."),
        "memory": tr(CONTEXT, "Reading the file needed too much memory, so it was stopped."),
        "crashed": tr(CONTEXT, "The document reader stopped unexpectedly on this file."),
    }


def _notices(tr: Translate) -> dict[str, str]:
    return {
        "pages_without_text": tr(CONTEXT, "Some pages have no text layer and were skipped: %1."),
        "rows_cut": tr(CONTEXT, "The sheet is too large; only its first %1 rows were read."),
        "text_cut": tr(CONTEXT, "The document is very long; only its first %1 characters were read."),
    }


KINDS: tuple[str, ...] = tuple(_messages(lambda _c, t: t))
NOTICE_KINDS: tuple[str, ...] = tuple(_notices(lambda _c, t: t))


class DocumentError(Exception):
    """A document that cannot be read. ``kind`` is one of :data:`KINDS`; ``value`` fills ``%1``
    in the user's sentence (a size limit); ``detail`` is English for logs."""

    def __init__(self, kind: str, detail: str = "", value: str = "") -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown document error kind {kind!r}")
        super().__init__(detail or kind)
        self.kind = kind
        self.detail = detail or kind
        self.value = value

    def describe(self, tr: Translate | None = None) -> str:
        return describe(self.kind, self.value, tr)


@dataclass(frozen=True)
class Notice:
    """A warning about a document that was read: ``kind`` is one of :data:`NOTICE_KINDS`."""

    kind: str
    value: str = ""

    def describe(self, tr: Translate | None = None) -> str:
        return _notices(tr or _default_tr)[self.kind].replace("%1", self.value)


def describe(kind: str, value: str = "", tr: Translate | None = None) -> str:
    """The translated one-line reason for ``kind`` (``%1`` replaced by ``value``)."""
    return _messages(tr or _default_tr)[kind].replace("%1", value)
