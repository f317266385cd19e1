"""Retrieval quality on the evaluation set (tests/data/retrieval_eval): recall@5 (prints numbers).

    nice .venv/bin/python tests/benchmarks/bench_retrieval.py [--embedding-model PATH.gguf] [-k 5] [--misses]

The passages are indexed into a fresh encrypted library; every question is searched with BM25
alone and, with an embedding model, hybrid (BM25 + vectors, reciprocal rank fusion). Recall@k is
printed overall, per kind (keyword / paraphrase) and per language. Issue 14's target: ≥ 0.9 on
keyword questions with BM25 alone. Without ``--embedding-model`` the hybrid column uses the
generated random-weight test model, which checks the plumbing only: its vectors mean nothing,
so its recall says nothing about a real model such as bge-m3.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "documents"))

import keyring  # noqa: E402
import retrieval_eval as ev  # noqa: E402
from keyring_backend import MemoryKeyring  # noqa: E402

from app.documents.embeddings import LlamaEmbedder  # noqa: E402
from app.documents.library import Library  # noqa: E402
from app.paths import user_paths  # noqa: E402
from app.store import HistoryStore  # noqa: E402
from engine.diagnostic import diagnostic_model_path  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--embedding-model", type=Path, help="an embedding GGUF (default: the random test model)")
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--misses", action="store_true", help="list the questions BM25 misses")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    passages, questions = ev.load()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BAUHINIA_HOME"] = str(Path(tmp) / "home")
        model = args.embedding_model or diagnostic_model_path(Path(tmp) / "models", script=None)
        label = model.name if args.embedding_model else "random test model: plumbing only"
        embedder = LlamaEmbedder(str(model), "eval-embedding")
        try:
            with HistoryStore.open(user_paths(), backup_interval_s=None) as store:
                library = Library(store)
                where = ev.index(library, passages)
                from app.documents.vector_search import embed_missing

                embed_missing(store, embedder)
                bm25 = ev.evaluate(lambda q: library.search(q, limit=args.k), where, questions, args.k)
                hybrid = ev.evaluate(lambda q: library.search(q, limit=args.k, embedder=embedder), where, questions,
                                     args.k)
                print(f"{len(questions)} questions, {len(passages)} passages; recall@{args.k}")
                print(f"{'':20} {'BM25':>6} {'hybrid':>7}  (hybrid: {label})")
                for key in bm25:
                    count = sum(1 for q in questions if key in ("all", q.kind, f"{q.lang}/{q.kind}"))
                    print(f"{key + f' ({count})':20} {bm25[key]:6.2f} {hybrid[key]:7.2f}")
                if args.misses:
                    for q in ev.misses(lambda q: library.search(q, limit=args.k), where, questions, args.k):
                        print(f"BM25 misses [{q.kind}] {q.q} -> {q.answer}")
        finally:
            embedder.close()


if __name__ == "__main__":
    main()
