"""Read an IT glossary: CSV or TSV with ``en``, ``zh_HK``, ``zh_CN`` columns and an optional ``note``.

* Encoding: UTF-8 with or without a byte-order mark, or UTF-16 with one (Excel's "Unicode text").
* Delimiter: taken from the header line — a tab, else ``;`` when the header has no comma, else ``,``.
  Quoting follows the ``csv`` module (Excel's dialect), so a term may hold the delimiter.
* Bounded: a file over ``MAX_FILE_BYTES``, more than ``MAX_ENTRIES`` rows or a cell over
  ``MAX_CELL_CHARS`` is refused with a one-line, translated error naming the file and line.
* Blank lines and lines whose first cell starts with ``#`` are skipped; column names are matched
  without regard to case, ``-`` or ``_`` (``zh-HK`` works). A row needs at least two of the three
  languages, or it could neither be matched nor rendered.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable
from pathlib import Path

from app.glossary.entries import LANGUAGES, GlossaryEntry, GlossaryError
from app.i18n import tr

CONTEXT = "Glossary"
MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_ENTRIES = 100_000
MAX_CELL_CHARS = 1000
SUFFIXES = (".csv", ".tsv", ".txt")

_COLUMN_NAMES = {"en": "en", "zhhk": "zh_HK", "zhcn": "zh_CN", "note": "note"}


def _error(path: Path, line: int, problem: str) -> GlossaryError:
    text = (tr(CONTEXT, "Glossary {file}, line {line}: {problem}") if line
            else tr(CONTEXT, "Glossary {file}: {problem}"))
    return GlossaryError(text.format(file=path.name, line=line, problem=problem))


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _error(path, 0, tr(CONTEXT, "cannot be read ({error})").format(error=exc.strerror or exc)) from exc
    if len(data) > MAX_FILE_BYTES:
        raise _error(path, 0, tr(CONTEXT, "larger than {size} MB").format(size=MAX_FILE_BYTES // (1024 * 1024)))
    return data


def _decode(path: Path, data: bytes) -> str:
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _error(path, line, tr(CONTEXT, "not UTF-8 text; save the file as UTF-8 (CSV UTF-8)")) from exc
    if "\x00" in text:
        raise _error(path, text[: text.index("\x00")].count("\n") + 1, tr(CONTEXT, "contains a NUL character"))
    return text


def _delimiter(header: str) -> str:
    if "\t" in header:
        return "\t"
    if ";" in header and "," not in header:
        return ";"
    return ","


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _COLUMN_NAMES.get(name.strip().lower().replace("-", "").replace("_", ""))
        if key is not None:
            if key in columns:
                raise _error(path, 1, tr(CONTEXT, "the column '{name}' appears twice").format(name=key))
            columns[key] = index
    missing = [lang for lang in LANGUAGES if lang not in columns]
    if missing:
        problem = tr(CONTEXT, "the header needs the columns en, zh_HK and zh_CN (missing: {names})")
        raise _error(path, 1, problem.format(names=", ".join(missing)))
    return columns


def parse_glossary(path: Path, text: str) -> list[GlossaryEntry]:
    """Entries of a glossary whose decoded text is ``text`` (``path`` names it in errors)."""
    lines = text.splitlines(keepends=True)
    if not lines or not lines[0].strip():
        raise _error(path, 1, tr(CONTEXT, "the first line must be the header (en, zh_HK, zh_CN, note)"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[0]), strict=True)
    entries: list[GlossaryEntry] = []
    try:
        header = next(reader)
        columns = _columns(path, header)
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
                continue
            entries.append(_entry(path, line, row, columns))
            if len(entries) > MAX_ENTRIES:
                raise _error(path, line, tr(CONTEXT, "more than {count} entries").format(count=MAX_ENTRIES))
    except csv.Error as exc:
        raise _error(path, reader.line_num, tr(CONTEXT, "malformed CSV ({error})").format(error=exc)) from exc
    return entries


def _entry(path: Path, line: int, row: list[str], columns: dict[str, int]) -> GlossaryEntry:
    cells: dict[str, str] = {}
    for key, index in columns.items():
        value = " ".join(row[index].split()) if index < len(row) else ""
        if len(value) > MAX_CELL_CHARS:
            problem = tr(CONTEXT, "the {column} cell is longer than {count} characters")
            raise _error(path, line, problem.format(column=key, count=MAX_CELL_CHARS))
        cells[key] = value
    if sum(1 for lang in LANGUAGES if cells[lang]) < 2:
        raise _error(path, line, tr(CONTEXT, "a term needs at least two of en, zh_HK and zh_CN"))
    return GlossaryEntry(cells["en"], cells["zh_HK"], cells["zh_CN"], cells.get("note", ""), path.name, line)


def read_glossary_file(path: Path) -> list[GlossaryEntry]:
    """Entries of one CSV/TSV glossary file; ``GlossaryError`` with a one-line message otherwise."""
    return parse_glossary(path, _decode(path, _read_bytes(path)))


def glossary_files(location: Path) -> list[Path]:
    """``location`` itself when it is a file, else the ``.csv``/``.tsv``/``.txt`` files in the folder,
    sorted by name (an earlier file wins a term both define)."""
    if location.is_dir():
        try:
            return sorted(p for p in location.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
        except OSError as exc:
            raise _error(location, 0, tr(CONTEXT, "cannot be read ({error})").format(
                error=exc.strerror or exc)) from exc
    if not location.exists():
        raise _error(location, 0, tr(CONTEXT, "does not exist"))
    return [location]


def read_entries(locations: Iterable[Path]) -> list[GlossaryEntry]:
    """All entries of the glossary files at ``locations`` (files or folders), in order."""
    entries: list[GlossaryEntry] = []
    for location in locations:
        for path in glossary_files(location):
            entries.extend(read_glossary_file(path))
    return entries
