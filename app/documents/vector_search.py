"""Passage vectors in the encrypted history database, searched by brute force with numpy.

``passage_vectors`` (schema v6, app/store/migrations.py) holds one float16 vector per passage,
tagged with the model that made it (naming another model re-embeds every passage, replacing the old
vectors); deleting a passage deletes its vector (foreign key cascade). Nothing is written outside
the database. To search, the vectors of the current model are read once into memory as one float32
matrix (kept per database and model, and extended with newly added rows; any other change reloads
it), and a question is one matrix-vector product.

Measured at 100,000 passages × 1,024 dimensions (bge-m3's size) on the 2-core machine under load
(tests/benchmarks/bench_vectors.py): numpy float32 71 ms per query once loaded (12.3 s to read
float32 vectors out of SQLCipher the first time; the library stores float16: 5.6 s at load
average 10, so a process's first hybrid search pays that once); sqlite-vec 0.1.9's ``vec0`` (it does load into
SQLCipher through sqlcipher3) 583 ms with its 883 MB of pages in a 600 MB cache and 4.7 s with
the default cache; numpy float16 arithmetic 1.7 s. numpy is faster, so there is no sqlite-vec.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.documents.embeddings import Embedder, Vectors
from app.store import HistoryStore

_STATE = text("SELECT vectors, changes FROM passage_vector_state WHERE model = :m")


def save(s: Session, model: str, pks: Sequence[int], vectors: Vectors) -> None:
    """Store one vector per passage pk (replacing an older one)."""
    if not len(pks):
        return
    half = vectors.astype(np.float16)
    s.execute(text("INSERT INTO passage_vectors (passage_pk, model, dim, vector) VALUES (:p, :m, :d, :v)"
                   " ON CONFLICT (passage_pk) DO UPDATE SET model = excluded.model, dim = excluded.dim,"
                   " vector = excluded.vector"),
              [{"p": int(pk), "m": model, "d": int(half.shape[1]), "v": half[i].tobytes()} for i, pk in enumerate(pks)])


def missing(s: Session, model: str, limit: int, after: int = 0) -> list[tuple[int, str]]:
    """Passages after pk ``after`` that have no vector of ``model`` yet (pk, text), oldest first."""
    rows = s.execute(text(
        "SELECT p.pk, p.text FROM passages p WHERE p.pk > :a AND NOT EXISTS (SELECT 1 FROM passage_vectors v"
        " WHERE v.passage_pk = p.pk AND v.model = :m) ORDER BY p.pk LIMIT :n"), {"m": model, "n": limit, "a": after})
    return [(int(pk), str(body)) for pk, body in rows]


def embed_missing(store: HistoryStore, embedder: Embedder, *, batch: int = 64,
                  progress: Callable[[int, int], None] | None = None) -> int:
    """Compute and store the vectors the library lacks for ``embedder``, a batch per transaction
    (an interrupted run keeps what it finished); returns how many were added. ``progress(done,
    total)`` after each batch (passages), when there is anything to embed."""
    done = after = 0
    total = 0
    if progress is not None:
        with store.session() as s:
            total = int(s.execute(_MISSING_COUNT, {"m": embedder.model_id}).scalar_one())
        if total:
            progress(0, total)  # before the first batch, which is the slow one to wait for
    while True:
        with store.session() as s:
            todo = missing(s, embedder.model_id, batch, after)
        if not todo:
            return done
        after = todo[-1][0]
        vectors = embedder.embed([body for _pk, body in todo])
        with store.session(write=True) as s:
            save(s, embedder.model_id, [pk for pk, _body in todo], vectors)
        done += len(todo)
        if progress is not None:
            progress(done, max(total, done))


_MISSING_COUNT = text("SELECT count(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM passage_vectors v"
                      " WHERE v.passage_pk = p.pk AND v.model = :m)")


@dataclass
class _Loaded:
    pks: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    matrix: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    changes: int = 0  # the model's change counter when this was read


class VectorIndex:
    """The vectors of one model in memory, kept in step with the table."""

    def __init__(self, model: str) -> None:
        self.model = model
        self._loaded = _Loaded()
        self._lock = threading.Lock()

    def _read(self, s: Session, after: int) -> tuple[np.ndarray, np.ndarray]:
        # In table order (passage_pk is the rowid): through the model index it took 1.7 times as
        # long, every row a separate look-up of its page.
        rows = s.execute(text("SELECT passage_pk, vector FROM passage_vectors NOT INDEXED WHERE passage_pk > :a"
                              " AND model = :m ORDER BY passage_pk"), {"m": self.model, "a": after}).all()
        pks = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        if not rows:
            return pks, np.zeros((0, 0), dtype=np.float32)
        half = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float16).reshape(len(rows), -1)
        return pks, half.astype(np.float32)

    def _refresh(self, s: Session) -> _Loaded:
        state = s.execute(_STATE, {"m": self.model}).first()
        count, changes = (int(state[0]), int(state[1])) if state else (0, 0)
        loaded = self._loaded
        if changes == loaded.changes:
            return loaded
        added = count - len(loaded.pks)
        if len(loaded.pks) and added > 0 and changes - loaded.changes == added:  # only additions
            pks, new = self._read(s, int(loaded.pks[-1]))
            if len(pks) == added and new.shape[1] == loaded.matrix.shape[1]:
                loaded = _Loaded(np.concatenate([loaded.pks, pks]), np.vstack([loaded.matrix, new]), changes)
                self._loaded = loaded
                return loaded
        pks, matrix = self._read(s, 0)
        self._loaded = _Loaded(pks, matrix, changes)
        return self._loaded

    def search(self, s: Session, query: Vectors, limit: int) -> list[tuple[int, float]]:
        """The ``limit`` passages nearest to ``query`` (pk, cosine similarity), nearest first."""
        with self._lock:
            loaded = self._refresh(s)
        if not len(loaded.pks) or loaded.matrix.shape[1] != query.shape[-1]:
            return []
        scores = loaded.matrix @ query.reshape(-1)
        k = min(limit, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        order = top[np.argsort(-scores[top], kind="stable")]
        return [(int(loaded.pks[i]), float(scores[i])) for i in order]


_INDEXES: dict[tuple[str, str], VectorIndex] = {}
_INDEXES_LOCK = threading.Lock()


def index_for(database: str, model: str) -> VectorIndex:
    """The in-memory index of ``model`` for one database file (shared within the process)."""
    with _INDEXES_LOCK:
        return _INDEXES.setdefault((database, model), VectorIndex(model))
