"""Hybrid library search (issue 14): a generated GGUF run by llama.cpp in embedding mode, vectors
in the real SQLCipher store, numpy search, reciprocal rank fusion, the policy and catalogue
plumbing through `bauhinia docs`. The generated model has random weights: these tests check the
mechanics (a text's own vector is its nearest; vectors follow passages), not semantic quality."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from keyring_backend import MemoryKeyring
from sqlalchemy import text

from app.cli.main import main
from app.documents import vector_search
from app.documents.embeddings import LlamaEmbedder, Vectors, declared_pooling, normalise
from app.documents.fusion import reciprocal_rank_fusion
from app.documents.index import Indexer
from app.documents.library import Library
from app.documents.model import ExtractLimits
from app.store import HistoryStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
from catalogue_helpers import sha256_of, write_catalogue
from test_library import write_docx

TEXTS = ["Sick leave is reported to the supervisor within one day.",
         "年假申請須於兩星期前提交。",
         "Overtime claims go to the finance section by the fifth working day.",
         "政府資訊科技總監辦公室就資訊保安發出本通告。"]


@pytest.fixture(scope="module")
def embedder(random_model_path: Path) -> Iterator[LlamaEmbedder]:
    opened = LlamaEmbedder(str(random_model_path), "test-embedding", threads=1)
    yield opened
    opened.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, body in enumerate(TEXTS):
        write_docx(docs / f"d{i}.docx", body)
    return docs


def test_reciprocal_rank_fusion() -> None:
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "d", "a"]], k=60)
    assert [item for item, _ in fused] == ["a", "c", "b", "d"]
    assert fused[0][1] == pytest.approx(1 / 61 + 1 / 63) and fused[2][1] == pytest.approx(1 / 62)
    only = reciprocal_rank_fusion([["x", "y"], []], limit=1)
    assert [item for item, _ in only] == ["x"] and only[0][1] == pytest.approx(1 / 61)
    assert reciprocal_rank_fusion([]) == []


def test_generated_model_embeds_in_llama_cpp(embedder: LlamaEmbedder, random_model_path: Path) -> None:
    assert declared_pooling(str(random_model_path)) is None  # a decoder: mean-pooled by us
    vectors = embedder.embed([TEXTS[0], TEXTS[1], TEXTS[0]])
    assert vectors.shape == (3, 64) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors[0], vectors[2], atol=1e-5) and not np.allclose(vectors[0], vectors[1], atol=1e-2)
    assert normalise([[3.0, 4.0]]).tolist() == [[pytest.approx(0.6), pytest.approx(0.8)]]


def test_embedding_uses_fewer_threads_while_cores_are_taken(random_model_path: Path) -> None:
    """Like decoding, embedding runs at most at its configured count and at the free cores'."""
    import llama_cpp

    free: list[int | None] = [0]
    opened = LlamaEmbedder(str(random_model_path), "test-embedding", threads=2, free_cores=lambda: free[0])
    try:
        ctx = opened.raw_context
        assert llama_cpp.llama_n_threads_batch(ctx) == 2
        first = opened.embed([TEXTS[0]])
        assert llama_cpp.llama_n_threads_batch(ctx) == llama_cpp.llama_n_threads(ctx) == 1 == opened.threads
        free[0] = None  # no reading: its own most
        again = opened.embed([TEXTS[0]])
        assert llama_cpp.llama_n_threads_batch(ctx) == 2 == opened.threads
        assert np.allclose(first, again, atol=1e-4), "the thread count does not change the vectors"
        free[0] = 1
        opened.embed([TEXTS[1]])
        assert llama_cpp.llama_n_threads_batch(ctx) == 1
        free[0] = 8  # more than it may use: its own most
        opened.embed([TEXTS[1]])
        assert llama_cpp.llama_n_threads_batch(ctx) == 2
    finally:
        opened.close()


