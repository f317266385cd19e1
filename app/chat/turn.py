"""``ChatTurn``: one chat turn, start to end, for the window's worker and ``bauhinia ask`` alike.

It creates the conversation, stores the prompt, builds the messages (system prompt by the one
rule in :mod:`app.chat.request`), streams the reply through the reply-language converter, records
it as it streams, maps the finish status and reports a failed final write without losing the
text (:meth:`ChatTurn.retry_save` tries again). Callers see the turn through a
:class:`TurnObserver`; nothing here knows about Qt or the terminal.

With a glossary, the approved terms found in the prompt go into the system prompt and the reply
is checked for them (``TurnResult.terms``). With an audit log, a ``turn_done`` record (model,
hash, token counts, conversation id; never text) is written before the reply's final write; a
record that cannot be written stops that write like a full disk would (``audit_error``), the text
is kept and :meth:`ChatTurn.retry_save` tries the record, then the write, again.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.audit import AuditLog, AuditWriteError, DisabledAuditLog, TurnDone
from app.chat.documents_memory import MEMORY, DocumentsMemory
from app.chat.documents_record import load_context, save_context
from app.chat.observer import TurnObserver
from app.chat.request import CURRENT, TurnRequest, system_prompt_for
from app.glossary import Glossary, TermCheck, TurnTerms, terms_for_turn
from app.i18n import tr
from app.reply_language import ReplyTexts
from engine.events import (
    ContentDelta,
    ContextTrimmed,
    Finished,
    PrefillProgress,
    ReasoningDelta,
    StreamError,
    Usage,
)
from engine.provider import ChatProvider
from engine.types import CancelToken, ChatMessage

#: How a stream's finish reason is recorded.
STATUS_FOR_REASON = {"stop": "complete", "length": "complete", "cancelled": "cancelled"}


class TurnRefused(Exception):
    """The turn could not start (e.g. the history could not be written); nothing was streamed.
    The message is fit to show the user."""


@dataclass
class TurnResult:
    """What the turn produced. ``content``/``reasoning`` are the shown texts, the ``raw_`` ones what
    the model wrote. ``record`` is the stored reply (``None`` without history, or while
    ``save_error`` says the final write failed)."""

    conversation_id: str | None = None
    message_id: str | None = None
    record: Any = None
    content: str = ""
    reasoning: str = ""
    raw_content: str = ""
    raw_reasoning: str = ""
    finish_reason: str = "error"
    status: str = "error"
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    ttft_s: float | None = None
    tokens_per_s: float | None = None
    #: Prompt-lookup draft tokens verified / kept this turn (engine Usage; 0 for remote models).
    draft_proposed: int = 0
    draft_accepted: int = 0
    #: Seconds the prompt's evaluation took, when the engine reported it batch by batch (local
    #: models, prompts longer than one batch); ``None`` otherwise.
    prefill_s: float | None = None
    error: str | None = None
    error_kind: str | None = None
    thinking_s: float | None = None
    save_error: str | None = None
    #: The audit record could not be written (its one-line message; ``save_error`` says the same):
    #: the final write waits for it.
    audit_error: str | None = None
    #: The glossary check: one item per approved term found in the prompt (``found`` False: missing).
    terms: list[TermCheck] = field(default_factory=list)
    #: Numbered sources the model was given (attachments, library passages), and the notice
    #: when only the best-matching passages of the attachments fitted.
    sources: list[Any] = field(default_factory=list)
    documents_notice: str = ""


def _with_documents(documents: Any, text: str) -> str:
    """The prompt as the model receives it: with this turn's document context, if any."""
    if documents is None:
        return text
    from app.documents.retrieval import prompt_with_context

    return prompt_with_context(documents, text)


def _had_attachments(store: Any, message_id: str) -> bool:
    from sqlalchemy import text as sql

    with store.session() as s:
        return s.execute(sql("SELECT 1 FROM message_attachments WHERE message_id = :m LIMIT 1"),
                         {"m": message_id}).first() is not None


