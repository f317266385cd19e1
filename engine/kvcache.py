"""In-memory LRU of per-conversation KV-cache snapshots.

Switching back to a recent conversation restores its KV state instead of re-evaluating the whole
history. Snapshots live in RAM; the only copy ever written is the last conversation's, encrypted,
by the caller through :mod:`engine.kv_file` (``app.kv_keep``), when the model closes.
"""

from __future__ import annotations

import ctypes
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class KVSnapshot:
    """Tokens held in the KV cache and llama.cpp's serialised sequence state (kept as the ctypes
    buffer llama.cpp wrote, so parking and restoring copy tens of MB once, not three times)."""

    tokens: tuple[int, ...]
    state: bytes | ctypes.Array[ctypes.c_uint8]

    @property
    def nbytes(self) -> int:
        return len(self.state) + 4 * len(self.tokens)


class KVSnapshotCache:
    """Least-recently-used snapshots within ``budget_bytes`` (0 disables the cache)."""

    def __init__(self, budget_bytes: int) -> None:
        self.budget_bytes = max(0, budget_bytes)
        self._items: OrderedDict[str, KVSnapshot] = OrderedDict()
        self._used = 0

    @property
    def used_bytes(self) -> int:
        return self._used

    def __contains__(self, key: str) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def put(self, key: str, snapshot: KVSnapshot) -> bool:
        """Store (replacing any older snapshot); returns False if it exceeds the whole budget."""
        self.discard(key)
        if snapshot.nbytes > self.budget_bytes:
            return False
        self._items[key] = snapshot
        self._used += snapshot.nbytes
        while self._used > self.budget_bytes:
            _, old = self._items.popitem(last=False)
            self._used -= old.nbytes
        return True

    def get(self, key: str) -> KVSnapshot | None:
        snap = self._items.get(key)
        if snap is not None:
            self._items.move_to_end(key)
        return snap

    def discard(self, key: str) -> None:
        old = self._items.pop(key, None)
        if old is not None:
            self._used -= old.nbytes

    def clear(self) -> None:
        self._items.clear()
        self._used = 0
