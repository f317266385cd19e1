"""Glue between the settings/policy, the history store and a streaming reply.

``open_history`` turns policy values into ``HistoryStore.open`` arguments (one place, so the CLI
and the window agree); ``HistoryRecorder`` saves one exchange as it streams.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.paths import Paths, user_paths
from app.store import HistoryStore, StreamWriter
from app.store.database import file_kind
from app.store.options import open_kwargs, terminal_passphrase
from engine.events import ChatEvent, ContentDelta, Finished, ReasoningDelta, StreamError, Usage


def history_open_args(settings: Any, passphrase: Callable[[], str | None] | None = None) -> dict[str, Any]:
    """``HistoryStore.open`` keyword arguments that follow the (possibly managed) settings."""
    return open_kwargs(
        enabled=bool(settings.get("history.enabled")),
        encryption=str(settings.get("history.encryption")),
        keyring_fallback=str(settings.get("history.keyring_fallback")),
        passphrase=passphrase or terminal_passphrase,
        export_allowed=bool(settings.get("history.export_allowed")),
    )


def open_history(settings: Any, paths: Paths | None = None,
                 passphrase: Callable[[], str | None] | None = None) -> HistoryStore:
    store = HistoryStore.open(paths or user_paths(), **history_open_args(settings, passphrase))
    days = int(settings.get("history.retention_days") or 0)
    if days > 0:
        store.purge_older_than(days)
    return store


def describe_database(paths: Paths, settings: Any) -> dict[str, Any]:
    kind = file_kind(paths.database)
    return {
        "encrypted": kind == "encrypted" if kind != "missing" else None,
        "state": kind,
        "policy": {k: v for k, v in history_open_args(settings).items() if k != "passphrase"},
    }


class HistoryRecorder:
    """Records one prompt and its streamed reply; the reply row exists from the first token."""

    def __init__(self, store: HistoryStore, conversation_id: str, model: str) -> None:
        self.store = store
        self.conversation_id = conversation_id
        self._model = model
        self._writer: StreamWriter | None = None
        self._usage: Usage | None = None
        self._error: str | None = None

    def set_model(self, label: str) -> None:
        """Record the model actually opened (known only after resolving the reference)."""
        self._model = label
        self.store.update_conversation(self.conversation_id, model=label)

    @property
    def writer(self) -> StreamWriter:
        if self._writer is None:
            self._writer = self.store.begin_assistant_message(self.conversation_id, model=self._model or None)
        return self._writer

    @classmethod
    def start(cls, settings: Any, *, model: str, system_prompt: str, prompt: str,
              paths: Paths | None = None) -> HistoryRecorder:
        store = open_history(settings, paths)
        title = prompt.strip().splitlines()[0][:80] if prompt.strip() else None
        conv = store.new_conversation(title or "", model=model, system_prompt=system_prompt or None)
        store.add_message(conv.id, "user", prompt)
        return cls(store, conv.id, model)

    def append(self, *, content: str = "", reasoning: str = "", raw_content: str | None = None,
               raw_reasoning: str | None = None) -> None:
        """Shown text plus, when it was converted, what the model actually wrote."""
        if content or reasoning or raw_content or raw_reasoning:
            self.writer.append(content_delta=content, reasoning_delta=reasoning,
                               raw_content_delta=raw_content, raw_reasoning_delta=raw_reasoning)

    def on_event(self, ev: ChatEvent) -> None:
        if isinstance(ev, ContentDelta):
            self.writer.append(content_delta=ev.text)
        elif isinstance(ev, ReasoningDelta):
            self.writer.append(reasoning_delta=ev.text)
        elif isinstance(ev, Usage):
            self._usage = ev
        elif isinstance(ev, StreamError):
            self._error = ev.message
        elif isinstance(ev, Finished):
            status = {"stop": "complete", "length": "complete", "cancelled": "cancelled"}.get(ev.reason, "error")
            self.writer.finish(
                status,
                prompt_tokens=self._usage.prompt_tokens if self._usage else None,
                completion_tokens=self._usage.completion_tokens if self._usage else None,
                ttft_s=ev.ttft_s,
                tokens_per_s=ev.tokens_per_s,
                error=self._error,
            )

    def close(self) -> None:
        self.store.close()


def selftest_roundtrip(reply: Finished, paths: Paths | None = None) -> str:
    """Store a reply with reasoning in the (throw-away) profile, reopen, read it back."""
    paths = paths or user_paths()
    store = HistoryStore.open(paths, encrypt=False)
    try:
        conv = store.new_conversation("selftest", model="diagnostic")
        store.add_message(conv.id, "user", "你好")
        w = store.begin_assistant_message(conv.id, model="diagnostic")
        w.append(content_delta=reply.content, reasoning_delta=reply.reasoning)
        w.finish("complete", prompt_tokens=1, completion_tokens=1, ttft_s=reply.ttft_s,
                 tokens_per_s=reply.tokens_per_s, error=None)
    finally:
        store.close()
    store = HistoryStore.open(paths, encrypt=False)
    try:
        thread = store.thread(conv.id, limit=10)
        last = thread[-1]
        if (last.content, last.reasoning) != (reply.content, reply.reasoning):
            raise AssertionError("the reply read back differs from what was stored")
        hits = store.search("政策", limit=5)
        if not any(h.conversation_id == conv.id for h in hits):
            raise AssertionError("search did not find the stored reply")
    finally:
        store.close()
    return f"{len(thread)} messages stored, read back and found by search"
