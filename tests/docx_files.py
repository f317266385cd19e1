"""Real DOCX files for tests (python-docx), one helper for every suite that needs them."""

from __future__ import annotations

from pathlib import Path

import docx


def write_docx(path: Path, *paragraphs: str) -> Path:
    """A DOCX at ``path`` holding ``paragraphs``, one paragraph each."""
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))
    return path
