"""What extraction produces (:class:`Document`, :class:`Page`) and the limits it runs under."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.documents.errors import Notice

MIB = 1024 * 1024


@dataclass(frozen=True)
class ExtractLimits:
    """Bounds on one extraction. ``max_file_bytes`` is ``documents.max_file_mb`` in bytes; the
    zip figures are checked against the archive's directory before anything is decompressed."""

    max_file_bytes: int = 50 * MIB
    timeout_s: float = 60.0  # wall clock for the parsing child, start-up included
    memory_bytes: int = 1024 * MIB  # RLIMIT_AS of the parsing child (POSIX)
    max_unpacked_bytes: int = 256 * MIB  # all zip members together, as the directory declares
    max_member_ratio: float = 200.0  # uncompressed / compressed, for members over ratio_floor_bytes
    ratio_floor_bytes: int = 4 * MIB
    max_members: int = 10_000
    max_chars: int = 20_000_000  # text kept from one document; more is cut with a notice
    max_rows: int = 100_000  # per sheet (XLSX/CSV); more is cut with a notice

    @classmethod
    def from_megabytes(cls, max_file_mb: int, **overrides: object) -> ExtractLimits:
        return cls(max_file_bytes=max_file_mb * MIB, **overrides)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Page:
    """One page (PDF, DOCX rendered page), sheet (XLSX/CSV), slide (PPTX) or form-feed page
    (text). ``number`` counts from 1; ``title`` is the sheet name or slide title, if any."""

    number: int
    text: str
    title: str = ""


FORMATS: tuple[str, ...] = ("docx", "pdf", "xlsx", "csv", "pptx", "html", "txt", "md")
UNITS: dict[str, str] = {"docx": "page", "pdf": "page", "xlsx": "sheet", "csv": "sheet", "pptx": "slide",
                         "html": "page", "txt": "page", "md": "page"}


@dataclass(frozen=True)
class Document:
    """The text of one file. ``sha256`` is of the exact bytes that were parsed; ``encoding`` is
    set for text formats (TXT, MD, CSV, HTML)."""

    file_name: str
    sha256: str
    format: str
    size: int
    pages: tuple[Page, ...]
    warnings: tuple[Notice, ...] = field(default=())
    encoding: str = ""

    @property
    def unit(self) -> str:
        """What a page is for this format: ``page``, ``sheet`` or ``slide``."""
        return UNITS[self.format]

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages if p.text)
