"""BM25 over the library's FTS5 index that stays fast at 100,000 passages.

FTS5's ``bm25()`` costs about 5 µs for every row it scores (it reads the row's length and
positions), and ``ORDER BY score`` scores every match: a word found in 87,000 passages took
0.2–0.6 s. Its IDF is counted once per phrase over the whole table, in C (cheap next to that).
So the cost that grows with the library is the number of rows scored, and this module bounds it:

1. **Selective queries are ranked whole.** The matching rowids are probed newest first (FTS5
   walks its posting lists backwards and stops) up to ``RANK_ALL_BELOW``; fewer matches than
   that are all ranked by ``bm25()`` — exactly the ranking of a plain ``ORDER BY bm25()``.
2. **A common query is ranked over its newest ``RANK_ALL_BELOW`` matches**: the same
   ``bm25()`` (same IDF, same average length) restricted by ``rowid >= floor``, a range FTS5
   applies inside the index. A query with a prefix word whose whole-word form alone fills the
   probe uses the whole-word form (a prefix merges the posting lists of every longer word).
3. **A question in plain words** (any word may match, see ``retrieval.question_terms``) keeps
   its rarest terms: each term's document frequency is estimated from a bounded probe (exact
   below ``QUESTION_ROWS``), and terms are kept rarest first while their frequencies add up to
   at most ``QUESTION_ROWS`` (the rarest is always kept); then as 1. and 2. with that bound.
   A dropped term is at least as common as every kept one, so its IDF — its weight in BM25 — is
   no larger; terms in more than half of the passages have an IDF of 10⁻⁶ in FTS5 (clamped) and
   change no ranking. With few passages every term is kept and the ranking is exactly FTS5's.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

RANK_ALL_BELOW = 2000
# A question's OR of terms may score more rows: its words are spread over more passages, and
# dropping a term changes its ranking more than ranking a keyword over its newest matches.
QUESTION_ROWS = 5000

_PROBE = text(
    "SELECT count(*), min(rowid) FROM (SELECT rowid FROM passage_fts WHERE passage_fts MATCH :q"
    " ORDER BY rowid DESC LIMIT :k)"
)
_BM25 = text(
    "SELECT rowid, bm25(passage_fts) AS score FROM passage_fts WHERE passage_fts MATCH :q AND rowid >= :floor"
    " ORDER BY score, rowid LIMIT :n"
)
_SPAN = text("SELECT (SELECT min(pk) FROM passages), (SELECT max(pk) FROM passages)")  # two O(1) look-ups


def _probe(s: Session, match: str, depth: int) -> tuple[int, int]:
    """How many of the newest ``depth`` rows match (so: all of them when fewer), and the oldest."""
    count, oldest = s.execute(_PROBE, {"q": match, "k": depth}).one()
    return int(count), int(oldest or 0)


def rank(s: Session, match: str, limit: int, *, exact: str | None = None,
         depth: int | None = None) -> list[tuple[int, float]]:
    """The best ``limit`` rowids for an FTS5 expression with their BM25 (higher is better).

    ``exact`` is the expression with whole words instead of prefixes (None: no prefix)."""
    depth = depth or RANK_ALL_BELOW
    count, oldest = (0, 0)
    if exact is not None:
        count, oldest = _probe(s, exact, depth)
        if count >= depth:
            match = exact
    if exact is None or count < depth:
        count, oldest = _probe(s, match, depth)
    if count == 0:
        return []
    floor = oldest if count >= depth else 0
    rows = s.execute(_BM25, {"q": match, "floor": floor, "n": limit})
    return [(int(pk), -float(score)) for pk, score in rows]


def matches_any(s: Session, match: str) -> bool:
    return _probe(s, match, 1)[0] > 0


def _frequency(s: Session, term: str, span: tuple[int, int], depth: int) -> float:
    """Passages holding ``term``: exact below ``depth``; else from how densely the newest occur."""
    count, oldest = _probe(s, quote(term), depth)
    if count < depth:
        return float(count)
    low, high = span
    return count * (high - low + 1) / max(1, high - oldest + 1)


def quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def any_of(terms: Sequence[str]) -> str:
    return " OR ".join(quote(t) for t in terms)


def rarest_terms(s: Session, terms: Sequence[str], depth: int | None = None) -> list[str]:
    """The rarest ``terms`` whose frequencies add up to at most ``depth`` (at least one), in
    their original order. Terms matching nothing are dropped."""
    depth = depth or RANK_ALL_BELOW
    low, high = s.execute(_SPAN).one()
    span = (int(low or 0), int(high or 0))
    frequency = {t: _frequency(s, t, span, depth) for t in terms}
    kept: set[str] = set()
    total = 0.0
    for term in sorted(terms, key=lambda t: frequency[t]):
        if frequency[term] == 0:
            continue
        if kept and total + frequency[term] > depth:
            break
        kept.add(term)
        total += frequency[term]
    return [t for t in terms if t in kept]
