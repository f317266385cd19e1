"""Dense vectors for passages and questions from an embedding GGUF run by llama.cpp (optional).

IT names the model in the catalogue (``"role": "embedding"``, e.g. a multilingual bge-m3 GGUF)
and in the policy ``documents.embedding_model`` (its catalogue id). The file goes through the
same gate as a chat model (catalogue SHA-256, verification policy) and is loaded on the CPU in
llama.cpp's embedding mode. A model that declares no pooling (``<arch>.pooling_type``), such as a
decoder used for embeddings, is mean-pooled. Vectors are L2-normalised float32, so a dot product
is the cosine similarity.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from app.documents.errors import CONTEXT
from app.i18n import tr
from engine import cpu_load
from engine.cpu_load import FreeCores

Vectors = npt.NDArray[np.float32]
EMBED_BATCH = 16  # passages per llama.cpp call
N_CTX = 2048  # tokens per passage at most (library passages are ~256)


class Embedder(Protocol):
    """What the library needs from an embedding model."""

    model_id: str

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised row per text."""
        ...


class EmbeddingUnavailable(Exception):
    """The configured embedding model cannot be used; ``str()`` is a translated one-line reason."""


def normalise(matrix: npt.ArrayLike) -> Vectors:
    rows = np.asarray(matrix, dtype=np.float32)
    if rows.ndim == 1:
        rows = rows[None, :]
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.asarray(rows / np.where(norms > 0, norms, 1.0), dtype=np.float32)


def declared_pooling(path: str) -> int | None:
    """The pooling type the GGUF declares (llama.cpp's enum), or None when it declares none."""
    from gguf import GGUFReader

    reader = GGUFReader(path)
    arch_field = reader.get_field("general.architecture")
    if arch_field is None:
        return None
    arch = bytes(arch_field.parts[arch_field.data[0]]).decode("utf-8", "replace")
    pooling = reader.get_field(f"{arch}.pooling_type")
    return None if pooling is None else int(pooling.parts[pooling.data[0]][0])


class LlamaEmbedder:
    """An embedding model in llama.cpp's embedding mode, on the CPU. Close it when done."""

    def __init__(self, path: str, model_id: str, *, threads: int | None = None,
                 free_cores: FreeCores = cpu_load.free_cores) -> None:
        import llama_cpp

        from engine.devices import ensure_backends
        from engine.llama_logs import captured_llama_logs, tail

        ensure_backends()
        pooling = declared_pooling(path)
        self.model_id = model_id
        # At most this many threads; fewer while other programs hold cores (engine.cpu_load: spin
        # barriers collapse when there are more threads than free cores, as in decoding).
        self.max_threads = threads or max(1, (os.cpu_count() or 2) // 2)
        self._free_cores = free_cores
        self._set_threads = llama_cpp.llama_set_n_threads
        self.threads = self.max_threads  # in force now
        with captured_llama_logs() as logs:  # llama.cpp's log lines stay off the terminal
            try:
                self._llm: Any = llama_cpp.Llama(
                    model_path=path, embedding=True, n_ctx=N_CTX, n_batch=N_CTX, n_ubatch=N_CTX, n_gpu_layers=0,
                    pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN if pooling in (None, 0) else pooling,
                    n_threads=self.max_threads, n_threads_batch=self.max_threads, verbose=False)
            except ValueError as exc:
                raise ValueError(tail(logs) or str(exc)) from exc

    def embed(self, texts: Sequence[str]) -> Vectors:
        rows: list[list[float]] = []
        for start in range(0, len(texts), EMBED_BATCH):
            self._fit_threads()
            batch = [t or " " for t in texts[start: start + EMBED_BATCH]]
            rows.extend(self._llm.embed(batch, truncate=True))
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return normalise(rows)

    @property
    def raw_context(self) -> Any:
        """The ``llama_context`` pointer (tests read the thread counts it really runs with)."""
        return self._llm._ctx.ctx

    def _fit_threads(self) -> None:
        free = self._free_cores()
        wanted = self.max_threads if free is None else max(1, min(self.max_threads, free))
        if wanted != self.threads:
            self._set_threads(self.raw_context, wanted, wanted)
            self.threads = wanted

    def close(self) -> None:
        self._llm.close()


def open_embedder(settings: Any) -> LlamaEmbedder | None:
    """The embedding model policy names (``documents.embedding_model``), verified and loaded;
    None when none is named. Raises :class:`EmbeddingUnavailable` with a translated reason."""
    from app.model_resolver import ModelNotAvailableError, acquire
    from app.typed_settings import get_str

    model_id = get_str(settings, "documents.embedding_model").strip()
    if not model_id:
        return None
    try:
        acquired = acquire(model_id, settings)
    except ModelNotAvailableError as exc:
        raise EmbeddingUnavailable(str(exc)) from exc
    try:
        entry = acquired.entry
        if entry is not None and entry.role != "embedding":
            raise EmbeddingUnavailable(tr(CONTEXT, "'%1' is not an embedding model in the model catalogue.")
                                       .replace("%1", model_id))
        try:
            return LlamaEmbedder(acquired.handle.load_path, acquired.label)
        except (ValueError, RuntimeError, OSError) as exc:
            raise EmbeddingUnavailable(tr(CONTEXT, "The embedding model '%1' could not be loaded: %2")
                                       .replace("%1", model_id).replace("%2", str(exc))) from exc
    finally:
        acquired.close()


def keyword_only_notice(exc: EmbeddingUnavailable) -> str:
    """The one line that says why the library is searched by keywords only."""
    return tr(CONTEXT, "%1 The library is searched by keywords only.").replace("%1", str(exc))


@contextlib.contextmanager
def library_embedder(settings: Any, warn: Callable[[str], None] = lambda _m: None) -> Iterator[LlamaEmbedder | None]:
    """``open_embedder`` for the length of a ``with`` block, closed after it. A model that cannot
    be used is reported through ``warn`` and the library works by keywords alone."""
    try:
        embedder = open_embedder(settings)
    except EmbeddingUnavailable as exc:
        warn(keyword_only_notice(exc))
        embedder = None
    try:
        yield embedder
    finally:
        if embedder is not None:
            embedder.close()
