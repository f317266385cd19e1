"""A window turn's documents: the attachments already read, and library passages when the
conversation's "Use my library" is on, put together off the UI thread before the turn is sent.

The pieces are the domain's (``app.documents.retrieval``: whole attachments when they fit the
context, else the passages that match the question best; library hits numbered after them); the
budget is the loaded model's context, less the reply.

A request for a summary with attachments (the domain's one rule, ``summarise.summarises``, as
``ask`` applies it) goes instead to the engine thread's ``Summariser`` with the documents as read:
whole when they fit, else section by section (its progress reaches the window there).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

from app.i18n import tr

CONTEXT = "Attachments"


def turn_context(question: str, documents: Sequence[tuple[str, Any]], library: bool, budget_tokens: int,
                 store: Any, embedders: Any, references: Any = None) -> Any:
    """The ``TurnContext`` for a question (the domain's ``turn_documents``: attachments
    first, then the task preset's reference documents, then library passages, the hybrid search
    when policy names an embedding model; what could not be used goes in the notice)."""
    from app.documents.retrieval_turn import turn_documents

    warnings: list[str] = []
    context = turn_documents(embedders.settings, question, (), library, budget_tokens=budget_tokens, store=store,
                             embedders=embedders, warn=warnings.append, references=references, attached=documents)
    if context is None:  # only references, none of them usable: what the notice says
        from app.documents.retrieval import TurnContext

        context = TurnContext("")
    return dataclasses.replace(context, notice=" ".join([*warnings, context.notice]).strip())


class DocumentsSender:
    """``send(request, emit)``: the request as it is, or with its documents once they are ready."""

    def __init__(self, window: Any, attachments: Any, library: Any, jobs: Any,
                 summarise: Callable[[Any, list[tuple[str, Any]]], None] | None = None) -> None:
        self.window = window
        self.attachments = attachments
        self.library = library
        self.jobs = jobs
        self.summarise = summarise  # (request, documents) to the engine's Summariser
        self.summarising = False  # the last request went to the Summariser and has not ended
        self.preparing = False
        self.sent_attachments = False  # the last request carried the chips: clear them once stored
        self.sent_refs: tuple[Any, ...] = ()  # what it carried (``AttachmentRef``): shown under the prompt
        from app.documents.embedder_cache import EmbedderCache

        self.embedders = EmbedderCache(window.settings)  # loaded by the first library turn; close()

    def send(self, req: Any, emit: Callable[[Any], None]) -> None:
        if self.attachments.reading:  # never without the files the user is waiting for
            self.window._send_failed(tr(CONTEXT, "The attached files are still being read; send again when "
                                                 "they are ready."), req.text)
            return
        documents = self.attachments.documents()
        library = self.library.use_library()
        from app.i18n import current_language
        from app.presets import preset_references

        presets = getattr(self.window, "presets", None)  # the task picker: its reference documents join
        references = preset_references(presets.current() if presets is not None else None, current_language())
        from app.documents.summarise import summarises

        if self.summarise is not None and summarises(req.text, attachments=bool(documents), library=library):
            self.summarising = self.sent_attachments = True
            self.sent_refs = ()  # told by the Summariser when it answers
            self.summarise(req, documents)
            return
        if not documents and not library and references is None:
            self.sent_attachments = False
            self.sent_refs = ()
            emit(req)
            return
        from app.documents.retrieval_turn import context_budget

        model = self.window.model
        budget = context_budget(self.window.settings, req.params.max_tokens, model.n_ctx if model else None)
        store = self.window.store

        def work(_cancel: Any, _progress: Any) -> Any:
            return turn_context(req.text, documents, library, budget, store, self.embedders, references)

        def ready(context: Any) -> None:
            self.preparing = False
            if context.notice:
                self.window.show_notice(context.notice)
            self.sent_attachments = bool(documents)
            self.sent_refs = tuple(context.attachments)
            emit(dataclasses.replace(req, documents=context))

        def failed(message: str) -> None:
            self.preparing = False
            self.window._send_failed(tr(CONTEXT, "The documents could not be used: %1").replace("%1", message),
                                     req.text)

        def cancelled() -> None:
            self.preparing = False
            self.window._set_generating(False)

        self.preparing = True
        self.jobs.submit(work, ready, failed, cancelled)

    def summary_progress(self, progress: Any) -> None:
        """The Summariser answers now: the attachments as its prompt keeps them."""
        if progress.stage == "answer":
            self.sent_refs = tuple(progress.attachments)

    def ended(self) -> bool:
        """The turn ended (answered, failed or stopped); whether it was a summary."""
        was, self.summarising = self.summarising, False
        return was

    def stop(self) -> None:
        """Stop pressed while the documents are being prepared: nothing is sent."""
        if self.preparing:
            self.jobs.cancel()

    def close(self) -> None:
        """At shutdown, once the jobs thread has stopped: the embedding model is closed."""
        self.embedders.close()

    def stored(self, record: Any) -> None:
        """The prompt is stored: its attachments went with it (shown under it from now on)."""
        if self.sent_attachments or self.sent_refs:  # the chips, or a task's reference documents
            item = self.window.transcript.item(record.id)
            if item is not None and self.sent_refs:
                item.attachments = self.sent_refs
                self.window.transcript.replace_item(item)
            if self.sent_attachments:
                self.attachments.clear()
            self.sent_attachments, self.sent_refs = False, ()
