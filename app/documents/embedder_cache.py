"""The policy's embedding model for library search in turns, loaded on first use and kept.

A long-lived process (the window) holds one :class:`EmbedderCache` and closes it at shutdown; a
short one (``ask``) uses it for one run (``with EmbedderCache(settings) as embedders``). The model
is opened only when a turn searches the library, through the same gate as ``docs``
(:func:`app.documents.embeddings.open_embedder`). When policy names another model the old one is
closed and the new one loaded; when none is named, nothing is loaded. A model that cannot be used
is reported once (a translated line through ``warn``) and the library is searched by keywords.
One caller at a time uses the model (llama.cpp contexts are not shared between threads).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

from app.documents.embeddings import Embedder, EmbeddingUnavailable, keyword_only_notice, open_embedder
from app.typed_settings import get_str

Opener = Callable[[Any], Any]  # settings -> an embedder with close(), or None; EmbeddingUnavailable


class EmbedderCache:
    """``use(warn)`` yields the policy's embedding model (or None: keywords only)."""

    def __init__(self, settings: Any, opener: Opener = open_embedder) -> None:
        self.settings = settings
        self.opener = opener
        self._lock = threading.Lock()
        self._model_id = ""
        self._embedder: Any = None
        self._failed = False  # the named model could not be used (reported once)
        self.loads = 0  # how many times a model was opened (for tests and diagnostics)

    @contextlib.contextmanager
    def use(self, warn: Callable[[str], None] = lambda _m: None) -> Iterator[Embedder | None]:
        with self._lock:
            yield self._current(warn)

    def _current(self, warn: Callable[[str], None]) -> Embedder | None:
        model_id = get_str(self.settings, "documents.embedding_model").strip()
        if model_id != self._model_id:  # named, changed or cleared by policy since the last turn
            self._close_model()
            self._model_id, self._failed = model_id, False
        if not model_id or self._failed:
            return None
        if self._embedder is None:
            try:
                self._embedder = self.opener(self.settings)
            except EmbeddingUnavailable as exc:
                self._failed = True
                warn(keyword_only_notice(exc))
                return None
            self.loads += 1
        embedder: Embedder | None = self._embedder
        return embedder

    def _close_model(self) -> None:
        embedder, self._embedder = self._embedder, None
        if embedder is not None:
            embedder.close()

    def close(self) -> None:
        """Close the model (waits for a search that is using it)."""
        with self._lock:
            self._close_model()

    def __enter__(self) -> EmbedderCache:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
