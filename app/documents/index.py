"""The library indexer: add files or folders, then bring the index up to date file by file.

One :class:`ParserProcess` is reused for every file. Each file is committed on its own (its
passages and its ``indexed`` row in one transaction), so a killed or restarted indexer skips
the files it finished: a file is re-read only when its size or modification time differ from
its row, and re-chunked only when its SHA-256 differs too. Files that vanished from a folder
are removed from the index. Bad files are recorded with their error kind; the rest continue.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.documents.chunking import chunk_pages
from app.documents.embeddings import Embedder
from app.documents.errors import DocumentError
from app.documents.extract import extract, read_document_bytes
from app.documents.formats import format_for, is_supported
from app.documents.library import DocumentRow, FileState, Library
from app.documents.model import ExtractLimits
from app.documents.sandbox import ParserProcess
from app.documents.vector_search import embed_missing

PASSAGE_TOKENS = 256
# Reasons that may not hold next time (a reader killed by load, a share briefly away): such a
# file is tried again on every sync even when it did not change.
TRANSIENT = frozenset({"timeout", "memory", "crashed", "unreadable", "missing"})


@dataclass(frozen=True)
class Progress:
    """After each file: ``done`` of ``total`` files, pages read so far, rate and estimate."""

    done: int
    total: int
    path: str
    pages: int
    pages_per_s: float
    eta_s: float | None
    error: DocumentError | None = None


@dataclass
class IndexReport:
    extracted: int = 0  # files parsed (new or changed content)
    unchanged: int = 0  # skipped: same size and time, or same hash
    removed: int = 0
    pages: int = 0
    errors: list[tuple[str, DocumentError]] = field(default_factory=list)
    embedded: int = 0  # passages given a vector (with an embedding model)
    cancelled: bool = False  # stopped between two files; a later sync finishes the rest


@dataclass(frozen=True)
class Target:
    path: str
    source: str  # 'user' | 'policy'
    root: str | None


def _state(path: str) -> FileState | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return FileState(size=info.st_size, mtime_ns=info.st_mtime_ns)


def walk(folder: str) -> Iterator[str]:
    """Supported files under ``folder``, sorted; unreadable sub-folders are skipped."""
    for dirpath, dirnames, filenames in os.walk(folder, onerror=lambda _e: None):
        dirnames.sort()
        for name in sorted(filenames):
            if is_supported(name):
                yield os.path.join(dirpath, name)


def absolute(path: str | os.PathLike[str]) -> str:
    return os.path.abspath(os.fspath(path))


class Indexer:
    """Indexes into ``library`` under ``limits``; ``policy_folders`` are IT's shared folders."""

    def __init__(self, library: Library, limits: ExtractLimits, *, policy_folders: Sequence[str] = (),
                 progress: Callable[[Progress], None] | None = None,
                 clock: Callable[[], float] = time.monotonic, embedder: Embedder | None = None,
                 embed_progress: Callable[[int, int], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> None:
        self.library = library
        self.limits = limits
        self.policy_folders = [absolute(p) for p in policy_folders]
        self.progress = progress
        self.clock = clock
        self.embedder = embedder
        self.embed_progress = embed_progress  # (passages embedded, to embed) after each batch
        self.parser: ParserProcess | None = None
        self.cancel = cancel  # asked before each file: True stops the run (finished files stay indexed)

    # -- what to index -----------------------------------------------------------------------
    def add(self, paths: Iterable[str | os.PathLike[str]]) -> IndexReport:
        """Register files and folders (folders are remembered for later syncs), then index them."""
        targets: list[Target] = []
        for raw in paths:
            path = absolute(raw)
            if os.path.isdir(path):
                self.library.add_folder(path)
                targets.extend(Target(p, "user", path) for p in walk(path))
            else:
                targets.append(Target(path, "user", None))
        for t in targets:
            self.library.mark_pending(t.path, source=t.source, root=t.root)
        return self._run(targets, removed=0)

    def sync(self) -> IndexReport:
        """Bring everything up to date: folders rescanned (new files added, vanished ones
        removed), single files re-checked, pending files (an interrupted run) finished."""
        known = {row.path: row for row in self.library.documents()}
        targets: dict[str, Target] = {}
        for source, folders in (("policy", self.policy_folders), ("user", self.library.folders())):
            for folder in folders:
                for p in walk(folder):
                    targets.setdefault(p, Target(p, source, folder))
        for row in known.values():
            if row.path in targets:
                continue
            in_policy = row.source == "policy" and row.root in self.policy_folders
            in_user = row.source == "user" and (row.root is None or row.root in self.library.folders())
            if (in_policy or in_user) and os.path.exists(row.path) and row.root is None:
                targets[row.path] = Target(row.path, row.source, None)
        gone = [path for path in known if path not in targets]
        removed = self.library.remove(gone)
        return self._run(list(targets.values()), removed=removed, known=known)

    # -- indexing ----------------------------------------------------------------------------
    def _run(self, targets: list[Target], *, removed: int, known: dict[str, DocumentRow] | None = None) -> IndexReport:
        report = IndexReport(removed=removed)
        if known is None:
            known = {row.path: row for row in self.library.documents()}
        started = self.clock()
        try:
            for n, target in enumerate(targets, 1):
                if self.cancel is not None and self.cancel():
                    report.cancelled = True
                    break
                error = self._one(target, known.get(target.path), report)
                elapsed = max(self.clock() - started, 1e-9)
                rate = report.pages / elapsed
                remaining = len(targets) - n
                eta = elapsed / n * remaining if n else None
                if self.progress is not None:
                    self.progress(Progress(n, len(targets), target.path, report.pages, rate, eta, error))
        finally:
            self.close()
        # New passages, and old ones when the model was just named.
        if self.embedder is not None and not report.cancelled:
            report.embedded = embed_missing(self.library.store, self.embedder, progress=self.embed_progress)
        return report

    def _one(self, target: Target, row: DocumentRow | None, report: IndexReport) -> DocumentError | None:
        state = _state(target.path)
        fmt = format_for(target.path) if is_supported(target.path) else None
        if (row is not None and state is not None and row.error_kind not in TRANSIENT
                and row.status in ("indexed", "error")
                and (row.size, row.mtime_ns) == (state.size, state.mtime_ns)):
            report.unchanged += 1
            return None
        try:
            if state is None:
                raise DocumentError("missing", "gone before it was read")
            if row is not None and row.status == "indexed" and row.sha256:
                data = read_document_bytes(target.path, self.limits)
                if hashlib.sha256(data).hexdigest() == row.sha256:
                    self.library.save_unchanged(target.path, state)
                    report.unchanged += 1
                    return None
            if self.parser is None:
                self.parser = ParserProcess(self.limits)
            doc = extract(target.path, self.limits, parser=self.parser)
        except DocumentError as exc:
            report.extracted += 1
            report.errors.append((target.path, exc))
            self.library.save_error(target.path, state, exc.kind, exc.value, fmt=fmt, source=target.source,
                                    root=target.root)
            return exc
        passages = chunk_pages(doc.pages, target_tokens=PASSAGE_TOKENS)
        self.library.save_indexed(target.path, state, doc, passages, source=target.source, root=target.root)
        report.extracted += 1
        report.pages += len(doc.pages)
        return None

    def close(self) -> None:
        if self.parser is not None:
            self.parser.close()
            self.parser = None


def remove_paths(library: Library, paths: Iterable[str | os.PathLike[str]]) -> int:
    """Forget files, or folders and every file under them (a folder is no longer rescanned)."""
    count = 0
    rows = library.documents()
    for raw in paths:
        path = absolute(raw)
        library.remove_folder(path)
        prefix = path.rstrip(os.sep) + os.sep
        count += library.remove([r.path for r in rows if r.path == path or r.path.startswith(prefix)])
    return count


def policy_paths(folders: Iterable[str]) -> list[str]:
    """IT's folders with environment variables expanded; relative entries are ignored."""
    out = []
    for folder in folders:
        expanded = os.path.expandvars(folder)
        if Path(expanded).is_absolute():
            out.append(expanded)
    return out
