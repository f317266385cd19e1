"""The document library's rows in the encrypted history database (schema v4).

Tables ``documents`` (one row per file: path, sha256, size, mtime, format, pages, status and
error kind), ``library_folders`` (folders the user added) and ``passages`` (the text, page by
page) with the contentless FTS5 index ``passage_fts`` kept by triggers with the same CJK-bigram
+ unicode61 shaping as history search. Nothing is written outside the database: SQLCipher
encrypts the text and the index, and ``temp_store=MEMORY`` keeps temporary tables off disk.

Every public method is one transaction, so the indexer commits one file at a time.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.documents import bm25, vector_search
from app.documents.chunking import Passage
from app.documents.embeddings import Embedder
from app.documents.fusion import reciprocal_rank_fusion
from app.documents.model import Document
from app.store import HistoryStore
from app.store.fts_text import make_snippet, parse_query
from app.store.search import chinese_variants

STATUSES = ("pending", "indexed", "error")
CANDIDATES = 50  # from each ranking, for hybrid search


def _now_ms() -> int:
    return int(time.time() * 1000)


@dataclass(frozen=True)
class FileState:
    """What the file system says about a file: compared with the row to see a change."""

    size: int
    mtime_ns: int


@dataclass(frozen=True)
class DocumentRow:
    path: str
    name: str
    source: str
    root: str | None
    sha256: str | None
    size: int
    mtime_ns: int
    format: str | None
    pages: int
    status: str
    error_kind: str | None
    error_value: str | None
    passages: int = 0


@dataclass(frozen=True)
class LibraryHit:
    """One passage found by a search; ``score`` is BM25, higher is better."""

    file: str
    name: str
    page: int
    text: str
    snippet: str
    score: float


_DOC_COLUMNS = ("path, name, source, root, sha256, size, mtime_ns, format, pages, status, error_kind, "
                "error_value")


class Library:
    """Rows of the library over an open :class:`HistoryStore` (which owns the key and file)."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store

    # -- documents ---------------------------------------------------------------------------
    def documents(self) -> list[DocumentRow]:
        with self.store.session() as s:
            rows = s.execute(text(
                f"SELECT {_DOC_COLUMNS}, (SELECT count(*) FROM passages p WHERE p.document_pk = d.pk)"
                " FROM documents d ORDER BY path"))
            return [DocumentRow(*row) for row in rows]

    def get(self, path: str) -> DocumentRow | None:
        with self.store.session() as s:
            row = s.execute(text(f"SELECT {_DOC_COLUMNS} FROM documents WHERE path = :p"), {"p": path}).first()
            return DocumentRow(*row) if row else None

    def mark_pending(self, path: str, *, source: str, root: str | None) -> None:
        """Record ``path`` as known but not (re)indexed yet; an existing row keeps its passages."""
        with self.store.session(write=True) as s:
            s.execute(text(
                "INSERT INTO documents (path, name, source, root, status, added_at)"
                " VALUES (:p, :n, :s, :r, 'pending', :t)"
                " ON CONFLICT (path) DO UPDATE SET status = CASE WHEN status = 'indexed' THEN status"
                " ELSE 'pending' END, source = CASE WHEN source = 'policy' THEN source ELSE excluded.source END"),
                {"p": path, "n": Path(path).name, "s": source, "r": root, "t": _now_ms()})

    def save_indexed(self, path: str, state: FileState, doc: Document, passages: Sequence[Passage], *,
                     source: str, root: str | None) -> None:
        """Replace the file's passages and mark it indexed, in one transaction."""
        with self.store.session(write=True) as s:
            pk = self._upsert(s, path, source, root)
            s.execute(text("DELETE FROM passages WHERE document_pk = :d"), {"d": pk})
            if passages:
                s.execute(text("INSERT INTO passages (document_pk, page, idx, text) VALUES (:d, :pg, :i, :x)"),
                          [{"d": pk, "pg": p.page, "i": p.index, "x": p.text} for p in passages])
            s.execute(text(
                "UPDATE documents SET sha256 = :h, size = :z, mtime_ns = :m, format = :f, pages = :n,"
                " status = 'indexed', error_kind = NULL, error_value = NULL, indexed_at = :t WHERE pk = :d"),
                {"h": doc.sha256, "z": state.size, "m": state.mtime_ns, "f": doc.format, "n": len(doc.pages),
                 "t": _now_ms(), "d": pk})

    def save_unchanged(self, path: str, state: FileState) -> None:
        """The content hash is the same as indexed: only the file's time/size are updated."""
        with self.store.session(write=True) as s:
            s.execute(text("UPDATE documents SET size = :z, mtime_ns = :m WHERE path = :p"),
                      {"z": state.size, "m": state.mtime_ns, "p": path})

    def save_error(self, path: str, state: FileState | None, kind: str, value: str, *, fmt: str | None,
                   source: str, root: str | None) -> None:
        """The file could not be read: its old passages go, its reason is kept for ``docs list``."""
        with self.store.session(write=True) as s:
            pk = self._upsert(s, path, source, root)
            s.execute(text("DELETE FROM passages WHERE document_pk = :d"), {"d": pk})
            s.execute(text(
                "UPDATE documents SET sha256 = NULL, size = :z, mtime_ns = :m, format = :f, pages = 0,"
                " status = 'error', error_kind = :k, error_value = :v, indexed_at = :t WHERE pk = :d"),
                {"z": state.size if state else 0, "m": state.mtime_ns if state else 0, "f": fmt, "k": kind,
                 "v": value, "t": _now_ms(), "d": pk})

    @staticmethod
    def _upsert(s: Session, path: str, source: str, root: str | None) -> int:
        s.execute(text(
            "INSERT INTO documents (path, name, source, root, status, added_at) VALUES (:p, :n, :s, :r, 'pending', :t)"
            " ON CONFLICT (path) DO NOTHING"), {"p": path, "n": Path(path).name, "s": source, "r": root,
                                                "t": _now_ms()})
        return int(s.execute(text("SELECT pk FROM documents WHERE path = :p"), {"p": path}).scalar_one())

    def remove(self, paths: Iterable[str]) -> int:
        """Forget these documents (their passages leave the index with secure-delete)."""
        removed = 0
        with self.store.session(write=True) as s:
            for path in paths:
                pk = s.execute(text("SELECT pk FROM documents WHERE path = :p"), {"p": path}).scalar()
                if pk is None:
                    continue
                s.execute(text("DELETE FROM passages WHERE document_pk = :d"), {"d": pk})
                s.execute(text("DELETE FROM documents WHERE pk = :d"), {"d": pk})
                removed += 1
        return removed

    # -- folders -----------------------------------------------------------------------------
    def folders(self) -> list[str]:
        with self.store.session() as s:
            return [str(p) for p in s.execute(text("SELECT path FROM library_folders ORDER BY path")).scalars()]

    def add_folder(self, path: str) -> None:
        with self.store.session(write=True) as s:
            s.execute(text("INSERT INTO library_folders (path, added_at) VALUES (:p, :t) ON CONFLICT DO NOTHING"),
                      {"p": path, "t": _now_ms()})

    def remove_folder(self, path: str) -> bool:
        with self.store.session(write=True) as s:
            gone = s.execute(text("DELETE FROM library_folders WHERE path = :p RETURNING path"), {"p": path}).first()
            return gone is not None

    # -- search ------------------------------------------------------------------------------
    def search(self, query: str, *, limit: int = 10, embedder: Embedder | None = None) -> list[LibraryHit]:
        """Passages best first by BM25: every word of the query first (as history search does),
        and when nothing has them all, any of them (a question in plain words). With an
        ``embedder`` (hybrid), BM25's and the nearest vectors' ``CANDIDATES`` best are fused by
        reciprocal rank fusion, and ``score`` is the fused score."""
        if embedder is None:
            with self.store.session() as s:
                ranked, terms = bm25_ranked(s, query, limit)
                return self.hits(s, ranked, terms)
        question = embedder.embed([query])
        index = vector_search.index_for(str(self.store.path), embedder.model_id)
        with self.store.session() as s:
            lexical, terms = bm25_ranked(s, query, CANDIDATES)
            nearest = index.search(s, question, CANDIDATES)
            fused = reciprocal_rank_fusion([[pk for pk, _ in lexical], [pk for pk, _ in nearest]], limit=limit)
            return self.hits(s, fused, terms)

    @staticmethod
    def hits(s: Session, ranked: Sequence[tuple[int, float]], terms: Sequence[str]) -> list[LibraryHit]:
        """The passages of ``ranked`` (pk, score; best first) with their files and snippets."""
        if not ranked:
            return []
        pks = json.dumps([pk for pk, _score in ranked])
        rows: dict[int, Any] = {int(r[0]): r for r in s.execute(_PASSAGES_SQL, {"pks": pks})}
        hits = []
        for pk, score in ranked:
            row = rows.get(int(pk))
            if row is None:
                continue
            snippet, _spans = make_snippet(row[4], terms, width=160)
            hits.append(LibraryHit(file=row[1], name=row[2], page=int(row[3]), text=row[4], snippet=snippet,
                                   score=score))
        return hits


