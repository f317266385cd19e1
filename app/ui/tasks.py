"""The task layer: QThread workers between the widgets and the engine/store.

* ``EngineWorker`` lives in its own thread and is the only owner of the loaded model. It runs each
  chat turn through ``app.chat.ChatTurn`` (which records it, so no database write happens on the
  UI thread) and turns the turn's callbacks into signals.
  Requests arrive as queued signals; ``stop()`` and ``cancel_load()`` are the only direct calls
  (they just set a thread-safe ``CancelToken``).
* ``StoreWorker`` runs every other history call (list, search, rename, pin, delete, branch
  switch …) in a second thread and answers with ``done(request_id, result, error)``;
  ``StoreClient`` on the UI side turns those answers back into callbacks.

Nothing here touches a widget; the UI and the workers talk only through signals.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.chat.observer import TurnObserver
from app.chat.request import CURRENT, TurnRequest
from app.i18n import tr
from app.typed_settings import get_bool, get_int

__all__ = ["CURRENT", "DIAGNOSTIC_REF", "EngineWorker", "JobWorker", "ModelInfo", "SendRequest", "StoreClient",
           "StoreWorker", "default_diagnostic_factory", "describe_load_error", "start_thread"]

DIAGNOSTIC_REF = "diagnostic:"
#: Streamed text is handed to the UI at most this often (the view repaints at ~30 Hz anyway).
EMIT_INTERVAL_S = 0.02

log = logging.getLogger(__name__)


#: The window sends the chat core's request as it is.
SendRequest = TurnRequest


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
    #: The chat template takes a reasoning switch (the window then shows "Deep thinking").
    thinking_switch: bool = False
    #: The SHA-256 the loaded file was verified with (for the audit log's ``turn_done``).
    sha256: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def describe_load_error(exc: BaseException) -> str:
    """A load failure in plain words, with what to do about it."""
    from app.audit import AuditWriteError
    from app.chat.errors import describe_exception
    from app.i18n import current_language
    from engine.errors import BackendError, Cancelled, ModelFileError, ModelLoadError

    msg = str(exc)
    if isinstance(exc, AuditWriteError):  # already one translated line saying what to do
        return msg
    if isinstance(exc, Cancelled):
        return tr("Models", "Loading was cancelled.")
    if current_language() != "en" and isinstance(exc, (ModelFileError, BackendError, ModelLoadError)):
        # The engine's detail is English: in another language, the translated sentence for its kind.
        return describe_exception(exc)
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


def default_diagnostic_factory(cache_dir: Path) -> Callable[[], Any]:
    """The diagnostic model offered on first run: the same scripted model as ``ask -m diagnostic``,
    answering in the interface language with a report of what it checked.
    The factory returns a ``BuiltModel`` (built and hashed under the cache by the load gate); a
    factory may also return a prepared file's path (tests), which is copied and hashed the same way."""

    def build() -> Any:
        from app.models.built import diagnostic_model

        return diagnostic_model()

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
    prefillProgress = Signal(object)  # engine.events.PrefillProgress, one per batch of a long prompt
    summaryProgress = Signal(object)  # app.documents.summarise.SummaryProgress, per step and batch
    replyFinished = Signal(object, object)  # MessageRecord, dict of figures
    #: The reply streamed but its final write failed: message id, error, the shown content and
    #: reasoning (kept on screen), figures. ``retry_save`` tries again.
    replySaveFailed = Signal(str, str, str, str, object)
    sendFailed = Signal(str, str)  # message, the text that was not sent
    #: A one-line warning about the turn that does not stop it (a glossary that cannot be used).
    turnWarning = Signal(str)
    unloaded = Signal()

    def __init__(self, settings: Any, paths: Any, store: Any, diagnostic_factory: Callable[[], Any]) -> None:
        super().__init__()
        self._settings = settings
        self._paths = paths
        self._store = store
        self._diagnostic_factory = diagnostic_factory
        self._provider: Any = None
        self._info: ModelInfo | None = None
        self._cancel: Any = None
        self._load_cancel: Any = None
        self._turn: Any = None  # the last ChatTurn while its final write awaits a retry

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
        from app.audit import AuditWriteError
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
        except (EngineError, AuditWriteError, OSError, ValueError, RuntimeError) as exc:
            self._close_provider()
            self.loadFailed.emit(describe_load_error(exc))
            return
        finally:
            self._load_cancel = None
        self._info = info
        self._offer_kept_state()
        self.loaded.emit(info)

    def _open(self, ref: str, cancel: Any) -> ModelInfo:
        from app.model_resolver import open_provider

        def progress(done: int, total: int) -> None:
            self.loadProgress.emit(int(done >> 20), int(max(total, 1) >> 20))

        if ref == DIAGNOSTIC_REF:
            from app.models.built import BuiltModel

            self.loadProgress.emit(0, 0)
            made = self._diagnostic_factory()
            label = tr("Models", "Diagnostic model")
            # Through the one load gate, as built (or recorded) bytes: a file planted in the cache
            # under the predictable name is never loaded.
            built = made if isinstance(made, BuiltModel) else BuiltModel.copy_of(Path(made), label)
            opened = open_provider(DIAGNOSTIC_REF, self._settings, paths=self._paths, progress=progress,
                                   cancel=cancel, diagnostic=built)
            self._provider = opened.provider
            info = ModelInfo(ref, label, diagnostic=True, sha256=opened.sha256)
            info.extra["report"] = built.report  # the app's own: it speaks the interface language
            self._describe_placement(info, opened.placement, opened.provider)
            return info
        opened = open_provider(ref, self._settings, paths=self._paths, progress=progress, cancel=cancel)
        self._provider = opened.provider
        info = ModelInfo(ref, opened.label, remote=opened.remote, warning=opened.warning, sha256=opened.sha256)
        info.extra["state_identity"] = opened.state_identity
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
        info.thinking_switch = bool(getattr(session, "thinking_switch", False))

    @Slot()
    def unload(self) -> None:
        self._close_provider()
        self.unloaded.emit()

    def _offer_kept_state(self) -> None:
        """Park the last conversation's KV state kept at the previous close (``app.kv_keep``)."""
        from app.kv_keep import offer_kept_state

        if self._info is None or self._info.remote or self._info.diagnostic:
            return
        try:
            result = offer_kept_state(self._provider, self._store, model_sha256=self._state_identity(),
                                      budget_mb=get_int(self._settings, "engine.kv_keep_mb"))
        except Exception:  # a cache: never stop the model from loading
            log.exception("restoring the kept KV state failed")
            return
        log.info("kept KV state: %s", result.reason)

    def _state_identity(self) -> str:
        info = self._info
        return str(info.extra.get("state_identity") or info.sha256 or "") if info is not None else ""

    def _keep_state(self) -> None:
        from app.kv_keep import keep_state

        if self._info is None or self._info.remote or self._info.diagnostic:
            return
        try:
            result = keep_state(self._provider, self._store, model_sha256=self._state_identity(),
                                budget_mb=get_int(self._settings, "engine.kv_keep_mb"),
                                history_enabled=get_bool(self._settings, "history.enabled"))
        except Exception:  # a cache: never stop the model from closing
            log.exception("keeping the KV state failed")
            return
        log.info("keeping KV state: %s (%d bytes)", result.reason, result.nbytes)

    def _close_provider(self) -> None:
        if self._provider is not None:
            self._keep_state()
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
    def send(self, req: TurnRequest) -> None:
        self._run_turn(req, lambda turn, observer, cancel: turn.run(req, observer, cancel))

    @Slot(object, object)
    def summarise(self, req: TurnRequest, documents: list[Any]) -> None:
        """Answer ``req`` from the attached ``documents`` (``(path, Document)``) through the
        domain's ``Summariser``: whole when they fit the context, else section by section, with
        ``summaryProgress``. A summary stopped or failed before its answer stores nothing and comes
        back as ``sendFailed`` with the typed text."""
        from app.documents.retrieval_turn import context_budget
        from app.documents.summarise import summarise_turn

        def run(turn: Any, observer: TurnObserver, cancel: Any) -> Any:
            n_ctx = self._info.n_ctx if self._info is not None else None
            budget = context_budget(self._settings, req.params.max_tokens, n_ctx)
            return summarise_turn(turn, req, documents, budget_tokens=budget, observer=observer, cancel=cancel)

        self._run_turn(req, run)

    def _run_turn(self, req: TurnRequest, run: Callable[[Any, TurnObserver, Any], Any]) -> None:
        from app.audit import audit_log
        from app.chat.turn import ChatTurn, TurnRefused
        from app.presets import glossary_for_turn
        from engine.types import CancelToken

        if self._provider is None or self._info is None:
            self.sendFailed.emit(tr("Chat", "No model is loaded. Choose a model first."), req.text)
            return
        if self._store is None:
            self.sendFailed.emit(tr("Chat", "The history is not open."), req.text)
            return
        # Here, not on the UI thread: indexing takes time. The chosen preset's glossary joins the configured one.
        glossary, warning = glossary_for_turn(self._settings, req.preset_glossary)
        if warning:  # reported, not blocking: the turn runs without the glossary
            self.turnWarning.emit(warning)
        self._cancel = CancelToken()
        turn = ChatTurn(self._provider, self._store, model_label=self._info.label, model_sha256=self._info.sha256,
                        glossary=glossary, audit=audit_log(self._settings))
        observer = _SignalObserver(self)
        try:
            result = run(turn, observer, self._cancel)
        except TurnRefused as exc:
            self.sendFailed.emit(str(exc), req.text)
            return
        finally:
            self._cancel = None
        observer.flush()
        if result.message_id is None:  # nothing was stored: a summary stopped or failed before its answer
            self.sendFailed.emit(_not_stored(result), req.text)
            return
        self._turn = turn
        self._report(result)

    @Slot()
    def retry_save(self) -> None:
        """Try the last reply's failed final write again (the window's Retry)."""
        if self._turn is not None:
            self._report(self._turn.retry_save())

    def _report(self, result: Any) -> None:
        from app.chat.errors import describe_error

        figures = {
            "tokens_per_s": result.tokens_per_s,
            "prompt_tokens": result.prompt_tokens,
            "completion_tokens": result.completion_tokens,
            "n_ctx": self._info.n_ctx if self._info else None,
            "thinking_s": result.thinking_s,
            "error": describe_error(result.error_kind, result.error) if result.error else None,
            "terms": list(result.terms),  # TermCheck items (the glossary check)
            "audit_error": result.audit_error,
            "sources": tuple(result.sources),  # numbered sources (app.documents.retrieval.Source)
            "documents_notice": result.documents_notice,
        }
        if result.save_error is not None:
            self.replySaveFailed.emit(result.message_id or "", result.save_error, result.content,
                                      result.reasoning, figures)
            return
        self._turn = None
        self.replyFinished.emit(result.record, figures)


