"""A task preset's reference documents in a turn: read like attachments, remembered per process.

They go through the attachments' own path (:func:`app.documents.extract.extract`: the parsing
process, ``documents.max_file_mb``); :func:`app.documents.retrieval_turn.turn_documents` puts them
after the user's attachments, under the same budget (whole text, or the best passages) and
numbering. A reference that cannot be read is one translated line naming the preset and the file;
the turn goes on without it. The text is cached per (path, size, modification time, size limit)
within the process (bounded: :class:`DocumentCache`), so a preset used all day is parsed once.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from app.documents.errors import DocumentError
from app.documents.extract import extract
from app.documents.model import Document, ExtractLimits
from app.documents.sandbox import ParserProcess
from app.i18n import tr

CONTEXT = "Presets"
CacheKey = tuple[str, int, int, int]


@dataclass(frozen=True)
class References:
    """The reference documents a turn gets from its preset: ``owner`` (the preset's name, for
    messages) and the files' paths."""

    owner: str
    paths: tuple[str, ...]


class DocumentCache:
    """Extracted documents by (absolute path, size, mtime in ns, size limit): the least recently
    used go first beyond ``max_entries`` documents or ``max_chars`` characters of text."""

    def __init__(self, max_entries: int = 16, max_chars: int = 20_000_000) -> None:
        self.max_entries = max_entries
        self.max_chars = max_chars
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[CacheKey, Document] = OrderedDict()
        self._lock = threading.Lock()  # the window reads on its jobs thread, ask on its main thread

    @staticmethod
    def key(path: str, limits: ExtractLimits) -> CacheKey | None:
        try:
            info = os.stat(path)
        except OSError:
            return None  # extract() says why, in the user's words
        return os.path.abspath(path), info.st_size, info.st_mtime_ns, limits.max_file_bytes

    def get(self, key: CacheKey | None) -> Document | None:
        with self._lock:
            found = self._items.get(key) if key is not None else None
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)  # type: ignore[arg-type]
            self.hits += 1
            return found

    def put(self, key: CacheKey | None, document: Document) -> None:
        if key is None or len(document.text) > self.max_chars:
            return
        with self._lock:
            self._items[key] = document
            self._items.move_to_end(key)
            while len(self._items) > self.max_entries or self._chars() > self.max_chars:
                self._items.popitem(last=False)

    def _chars(self) -> int:
        return sum(len(d.text) for d in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        """Forget every document (and the counts)."""
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0


CACHE = DocumentCache()


def not_used_line(owner: str, path: str, reason: str) -> str:
    """The one line for a reference document that was left out of the turn."""
    return (tr(CONTEXT, "Task \u201c%1\u201d: the reference document %2 was not used: %3")
            .replace("%1", owner).replace("%2", os.path.basename(path) or path).replace("%3", reason))


def read_references(references: References, limits: ExtractLimits, warn: Callable[[str], None],
                    cache: DocumentCache = CACHE) -> list[tuple[str, Document]]:
    """``(absolute path, document)`` of each reference that could be read; one ``warn`` line for
    each that could not. The parsing process is started only when one is not cached."""
    documents: list[tuple[str, Document]] = []
    with contextlib.ExitStack() as stack:
        parser: ParserProcess | None = None
        for path in dict.fromkeys(references.paths):
            key = cache.key(path, limits)
            document = cache.get(key)
            if document is None:
                if parser is None:
                    parser = stack.enter_context(ParserProcess(limits))
                try:
                    document = extract(path, limits, parser=parser)
                except DocumentError as exc:
                    warn(not_used_line(references.owner, path, exc.describe()))
                    continue
                cache.put(key, document)
            documents.append((os.path.abspath(path), document))
    return documents


_TOLD_OFF: set[str] = set()


def tell_disabled_once(owner: str, warn: Callable[[str], None]) -> None:
    """Documents are off by policy: the preset's references are not used, said once per process."""
    if owner in _TOLD_OFF:
        return
    _TOLD_OFF.add(owner)
    warn(tr(CONTEXT, "Documents are turned off by your organisation's policy, so the reference documents of "
                     "\u201c%1\u201d are not used.").replace("%1", owner))