_PASSAGES_SQL = text(
    "SELECT p.pk, d.path, d.name, p.page, p.text FROM passages p JOIN documents d ON d.pk = p.document_pk"
    " WHERE p.pk IN (SELECT value FROM json_each(:pks))")


def bm25_ranked(s: Session, query: str, limit: int) -> tuple[list[tuple[int, float]], tuple[str, ...]]:
    """The best ``limit`` passage pks with their BM25 (higher is better) and the words to
    highlight: passages with every word of ``query`` if any, else with any of its terms."""
    from app.documents.retrieval import question_terms

    parsed = parse_query(query, chinese_variants)
    if parsed is not None and all(_has_part(s, part) for part in query.split()):
        found = bm25.rank(s, parsed.match, limit, exact=parsed.exact)
        if found:
            return found, parsed.terms
    terms, pieces = question_terms(query)
    kept = bm25.rarest_terms(s, terms, depth=bm25.QUESTION_ROWS)
    if not kept:
        return [], pieces
    return bm25.rank(s, bm25.any_of(kept), limit, depth=bm25.QUESTION_ROWS), pieces


def _has_part(s: Session, part: str) -> bool:
    """Whether some passage has this word of a query. Probing the words one by one, whole word
    first, finds a word that is nowhere cheaply; an AND of prefixes (``"review"*``) would first
    merge the posting lists of every word starting so, however common."""
    parsed = parse_query(part, chinese_variants)
    if parsed is None:
        return True
    return (parsed.exact is not None and bm25.matches_any(s, parsed.exact)) or bm25.matches_any(s, parsed.match)
