"""A turn's library passages come from the hybrid search when policy names an embedding model
(issue 14): ``ask --library`` and the window's turn documents, a generated embedding GGUF through
the catalogue and the verification gate, the real SQCipher store. The model has random weights,
so the question is one no keyword matches ("qqzx"): BM25 finds nothing, and every passage the
turn gets was found by the vector side. Also: the model is loaded once and reused by a cache
(closed at the end), a model that cannot be used gives one line and keywords, and indexing shows
its embedding progress."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
from keyring_backend import MemoryKeyring

from app.cli.main import main
from app.documents.embedder_cache import EmbedderCache
from app.documents.embeddings import open_embedder
from app.documents.library import Library
from app.documents.retrieval_turn import library_hits
from app.paths import user_paths
from app.settings.store import SettingsStore
from app.store import HistoryStore
from app.ui.turn_documents import turn_context
from engine.diagnostic import Script

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "app"))
from catalogue_helpers import sha256_of, write_catalogue
from test_embeddings import TEXTS
from test_library import write_docx

ANSWER = Script(reasoning="Reading.", answer="Found it [1].")
NOWHERE = "qqzx"  # in no passage: only vectors can answer it


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


@pytest.fixture(scope="module")
def answer_model(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=ANSWER))


@pytest.fixture
def library_folder(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, body in enumerate(TEXTS):
        write_docx(docs / f"d{i}.docx", body)
    return docs


def _policy(admin: Path, values: dict[str, object]) -> None:
    (admin / "policies").mkdir(parents=True, exist_ok=True)
    (admin / "policies" / "50-documents.json").write_text(json.dumps(values), encoding="utf-8")


@pytest.fixture
def catalogue(_isolated_admin_dir: Path, random_model_path: Path) -> Path:
    """IT's catalogue with the generated model as the embedding model ``embed``, named by policy."""
    model = _isolated_admin_dir / "models" / "embed.gguf"
    model.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(random_model_path, model)
    write_catalogue(_isolated_admin_dir / "models.json", [
        {"id": "embed", "file": "models/embed.gguf", "sha256": sha256_of(model), "role": "embedding"}])
    _policy(_isolated_admin_dir, {"documents.embedding_model": "embed"})
    return model


@pytest.fixture
def indexed(catalogue: Path, library_folder: Path, capfd: pytest.CaptureFixture[str]) -> str:
    """The folder added with ``docs add`` (vectors computed); returns what it printed on stderr."""
    assert main(["docs", "add", str(library_folder)]) == 0
    return capfd.readouterr().err


def _ask(capfd: pytest.CaptureFixture[str], model: Path, *args: str) -> tuple[dict[str, Any], str]:
    assert main(["ask", "-m", str(model), "--json", "--library", *args]) == 0
    out, err = capfd.readouterr()
    return json.loads(out), err


def test_docs_add_shows_embedding_progress(indexed: str) -> None:
    lines = [line for line in indexed.splitlines() if line.startswith("Computing passage vectors")]
    assert lines[0] == f"Computing passage vectors: 0 of {len(TEXTS)} passages"
    assert lines[-1] == f"Computing passage vectors: {len(TEXTS)} of {len(TEXTS)} passages"
    assert indexed.index("[4/4]") < indexed.index("Computing passage vectors")  # after the files' own progress


def test_ask_library_uses_the_vector_side(indexed: str, answer_model: Path, _isolated_admin_dir: Path,
                                          capfd: pytest.CaptureFixture[str]) -> None:
    out, err = _ask(capfd, answer_model, NOWHERE)
    assert "Traceback" not in err and "llama" not in err and "keywords only" not in err
    with HistoryStore.open(user_paths()) as store:
        assert Library(store).search(NOWHERE, limit=8) == []  # keywords alone find nothing here
    # Every passage of the library reached the turn, found by its vector, numbered as sources.
    assert sorted(s["text"] for s in out["sources"]) == sorted(TEXTS)
    assert out["content"] == ANSWER.answer
    # Keyword questions still come first through the fusion.
    out, _err = _ask(capfd, answer_model, "overtime claims")
    assert Path(out["sources"][0]["file"]).name == "d2.docx" and len(out["sources"]) == len(TEXTS)
    # Without an embedding model the same question finds nothing (BM25 only).
    _policy(_isolated_admin_dir, {})
    out, err = _ask(capfd, answer_model, NOWHERE)
    assert out["sources"] == [] and err == ""


def test_ask_library_with_an_unusable_model_says_so_once_and_uses_keywords(
        indexed: str, answer_model: Path, _isolated_admin_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    _policy(_isolated_admin_dir, {"documents.embedding_model": "nope"})
    out, err = _ask(capfd, answer_model, NOWHERE)
    assert out["sources"] == []
    assert err.count("\n") == 1 and "nope" in err and "searched by keywords only" in err
    out, err = _ask(capfd, answer_model, "overtime claims")
    assert [Path(s["file"]).name for s in out["sources"]] == ["d2.docx"] and "keywords only" in err


class Counting:
    """``open_embedder`` counted, its models' ``close`` recorded."""

    def __init__(self) -> None:
        self.opened: list[Any] = []
        self.closed = 0

    def __call__(self, settings: Any) -> Any:
        embedder = open_embedder(settings)
        assert embedder is not None
        close = embedder.close

        def counted_close() -> None:
            self.closed += 1
            close()

        embedder.close = counted_close  # type: ignore[method-assign]
        self.opened.append(embedder)
        return embedder


def test_window_turns_share_one_model_until_policy_changes(indexed: str, _isolated_admin_dir: Path) -> None:
    """``turn_context`` is what the window's "Use my library" runs off the UI thread."""
    settings = SettingsStore()
    opener = Counting()
    cache = EmbedderCache(settings, opener)
    with HistoryStore.open(user_paths()) as store:
        first = turn_context(NOWHERE, [], True, 4000, store, cache)
        second = turn_context("annual leave", [], True, 4000, store, cache)
        assert sorted(s.text for s in first.sources) == sorted(TEXTS) and first.notice == ""
        assert len(second.sources) == len(TEXTS)
        assert len(opener.opened) == 1 and cache.loads == 1 and opener.closed == 0  # loaded once, kept
        # IT names a model that cannot be used: the old one is closed, one notice, keywords only.
        _policy(_isolated_admin_dir, {"documents.embedding_model": "nope"})
        settings.reload()  # the settings read again (the window reads them at start)
        third = turn_context(NOWHERE, [], True, 4000, store, cache)
        assert opener.closed == 1 and third.sources == ()
        assert "nope" in third.notice and "searched by keywords only" in third.notice
        assert turn_context(NOWHERE, [], True, 4000, store, cache).notice == ""  # said once, not every turn
        # Named again: loaded again, on the next library turn only.
        _policy(_isolated_admin_dir, {"documents.embedding_model": "embed"})
        settings.reload()
        assert len(opener.opened) == 1
        warnings: list[str] = []
        assert len(library_hits(store, NOWHERE, cache, warnings.append)) == len(TEXTS) and warnings == []
        assert len(opener.opened) == 2
    cache.close()
    assert opener.closed == 2
    cache.close()  # twice is harmless
    assert opener.closed == 2


def test_no_model_named_loads_nothing(store: HistoryStore) -> None:
    def never(_settings: Any) -> Any:
        raise AssertionError("no embedding model is named: nothing may be loaded")

    with EmbedderCache(SettingsStore(), never) as cache:
        context = turn_context("overtime claims", [], True, 4000, store, cache)
    assert context.sources == () and context.notice == ""