def test_index_time_vectors_and_hybrid_search(store: HistoryStore, folder: Path, embedder: LlamaEmbedder) -> None:
    library = Library(store)
    report = Indexer(library, ExtractLimits(), embedder=embedder).add([folder])
    assert report.errors == [] and report.embedded == len(TEXTS)
    with store.session() as s:
        stored = s.execute(text("SELECT v.passage_pk, v.dim, length(v.vector), p.text FROM passage_vectors v"
                                " JOIN passages p ON p.pk = v.passage_pk")).all()
    assert {(dim, size) for _pk, dim, size, _t in stored} == {(64, 128)}  # float16
    assert sorted(t for *_x, t in stored) == sorted(TEXTS)
    # A passage's own text is its nearest vector.
    index = vector_search.index_for(str(store.path), embedder.model_id)
    with store.session() as s:
        for _pk, _dim, _size, body in stored:
            assert index.search(s, embedder.embed([body]), 1)[0][0] == _pk
    # Hybrid: keyword hits fused with the nearest vectors; a query no keyword matches still
    # finds passages by vector, where BM25 alone finds none.
    hybrid = library.search("overtime claims", limit=4, embedder=embedder)
    assert hybrid[0].name == "d2.docx" and len(hybrid) == 4 and hybrid[0].score > hybrid[-1].score
    assert library.search("qqzx", limit=4) == []
    assert len(library.search("qqzx", limit=4, embedder=embedder)) == 4
    # Running again adds nothing; a changed file's vectors follow its passages.
    assert Indexer(library, ExtractLimits(), embedder=embedder).sync().embedded == 0
    write_docx(folder / "d2.docx", "Overtime claims now go to the human resources unit.")
    assert Indexer(library, ExtractLimits(), embedder=embedder).sync().embedded == 1
    with store.session() as s:
        assert s.execute(text("SELECT count(*) FROM passage_vectors")).scalar_one() == len(TEXTS)
        top = index.search(s, embedder.embed(["Overtime claims now go to the human resources unit."]), 1)
        body = s.execute(text("SELECT text FROM passages WHERE pk = :p"), {"p": top[0][0]}).scalar_one()
    assert "human resources" in body
    library.remove([str(folder / "d0.docx")])
    with store.session() as s:
        assert len(index.search(s, embedder.embed([TEXTS[0]]), 10)) == len(TEXTS) - 1
    # Only additions: the matrix in memory is extended, and finds the new passage.
    write_docx(folder / "d9.docx", "Visitors must wear their passes at all times.")
    assert Indexer(library, ExtractLimits(), embedder=embedder).sync().embedded == 2  # d9 and d0 again
    with store.session() as s:
        found = index.search(s, embedder.embed(["Visitors must wear their passes at all times."]), 10)
        assert len(found) == len(TEXTS) + 1
        pk = s.execute(text("SELECT pk FROM passages WHERE text LIKE 'Visitors%'")).scalar_one()
        assert found[0][0] == pk
        counted = s.execute(text("SELECT vectors FROM passage_vector_state WHERE model = :m"),
                            {"m": embedder.model_id}).scalar_one()
        assert counted == s.execute(text("SELECT count(*) FROM passage_vectors")).scalar_one() == len(TEXTS) + 1


def test_vectors_added_when_the_model_is_named_later(store: HistoryStore, folder: Path,
                                                    embedder: LlamaEmbedder) -> None:
    library = Library(store)
    assert Indexer(library, ExtractLimits()).add([folder]).embedded == 0
    assert Indexer(library, ExtractLimits(), embedder=embedder).sync().embedded == len(TEXTS)
    # IT names another model: every passage is embedded again, and the old vectors go.
    other = Renamed(embedder, "another-model")
    assert Indexer(library, ExtractLimits(), embedder=other).sync().embedded == len(TEXTS)
    with store.session() as s:
        state = {str(m): int(n) for m, n in s.execute(text("SELECT model, vectors FROM passage_vector_state"))}
        assert state == {embedder.model_id: 0, "another-model": len(TEXTS)}
        assert vector_search.index_for(str(store.path), embedder.model_id).search(s, other.embed(["x"]), 9) == []
        assert len(vector_search.index_for(str(store.path), "another-model").search(s, other.embed(["x"]), 9)) == 4


class Renamed:
    """The same vectors under another model id."""

    def __init__(self, inner: LlamaEmbedder, model_id: str) -> None:
        self.inner, self.model_id = inner, model_id

    def embed(self, texts: Sequence[str]) -> Vectors:
        return self.inner.embed(texts)


def _policy(admin: Path, values: dict[str, object]) -> None:
    (admin / "policies").mkdir(parents=True, exist_ok=True)
    (admin / "policies" / "50-documents.json").write_text(json.dumps(values), encoding="utf-8")


def test_cli_uses_the_catalogue_embedding_model(memory_keyring: MemoryKeyring, folder: Path, random_model_path: Path,
                                               _isolated_admin_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    model = _isolated_admin_dir / "models" / "embed.gguf"
    model.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(random_model_path, model)
    write_catalogue(_isolated_admin_dir / "models.json", [
        {"id": "embed", "file": "models/embed.gguf", "sha256": sha256_of(model), "role": "embedding"},
        {"id": "chatty", "file": "models/embed.gguf", "sha256": sha256_of(model)}])
    _policy(_isolated_admin_dir, {"documents.embedding_model": "embed"})
    assert main(["docs", "add", str(folder), "--json"]) == 0
    capfd.readouterr()
    assert main(["docs", "search", "qqzx", "--json"]) == 0  # only vectors can answer this
    out, err = capfd.readouterr()
    assert len(json.loads(out)) == len(TEXTS) and "llama" not in err  # llama.cpp's log stays off the terminal
    # A chat model named as the embedding model, or an unknown id: a one-line reason, keywords only.
    for wrong, reason in (("chatty", "is not an embedding model"), ("nope", "nope")):
        _policy(_isolated_admin_dir, {"documents.embedding_model": wrong})
        assert main(["docs", "search", "overtime", "--json"]) == 0
        out, err = capfd.readouterr()
        assert reason in err and "searched by keywords only" in err and "Traceback" not in err
        assert [Path(h["file"]).name for h in json.loads(out)] == ["d2.docx"]
        assert main(["docs", "search", "qqzx", "--json"]) == 0
        assert json.loads(capfd.readouterr().out) == []
