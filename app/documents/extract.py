"""``extract(path, limits)``: the text of one document, or a typed reason why not.

The parent reads the file once (bounded by ``max_file_bytes``), hashes exactly those bytes,
checks them (format signature, zip directory) and hands them to the parsing child; the file is
not opened again, so a file changed or deleted meanwhile cannot make the text and the hash
disagree.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from app.documents.errors import DocumentError
from app.documents.formats import check_bytes, format_for
from app.documents.model import MIB, Document, ExtractLimits
from app.documents.sandbox import ParserProcess


def read_document_bytes(path: str | os.PathLike[str], limits: ExtractLimits) -> bytes:
    """The file's bytes; ``missing``/``unreadable``/``empty``/``too_large`` as typed errors.
    Opens non-blocking, so a FIFO or device cannot hang the caller."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise DocumentError("missing", str(exc)) from exc
    except OSError as exc:  # permission, a directory (Windows), a name too long, …
        raise DocumentError("unreadable", str(exc)) from exc
    too_large = str(limits.max_file_bytes // MIB)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError("unreadable", "not a regular file")
        if info.st_size > limits.max_file_bytes:
            raise DocumentError("too_large", f"{info.st_size} bytes", too_large)
        if getattr(os, "O_NONBLOCK", 0):  # POSIX: a regular file; reads block as usual again
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as stream:
            fd = -1
            data = stream.read(limits.max_file_bytes + 1)
    except OSError as exc:
        raise DocumentError("unreadable", str(exc)) from exc
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limits.max_file_bytes:  # it grew while we read
        raise DocumentError("too_large", f"over {limits.max_file_bytes} bytes", too_large)
    if not data:
        raise DocumentError("empty", "0 bytes")
    return data


def extract(path: str | os.PathLike[str], limits: ExtractLimits | None = None, *,
            parser: ParserProcess | None = None) -> Document:
    """The text of the document at ``path``. ``parser`` reuses a running child (an indexer
    passes one for many files; its own ``memory_bytes`` applies, the rest of ``limits`` per
    file); without it a child is started and ended for this file.
    Raises :class:`DocumentError` (``kind`` says why) and nothing else for bad input."""
    limits = limits or (parser.limits if parser is not None else ExtractLimits())
    fmt = format_for(os.fspath(path))
    data = read_document_bytes(path, limits)
    check_bytes(data, fmt, limits)
    if parser is None:
        with ParserProcess(limits) as own:
            parsed = own.parse(data, fmt)
    else:
        parsed = parser.parse(data, fmt, limits)
    return Document(file_name=Path(path).name, sha256=hashlib.sha256(data).hexdigest(), format=fmt,
                    size=len(data), pages=tuple(parsed.pages), warnings=tuple(dict.fromkeys(parsed.notices)),
                    encoding=parsed.encoding)
