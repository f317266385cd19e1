"""A turn's documents from the settings: ``ask --attach FILE… [--library] [--preset ID]`` and the
window; a task preset's reference documents join the attachments (:mod:`app.documents.references`).

Policy: ``documents.enabled`` off refuses attachments and the library; ``documents.max_file_mb``
bounds each attachment. An attachment that cannot be read is reported with its one-line reason
(``warn``) and the others are used; when none can be read the turn is refused.

Library passages come from ``Library.search``, the search ``docs search`` runs: hybrid (BM25 fused
with the nearest vectors) when ``documents.embedding_model`` names a usable model, held by an
:class:`EmbedderCache` (the window keeps one for its life; ``ask`` opens one for its run).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from app.documents.chunking import estimate_tokens
from app.documents.embedder_cache import EmbedderCache
from app.documents.errors import CONTEXT, DocumentError
from app.documents.extract import extract
from app.documents.model import Document, ExtractLimits
from app.documents.references import References, read_references, tell_disabled_once
from app.documents.retrieval import TurnContext, attachment_context, library_context, merge
from app.documents.sandbox import ParserProcess
from app.i18n import tr
from app.typed_settings import get_int

if TYPE_CHECKING:
    from app.documents.library import LibraryHit

LIBRARY_PASSAGES = 8


class DocumentsRefused(Exception):
    """The turn's documents cannot be used; the message is fit to show the user."""


def context_budget(settings: Any, max_tokens: int | None, n_ctx: int | None = None) -> int:
    """Estimated tokens the documents may take: the context less the reply and a margin for the
    system prompt, the question and the estimate's error (a quarter). ``n_ctx``: the loaded
    model's real context, when known (it may be shorter than the setting asks for)."""
    n_ctx = n_ctx or get_int(settings, "model.context_length")
    reply = int(max_tokens or settings.get("sampling.max_tokens"))
    return max(256, (n_ctx - reply - 256) * 3 // 4)


def turn_documents(settings: Any, question: str, attach: Sequence[str], use_library: bool, *,
                   budget_tokens: int, store: Any = None, embedders: EmbedderCache | None = None,
                   warn: Callable[[str], None] = lambda _m: None, references: References | None = None,
                   attached: Sequence[tuple[str, Document]] = ()) -> TurnContext | None:
    """The documents for one turn: the user's attachments (``attach`` paths to read, or
    ``attached``, already read by the window), the preset's ``references`` after them, then the
    library's passages. None when there are none. Without ``embedders``, the embedding model (if
    policy names one) is opened for this turn. With documents off by policy, attachments and the
    library are refused; a preset's references are left out (said once, through ``warn``)."""
    refs = references if references is not None and references.paths else None
    if not attach and not attached and not use_library and refs is None:
        return None
    if not settings.get("documents.enabled") and not attach and not attached and not use_library:
        tell_disabled_once(refs.owner if refs is not None else "", warn)
        return None
    _check_enabled(settings)
    documents = [*attached, *(read_attachments(settings, attach, warn) if attach else [])]
    if refs is not None:
        limits = ExtractLimits.from_megabytes(get_int(settings, "documents.max_file_mb"))
        documents += read_references(refs, limits, warn)
    if not use_library:
        return documents_context(question, documents, None, budget_tokens) if documents else None
    with contextlib.ExitStack() as stack:
        cache = embedders if embedders is not None else stack.enter_context(EmbedderCache(settings))
        return documents_context(question, documents,
                                 lambda: _library_hits(settings, store, question, cache, warn), budget_tokens)


def documents_context(question: str, documents: Sequence[tuple[str, Document]],
                      library: Callable[[], Sequence[LibraryHit]] | None, budget_tokens: int) -> TurnContext:
    """Attachments first (all the budget, or three quarters of it with the library), then the
    ``library()`` passages that fit what is left, numbered after them."""
    contexts: list[TurnContext] = []
    if documents:
        share = budget_tokens * 3 // 4 if library is not None else budget_tokens
        contexts.append(attachment_context(question, documents, share))
    if library is not None:
        used = sum(len(c.sources) for c in contexts)
        remaining = budget_tokens - sum(estimate_tokens(s.text) for c in contexts for s in c.sources)
        contexts.append(library_context(library(), max(0, remaining), start=used + 1))
    return merge(*contexts)


def library_hits(store: Any, question: str, embedders: EmbedderCache,
                 warn: Callable[[str], None] = lambda _m: None) -> list[LibraryHit]:
    """A turn's library passages, best first: ``docs search``'s search (hybrid when the policy's
    embedding model can be used, else keywords, with ``warn`` told why once)."""
    from app.documents.library import Library

    with embedders.use(warn) as embedder:
        return Library(store).search(question, limit=LIBRARY_PASSAGES, embedder=embedder)


def _check_enabled(settings: Any) -> None:
    if not settings.get("documents.enabled"):
        raise DocumentsRefused(tr(CONTEXT, "Documents are turned off by your organisation's policy."))


def read_attachments(settings: Any, attach: Sequence[str],
                     warn: Callable[[str], None] = lambda _m: None) -> list[tuple[str, Document]]:
    """``(absolute path, document)`` of each attachment that could be read (the others reported
    through ``warn``); refused when documents are off by policy or none could be read."""
    _check_enabled(settings)
    limits = ExtractLimits.from_megabytes(get_int(settings, "documents.max_file_mb"))
    documents: list[tuple[str, Document]] = []
    with ParserProcess(limits) as parser:
        for path in attach:
            try:
                documents.append((os.path.abspath(path), extract(path, limits, parser=parser)))
            except DocumentError as exc:
                warn(f"{path}: {exc.describe()}")
    if not documents:
        raise DocumentsRefused(tr(CONTEXT, "None of the attached files could be read."))
    return documents


def _library_hits(settings: Any, store: Any, question: str, embedders: EmbedderCache,
                  warn: Callable[[str], None]) -> list[LibraryHit]:
    if store is not None:
        return library_hits(store, question, embedders, warn)
    from app.history_recorder import open_history

    with open_history(settings) as opened:
        return library_hits(opened, question, embedders, warn)
