"""Retrieval quality on the evaluation set (tests/data/retrieval_eval): the recall@k metric
itself, the set's shape, and BM25's recall@5 on keyword questions against issue 14's target
(≥ 0.9), through the real library in an encrypted store."""

from __future__ import annotations

from collections import Counter

import pytest
import retrieval_eval as ev

from app.documents.library import Library
from app.store import HistoryStore


def test_recall_at_k() -> None:
    ranked = [["a", "b", "c"], ["x", "y", "z", "w", "v", "u"], [], ["q"]]
    assert ev.recall_at_k(ranked, ["a", "u", "a", "q"], k=5) == 0.5  # "u" is 6th: outside the top 5
    assert ev.recall_at_k(ranked, ["a", "u", "a", "q"], k=6) == 0.75
    assert ev.recall_at_k(ranked, ["c", "y", "m", "q"], k=1) == 0.25
    assert ev.recall_at_k([["a", "a"]], ["a"], k=5) == 1.0  # a repeat counts once
    assert ev.recall_at_k([], []) == 0.0
    with pytest.raises(ValueError):
        ev.recall_at_k([["a"]], ["a", "b"])


def test_evaluation_set_shape() -> None:
    passages, questions = ev.load()
    ids = [p["id"] for p in passages]
    assert len(ids) == len(set(ids)) >= 50
    assert {q.answer for q in questions} <= set(ids)
    counts = Counter((q.lang, q.kind) for q in questions)
    assert len(questions) >= 40 and counts[("en", "keyword")] >= 20 and counts[("zh_HK", "keyword")] >= 20
    assert counts[("en", "paraphrase")] >= 5 and counts[("zh_HK", "paraphrase")] >= 5


def test_bm25_recall_at_5_on_keyword_questions(store: HistoryStore) -> None:
    passages, questions = ev.load()
    library = Library(store)
    where = ev.index(library, passages)
    assert len(set(where.values())) == len(passages)  # one page per passage: hits map back

    def search(question: str) -> list[ev.LibraryHit]:
        return library.search(question, limit=5)

    recall = ev.evaluate(search, where, questions)
    missed = [(q.q, q.answer) for q in ev.misses(search, where, [q for q in questions if q.kind == "keyword"])]
    assert recall["keyword"] >= 0.9, missed
    assert recall["en/keyword"] >= 0.9 and recall["zh_HK/keyword"] >= 0.9, recall
