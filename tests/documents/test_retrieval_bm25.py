"""Library BM25 that stays fast at scale (app.documents.bm25): the real SQLCipher store, with the
"rank everything below this many matches" bound made small so the large-library paths run on a
few dozen passages."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy import text

from app.documents import bm25
from app.documents.chunking import Passage
from app.documents.library import FileState, Library
from app.documents.model import Document, Page
from app.store import HistoryStore


def add(library: Library, name: str, texts: Sequence[str]) -> None:
    passages = [Passage(page=i + 1, index=i, start=0, text=t, tokens=len(t.split())) for i, t in enumerate(texts)]
    doc = Document(name, "0" * 64, "txt", 1, tuple(Page(i + 1, t) for i, t in enumerate(texts)))
    library.save_indexed(f"/docs/{name}", FileState(1, 1), doc, passages, source="user", root=None)


def plain_bm25(store: HistoryStore, match: str, floor: int = 0) -> list[tuple[int, float]]:
    """FTS5's own ranking of every match (the reference the bounded ranking must reproduce)."""
    with store.session() as s:
        rows = s.execute(text("SELECT rowid, bm25(passage_fts) AS score FROM passage_fts WHERE passage_fts MATCH :q"
                              " AND rowid >= :f ORDER BY score, rowid"), {"q": match, "f": floor})
        return [(int(pk), -float(score)) for pk, score in rows]


def texts(n: int, common: str, seed: int) -> list[str]:
    words = ["housing", "transport", "education", "welfare", "budget", "tender", "leave", "circular"]
    return [f"{common} " + " ".join(words[(seed + i * j) % len(words)] for j in range(1 + i % 5)) + f" item{i}"
            for i in range(n)]


def test_selective_query_is_ranked_exactly_like_fts5(store: HistoryStore) -> None:
    library = Library(store)
    add(library, "a.txt", texts(30, "policy", 1))
    add(library, "b.txt", texts(30, "政策 policy", 2))
    with store.session() as s:
        got = bm25.rank(s, '"housing"', 100)
    want = plain_bm25(store, '"housing"')
    assert len(want) > 10 and got == want  # fewer matches than the bound: every one ranked, same scores


def test_common_query_ranks_its_newest_matches_with_the_same_scores(store: HistoryStore,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library(store)
    add(library, "old.txt", ["policy policy policy short", *texts(20, "policy", 3)])
    add(library, "new.txt", texts(20, "policy", 4))
    monkeypatch.setattr(bm25, "RANK_ALL_BELOW", 8)
    with store.session() as s:
        got = bm25.rank(s, '"policy"', 5)
    everything = plain_bm25(store, '"policy"')
    newest = sorted(pk for pk, _ in everything)[-8:]
    # Only the newest 8 matches were ranked (the old dense passage, best overall, is not among them) ...
    assert everything[0][0] not in newest and {pk for pk, _ in got} <= set(newest)
    # ... by FTS5's bm25() with the IDF and lengths of the whole table.
    assert got == [row for row in everything if row[0] in newest][:5]


def test_prefix_word_uses_the_whole_word_when_that_fills_the_probe(store: HistoryStore,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library(store)
    add(library, "a.txt", ["tenders tenders tenders", *texts(12, "tender", 5)])
    monkeypatch.setattr(bm25, "RANK_ALL_BELOW", 5)
    with store.session() as s:
        got = bm25.rank(s, '"tender"*', 3, exact='"tender"')
    whole = plain_bm25(store, '"tender"')
    newest = sorted(pk for pk, _ in whole)[-5:]
    assert got == [row for row in whole if row[0] in newest][:3]
    monkeypatch.setattr(bm25, "RANK_ALL_BELOW", 1000)
    with store.session() as s:  # few matches: the prefix form, so "tenders" counts
        assert bm25.rank(s, '"tender"*', 1, exact='"tender"')[0] == plain_bm25(store, '"tender"*')[0]


WORDS = ["how", "officers", "quokka", "paid", "zzz"]


def test_question_keeps_its_rarest_terms(store: HistoryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library(store)
    add(library, "answer.txt", ["The quokka allowance is paid to officers monthly."])
    add(library, "noise.txt", [f"Officers are paid monthly, note {i}." for i in range(40)])
    monkeypatch.setattr(bm25, "QUESTION_ROWS", 10)
    with store.session() as s:
        assert bm25.rarest_terms(s, WORDS, depth=bm25.QUESTION_ROWS) == ["quokka"]
    hits = library.search("How are officers paid the quokka allowance?", limit=3)
    assert hits[0].name == "answer.txt" and "quokka" in hits[0].snippet
    monkeypatch.setattr(bm25, "QUESTION_ROWS", 1000)  # a small library keeps every term
    with store.session() as s:
        assert bm25.rarest_terms(s, WORDS, depth=bm25.QUESTION_ROWS) == ["officers", "quokka", "paid"]
    assert library.search("How are officers paid the quokka allowance?", limit=3)[0].name == "answer.txt"


def test_every_word_first_then_any_word_and_prefixes(store: HistoryStore) -> None:
    library = Library(store)
    add(library, "overtime.txt", ["Overtime claims go to the finance section."])
    add(library, "leave.txt", ["Sick leave is reported to the supervisor.", "年假申請須於兩星期前提交。"])
    assert [h.name for h in library.search("overt")] == ["overtime.txt"]  # the last word is a prefix
    assert [h.name for h in library.search("finance claims")] == ["overtime.txt"]
    # No passage has every word ("nowhere" is in none): any word counts.
    assert [h.name for h in library.search("nowhere sick finance")][:2] in (["leave.txt", "overtime.txt"],
                                                                          ["overtime.txt", "leave.txt"])
    assert [h.name for h in library.search("年假")] == ["leave.txt"]
    assert [h.name for h in library.search("申请")] == ["leave.txt"]  # Simplified finds Traditional
    assert library.search("nowhere") == []
