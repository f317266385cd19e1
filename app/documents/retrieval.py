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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from app.documents.bm25 import any_of
from app.documents.chunking import Passage, chunk_pages, estimate_tokens
from app.documents.errors import CONTEXT, Translate
from app.documents.model import Document
from app.i18n import tr
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


def question_terms(question: str) -> tuple[list[str], tuple[str, ...]]:
    """The index tokens of ``question`` (every English word and CJK bigram, in every
    Simplified/Traditional spelling, each once) and its pieces (to highlight in snippets)."""
    terms: list[str] = []
    pieces: list[str] = []
    for piece in _PIECE.findall(question):
        pieces.append(piece)
        for spelling in (piece, *chinese_variants(piece)):
            for term in _terms(spelling):
                if term not in terms:
                    terms.append(term)
    return terms, tuple(dict.fromkeys(pieces))


def any_words_query(question: str) -> ParsedQuery | None:
    """An FTS5 expression matching passages with ANY term of ``question`` (quoted tokens only)."""
    terms, pieces = question_terms(question)
    if not terms:
        return None
    return ParsedQuery(any_of(terms), pieces)


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


# -- a turn's document context (attachments and the library) ---------------------------------
RETRIEVED_TOKENS = 256  # passage size when only the best passages fit


@dataclass(frozen=True)
class Source:
    """A numbered source of a reply: ``file`` (path or name), ``page`` (from 1) and its text."""

    file: str
    page: int
    text: str

    def to_dict(self) -> dict[str, object]:
        return {"file": self.file, "page": self.page, "text": self.text}


@dataclass(frozen=True)
class AttachmentRef:
    """What the conversation keeps of an attachment: its name and hash, never its text."""

    name: str
    sha256: str
    format: str
    pages: int
    tokens: int
    whole: bool


@dataclass(frozen=True)
class TurnContext:
    """Document text for one turn: ``block`` goes before the question in the user message the
    model receives (the stored message keeps the question only); ``notice`` says when only
    passages were used."""

    block: str
    sources: tuple[Source, ...] = ()
    attachments: tuple[AttachmentRef, ...] = ()
    notice: str = ""


def _passages_block(numbered: Sequence[Source], start: int = 1) -> str:
    return "\n\n".join(f"[{n}] {Path(s.file).name}, p. {s.page}:\n{s.text}" for n, s in enumerate(numbered, start))


def attachment_context(question: str, documents: Sequence[tuple[str, Document]], budget_tokens: int,
                       tr: Translate = tr) -> TurnContext:
    """The attachments whole when all of them fit ``budget_tokens`` (estimated); otherwise the
    passages that match ``question`` best, as many as fit, with a notice saying so."""
    total = sum(estimate_tokens(doc.text) for _name, doc in documents)
    whole = total <= budget_tokens
    refs = tuple(AttachmentRef(Path(name).name, doc.sha256, doc.format, len(doc.pages), estimate_tokens(doc.text),
                               whole) for name, doc in documents)
    if whole:
        sources = tuple(Source(name, page.number, page.text) for name, doc in documents for page in doc.pages
                        if page.text.strip())
        return TurnContext(_passages_block(sources), sources, refs)
    pool: list[tuple[str, Passage]] = []
    for name, doc in documents:
        pool.extend((name, p) for p in chunk_pages(doc.pages, target_tokens=RETRIEVED_TOKENS))
    ranked = rank_passages([p for _n, p in pool], question, len(pool))
    owner = {id(p): n for n, p in pool}
    chosen: list[Source] = []
    used = 0
    for passage, _score in ranked:
        if used + passage.tokens > budget_tokens:
            break
        chosen.append(Source(owner[id(passage)], passage.page, passage.text))
        used += passage.tokens
    notice = tr(CONTEXT, "The attached documents are longer than the model's context (about %1 tokens), so only "
                         "the %2 passages that match the question best were used.")
    notice = notice.replace("%1", str(total)).replace("%2", str(len(chosen)))
    return TurnContext(_passages_block(chosen), tuple(chosen), refs, notice)


def library_context(hits: Sequence[Any], budget_tokens: int, start: int = 1) -> TurnContext:
    """Library search hits (best first) as numbered passages from ``start``, as many as fit
    ``budget_tokens``."""
    chosen: list[Source] = []
    used = 0
    for hit in hits:
        tokens = estimate_tokens(hit.text)
        if used + tokens > budget_tokens:
            break
        chosen.append(Source(hit.file, hit.page, hit.text))
        used += tokens
    return TurnContext(_passages_block(chosen, start), tuple(chosen))


def merge(*contexts: TurnContext) -> TurnContext:
    """One context from several, in order (number each one's sources on from the previous ones)."""
    parts = [c for c in contexts if c.block]
    return TurnContext("\n\n".join(c.block for c in parts), tuple(s for c in contexts for s in c.sources),
                       tuple(a for c in contexts for a in c.attachments),
                       " ".join(c.notice for c in contexts if c.notice))


def prompt_with_context(context: TurnContext | None, question: str) -> str:
    """The user message the model receives: the documents, then the question."""
    if context is None or not context.block:
        return question
    return (f"Use the following documents to answer. Cite passages by their number in brackets.\n\n"
            f"{context.block}\n\n---\n\n{question}")


def sources_text(sources: Sequence[Source], width: int = 160) -> str:
    """Numbered sources for a terminal, after the answer: ``[n] name, p. N: excerpt``."""
    lines = [tr(CONTEXT, "Sources:")]
    for n, s in enumerate(sources, 1):
        excerpt = " ".join(s.text.split())
        excerpt = excerpt if len(excerpt) <= width else excerpt[: width - 1] + "…"
        lines.append(f"[{n}] {Path(s.file).name}, p. {s.page}: {excerpt}")
    return "\n".join(lines)
