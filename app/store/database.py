"""Opening the SQLite file: driver, encryption key, pragmas and error translation.

One driver for both modes: ``sqlcipher3`` (SQLCipher 4 on SQLite 3.5x) — with a key the file is
encrypted page by page (AES-256, HMAC per page; the FTS index and the WAL are pages too), and
without one it is an ordinary SQLite file. Using it in both modes also gives us FTS5
``secure-delete`` (SQLite ≥ 3.44), which the system sqlite3 (3.40 here) lacks.

Per connection: the key first, then WAL-friendly settings: ``synchronous=NORMAL`` (in WAL a
committed transaction survives an application crash; a power cut may lose the last commits but
never corrupts the file), ``secure_delete=ON`` (freed bytes are zeroed), ``temp_store=MEMORY``
(no plaintext temp files), ``foreign_keys=ON`` and a busy timeout so two processes wait for
each other instead of failing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.pool import QueuePool, StaticPool

from app.i18n import tr
from app.store.errors import (
    HistoryBusy,
    HistoryCorrupt,
    HistoryError,
    HistoryKeyError,
    HistoryReadOnly,
    HistoryStorageFull,
)
from app.store.fts_text import index_text
from app.store.keys import sqlcipher_key_pragma

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
IMMEDIATE = "bauhinia_immediate"


def file_kind(path: Path) -> str:
    """'missing' (absent or empty), 'plain' (SQLite header) or 'encrypted' (anything else)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return "missing"
    if not head:
        return "missing"
    return "plain" if head == SQLITE_HEADER else "encrypted"


def _connect_fn(path: str, key: bytes | str | None, uri: bool = False) -> Callable[[], Any]:
    def connect() -> Any:
        conn = sqlcipher.connect(path, isolation_level=None, check_same_thread=False, uri=uri)
        try:
            if key is not None:
                conn.execute(sqlcipher_key_pragma(key))
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.create_function("bh_fts_text", 1, index_text, deterministic=True)
        except Exception:
            conn.close()
            raise
        return conn

    return connect


def _install_transaction_events(engine: Engine) -> None:
    # The driver runs in autocommit mode; we emit BEGIN ourselves so write actions can take the
    # write lock up front (BEGIN IMMEDIATE) and wait on busy_timeout instead of failing later.
    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(path: Path | None, key: bytes | str | None) -> Engine:
    """An engine over the file at ``path`` (None: a private in-memory database)."""
    if path is None:
        engine = create_engine(
            "sqlite+pysqlite://",
            module=sqlcipher,
            creator=_connect_fn(":memory:", None),
            poolclass=StaticPool,
        )
    else:
        engine = create_engine(
            "sqlite+pysqlite://",
            module=sqlcipher,
            creator=_connect_fn(str(path), key),
            poolclass=QueuePool,
            pool_size=4,
            max_overflow=4,
        )
    _install_transaction_events(engine)
    return engine


def translate_error(exc: BaseException, *, encrypted: bool, backups: tuple[Path, ...] = ()) -> HistoryError:
    """Turn a driver error into a HistoryError with a message a user can act on."""
    if isinstance(exc, HistoryError):
        return exc
    raw = str(getattr(exc, "orig", None) or exc)
    low = raw.lower()
    if "disk is full" in low or "database or disk is full" in low:
        return HistoryStorageFull(
            tr(
                "HistoryStore",
                "The disk is full, so history cannot be saved. Free some space; everything saved "
                "before this point is intact.",
            )
        )
    if "readonly" in low or "read-only" in low or "unable to open database" in low or "permission" in low:
        return HistoryReadOnly(
            tr(
                "HistoryStore",
                "The history database cannot be written ({error}). Check that the data folder is "
                "writable; existing history is unchanged.",
            ).format(error=raw)
        )
    if "not a database" in low and encrypted:
        return HistoryKeyError(
            tr(
                "HistoryStore",
                "The history database could not be decrypted with the stored key. It may belong to "
                "another account or the key was replaced. The file was left unchanged.",
            )
        )
    if "malformed" in low or "not a database" in low or "corrupt" in low:
        where = (
            tr("HistoryStore", " The latest backup is {path}; restore it with 'bauhinia history restore'.").format(
                path=backups[0]
            )
            if backups
            else tr("HistoryStore", " No backup exists; move the file aside to start a new history.")
        )
        return HistoryCorrupt(
            tr("HistoryStore", "The history database is damaged ({error}).").format(error=raw) + where,
            backups=backups,
        )
    if "locked" in low or "busy" in low:
        return HistoryBusy(tr("HistoryStore", "Another Bauhinia window is busy with the history; try again."))
    return HistoryError(tr("HistoryStore", "History database error: {error}").format(error=raw))


@contextlib.contextmanager
def translated(encrypted: bool, backups: Callable[[], tuple[Path, ...]] = tuple) -> Iterator[None]:
    try:
        yield
    except (sa_exc.DBAPIError, sqlcipher.Error) as exc:
        raise translate_error(exc, encrypted=encrypted, backups=backups()) from exc


def exec_outside_transaction(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    """Run a statement that SQLite refuses inside a transaction (journal_mode, wal_checkpoint)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.driver_connection.execute(sql)  # type: ignore[union-attr]
        return [tuple(row) for row in cursor.fetchall()]
    finally:
        raw.close()
