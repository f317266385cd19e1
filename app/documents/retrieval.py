"""Choosing passages for a question with no extra model: BM25 over the history-search shaping.

A question is written in plain words ("What does the circular say about sick leave?",
「通告對病假有甚麼規定」), so its words are OR-ed, not AND-ed: every English word and every CJK
bigram is a term, each with its Simplified/Traditional spellings, and BM25's IDF makes the rare
ones count. :func:`rank_passages` ranks one attachment's passages in a private in-memory FTS5
table (nothing on disk); the library is ranked in the encrypted database (``Library.search``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlcipher3.dbapi2 as sqlcipher

from app.documents.chunking import Passage
from app.store.fts_text import ParsedQuery, index_text
from app.store.search import chinese_variants

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_PIECE = re.compile(f"[{_CJK}]+|[^\\W_{_CJK}]+")
_CJK_ONLY = re.compile(f"^[{_CJK}]+$")


def _terms(piece: str) -> list[str]:
    if not _CJK_ONLY.match(piece):
        return [piece.lower()]
    if len(piece) == 1:
        return [piece]
    return [piece[i: i + 2] for i in range(len(piece) - 1)]


def any_words_query(question: str) -> ParsedQuery | None:
    """An FTS5 expression matching passages with ANY term of ``question`` (quoted tokens only)."""
    terms: list[str] = []
    pieces: list[str] = []
    for piece in _PIECE.findall(question):
        pieces.append(piece)
        for spelling in (piece, *chinese_variants(piece)):
            for term in _terms(spelling):
                if term not in terms:
                    terms.append(term)
    if not terms:
        return None
    match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    return ParsedQuery(match, tuple(dict.fromkeys(pieces)))


def rank_passages(passages: Sequence[Passage], question: str, limit: int) -> list[tuple[Passage, float]]:
    """The ``limit`` passages that match ``question`` best (BM25, higher is better), in order.
    Passages matching no term are left out; an empty question ranks nothing."""
    parsed = any_words_query(question)
    if parsed is None or not passages:
        return []
    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, content='', tokenize='unicode61 remove_diacritics 2')")
        conn.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)",
                         [(i, index_text(p.text)) for i, p in enumerate(passages)])
        rows = conn.execute("SELECT rowid, bm25(t) AS s FROM t WHERE t MATCH ? ORDER BY s, rowid LIMIT ?",
                            (parsed.match, limit)).fetchall()
    finally:
        conn.close()
    return [(passages[int(i)], -float(score)) for i, score in rows]
