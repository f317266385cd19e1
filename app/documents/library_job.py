"""Indexing the library as one use-case: ``bauhinia docs add/reindex`` and the window's library
manager both call :func:`index_library`; the window's folder list comes from :func:`folder_rows`.

``index_library`` adds paths (``Indexer.add``) or brings everything up to date (``Indexer.sync``)
with the limits and IT's shared folders from the settings, reports progress after each file, stops
between two files when ``cancel()`` says so (finished files stay indexed, so the next run skips
them), then gives new passages their vectors when policy names an embedding model, and records
each newly indexed document in the audit log.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from app.documents.embeddings import Embedder
from app.documents.errors import describe
from app.documents.index import Indexer, IndexReport, Progress, policy_paths
from app.documents.library import DocumentRow, Library
from app.documents.model import ExtractLimits
from app.documents.vector_search import embed_missing
from app.typed_settings import get_int

Embedders = Callable[[], AbstractContextManager[Embedder | None]]


def policy_folders(settings: Any) -> list[str]:
    """IT's shared library folders (``documents.library_folders``), absolute."""
    return [os.path.abspath(p) for p in policy_paths(settings.get("documents.library_folders") or ())]


def index_library(settings: Any, library: Library, paths: Sequence[str] | None = None, *,
                  progress: Callable[[Progress], None] | None = None, cancel: Callable[[], bool] | None = None,
                  embedders: Embedders | None = None, embed_progress: Callable[[int, int], None] | None = None,
                  embed_only_new: bool = False, audit: Any = None) -> IndexReport:
    """Add ``paths`` (files or folders) and index them, or, with ``paths`` None, sync the whole
    library. ``embedders()`` opens the policy's embedding model for the vector step (after the
    files; with ``embed_only_new`` only when some file was read, so a refresh that found nothing
    new loads no model). ``audit`` (an ``AuditLog``) gets a ``DocumentAdded`` per newly indexed
    document; its ``AuditWriteError`` reaches the caller."""
    before = {r.path: r.sha256 for r in library.documents()}
    limits = ExtractLimits.from_megabytes(get_int(settings, "documents.max_file_mb"))
    indexer = Indexer(library, limits, policy_folders=policy_folders(settings), progress=progress, cancel=cancel)
    report = indexer.add(paths) if paths is not None else indexer.sync()
    if embedders is not None and not report.cancelled and (report.extracted or not embed_only_new):
        with embedders() as embedder:
            if embedder is not None:  # new passages, and old ones when the model was just named
                report.embedded = embed_missing(library.store, embedder, progress=embed_progress)
    if audit is not None:
        record_added(library, before, audit)
    return report


def record_added(library: Library, before: dict[str, str | None], audit: Any) -> None:
    """A ``DocumentAdded`` for each document indexed with other content than ``before`` had."""
    from app.audit import DocumentAdded, DocumentRef

    for row in library.documents():
        if row.status == "indexed" and before.get(row.path) != row.sha256:
            audit.record(DocumentAdded(document=DocumentRef(name=row.name, sha256=row.sha256 or "")))


@dataclass(frozen=True)
class FolderRow:
    """One library folder as the window lists it: IT's (``managed``) or the user's own."""

    path: str
    managed: bool
    files: int
    pages: int
    passages: int
    errors: tuple[tuple[str, str], ...]  # (file name, translated one-line reason)
    pending: int = 0  # known but not indexed yet (an interrupted or running job)


def folder_rows(library: Library, managed: Iterable[str]) -> list[FolderRow]:
    """IT's folders first, then the user's, each with what is indexed under it."""
    rows = library.documents()
    it = [os.path.abspath(p) for p in managed]
    own = [p for p in library.folders() if p not in it]
    return [_row(folder, folder in it, rows) for folder in [*it, *own]]


def _row(folder: str, managed: bool, rows: Sequence[DocumentRow]) -> FolderRow:
    prefix = folder.rstrip(os.sep) + os.sep
    mine = [r for r in rows if r.root == folder or r.path.startswith(prefix)]
    indexed = [r for r in mine if r.status == "indexed"]
    errors = tuple((r.name, describe(r.error_kind, r.error_value or "")) for r in mine
                   if r.status == "error" and r.error_kind)
    return FolderRow(folder, managed, files=len(indexed), pages=sum(r.pages for r in indexed),
                     passages=sum(r.passages for r in indexed), errors=errors,
                     pending=sum(1 for r in mine if r.status == "pending"))
