"""The retrieval evaluation set (tests/data/retrieval_eval) and recall@k.

Passages are written in the style of HK government circulars and guides, in English and Traditional
Chinese (zh_HK); each question's answer is in exactly one passage. Questions are ``keyword``
(they share distinctive words with the answer: what BM25 is for; issue 14's target is recall@5
≥ 0.9 on these with BM25 alone) or ``paraphrase`` (other words for the same thing: where
embeddings help). A few keyword questions are in Simplified Chinese (zh_CN) against
Traditional passages.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.documents.chunking import chunk_pages
from app.documents.library import FileState, Library, LibraryHit
from app.documents.model import Document, Page

__all__ = ["LibraryHit", "Question", "evaluate", "index", "load", "misses", "recall_at_k"]

DATA = Path(__file__).resolve().parents[1] / "data" / "retrieval_eval"


@dataclass(frozen=True)
class Question:
    q: str
    lang: str
    kind: str
    answer: str


def recall_at_k(ranked: Sequence[Sequence[str]], answers: Sequence[str], k: int = 5) -> float:
    """The share of questions whose answer is among the first ``k`` results (0.0 with none)."""
    if len(ranked) != len(answers):
        raise ValueError("one ranking per answer")
    if not answers:
        return 0.0
    return sum(answer in list(results)[:k] for results, answer in zip(ranked, answers, strict=True)) / len(answers)


def load(folder: Path = DATA) -> tuple[list[dict[str, str]], list[Question]]:
    passages = [p for name in ("passages_en.json", "passages_zh_HK.json")
                for p in json.loads((folder / name).read_text(encoding="utf-8"))]
    questions = [Question(**q) for q in json.loads((folder / "questions.json").read_text(encoding="utf-8"))]
    return passages, questions


def index(library: Library, passages: Sequence[dict[str, str]]) -> dict[tuple[str, int], str]:
    """Each source document as a file whose pages are its passages; (file, page) → passage id."""
    by_doc: dict[str, list[dict[str, str]]] = defaultdict(list)
    for p in passages:
        by_doc[p["doc"]].append(p)
    where: dict[tuple[str, int], str] = {}
    for n, (doc, items) in enumerate(sorted(by_doc.items())):
        path = f"/eval/{n:02d}.txt"
        pages = tuple(Page(i + 1, p["text"]) for i, p in enumerate(items))
        body = "\n".join(p["text"] for p in items).encode()
        document = Document(doc, hashlib.sha256(body).hexdigest(), "txt", len(body), pages)
        library.save_indexed(path, FileState(len(body), 1), document, chunk_pages(pages), source="user", root=None)
        where.update({(path, i + 1): p["id"] for i, p in enumerate(items)})
    return where


Search = Callable[[str], Sequence[LibraryHit]]


def evaluate(search: Search, where: dict[tuple[str, int], str], questions: Sequence[Question],
             k: int = 5) -> dict[str, float]:
    """recall@k over all questions and per ``kind`` and ``lang/kind``."""
    ranked = {q: [where.get((h.file, h.page), "?") for h in search(q.q)] for q in questions}
    groups: dict[str, list[Question]] = defaultdict(list)
    for q in questions:
        for key in ("all", q.kind, f"{q.lang}/{q.kind}"):
            groups[key].append(q)
    return {key: recall_at_k([ranked[q] for q in qs], [q.answer for q in qs], k) for key, qs in sorted(groups.items())}


def misses(search: Search, where: dict[tuple[str, int], str], questions: Sequence[Question],
           k: int = 5) -> list[Question]:
    return [q for q in questions if q.answer not in [where.get((h.file, h.page)) for h in search(q.q)][:k]]
