"""The documents each prompt was answered with, so Regenerate gives the model the same ones.

A turn's document context (attachments, library passages: ``app.documents.retrieval.TurnContext``)
is built from files at send time. Regenerate sends no new documents, so the chat core remembers the
context of every prompt it answered in this process, by prompt message id, within a character
budget (oldest forgotten first; the latest one always stays). After a restart it reads the context
kept in the encrypted history (``app.chat.documents_record``, schema v7); a prompt that had
attachments but has no kept context (asked with an earlier version) refuses to regenerate without
them instead of answering without its documents (see ``ChatTurn``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

#: Characters of document text kept in all (about 16-32 MB): dozens of long attachments.
DEFAULT_BUDGET_CHARS = 8_000_000


def _size(context: Any) -> int:
    sources = getattr(context, "sources", ())
    return len(getattr(context, "block", "")) + sum(len(getattr(s, "text", "")) for s in sources)


class DocumentsMemory:
    """``remember(prompt_id, context)`` / ``recall(prompt_id)``; thread-safe (the window's worker
    thread and the CLI share one per process)."""

    def __init__(self, budget_chars: int = DEFAULT_BUDGET_CHARS) -> None:
        self.budget_chars = budget_chars
        self._items: OrderedDict[str, tuple[Any, int]] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def remember(self, prompt_id: str, context: Any) -> None:
        size = _size(context)
        with self._lock:
            old = self._items.pop(prompt_id, None)
            if old is not None:
                self._chars -= old[1]
            self._items[prompt_id] = (context, size)
            self._chars += size
            while self._chars > self.budget_chars and len(self._items) > 1:
                _key, (_ctx, dropped) = self._items.popitem(last=False)
                self._chars -= dropped

    def recall(self, prompt_id: str) -> Any:
        """The context the prompt was answered with, or ``None`` (none, or forgotten)."""
        with self._lock:
            item = self._items.get(prompt_id)
            if item is None:
                return None
            self._items.move_to_end(prompt_id)
            return item[0]

    def forget(self, prompt_id: str) -> None:
        with self._lock:
            old = self._items.pop(prompt_id, None)
            if old is not None:
                self._chars -= old[1]


#: The process's memory, shared by every ``ChatTurn`` (the window makes one per turn).
MEMORY = DocumentsMemory()
