"""Persisting a reply while it streams: the row exists from the first token, text lands in batches.

``append`` only adds to an in-memory buffer and never waits for the disk; a background thread
writes the buffer every ``flush_interval_s`` (or sooner once ``flush_chars`` are waiting), each
batch in its own small transaction. A crash therefore loses at most about one interval of text.
If a write fails (disk full) the text stays buffered and is retried; ``finish`` reports the error.

When the shown text is a conversion of what the model wrote (Simplified → HK Traditional), the
caller passes both: ``append(shown, raw_content_delta=raw)``. ``content_raw`` stays NULL until a
raw delta differs, is then seeded from the text written so far (identical until that point), and
is set back to NULL at ``finish`` if both texts ended up the same.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.store.errors import HistoryError
from app.store.models import Conversation, Message
from app.store.records import MessageRecord
from app.store.turn_record import turn_columns

SessionFactory = Callable[[bool], contextlib.AbstractContextManager[Session]]

# SET expressions see the old row: a NULL raw column means "same as shown so far".
_APPEND_SQL = text(
    "UPDATE messages SET"
    " content_raw = CASE WHEN :rc IS NULL THEN content_raw || :c ELSE coalesce(content_raw, content) || :rc END,"
    " reasoning_raw = CASE WHEN :rr IS NULL THEN reasoning_raw || :r"
    " ELSE coalesce(reasoning_raw, reasoning) || :rr END,"
    " content = content || :c, reasoning = reasoning || :r"
    " WHERE pk = :pk"
)

# (shown content, shown reasoning, raw content or None if same, raw reasoning or None if same)
Batch = tuple[str, str, str | None, str | None]


def _now_ms() -> int:
    return int(time.time() * 1000)


def _size(c: str, r: str, rc: str, rr: str) -> int:
    """Characters to write: the shown text, plus the raw text where it differs."""
    return len(c) + len(r) + (len(rc) if rc != c else 0) + (len(rr) if rr != r else 0)


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
        self._pending_rc: list[str] = []  # raw text, or the shown text where no raw was given
        self._pending_rr: list[str] = []
        self._pending_raw_c = False  # some pending raw content differs from the shown text
        self._pending_raw_r = False
        self._pending_chars = 0
        self._pending_since: float | None = None
        self._content: list[str] = []
        self._reasoning: list[str] = []
        self._raw_content: list[str] = []
        self._raw_reasoning: list[str] = []
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

    @property
    def raw_content(self) -> str:
        """What the model wrote (equal to ``content`` when nothing was converted)."""
        with self._cond:
            return "".join(self._raw_content)

    @property
    def raw_reasoning(self) -> str:
        with self._cond:
            return "".join(self._raw_reasoning)

    def append(
        self,
        content_delta: str = "",
        reasoning_delta: str = "",
        *,
        raw_content_delta: str | None = None,
        raw_reasoning_delta: str | None = None,
    ) -> None:
        """Queue shown text (and, when it was converted, the model's raw text); returns at once.

        ``raw_*_delta=None`` means the raw text is the shown text. A converter that holds text
        back gives ``content_delta=""`` with a non-empty raw delta; that is stored too.
        """
        rc = content_delta if raw_content_delta is None else raw_content_delta
        rr = reasoning_delta if raw_reasoning_delta is None else raw_reasoning_delta
        if not (content_delta or reasoning_delta or rc or rr):
            return
        with self._cond:
            if self._stop:
                raise RuntimeError("append() after finish()")
            self._content.append(content_delta)
            self._reasoning.append(reasoning_delta)
            self._raw_content.append(rc)
            self._raw_reasoning.append(rr)
            self._pending_c.append(content_delta)
            self._pending_r.append(reasoning_delta)
            self._pending_rc.append(rc)
            self._pending_rr.append(rr)
            self._pending_raw_c |= rc != content_delta
            self._pending_raw_r |= rr != reasoning_delta
            self._pending_chars += _size(content_delta, reasoning_delta, rc, rr)
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
                self._write(batch)

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
        replace_text: tuple[str, str, str, str] | None = None,
        sampling: Any = None,
        term_check: Any = None,
        citations: Any = None,
    ) -> MessageRecord:
        """Write the rest of the text and the final status/figures in one transaction.

        ``replace_text`` (content, reasoning, raw content, raw reasoning) replaces the streamed
        text, when the provider corrected it at the end (a remote reply's late ``</think>``).
        ``sampling``/``term_check``/``citations``: what the reply was made with (schema v5,
        :mod:`app.store.turn_record`), kept in the same write."""
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
            batch = self._take() or ("", "", None, None)
            try:
                with self._session(True) as s:
                    s.execute(_APPEND_SQL, self._params(batch))
                    row = s.get(Message, self._pk)
                    assert row is not None
                    if replace_text is not None:
                        row.content, row.reasoning, row.content_raw, row.reasoning_raw = replace_text
                    if row.content_raw == row.content:
                        row.content_raw = None
                    if row.reasoning_raw == row.reasoning:
                        row.reasoning_raw = None
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
                    for column, value in turn_columns(sampling, term_check, citations).items():
                        setattr(row, column, value)
                    conv = s.scalars(select(Conversation).where(Conversation.id == row.conversation_id)).one()
                    conv.updated_at = now
                    s.flush()
                    s.refresh(row)
                    record = MessageRecord.from_row(row, self._record.sibling_index, self._record.sibling_count)
            except HistoryError as exc:
                self._give_back(batch)  # keep every token; finish() may be called again
                self.last_error = exc
                raise
            # Only once committed: a COMMIT that fails (disk full) must not mark the reply finished.
            self._finished = record
        return record

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
    def _take(self) -> Batch | None:
        with self._cond:
            if not self._pending_chars:
                return None
            batch: Batch = (
                "".join(self._pending_c),
                "".join(self._pending_r),
                "".join(self._pending_rc) if self._pending_raw_c else None,
                "".join(self._pending_rr) if self._pending_raw_r else None,
            )
            self._pending_c, self._pending_r, self._pending_rc, self._pending_rr = [], [], [], []
            self._pending_raw_c = self._pending_raw_r = False
            self._pending_chars = 0
            self._pending_since = None
            return batch

    def _give_back(self, batch: Batch) -> None:
        c, r, rc, rr = batch
        with self._cond:
            self._pending_c.insert(0, c)
            self._pending_r.insert(0, r)
            self._pending_rc.insert(0, c if rc is None else rc)
            self._pending_rr.insert(0, r if rr is None else rr)
            self._pending_raw_c |= rc is not None
            self._pending_raw_r |= rr is not None
            self._pending_chars += _size(c, r, c if rc is None else rc, r if rr is None else rr)
            if self._pending_since is None:
                self._pending_since = time.monotonic()

    def _params(self, batch: Batch) -> dict[str, object]:
        c, r, rc, rr = batch
        return {"c": c, "r": r, "rc": rc, "rr": rr, "pk": self._pk}

    def _write(self, batch: Batch) -> None:
        try:
            with self._session(True) as s:
                s.execute(_APPEND_SQL, self._params(batch))
        except HistoryError as exc:
            self._give_back(batch)
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
