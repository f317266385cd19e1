"""Full-text search over saved conversations: ranked (BM25), highlighted, script-agnostic.

Queries are shaped by ``fts_text.parse_query``; with ``convert_chinese`` each query word also
matches its Simplified and Traditional (Hong Kong) spellings, via OpenCC, so 政策研究 finds
政策研究 and 软件 finds 軟件.

Speed at a million messages. FTS5 hands out the newest matching rowids cheaply (it walks its
posting lists backwards and stops), but two things cost time in proportion to *every* match:
its ``bm25()``, which first counts each phrase's matches in the whole table for the IDF, and a
prefix word (``"tunnel"*``), whose posting lists are merged in full. So:

1. The newest matching rowids are read (the probe): ``RANK_ALL_BELOW`` of them for a one-part
   query, ``CANDIDATES`` otherwise. If the query has a prefix word and its whole-word form alone
   fills the probe, the whole-word form is used instead: with that many matches, the longer
   words' matches would only change which of them count as the newest.
2. One query part (spellings OR-ed) with fewer than ``RANK_ALL_BELOW`` matches: every phrase is
   that selective, so FTS5's own ``bm25()`` ranks all matches inside the index, best ``limit``
   first.
3. Otherwise (a common word, or several parts of which one may be common) the newest
   ``CANDIDATES`` probed rows are scored in one SQL statement with the formula of FTS5's
   ``bm25()`` (k1 = 1.2, b = 0.75; frequency = answer 1.0 + reasoning 0.4; term occurrences
   counted in the text; row length in estimated index tokens relative to the candidates'
   average) and only the best ``limit`` come back to Python; equal scores go newest first. The
   IDF is one number, estimated from how densely the newest matches occur: it scales these
   scores to compare with title hits and ``bm25()`` scores without reordering them.

So every match is ranked when a one-part query has fewer than ``RANK_ALL_BELOW`` matches, or a
query of several parts fewer than ``CANDIDATES``; a more common one has its newest
``CANDIDATES`` ranked. Snippets are cut for the returned page only. Titles (one row per
conversation, a small table) are ranked by FTS5's ``bm25()``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Iterable

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from app.store.fts_text import ParsedQuery, make_snippet, parse_query
from app.store.records import SearchHit

CANDIDATES = 1000
# One-part queries with fewer matches than this are ranked whole by bm25(): its cost (about 5 µs a
# match) stays below scoring CANDIDATES rows outside the index.
RANK_ALL_BELOW = 3000
K1, B = 1.2, 0.75
BODY_WEIGHT, THINKING_WEIGHT = 1.0, 0.4
TITLE_FACTOR = 2.0  # a title match ranks like a strong body match

_PROBE_SQL = text("SELECT rowid FROM message_fts WHERE message_fts MATCH :q ORDER BY rowid DESC LIMIT :k")
_BM25_SQL = text(
    "SELECT rowid, bm25(message_fts, :bw, :tw) AS score FROM message_fts"
    " WHERE message_fts MATCH :q ORDER BY score, rowid DESC LIMIT :n"
)
_ROWS_SQL = text(
    "SELECT m.pk, m.id, m.conversation_id, m.role, m.created_at, m.content, m.reasoning, c.title"
    " FROM messages m JOIN conversations c ON c.id = m.conversation_id"
    " WHERE m.pk IN (SELECT value FROM json_each(:pks))"
)
_TOTAL_SQL = text("SELECT max(pk) FROM messages")
_TITLE_SQL = text(
    "SELECT c.id, c.title, c.updated_at, s.score FROM ("
    " SELECT rowid, bm25(conversation_fts) * :f AS score FROM conversation_fts"
    " WHERE conversation_fts MATCH :q ORDER BY score LIMIT :n"
    ") s JOIN conversations c ON c.pk = s.rowid"
)


@functools.lru_cache(maxsize=1)
def _converters() -> tuple[Callable[[str], str], ...]:
    import opencc

    return tuple(opencc.OpenCC(cfg).convert for cfg in ("s2hk", "s2t", "t2s"))


def chinese_variants(part: str) -> Iterable[str]:
    """Simplified/Traditional spellings of ``part`` (itself excluded)."""
    if all(ord(ch) < 0x2E80 for ch in part):
        return ()
    return [v for v in (convert(part) for convert in _converters()) if v != part]


def _idf(total: int, matches: int) -> float:
    return max(1e-6, math.log((total - matches + 0.5) / (matches + 0.5)))


# Document length in index tokens, estimated from the text alone: each CJK character is one
# bigram token (3 bytes in UTF-8, so (bytes - chars) / 2 of them) and the rest are words of
# about six characters with their space. Characters alone would make English look six times
# longer than Chinese of the same token count.
_TOKENS = "((o{x} - n{x}) / 2.0 + (n{x} - (o{x} - n{x}) / 2.0) / 6.0)"


def _folds(piece: str) -> bool:
    """Whether matching ``piece`` needs case folding (CJK pieces do not: lower() is costly)."""
    return piece != piece.upper()


def scoring_sql(parsed: ParsedQuery) -> tuple[TextClause, dict[str, object]]:
    """BM25 of the rows whose pks are in ``:pks`` (a JSON list), best first, ``:n`` of them.

    Rows: (pk, score without IDF). Query pieces are bound parameters, never SQL text. Each
    row's lengths are computed once (``cand`` is materialized) and empty reasoning is skipped.
    """
    params: dict[str, object] = {"k1": K1, "b": B}
    fold = any(_folds(p) for clause in parsed.clauses for pieces in clause for p in pieces)
    tf_cols: list[str] = []

    def count(col: str, piece: str) -> str:
        name = f"p{len(params)}"
        params[name] = piece
        src = col + "l" if _folds(piece) else col
        return f"((n{col} - length(replace({src}, :{name}, ''))) / {len(piece)})"

    for i, clause in enumerate(parsed.clauses):
        for col in ("b", "t"):
            per_spelling = []
            for pieces in clause:
                counts = [count(col, p) for p in pieces if p]
                if counts:
                    per_spelling.append(counts[0] if len(counts) == 1 else f"min({', '.join(counts)})")
            tf = " + ".join(per_spelling) or "0"
            tf_cols.append(f"({tf}) AS {col}{i}" if col == "b" else f"CASE WHEN nt > 0 THEN {tf} ELSE 0 END AS t{i}")

    # As FTS5's bm25(): per query part, a frequency weighted by column, and the length of the
    # whole row (answer + reasoning) against the candidates' average.
    freqs = [f"({BODY_WEIGHT} * b{i} + {THINKING_WEIGHT} * t{i})" for i in range(len(parsed.clauses))]
    score = " + ".join(f"{f} * (:k1 + 1) / ({f} + :k1 * (1 - :b + :b * dl / avgdl))" for f in freqs) or "0"
    folded = ", lower(content) AS bl, lower(reasoning) AS tl" if fold else ""
    sql = (
        "WITH cand AS MATERIALIZED (SELECT pk, content AS b, reasoning AS t" + folded + ","
        " length(content) AS nb, octet_length(content) AS ob, length(reasoning) AS nt,"
        " octet_length(reasoning) AS ot FROM messages WHERE pk IN (SELECT value FROM json_each(:pks))"
        "), tf AS (SELECT pk, "
        + _TOKENS.format(x="b")
        + " + "
        + _TOKENS.format(x="t")
        + " AS dl, "
        + ", ".join(tf_cols)
        + " FROM cand"
        "), st AS (SELECT *, max(1.0, avg(dl) OVER ()) AS avgdl FROM tf"
        ") SELECT pk, " + score + " AS score FROM st ORDER BY score DESC, pk DESC LIMIT :n"
    )
    return text(sql), params


def _probe(session: Session, match: str, depth: int) -> list[int]:
    return [int(pk) for pk in session.execute(_PROBE_SQL, {"q": match, "k": depth}).scalars()]


def rank_messages(session: Session, parsed: ParsedQuery, limit: int) -> tuple[str, dict[int, float]]:
    """The MATCH expression used and the best ``limit`` message pks with their scores (lower is better)."""
    single = len(parsed.clauses) == 1
    depth = RANK_ALL_BELOW if single else CANDIDATES  # newest rowids read: enough to choose the way
    match = parsed.match
    newest: list[int] | None = None
    if parsed.exact is not None:
        whole_words = _probe(session, parsed.exact, depth)
        if len(whole_words) >= depth:
            match, newest = parsed.exact, whole_words
    if newest is None:
        newest = _probe(session, match, depth)
    if not newest:
        return match, {}
    if single and len(newest) < depth:
        rows = session.execute(_BM25_SQL, {"q": match, "n": limit, "bw": BODY_WEIGHT, "tw": THINKING_WEIGHT})
        return match, {int(pk): float(score) for pk, score in rows}
    total = max(int(session.execute(_TOTAL_SQL).scalar() or 0), len(newest))
    # Every match, or the newest ``depth`` of them spread over rowids floor..total.
    matches = len(newest) if len(newest) < depth else round(len(newest) * total / max(1, total - newest[-1] + 1))
    idf = _idf(total, min(matches, total))
    statement, params = scoring_sql(parsed)
    rows = session.execute(statement, {**params, "pks": json.dumps(newest[:CANDIDATES]), "n": limit})
    return match, {int(pk): -idf * float(score) for pk, score in rows}


def search(session: Session, query: str, *, limit: int = 20, convert_chinese: bool = True) -> list[SearchHit]:
    parsed = parse_query(query, chinese_variants if convert_chinese else None)
    if parsed is None:
        return []
    hits: list[SearchHit] = []
    _match, scores = rank_messages(session, parsed, limit)
    if scores:
        page = session.execute(_ROWS_SQL, {"pks": json.dumps(list(scores))})
        for pk, mid, cid, role, created, content, reasoning, title in page:
            source = content if _contains_any(content, parsed.terms) or not reasoning else reasoning
            snippet, spans = make_snippet(source, parsed.terms)
            hits.append(SearchHit(cid, title, mid, role, created, snippet, spans, scores[pk]))
    seen = {h.conversation_id for h in hits}
    for cid, title, updated, score in session.execute(_TITLE_SQL, {"q": parsed.match, "n": limit, "f": TITLE_FACTOR}):
        if cid in seen:
            continue
        snippet, spans = make_snippet(title, parsed.terms)
        hits.append(SearchHit(cid, title, None, None, updated, snippet, spans, float(score)))
    hits.sort(key=lambda h: (h.score, -h.created_at))
    return hits[:limit]


def _contains_any(text_: str, terms: Iterable[str]) -> bool:
    folded = text_.casefold()
    return any(t.casefold() in folded for t in terms)
