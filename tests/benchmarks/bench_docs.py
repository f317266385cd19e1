"""Document library benchmark (prints numbers; asserts nothing). Not collected by pytest.

    nice .venv/bin/python tests/benchmarks/bench_docs.py [--pages 1000] [--chunks 100000] [--queries 20]

1. Index ``--pages`` pages of mixed DOCX/PDF, Chinese and English (the corpus of
   bench_extract.py), into a fresh encrypted history database through the real indexer (one
   parsing child, a commit per file): seconds and pages/s. Target (issue 14): 1,000 pages ≤ 60 s
   on 2 cores.
2. Change one file and re-index: seconds (target ≤ 2 s), and how many files were re-extracted.
3. Add synthetic passages until the library holds ``--chunks`` passages (rows inserted through
   the same triggers, so the FTS index is the real one), then time ``Library.search`` for
   keyword queries (English, two-character Chinese words, Simplified for Traditional text) and
   plain-word questions: median and p95. Target: ≤ 100 ms BM25 at 100,000 chunks.
   Then (``--vector-dim``, default 1,024 as bge-m3; 0 skips) give every passage a random unit
   vector in the encrypted store and time hybrid search (BM25 + numpy vectors + reciprocal rank
   fusion) with a stand-in query embedder: the first search (reads the vectors into memory) and
   the median after it. A real model's time to embed the question comes on top. Target: ≤ 250 ms.

4. ``bench_docs.py ttft [--smoke]`` (also after 1-3 in a full run): time to first token of a
   question with 4 retrieved passages (about 2k tokens) on the bench model, cold, with the
   prefill progress events the engine produced (see ``ttft_with_passages``).

A smoke run (``--pages 40 --chunks 2000 --queries 3``) takes seconds.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests" / "documents"))

import keyring  # noqa: E402
from bench_extract import CHINESE, ENGLISH, build  # noqa: E402
from hostile_docs import docx_bytes  # noqa: E402
from keyring_backend import MemoryKeyring  # noqa: E402
from sqlalchemy import text  # noqa: E402

from app.documents.index import Indexer  # noqa: E402
from app.documents.library import Library  # noqa: E402
from app.documents.model import ExtractLimits  # noqa: E402
from app.paths import user_paths  # noqa: E402
from app.store import HistoryStore  # noqa: E402

QUERIES = ["security incidents", "資訊保安", "资讯保安", "保安", "quarter report", "會議",
           "How often must departments review their systems?", "各部門幾時要報告保安事故"]


def _timed(fn: object) -> float:
    started = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - started


def fill(store: HistoryStore, chunks: int, rng: random.Random) -> int:
    """Synthetic passages up to ``chunks`` in the library (one pseudo-document per 1,000)."""
    with store.session() as s:
        have = int(s.execute(text("SELECT count(*) FROM passages")).scalar_one())
    batch = 1000
    number = 0
    while have < chunks:
        rows = min(batch, chunks - have)
        with store.session(write=True) as s:
            s.execute(text("INSERT INTO documents (path, name, status, added_at) VALUES (:p, :n, 'indexed', 0)"),
                      {"p": f"/synthetic/{number}.txt", "n": f"{number}.txt"})
            pk = s.execute(text("SELECT pk FROM documents WHERE path = :p"), {"p": f"/synthetic/{number}.txt"}).scalar()
            s.execute(text("INSERT INTO passages (document_pk, page, idx, text) VALUES (:d, :g, :i, :x)"), [
                {"d": pk, "g": i // 4 + 1, "i": i,
                 "x": " ".join((ENGLISH if rng.random() < 0.5 else CHINESE)[rng.randrange(0, 40):] for _ in range(3))
                 + f" item{rng.randrange(100000)}"} for i in range(rows)])
        have += rows
        number += 1
    return have


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--pages-per-file", type=int, default=20)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=20, help="repeats of each query")
    parser.add_argument("--vector-dim", type=int, default=1024, help="0: no hybrid figures")
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BAUHINIA_HOME"] = str(Path(tmp) / "home")
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        paths = build(corpus, args.pages, args.pages_per_file)
        with HistoryStore.open(user_paths(), backup_interval_s=None) as store:
            library = Library(store)
            report = None

            def index() -> None:
                nonlocal report
                report = Indexer(library, ExtractLimits()).add([corpus])

            seconds = _timed(index)
            assert report is not None
            print(f"index: {len(paths)} files, {report.pages} pages in {seconds:.1f} s = "
                  f"{report.pages / seconds:.0f} pages/s (encrypted: {store.encrypted}); errors: {len(report.errors)}")
            paths[0].write_bytes(docx_bytes(["changed " + ENGLISH] * 40))
            again = None

            def reindex() -> None:
                nonlocal again
                again = Indexer(library, ExtractLimits()).sync()

            seconds = _timed(reindex)
            assert again is not None
            print(f"re-index after one change: {seconds:.2f} s, re-extracted {again.extracted}, "
                  f"unchanged {again.unchanged}")
            total = fill(store, args.chunks, random.Random(14))
            print(f"library: {total} passages")
            for query in QUERIES:
                library.search(query)  # warm
                times = sorted(_timed(lambda q=query: library.search(q)) * 1000 for _ in range(args.queries))
                p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
                hits = len(library.search(query))
                print(f"search {query!r}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, {hits} hits")
            if args.vector_dim:
                hybrid_figures(store, library, args.vector_dim, args.queries)
            print(f"load average: {os.getloadavg()[0]:.2f}")


class RandomQueryEmbedder:
    """Stands in for an embedding model: a fixed random unit vector per text (numpy only)."""

    model_id = "bench-random"

    def __init__(self, dim: int) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> Any:
        import numpy as np

        from app.documents.embeddings import normalise

        return normalise([np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(self.dim) for t in texts])


def hybrid_figures(store: HistoryStore, library: Library, dim: int, repeats: int) -> None:
    import numpy as np

    from app.documents import vector_search

    rng = np.random.default_rng(14)
    embedder = RandomQueryEmbedder(dim)
    started = time.perf_counter()
    while True:
        with store.session() as s:
            todo = vector_search.missing(s, embedder.model_id, 5000)
        if not todo:
            break
        vectors = rng.standard_normal((len(todo), dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        with store.session(write=True) as s:
            vector_search.save(s, embedder.model_id, [pk for pk, _ in todo], vectors)
    print(f"vectors: {dim} dimensions for every passage stored in {time.perf_counter() - started:.1f} s")
    first = _timed(lambda: library.search(QUERIES[0], embedder=embedder)) * 1000
    print(f"hybrid: first search (reads the vectors into memory) {first:.0f} ms")
    for query in QUERIES:
        times = sorted(_timed(lambda q=query: library.search(q, embedder=embedder)) * 1000 for _ in range(repeats))
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"hybrid {query!r}: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms")


# -- 4. TTFT of a question with 4 retrieved passages (issue 14) ------------------------------------
def ttft_with_passages(argv: list[str]) -> None:
    """``bench_docs.py ttft [--model PATH] [--repeats N] [--smoke]``: time to first token of a
    question over 4 library passages (about 2k tokens in all, sized by the model's tokenizer) on
    the bench model, cold (empty KV cache) each time, and the prefill progress events it produced.
    ``--smoke``: the tiny random diagnostic model, one repeat (seconds)."""
    from app.documents.retrieval import Source, TurnContext, prompt_with_context
    from engine.diagnostic import build_bench_model, diagnostic_model_path
    from engine.events import Finished, PrefillProgress, Usage
    from engine.loader import LoadOptions, load_session
    from engine.types import ChatMessage, SamplingParams

    parser = argparse.ArgumentParser(prog="bench_docs.py ttft", description=ttft_with_passages.__doc__)
    parser.add_argument("--model", type=Path, help="default: the bench model (built once into --cache)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "bauhinia-bench-models")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--passage-tokens", type=int, default=500)
    parser.add_argument("--smoke", action="store_true")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.smoke:
        path, args.repeats = diagnostic_model_path(args.cache, script=None), 1
    else:
        path = args.model or args.cache / "bench-q4km.gguf"
        if args.model is None and not path.is_file():
            build_bench_model(path)
    session, placement = load_session(path, LoadOptions(backend="cpu", n_ctx=4096))
    try:
        rng = random.Random(14)
        sources = []
        for n in range(4):
            body = ""
            while len(session.tokenize(body)) < args.passage_tokens:
                body += (ENGLISH if rng.random() < 0.5 else CHINESE) + " "
            sources.append(Source(f"circular-{n + 1}.docx", n + 1, body.strip()))
        block = "\n\n".join(f"[{i}] {s.file}, p. {s.page}:\n{s.text}" for i, s in enumerate(sources, 1))
        question = "How often must departments review their systems, and when are incidents reported?"
        messages = [ChatMessage("user", prompt_with_context(TurnContext(block, tuple(sources)), question))]
        params = SamplingParams(temperature=0.0, max_tokens=1)
        print(f"model {path.name}: n_ctx {session.n_ctx}, n_batch {session.config.n_batch}, "
              f"threads {placement.threads}")
        ttfts: list[float] = []
        for repeat in range(args.repeats):
            session.reset_context()
            progress: list[PrefillProgress] = []
            fin: Finished | None = None
            usage: Usage | None = None
            for ev in session.stream(messages, params):
                if isinstance(ev, PrefillProgress):
                    progress.append(ev)
                elif isinstance(ev, Usage):
                    usage = ev
                elif isinstance(ev, Finished):
                    fin = ev
            assert fin is not None and fin.ttft_s is not None and usage is not None, f"the turn failed: {fin}"
            ttfts.append(fin.ttft_s)
            print(f"run {repeat + 1}: {usage.evaluated_prompt_tokens} prompt tokens, TTFT {fin.ttft_s:.2f} s "
                  f"({usage.evaluated_prompt_tokens / fin.ttft_s:.0f} tokens/s), {len(progress)} progress events")
            if repeat == 0:
                for p in progress:
                    eta = "-" if p.eta_s is None else f"{p.eta_s:.2f} s"
                    print(f"  prefill {p.done_tokens:>5}/{p.total_tokens} at {p.elapsed_s:6.2f} s, ETA {eta}")
        print(f"TTFT with 4 passages: median {statistics.median(ttfts):.2f} s over {len(ttfts)} cold runs; "
              f"load average {os.getloadavg()[0]:.2f}")
    finally:
        session.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["ttft"]:
        ttft_with_passages(sys.argv[2:])
    else:
        main()
        ttft_with_passages([])