def _not_stored(result: Any) -> str:
    """Why a turn ended with nothing stored, in one line."""
    from app.chat.errors import describe_error

    if result.finish_reason == "cancelled":
        return tr("Chat", "The summary was stopped; nothing was saved. Your message and files are kept.")
    return tr("Chat", "The summary failed: %1").replace("%1", describe_error(result.error_kind, result.error or ""))


class _SignalObserver(TurnObserver):
    """Turns a turn's callbacks into the worker's signals; streamed text is batched."""

    def __init__(self, worker: EngineWorker) -> None:
        self._w = worker
        self._mid = ""
        self._content: list[str] = []
        self._reasoning: list[str] = []
        self._last = time.perf_counter()

    def conversation_created(self, record: Any) -> None:
        self._w.conversationCreated.emit(record)

    def user_stored(self, record: Any) -> None:
        self._w.userMessageStored.emit(record)

    def reply_started(self, record: Any) -> None:
        self._mid = record.id
        self._w.replyStarted.emit(record)

    def context_trimmed(self, messages: int, tokens: int) -> None:
        self._w.contextTrimmed.emit(messages, tokens)

    def prefill_progress(self, progress: Any) -> None:
        self._w.prefillProgress.emit(progress)

    def summary_progress(self, progress: Any) -> None:
        self._w.summaryProgress.emit(progress)

    def reply_delta(self, content: str, reasoning: str) -> None:
        if content:
            self._content.append(content)
        if reasoning:
            self._reasoning.append(reasoning)
        now = time.perf_counter()
        if now - self._last >= EMIT_INTERVAL_S:
            self.flush()
            self._last = now

    def flush(self) -> None:
        if self._content or self._reasoning:
            self._w.replyDelta.emit(self._mid, "".join(self._content), "".join(self._reasoning))
            self._content.clear()
            self._reasoning.clear()


class JobWorker(QObject):
    """Runs long file work (a model import: copy + hash of a multi-GB file) in its own thread,
    one job at a time, cancellable, with progress; the store thread stays free for the sidebar
    and search, and closing the window cancels the job."""

    progress = Signal(int, int)  # MiB done, MiB total
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._cancel: Any = None

    def cancel(self) -> None:
        """Thread-safe: the job stops at its next chunk."""
        if self._cancel is not None:
            self._cancel.cancel()

    @Slot(object)
    def run(self, fn: Callable[[Any, Callable[[int, int], None]], Any]) -> None:
        """``fn(cancel, progress)`` runs here; its result or error comes back as a signal."""
        from engine.errors import Cancelled
        from engine.types import CancelToken

        cancel = CancelToken()
        self._cancel = cancel

        def progress(done: int, total: int) -> None:
            self.progress.emit(int(done >> 20), int(max(total, 1) >> 20))

        try:
            result = fn(cancel, progress)
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as exc:  # reported to the UI, never swallowed silently
            from app.chat.errors import describe_exception

            self.failed.emit(describe_exception(exc))
            return
        finally:
            self._cancel = None
        if cancel.cancelled:
            self.cancelled.emit()
        else:
            self.done.emit(result)


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
