"""The assistant row exists from the first token and text reaches the file in small batches."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import text

from app.paths import Paths
from app.store import HistoryStore
from app.store.database import BUSY_TIMEOUT_MS, exec_outside_transaction


def _on_disk(store: HistoryStore, message_id: str) -> tuple[str, str, str]:
    """Read the row through a separate connection, as another process would."""
    engine = store._main.engine
    rows = exec_outside_transaction(
        engine, f"SELECT content, reasoning, status FROM messages WHERE id = '{message_id}'"
    )
    return rows[0]


def test_pragmas_for_durability_and_privacy(store: HistoryStore) -> None:
    with store.session() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
        assert s.execute(text("PRAGMA synchronous")).scalar_one() == 1  # NORMAL
        assert s.execute(text("PRAGMA secure_delete")).scalar_one() == 1
        assert s.execute(text("PRAGMA temp_store")).scalar_one() == 2  # MEMORY
        assert s.execute(text("PRAGMA foreign_keys")).scalar_one() == 1


def test_row_exists_from_the_start_and_fills_by_time(paths: Paths) -> None:
    with HistoryStore.open(paths, flush_interval_s=0.1, flush_chars=10_000) as store:
        conv = store.new_conversation()
        store.add_message(conv.id, "user", "hi")
        writer = store.begin_assistant_message(conv.id, model="tiny")
        assert _on_disk(store, writer.message_id) == ("", "", "streaming")
        writer.append(reasoning_delta="thinking ")
        writer.append(content_delta="Hello")
        deadline = time.monotonic() + 30  # bounded wait for the 0.1 s flush; generous
        while _on_disk(store, writer.message_id)[0] != "Hello" and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _on_disk(store, writer.message_id) == ("Hello", "thinking ", "streaming")
        done = writer.finish("complete", prompt_tokens=3, completion_tokens=2, ttft_s=0.05, tokens_per_s=40.0)
        assert (done.status, done.content, done.reasoning) == ("complete", "Hello", "thinking ")
        assert (done.prompt_tokens, done.completion_tokens, done.ttft_s, done.tokens_per_s) == (3, 2, 0.05, 40.0)
        assert done.finished_at is not None and done.model == "tiny"
        assert store.get_conversation(conv.id).current_message_id == done.id


def test_size_threshold_flushes_before_the_interval(paths: Paths) -> None:
    with HistoryStore.open(paths, flush_interval_s=30.0, flush_chars=64) as store:
        conv = store.new_conversation()
        writer = store.begin_assistant_message(conv.id)
        writer.append("x" * 100)
        deadline = time.monotonic() + 30  # bounded wait for the size flush; generous
        while _on_disk(store, writer.message_id)[0] != "x" * 100 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _on_disk(store, writer.message_id)[0] == "x" * 100
        writer.append("tail")  # below the threshold and the interval: only finish writes it
        time.sleep(0.2)
        assert _on_disk(store, writer.message_id)[0] == "x" * 100
        assert writer.finish("cancelled").content == "x" * 100 + "tail"


def test_append_never_waits_for_a_busy_database(paths: Paths) -> None:
    with HistoryStore.open(paths, encrypt=False, flush_interval_s=0.05) as store:
        conv = store.new_conversation()
        writer = store.begin_assistant_message(conv.id)
        # Another process holds the write lock for a while (plain sqlite3, unencrypted file).
        other = sqlite3.connect(paths.database, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        slowest = 0.0
        for i in range(200):
            start = time.perf_counter()
            writer.append(f"t{i} ")
            slowest = max(slowest, time.perf_counter() - start)
            time.sleep(0.002)
        other.execute("ROLLBACK")
        other.close()
        # An append that waited for the database would wait out the busy timeout (the lock is held
        # throughout); half of it is a generous bound. The latency figure: tests/benchmarks/bench_cancel.py.
        assert slowest < BUSY_TIMEOUT_MS / 2000, f"append blocked for {slowest * 1000:.1f} ms"
        final = writer.finish()
        assert final.content == "".join(f"t{i} " for i in range(200))


def test_order_is_kept_under_concurrent_appends(store: HistoryStore) -> None:
    conv = store.new_conversation()
    writer = store.begin_assistant_message(conv.id)
    parts = [f"<{i}>" for i in range(2000)]

    def produce() -> None:
        for p in parts:
            writer.append(p)

    t = threading.Thread(target=produce)
    t.start()
    while t.is_alive():
        writer.flush()
    t.join()
    assert writer.finish().content == "".join(parts)
    assert store.get_message(writer.message_id).content == "".join(parts)


def test_context_manager_records_errors(store: HistoryStore) -> None:
    conv = store.new_conversation()
    with pytest.raises(RuntimeError), store.begin_assistant_message(conv.id) as writer:
        writer.append("partial")
        raise RuntimeError("backend crashed")
    msg = store.get_message(writer.message_id)
    assert (msg.status, msg.content, msg.error) == ("error", "partial", "backend crashed")
    with pytest.raises(RuntimeError):
        writer.append("more")
    with pytest.raises(ValueError):
        store.begin_assistant_message(conv.id).finish("streaming")


def test_stale_streaming_rows_are_recovered_only_when_their_writer_is_gone(paths: Paths) -> None:
    first = HistoryStore.open(paths)
    conv = first.new_conversation()
    writer = first.begin_assistant_message(conv.id)
    writer.append("live text")
    writer.flush()
    # A second process opening now must not touch the live stream.
    second = HistoryStore.open(paths)
    assert second.recovered_messages == 0
    assert second.get_message(writer.message_id).status == "streaming"
    second.close()
    # The writer dies without finishing (its lock goes away with it).
    writer._stop = True  # stop the flusher thread without writing a final status
    with writer._cond:
        writer._cond.notify()
    writer._thread.join()
    first.close()
    with HistoryStore.open(paths) as third:
        assert third.recovered_messages == 1
        msg = third.get_message(writer.message_id)
        assert (msg.status, msg.content) == ("interrupted", "live text")
        assert third.search("live")[0].message_id == msg.id
