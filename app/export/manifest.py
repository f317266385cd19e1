"""``<stem>.sha256`` beside exported files, in ``sha256sum`` format (``sha256sum -c`` checks it).

Exports of one conversation to ``rec.docx`` and ``rec.pdf`` share ``rec.sha256``: a new export
replaces its own line and keeps the lines of sibling files."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from app.store.private_files import write_private_text

_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_path(exported: Path) -> Path:
    return exported.with_name(exported.stem + ".sha256")


def read_manifest(path: Path) -> dict[str, str]:
    """File name → hash for the well-formed lines of an existing manifest."""
    entries: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return entries
    for line in text.splitlines():
        match = _LINE.match(line)
        if match:
            entries[match.group(2)] = match.group(1)
    return entries


def write_manifest(exported: Path, digest: str) -> Path:
    """Record ``exported``'s ``digest`` in its manifest; lines of siblings still present stay."""
    path = manifest_path(exported)
    entries = {name: h for name, h in read_manifest(path).items() if (exported.parent / name).is_file()}
    entries[exported.name] = digest
    write_private_text(path, "".join(f"{h}  {name}\n" for name, h in sorted(entries.items())))
    return path
