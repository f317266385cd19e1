"""Persisting a reply while it streams: the row exists from the first token, text lands in batches.

``append`` only adds to an in-memory buffer and never waits for the disk; a background thread
writes the buffer every ``flush_interval_s`` (or sooner once ``flush_chars`` are waiting), each
batch in its own small transaction. A crash therefore loses at most about one interval of text.
If a write fails (disk full) the text stays buffered and is retried; ``finish`` reports the error.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from types import TracebackType

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.store.errors import HistoryError
from app.store.models import Conversation, Message
from app.store.records import MessageRecord

SessionFactory = Callable[[bool], contextlib.AbstractContextManager[Session]]

_APPEND_SQL = text("UPDATE messages SET content = content || :c, reasoning = reasoning || :r WHERE pk = :pk")


def _now_ms() -> int:
    return int(time.time() * 1000)


class StreamWriter:
    """Writes one assistant message as it streams. Thread-safe; use once."""

    def __init__(
        self,
        session: SessionFactory,
        record: MessageRecord,
        pk: int,
        *,
        flush_interval_s: float = 0.25,
        flush_chars: int = 2048,
    ) -> None:
        self._session = session
        self._record = record
        self._pk = pk
        self._interval = flush_interval_s
        self._limit = flush_chars
        self._cond = threading.Condition()
        self._io = threading.Lock()  # one batch at a time, in order
        self._pending_c: list[str] = []
        self._pending_r: list[str] = []
        self._pending_chars = 0
        self._pending_since: float | None = None
        self._content: list[str] = []
        self._reasoning: list[str] = []
        self._stop = False
        self._finished: MessageRecord | None = None
        self.last_error: HistoryError | None = None
        self.batches_written = 0
        self._thread = threading.Thread(target=self._run, name=f"history-writer-{record.id}", daemon=True)
        self._thread.start()

    # -- caller side ---------------------------------------------------------------------------
    @property
    def message_id(self) -> str:
        return self._record.id

    @property
    def conversation_id(self) -> str:
        return self._record.conversation_id

    @property
    def content(self) -> str:
        with self._cond:
            return "".join(self._content)

    @property
    def reasoning(self) -> str:
        with self._cond:
            return "".join(self._reasoning)

    def append(self, content_delta: str = "", reasoning_delta: str = "") -> None:
        """Queue text; returns at once (the disk write happens on the writer thread)."""
        if not content_delta and not reasoning_delta:
            return
        with self._cond:
            if self._stop:
                raise RuntimeError("append() after finish()")
            self._content.append(content_delta)
            self._reasoning.append(reasoning_delta)
            self._pending_c.append(content_delta)
            self._pending_r.append(reasoning_delta)
            self._pending_chars += len(content_delta) + len(reasoning_delta)
            if self._pending_since is None:
                self._pending_since = time.monotonic()
                self._cond.notify()
            elif self._pending_chars >= self._limit:
                self._cond.notify()

    def flush(self) -> None:
        """Write whatever is buffered now (synchronously); raises HistoryError on failure."""
        with self._io:
            batch = self._take()
            if batch is not None:
                self._write(*batch)

    def finish(
        self,
        status: str = "complete",
        *,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        ttft_s: float | None = None,
        tokens_per_s: float | None = None,
        error: str | None = None,
        model: str | None = None,
    ) -> MessageRecord:
        """Write the rest of the text and the final status/figures in one transaction."""
        if status == "streaming" or status not in ("complete", "cancelled", "interrupted", "error"):
            raise ValueError(f"invalid final status {status!r}")
        if self._finished is not None:
            return self._finished
        with self._cond:
            self._stop = True
            self._cond.notify()
        self._thread.join()
        now = _now_ms()
        with self._io:
            batch = self._take() or ("", "")
            try:
                with self._session(True) as s:
                    s.execute(_APPEND_SQL, {"c": batch[0], "r": batch[1], "pk": self._pk})
                    row = s.get(Message, self._pk)
                    assert row is not None
                    row.status = status
                    row.prompt_tokens = prompt_tokens
                    row.completion_tokens = completion_tokens
                    row.ttft_s = ttft_s
                    row.tokens_per_s = tokens_per_s
                    row.error = error
                    row.finished_at = now
                    row.writer = None
                    if model is not None:
                        row.model = model
                    conv = s.scalars(select(Conversation).where(Conversation.id == row.conversation_id)).one()
                    conv.updated_at = now
                    s.flush()
                    s.refresh(row)
                    self._finished = MessageRecord.from_row(row, self._record.sibling_index, self._record.sibling_count)
            except HistoryError as exc:
                self._give_back(batch)  # keep every token; finish() may be called again
                self.last_error = exc
                raise
        return self._finished

    def __enter__(self) -> StreamWriter:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._finished is None:
            if exc is None:
                self.finish("complete")
            else:
                with contextlib.suppress(HistoryError):
                    self.finish("error", error=str(exc) or type(exc).__name__)

    # -- writer thread -------------------------------------------------------------------------
    def _take(self) -> tuple[str, str] | None:
        with self._cond:
            if not self._pending_chars:
                return None
            batch = ("".join(self._pending_c), "".join(self._pending_r))
            self._pending_c, self._pending_r = [], []
            self._pending_chars = 0
            self._pending_since = None
            return batch

    def _give_back(self, batch: tuple[str, str]) -> None:
        with self._cond:
            self._pending_c.insert(0, batch[0])
            self._pending_r.insert(0, batch[1])
            self._pending_chars += len(batch[0]) + len(batch[1])
            if self._pending_since is None:
                self._pending_since = time.monotonic()

    def _write(self, content: str, reasoning: str) -> None:
        try:
            with self._session(True) as s:
                s.execute(_APPEND_SQL, {"c": content, "r": reasoning, "pk": self._pk})
        except HistoryError as exc:
            self._give_back((content, reasoning))
            self.last_error = exc
            raise
        self.last_error = None
        self.batches_written += 1

    def _due_in(self) -> float | None:
        if self._pending_since is None:
            return None
        if self._pending_chars >= self._limit:
            return 0.0
        return max(0.0, self._interval - (time.monotonic() - self._pending_since))

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._stop:
                    due = self._due_in()
                    if due == 0.0:
                        break
                    self._cond.wait(timeout=due)
                if self._stop:
                    return
            try:
                self.flush()
            except HistoryError:
                # Keep the text buffered and retry after one interval.
                with self._cond:
                    if not self._stop:
                        self._cond.wait(timeout=self._interval)
