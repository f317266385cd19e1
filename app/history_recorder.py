"""Glue between the settings/policy and the history store.

``open_history`` turns policy values into ``HistoryStore.open`` arguments and applies
``history.retention_days`` (one place, so the CLI and the window agree). A chat turn is recorded
by ``app.chat.ChatTurn``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.paths import Paths, user_paths
from app.store import HistoryStore
from app.store.database import file_kind
from app.store.options import open_kwargs, terminal_passphrase
from app.typed_settings import get_bool, get_int, get_str
from engine.events import Finished


def history_open_args(settings: Any, passphrase: Callable[[], str | None] | None = None) -> dict[str, Any]:
    """``HistoryStore.open`` keyword arguments that follow the (possibly managed) settings."""
    return open_kwargs(
        enabled=get_bool(settings, "history.enabled"),
        encryption=get_str(settings, "history.encryption"),
        keyring_fallback=get_str(settings, "history.keyring_fallback"),
        passphrase=passphrase or terminal_passphrase,
        export_allowed=get_bool(settings, "history.export_allowed"),
    )


def open_history(settings: Any, paths: Paths | None = None,
                 passphrase: Callable[[], str | None] | None = None) -> HistoryStore:
    store = HistoryStore.open(paths or user_paths(), **history_open_args(settings, passphrase))
    days = get_int(settings, "history.retention_days")
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
