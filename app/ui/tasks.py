"""The task layer: QThread workers between the widgets and the engine/store.

* ``EngineWorker`` lives in its own thread and is the only owner of the loaded model. It also
  writes the exchange it streams to the history (so no database write happens on the UI thread).
  Requests arrive as queued signals; ``stop()`` and ``cancel_load()`` are the only direct calls
  (they just set a thread-safe ``CancelToken``).
* ``StoreWorker`` runs every other history call (list, search, rename, pin, delete, branch
  switch …) in a second thread and answers with ``done(request_id, result, error)``;
  ``StoreClient`` on the UI side turns those answers back into callbacks.

Nothing here touches a widget; the UI and the workers talk only through signals.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.i18n import tr

DIAGNOSTIC_REF = "diagnostic:"
#: Streamed text is handed to the UI at most this often (the view repaints at ~30 Hz anyway).
EMIT_INTERVAL_S = 0.02


@dataclass(frozen=True)
class SendRequest:
    """One reply to produce. ``parent_id`` is where the new user message hangs (``None``: root,
    ``CURRENT``: the current leaf). ``regenerate_of`` (a prompt id) skips the user message."""

    conversation_id: str | None
    text: str
    parent_id: str | object | None
    regenerate_of: str | None = None
    system_prompt: str = ""
    params: Any = None
    model_label: str = ""
    #: Used when neither the conversation nor ``system_prompt`` has one; never stored with the
    #: conversation, so a later change of the reply language applies to old conversations too.
    default_system_prompt: str = ""
    #: The ``reply.language`` setting and the interface language, read on the UI thread.
    reply_language: str = "auto"
    ui_language: str = "en"


CURRENT: object = object()


@dataclass
class ModelInfo:
    ref: str
    label: str
    backend: str = ""
    device: str = ""
    n_ctx: int | None = None
    remote: bool = False
    warning: str = ""
    diagnostic: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def describe_load_error(exc: BaseException) -> str:
    """A load failure in plain words, with what to do about it."""
    from engine.errors import BackendError, Cancelled, ModelFileError, ModelLoadError

    msg = str(exc)
    if isinstance(exc, Cancelled):
        return tr("Models", "Loading was cancelled.")
    if isinstance(exc, ModelFileError):
        return tr("Models", "The model file cannot be used: %1. Choose another file or ask IT for a "
                            "verified copy.").replace("%1", msg)
    if isinstance(exc, BackendError):
        return tr("Models", "No allowed compute device can run this model: %1. Check Settings → Compute "
                            "device, or ask IT.").replace("%1", msg)
    if isinstance(exc, ModelLoadError):
        return tr("Models", "The model could not be loaded: %1. Close other programs to free memory, "
                            "or choose a smaller model.").replace("%1", msg)
    return tr("Models", "The model could not be loaded: %1").replace("%1", msg or type(exc).__name__)


def default_diagnostic_factory(cache_dir: Path) -> Callable[[], Path]:
    """The diagnostic model offered on first run: random weights, so its replies are random text."""

    def build() -> Path:
        from engine.diagnostic import diagnostic_model_path

        return diagnostic_model_path(cache_dir, script=None)

    return build


class EngineWorker(QObject):
    """Owns the model (``ChatProvider``); streams replies and records them in the history."""

    loadStarted = Signal(str)
    loadProgress = Signal(int, int)
    loaded = Signal(object)  # ModelInfo
    loadFailed = Signal(str)
    conversationCreated = Signal(object)  # ConversationRecord
    userMessageStored = Signal(object)  # MessageRecord
    replyStarted = Signal(object)  # MessageRecord (status streaming)
    replyDelta = Signal(str, str, str)  # message id, content delta, reasoning delta
    contextTrimmed = Signal(int, int)
    replyFinished = Signal(object, object)  # MessageRecord, dict of figures
    sendFailed = Signal(str, str)  # message, the text that was not sent
    unloaded = Signal()

    def __init__(self, settings: Any, paths: Any, store: Any, diagnostic_factory: Callable[[], Path]) -> None:
        super().__init__()
        self._settings = settings
        self._paths = paths
        self._store = store
        self._diagnostic_factory = diagnostic_factory
        self._provider: Any = None
        self._info: ModelInfo | None = None
        self._cancel: Any = None
        self._load_cancel: Any = None
        self.busy = False

    # -- direct calls (thread-safe) ----------------------------------------------------------
    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel.cancel()

    def cancel_load(self) -> None:
        if self._load_cancel is not None:
            self._load_cancel.cancel()

    def set_store(self, store: Any) -> None:
        self._store = store

    # -- loading -------------------------------------------------------------------------------
    @Slot(str)
    def load(self, ref: str) -> None:
        from engine.errors import Cancelled, EngineError
        from engine.types import CancelToken

        self._close_provider()
        cancel = CancelToken()
        self._load_cancel = cancel
        self.loadStarted.emit(ref)
        try:
            info = self._open(ref, cancel)
            if cancel.cancelled:
                self._close_provider()
                raise Cancelled("cancelled")
        except (EngineError, OSError, ValueError, RuntimeError) as exc:
            self._close_provider()
            self.loadFailed.emit(describe_load_error(exc))
            return
        finally:
            self._load_cancel = None
        self._info = info
        self.loaded.emit(info)

    def _open(self, ref: str, cancel: Any) -> ModelInfo:
        from app.model_resolver import load_options, open_provider

        def progress(done: int, total: int) -> None:
            self.loadProgress.emit(int(done >> 20), int(max(total, 1) >> 20))

        if ref == DIAGNOSTIC_REF:
            from engine.loader import load_session

            self.loadProgress.emit(0, 0)
            path = self._diagnostic_factory()
            if cancel.cancelled:
                from engine.errors import Cancelled

                raise Cancelled("cancelled")
            session, placement = load_session(path, load_options(self._settings))
            self._provider = session
            info = ModelInfo(ref, tr("Models", "Diagnostic model"), diagnostic=True)
            self._describe_placement(info, placement, session)
            return info
        opened = open_provider(ref, self._settings, paths=self._paths, progress=progress, cancel=cancel)
        self._provider = opened.provider
        info = ModelInfo(ref, opened.label, remote=opened.remote, warning=opened.warning)
        if opened.remote:
            info.backend = tr("Models", "On-premises server")
            info.device = ref.split("/", 1)[0].removeprefix("remote:")
        else:
            self._describe_placement(info, opened.placement, opened.provider)
        return info

    @staticmethod
    def _describe_placement(info: ModelInfo, placement: Any, session: Any) -> None:
        if placement is not None:
            dev = placement.choice.device
            info.backend = str(dev.backend)
            info.device = str(dev.name or dev.id)
            info.extra["threads"] = placement.threads
            info.extra["gpu_layers"] = placement.n_gpu_layers
        info.n_ctx = int(getattr(session, "n_ctx", 0) or 0) or None

    @Slot()
    def unload(self) -> None:
        self._close_provider()
        self.unloaded.emit()

    def _close_provider(self) -> None:
        if self._provider is not None:
            try:
                self._provider.close()
            finally:
                self._provider = None
                self._info = None

    @Slot()
    def shutdown(self) -> None:
        self._close_provider()

    # -- chatting --------------------------------------------------------------------------------
    @Slot(object)
    def send(self, req: SendRequest) -> None:
        from app.store import HistoryError

        if self._provider is None or self._info is None:
            self.sendFailed.emit(tr("Chat", "No model is loaded. Choose a model first."), req.text)
            return
        store = self._store
        if store is None:
            self.sendFailed.emit(tr("Chat", "The history is not open."), req.text)
            return
        self.busy = True
        try:
            try:
                cid = req.conversation_id
                created = cid is None
                if cid is None:
                    cid = store.new_conversation("", model=self._info.label,
                                                 system_prompt=req.system_prompt or None).id
                if req.regenerate_of is not None:
                    prompt_id = req.regenerate_of
                else:
                    kwargs: dict[str, Any] = {}
                    if req.parent_id is not CURRENT:
                        kwargs["parent_id"] = req.parent_id
                    user = store.add_message(cid, "user", req.text, **kwargs)
                    if created:  # announced once it has its title (taken from the first prompt)
                        self.conversationCreated.emit(store.get_conversation(cid))
                    self.userMessageStored.emit(user)
                    prompt_id = user.id
                history = store.thread(cid, leaf_id=prompt_id, limit=100_000)
                conv_rec = store.get_conversation(cid)
                writer = store.begin_assistant_message(cid, parent_id=prompt_id, model=self._info.label)
                started = store.get_message(writer.message_id)
            except HistoryError as exc:
                self.sendFailed.emit(str(exc), req.text)
                return
            self.replyStarted.emit(started)
            self._stream(cid, conv_rec, history, writer, req)
        finally:
            self.busy = False
            self._cancel = None

    def _stream(self, cid: str, conv: Any, history: list[Any], writer: Any, req: SendRequest) -> None:
        from app.reply_language import ReplyTexts
        from engine.events import ContentDelta, ContextTrimmed, Finished, ReasoningDelta, StreamError, Usage
        from engine.types import CancelToken, ChatMessage, SamplingParams

        messages: list[ChatMessage] = []
        system = conv.system_prompt or req.system_prompt or req.default_system_prompt
        if system:
            messages.append(ChatMessage("system", system))
        for m in history:
            # The model is given what it wrote, not the converted text that was shown: its own
            # words keep the cached prompt prefix valid and read as its own to it.
            text = m.raw_content if m.role == "assistant" else m.content
            if m.role in ("user", "assistant") and (m.role == "user" or text):
                messages.append(ChatMessage(m.role, text))
        self._cancel = CancelToken()
        params = req.params or SamplingParams()
        mid = writer.message_id
        texts = ReplyTexts(req.reply_language, req.ui_language)
        pending_c: list[str] = []
        pending_r: list[str] = []
        last_emit = time.perf_counter()
        usage: Any = None
        error: str | None = None
        started = time.perf_counter()
        reasoning_end: float | None = None
        final: Any = None
        for ev in self._provider.stream(messages, params, self._cancel, cid):
            if isinstance(ev, ContentDelta):
                if reasoning_end is None:
                    reasoning_end = time.perf_counter()
                shown = texts.content(ev.text)
                if shown:
                    pending_c.append(shown)
                writer.append(content_delta=shown, raw_content_delta=ev.text)
            elif isinstance(ev, ReasoningDelta):
                shown = texts.reasoning(ev.text)
                if shown:
                    pending_r.append(shown)
                writer.append(reasoning_delta=shown, raw_reasoning_delta=ev.text)
            elif isinstance(ev, Usage):
                usage = ev
            elif isinstance(ev, ContextTrimmed):
                self.contextTrimmed.emit(ev.dropped_messages, ev.dropped_tokens)
            elif isinstance(ev, StreamError):
                error = ev.message
            elif isinstance(ev, Finished):
                final = ev
            now = time.perf_counter()
            if (pending_c or pending_r) and now - last_emit >= EMIT_INTERVAL_S:
                self.replyDelta.emit(mid, "".join(pending_c), "".join(pending_r))
                pending_c.clear()
                pending_r.clear()
                last_emit = now
        # Finished, cancelled or failed: the converter's held-back tails are shown and stored too.
        tail_c, tail_r = texts.finish()
        if tail_c or tail_r:
            pending_c.append(tail_c)
            pending_r.append(tail_r)
            writer.append(content_delta=tail_c, reasoning_delta=tail_r, raw_content_delta="", raw_reasoning_delta="")
        if pending_c or pending_r:
            self.replyDelta.emit(mid, "".join(pending_c), "".join(pending_r))
        reason = final.reason if final is not None else "error"
        status = {"stop": "complete", "length": "complete", "cancelled": "cancelled"}.get(reason, "error")
        record = writer.finish(
            status,
            prompt_tokens=usage.prompt_tokens if usage else None,
            completion_tokens=usage.completion_tokens if usage else None,
            ttft_s=final.ttft_s if final else None,
            tokens_per_s=final.tokens_per_s if final else None,
            error=error,
        )
        figures = {
            "tokens_per_s": final.tokens_per_s if final else None,
            "prompt_tokens": usage.prompt_tokens if usage else None,
            "completion_tokens": usage.completion_tokens if usage else None,
            "n_ctx": self._info.n_ctx if self._info else None,
            "thinking_s": (reasoning_end or time.perf_counter()) - started if record.reasoning else None,
            "error": error,
        }
        self.replyFinished.emit(record, figures)


class StoreWorker(QObject):
    """Runs history calls off the UI thread, in order."""

    done = Signal(int, object, object)  # request id, result, error message (or None)

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store

    @Slot(int, object)
    def run(self, request_id: int, fn: Callable[[Any], Any]) -> None:
        from app.store import HistoryError

        try:
            result = fn(self.store)
        except HistoryError as exc:
            self.done.emit(request_id, None, str(exc))
            return
        except Exception as exc:  # reported to the UI, never swallowed silently
            self.done.emit(request_id, None, f"{type(exc).__name__}: {exc}")
            return
        self.done.emit(request_id, result, None)

    @Slot()
    def drain(self) -> None:
        """Called blocking from the UI at shutdown: every request queued before it has run."""


class StoreClient(QObject):
    """UI-side handle: ``call(fn, on_done, on_error)`` runs ``fn(store)`` on the store thread."""

    _submit = Signal(int, object)
    failed = Signal(str)

    def __init__(self, worker: StoreWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None] | None, Callable[[str], None] | None]] = {}
        self._submit.connect(worker.run)
        worker.done.connect(self._on_done)
        self.pending = 0

    def call(self, fn: Callable[[Any], Any], on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[str], None] | None = None) -> int:
        rid = next(self._ids)
        self._callbacks[rid] = (on_done, on_error)
        self.pending += 1
        self._submit.emit(rid, fn)
        return rid

    @Slot(int, object, object)
    def _on_done(self, rid: int, result: Any, error: Any) -> None:
        self.pending -= 1
        on_done, on_error = self._callbacks.pop(rid, (None, None))
        if error is not None:
            if on_error is not None:
                on_error(str(error))
            else:
                self.failed.emit(str(error))
        elif on_done is not None:
            on_done(result)


def start_thread(worker: QObject, name: str) -> QThread:
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.start()
    return thread
