"""Reading exported records back as users' tools would: python-docx, pypdfium2, ``sha256sum -c``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
from docx import Document


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def sha256sum_check(manifest: Path) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("sha256sum")
    assert tool, "coreutils sha256sum is needed to check the manifest as users will"
    return subprocess.run([tool, "-c", manifest.name], cwd=manifest.parent, capture_output=True, text=True,
                          check=False, timeout=60)
