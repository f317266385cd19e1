"""Full-text search over saved conversations: ranked (BM25), highlighted, script-agnostic.

Queries are shaped by ``fts_text.parse_query``; with ``convert_chinese`` each query word also
matches its Simplified and Traditional (Hong Kong) spellings, via OpenCC, so 政策研究 finds
政策研究 and 软件 finds 軟件.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.store.fts_text import make_snippet, parse_query
from app.store.models import Conversation, Message
from app.store.records import SearchHit

# Weights: answer text counts more than reasoning; a title match ranks like a strong body match.
# Ranking every match of a very common word (政策 in a third of a million messages) costs
# seconds, so BM25 ranks the newest CANDIDATES matches: the newest rowids come cheaply (FTS5
# walks its doclists backwards and stops), and rowid >= floor bounds the ranked set.
CANDIDATES = 2000
_FLOOR_SQL = text(
    "SELECT min(rowid) FROM (SELECT rowid FROM message_fts WHERE message_fts MATCH :q ORDER BY rowid DESC LIMIT :k)"
)
_MESSAGE_SQL = text(
    "SELECT rowid, bm25(message_fts, 1.0, 0.4) AS score FROM message_fts"
    " WHERE message_fts MATCH :q AND rowid >= :floor ORDER BY score LIMIT :n"
)
_TITLE_SQL = text(
    "SELECT rowid, bm25(conversation_fts) * 2.0 AS score FROM conversation_fts"
    " WHERE conversation_fts MATCH :q ORDER BY score LIMIT :n"
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


def search(session: Session, query: str, *, limit: int = 20, convert_chinese: bool = True) -> list[SearchHit]:
    parsed = parse_query(query, chinese_variants if convert_chinese else None)
    if parsed is None:
        return []
    hits: list[SearchHit] = []
    floor = session.execute(_FLOOR_SQL, {"q": parsed.match, "k": CANDIDATES}).scalar()
    message_rank = (
        session.execute(_MESSAGE_SQL, {"q": parsed.match, "floor": floor, "n": limit}).all()
        if floor is not None
        else []
    )
    title_rank = session.execute(_TITLE_SQL, {"q": parsed.match, "n": limit}).all()
    if message_rank:
        scores = {int(pk): float(score) for pk, score in message_rank}
        rows = session.execute(
            select(Message, Conversation.title)
            .join(Conversation, Conversation.id == Message.conversation_id)
            .where(Message.pk.in_(scores))
        ).all()
        for msg, title in rows:
            source = msg.content if _contains_any(msg.content, parsed.terms) or not msg.reasoning else msg.reasoning
            snippet, spans = make_snippet(source, parsed.terms)
            hits.append(
                SearchHit(msg.conversation_id, title, msg.id, msg.role, msg.created_at, snippet, spans, scores[msg.pk])
            )
    if title_rank:
        scores = {int(pk): float(score) for pk, score in title_rank}
        seen = {h.conversation_id for h in hits}
        for conv in session.scalars(select(Conversation).where(Conversation.pk.in_(scores))):
            if conv.id in seen:
                continue
            snippet, spans = make_snippet(conv.title, parsed.terms)
            hits.append(SearchHit(conv.id, conv.title, None, None, conv.updated_at, snippet, spans, scores[conv.pk]))
    hits.sort(key=lambda h: (h.score, -h.created_at))
    return hits[:limit]


def _contains_any(text_: str, terms: Iterable[str]) -> bool:
    folded = text_.casefold()
    return any(t.casefold() in folded for t in terms)