def _store_attachments(store: Any, message_id: str, documents: Any) -> None:
    """Keep the attachments' names and hashes with the prompt (schema v4; never their text)."""
    if documents is None or not documents.attachments:
        return
    from sqlalchemy import text as sql

    from app.store import HistoryError

    with contextlib.suppress(HistoryError), store.session(write=True) as s:  # an unsaved (memory) chat: none
        s.execute(sql("INSERT INTO message_attachments (message_id, name, sha256, format, pages, tokens, whole)"
                      " VALUES (:m, :n, :h, :f, :p, :t, :w)"),
                  [{"m": message_id, "n": a.name, "h": a.sha256, "f": a.format, "p": a.pages, "t": a.tokens,
                    "w": a.whole} for a in documents.attachments])


class ChatTurn:
    """Runs turns against one provider and (optionally) one history store."""

    def __init__(self, provider: ChatProvider, store: Any = None, *, model_label: str = "",
                 model_sha256: str = "", glossary: Glossary | None = None,
                 audit: AuditLog | DisabledAuditLog | None = None,
                 clock: Callable[[], float] = time.perf_counter,
                 documents_memory: DocumentsMemory | None = None) -> None:
        self.provider = provider
        self.store = store
        self.model_label = model_label
        self.model_sha256 = model_sha256
        self.glossary = glossary
        self.audit: AuditLog | DisabledAuditLog = audit if audit is not None else DisabledAuditLog()
        self._clock = clock
        self._writer: Any = None
        self._finish_kwargs: dict[str, Any] = {}
        self._result: TurnResult | None = None
        self._terms = TurnTerms()
        self._pending_audit: TurnDone | None = None
        self.documents_memory = documents_memory if documents_memory is not None else MEMORY
        self._documents: Any = None

    def _system(self, req: TurnRequest, conversation_prompt: str | None, prompt_text: str) -> str:
        """The system prompt by the one rule, plus the glossary's approved terms found in the prompt."""
        system = system_prompt_for(req, conversation_prompt)
        self._terms = terms_for_turn(self.glossary, prompt_text, req.reply_language)
        block = self._terms.system_block()
        if not block:
            return system
        return f"{system}\n\n{block}" if system else block

    # -- preparing -----------------------------------------------------------------------------
    def _prepare(self, req: TurnRequest, observer: TurnObserver) -> tuple[str | None, list[ChatMessage]]:
        """Store what must be stored before streaming; the messages to send."""
        from app.store import HistoryError

        store = self.store
        if store is None:
            system = self._system(req, None, req.text)
            return None, ([ChatMessage("system", system)] if system else []) + [
                ChatMessage("user", _with_documents(self._documents, req.text))]
        try:
            cid = req.conversation_id
            created = cid is None
            if cid is None:
                cid = store.new_conversation("", model=self.model_label, system_prompt=req.system_prompt or None).id
            if req.regenerate_of is not None:
                prompt_id = req.regenerate_of
                self._documents_for_regenerate(prompt_id)
            else:
                kwargs: dict[str, Any] = {}
                if req.parent_id is not CURRENT:
                    kwargs["parent_id"] = req.parent_id
                user = store.add_message(cid, "user", req.text, **kwargs)
                if created:  # announced once it has its title (taken from the first prompt)
                    observer.conversation_created(store.get_conversation(cid))
                observer.user_stored(user)
                prompt_id = user.id
                _store_attachments(store, user.id, req.documents)
                save_context(store, user.id, req.documents)
            if self._documents is not None:
                self.documents_memory.remember(prompt_id, self._documents)
            history = store.thread(cid, leaf_id=prompt_id, limit=100_000)
            conversation = store.get_conversation(cid)
            self._writer = store.begin_assistant_message(cid, parent_id=prompt_id, model=self.model_label or None)
            started = store.get_message(self._writer.message_id)
        except HistoryError as exc:
            raise TurnRefused(str(exc)) from exc
        observer.reply_started(started)
        messages: list[ChatMessage] = []
        prompt = history[-1].content if history and history[-1].id == prompt_id else req.text
        system = self._system(req, conversation.system_prompt, prompt)
        if system:
            messages.append(ChatMessage("system", system))
        for m in history:
            # The model is given what it wrote, not the converted text that was shown: its own
            # words keep the cached prompt prefix valid and read as its own to it.
            text = m.raw_content if m.role == "assistant" else m.content
            if m.id == prompt_id:
                text = _with_documents(self._documents, text)
            if m.role in ("user", "assistant") and (m.role == "user" or text):
                messages.append(ChatMessage(m.role, text))
        return cid, messages

    def _documents_for_regenerate(self, prompt_id: str) -> None:
        """Regenerate answers with the documents the prompt was answered with (the request's, if it
        brings some, else the remembered ones); a prompt whose attachments are no longer known
        (e.g. after a restart) is refused rather than answered without them."""
        if self._documents is not None:
            return
        self._documents = self.documents_memory.recall(prompt_id)
        if self._documents is None:  # after a restart: the context kept in the history (v7)
            self._documents = load_context(self.store, prompt_id)
        if self._documents is None and _had_attachments(self.store, prompt_id):
            raise TurnRefused(tr("Chat", "The files attached to this question are not kept with the history, so "
                                         "its reply cannot be regenerated with them. Send the question again with "
                                         "the files attached."))

    # -- running -------------------------------------------------------------------------------
    def run(self, req: TurnRequest, observer: TurnObserver | None = None,
            cancel: CancelToken | None = None) -> TurnResult:
        """Stream and record one reply. Raises :class:`TurnRefused` if it cannot start."""
        observer = observer or TurnObserver()
        self._writer = None
        self._documents = req.documents
        cid, messages = self._prepare(req, observer)
        writer = self._writer
        texts = ReplyTexts(req.reply_language, req.ui_language)
        result = TurnResult(conversation_id=cid, message_id=writer.message_id if writer is not None else None)
        usage: Usage | None = None
        final: Finished | None = None
        started = self._clock()
        reasoning_end: float | None = None
        try:
            for ev in self.provider.stream(messages, req.params, cancel, cid):
                if isinstance(ev, ContentDelta):
                    if reasoning_end is None:
                        reasoning_end = self._clock()
                    shown = texts.content(ev.text)
                    if writer is not None:
                        writer.append(content_delta=shown, raw_content_delta=ev.text)
                    if shown:
                        observer.reply_delta(shown, "")
                elif isinstance(ev, ReasoningDelta):
                    shown = texts.reasoning(ev.text)
                    if writer is not None:
                        writer.append(reasoning_delta=shown, raw_reasoning_delta=ev.text)
                    if shown:
                        observer.reply_delta("", shown)
                elif isinstance(ev, Usage):
                    usage = ev
                elif isinstance(ev, PrefillProgress):
                    result.prefill_s = ev.elapsed_s
                    observer.prefill_progress(ev)
                elif isinstance(ev, ContextTrimmed):
                    observer.context_trimmed(ev.dropped_messages, ev.dropped_tokens)
                elif isinstance(ev, StreamError):
                    result.error, result.error_kind = ev.message, ev.kind
                elif isinstance(ev, Finished):
                    final = ev
        except BaseException:
            # Ctrl-C in ``ask`` (or a failing observer): what streamed so far is kept as cancelled,
            # once its record is written (if the record fails, the row stays to be recovered as
            # interrupted: an unrecorded reply is never finished).
            with contextlib.suppress(Exception):
                if writer is not None:
                    tail_c, tail_r = texts.finish()
                    writer.append(content_delta=tail_c, reasoning_delta=tail_r, raw_content_delta="",
                                  raw_reasoning_delta="")
                self.audit.record(self._turn_done(cid, "cancelled", usage))
                if writer is not None:
                    writer.finish("cancelled")
            raise
        # Finished, cancelled or failed: the converter's held-back tails are shown and stored too.
        tail_c, tail_r = texts.finish()
        if writer is not None:
            writer.append(content_delta=tail_c, reasoning_delta=tail_r, raw_content_delta="", raw_reasoning_delta="")
        if tail_c or tail_r:
            observer.reply_delta(tail_c, tail_r)
        result.content, result.reasoning = texts.shown_content, texts.shown_reasoning
        result.raw_content, result.raw_reasoning = texts.raw_content, texts.raw_reasoning
        replace: tuple[str, str, str, str] | None = None
        if final is not None and (final.content, final.reasoning) != (result.raw_content, result.raw_reasoning):
            # The provider corrected the split at the end (a remote "</think>" without an opening
            # tag): the record gets the final texts, converted as a whole.
            whole = ReplyTexts(req.reply_language, req.ui_language)
            whole.content(final.content)
            whole.reasoning(final.reasoning)
            whole.finish()
            result.content, result.reasoning = whole.shown_content, whole.shown_reasoning
            result.raw_content, result.raw_reasoning = final.content, final.reasoning
            replace = (result.content, result.reasoning, final.content, final.reasoning)
        result.finish_reason = final.reason if final is not None else "error"
        result.status = STATUS_FOR_REASON.get(result.finish_reason, "error")
        if usage is not None:
            result.prompt_tokens, result.completion_tokens = usage.prompt_tokens, usage.completion_tokens
            result.draft_proposed, result.draft_accepted = usage.draft_proposed, usage.draft_accepted
        if final is not None:
            result.ttft_s, result.tokens_per_s = final.ttft_s, final.tokens_per_s
        if result.reasoning:
            result.thinking_s = (reasoning_end or self._clock()) - started
        result.terms = self._terms.check(result.content) if self._terms.matches else []
        if self._documents is not None:
            result.sources, result.documents_notice = list(self._documents.sources), self._documents.notice
        self._result = result
        self._pending_audit = self._turn_done(cid, result.finish_reason, usage)
        if writer is not None:
            self._finish_kwargs = {
                "prompt_tokens": result.prompt_tokens, "completion_tokens": result.completion_tokens,
                "ttft_s": result.ttft_s, "tokens_per_s": result.tokens_per_s, "error": result.error,
                # Kept with the reply (schema v5): shown again on reopen and exported.
                "sampling": req.params, "term_check": result.terms, "citations": result.sources,
            }
            if replace is not None:
                self._finish_kwargs["replace_text"] = replace
        self._save()
        return result

    def _turn_done(self, cid: str | None, finish_reason: str, usage: Usage | None) -> TurnDone:
        return TurnDone(model_id=self.model_label, model_sha256=self.model_sha256,
                        prompt_tokens=usage.prompt_tokens if usage is not None else 0,
                        completion_tokens=usage.completion_tokens if usage is not None else 0,
                        conversation_id=cid or "", finish_reason=finish_reason)

    def _record_audit(self) -> bool:
        """Write the pending ``turn_done`` record; False (and the result says why) when it failed."""
        assert self._result is not None
        if self._pending_audit is None:
            return True
        try:
            self.audit.record(self._pending_audit)
        except AuditWriteError as exc:
            self._result.audit_error = self._result.save_error = str(exc)
            self._result.record = None
            if self._writer is not None:  # the streamed text reaches the row now, finished or not
                with contextlib.suppress(Exception):
                    self._writer.flush()
            return False
        self._pending_audit = None
        self._result.audit_error = None
        return True

    def _save(self) -> None:
        from app.store import HistoryError

        assert self._result is not None
        if not self._record_audit():
            return
        if self._writer is None:
            self._result.save_error = None
            return
        try:
            self._result.record = self._writer.finish(self._result.status, **self._finish_kwargs)
            self._result.save_error = None
        except HistoryError as exc:  # e.g. disk full: the writer keeps every token for a retry
            self._result.record = None
            self._result.save_error = str(exc)

    def retry_save(self) -> TurnResult:
        """Try the failed final write of the last turn again."""
        if self._result is None:
            raise RuntimeError("no turn to save")
        if self._result.save_error is not None:
            self._save()
        return self._result
