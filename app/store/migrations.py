"""Ordered schema migrations, recorded in ``schema_migrations`` and run when the store opens.

Each step is fixed SQL (never generated from the current models), so a database made by any
earlier version upgrades the same way. Add a step by appending to ``MIGRATIONS``; never edit
one that has shipped. A database whose version is higher than ``LATEST_VERSION`` is refused
before anything is written.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, text

_V1_CORE = """
CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
);
CREATE TABLE conversations (
    pk INTEGER PRIMARY KEY,
    id VARCHAR(26) NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    model TEXT,
    system_prompt TEXT,
    pinned BOOLEAN NOT NULL DEFAULT 0,
    archived BOOLEAN NOT NULL DEFAULT 0,
    current_message_id VARCHAR(26)
);
CREATE INDEX ix_conversations_list ON conversations (archived, pinned, updated_at);
CREATE TABLE messages (
    pk INTEGER PRIMARY KEY,
    id VARCHAR(26) NOT NULL UNIQUE,
    conversation_id VARCHAR(26) NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    parent_id VARCHAR(26) REFERENCES messages (id),
    depth INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
    content TEXT NOT NULL DEFAULT '',
    reasoning TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL
        CHECK (status IN ('streaming', 'complete', 'cancelled', 'interrupted', 'error')),
    model TEXT,
    prompt_tokens INTEGER,
    completion_tokens INTEGER,
    ttft_s FLOAT,
    tokens_per_s FLOAT,
    error TEXT,
    created_at INTEGER NOT NULL,
    finished_at INTEGER,
    writer TEXT
);
CREATE INDEX ix_messages_conversation ON messages (conversation_id, depth);
CREATE INDEX ix_messages_parent ON messages (parent_id);
CREATE INDEX ix_messages_streaming ON messages (status) WHERE status = 'streaming';
"""

# Contentless FTS5 tables (the index keeps no copy of the text) with secure-delete, kept
# current by triggers that call bh_fts_text() (registered on every connection, see
# fts_text.index_text). Rows leave the index through the 'delete' command with their original
# tokens, which with secure-delete removes them from the index pages themselves (the
# contentless_delete=1 variant only records tombstones and leaves the terms readable in the
# file). index_text must therefore stay stable; changing it needs a migration that rebuilds the
# index. Messages are indexed once they stop streaming, so token batches never touch the index.
_V2_SEARCH = """
CREATE VIRTUAL TABLE message_fts USING fts5(
    body, thinking, content='', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO message_fts (message_fts, rank) VALUES ('secure-delete', 1);
CREATE VIRTUAL TABLE conversation_fts USING fts5(
    title, content='', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO conversation_fts (conversation_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.status != 'streaming' BEGIN
    INSERT INTO message_fts (rowid, body, thinking)
    VALUES (new.pk, bh_fts_text(new.content), bh_fts_text(new.reasoning));
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.status != 'streaming' BEGIN
    INSERT INTO message_fts (message_fts, rowid, body, thinking)
    VALUES ('delete', old.pk, bh_fts_text(old.content), bh_fts_text(old.reasoning));
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, reasoning, status ON messages
WHEN old.status != 'streaming' OR new.status != 'streaming' BEGIN
    INSERT INTO message_fts (message_fts, rowid, body, thinking)
    SELECT 'delete', old.pk, bh_fts_text(old.content), bh_fts_text(old.reasoning)
    WHERE old.status != 'streaming';
    INSERT INTO message_fts (rowid, body, thinking)
    SELECT new.pk, bh_fts_text(new.content), bh_fts_text(new.reasoning) WHERE new.status != 'streaming';
END;
CREATE TRIGGER conversations_fts_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversation_fts (rowid, title) VALUES (new.pk, bh_fts_text(new.title));
END;
CREATE TRIGGER conversations_fts_delete AFTER DELETE ON conversations BEGIN
    INSERT INTO conversation_fts (conversation_fts, rowid, title) VALUES ('delete', old.pk, bh_fts_text(old.title));
END;
CREATE TRIGGER conversations_fts_update AFTER UPDATE OF title ON conversations BEGIN
    INSERT INTO conversation_fts (conversation_fts, rowid, title) VALUES ('delete', old.pk, bh_fts_text(old.title));
    INSERT INTO conversation_fts (rowid, title) VALUES (new.pk, bh_fts_text(new.title));
END;

INSERT INTO message_fts (rowid, body, thinking)
    SELECT pk, bh_fts_text(content), bh_fts_text(reasoning) FROM messages WHERE status != 'streaming';
INSERT INTO conversation_fts (rowid, title) SELECT pk, bh_fts_text(title) FROM conversations;
"""

# What the model actually wrote, next to what was shown (replies converted Simplified → HK
# Traditional while streaming). NULL when identical to the shown text, so unconverted replies
# cost nothing. The search index keeps covering the shown text only (the triggers above).
_V3_RAW_TEXT = """
ALTER TABLE messages ADD COLUMN content_raw TEXT;
ALTER TABLE messages ADD COLUMN reasoning_raw TEXT;
"""

# The document library (issue 14) lives in the history database so it shares its key, its
# encryption policy, its backups and its conversion to encryption; passages are indexed like
# messages (contentless FTS5, secure-delete, bh_fts_text). Attachments are recorded per
# message by name and hash only; their text is not kept.
_V4_DOCUMENTS = """
CREATE TABLE documents (
    pk INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'policy')),
    root TEXT,
    sha256 TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    mtime_ns INTEGER NOT NULL DEFAULT 0,
    format TEXT,
    pages INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('pending', 'indexed', 'error')),
    error_kind TEXT,
    error_value TEXT,
    added_at INTEGER NOT NULL,
    indexed_at INTEGER
);
CREATE TABLE library_folders (
    path TEXT PRIMARY KEY,
    added_at INTEGER NOT NULL
);
CREATE TABLE passages (
    pk INTEGER PRIMARY KEY,
    document_pk INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX ix_passages_document ON passages (document_pk, idx);
CREATE VIRTUAL TABLE passage_fts USING fts5(
    body, content='', tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO passage_fts (passage_fts, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
    INSERT INTO passage_fts (rowid, body) VALUES (new.pk, bh_fts_text(new.text));
END;
CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
    INSERT INTO passage_fts (passage_fts, rowid, body) VALUES ('delete', old.pk, bh_fts_text(old.text));
END;
CREATE TABLE message_attachments (
    pk INTEGER PRIMARY KEY,
    message_id VARCHAR(26) NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT,
    pages INTEGER,
    tokens INTEGER,
    whole BOOLEAN NOT NULL DEFAULT 1
);
CREATE INDEX ix_message_attachments ON message_attachments (message_id);
"""

# Issue 17: what each reply was made with, kept with it (shown again on reopen, exported): the
# sampling settings it used, the glossary's term check, and the numbered sources it was given
# (file and page only: attachment text is never kept). JSON text, NULL when there is none. The
# conversation's "use my library" switch; 0 for every existing conversation.
_V5_TURN_RECORD = """
ALTER TABLE messages ADD COLUMN sampling TEXT;
ALTER TABLE messages ADD COLUMN term_check TEXT;
ALTER TABLE messages ADD COLUMN citations TEXT;
ALTER TABLE conversations ADD COLUMN use_library BOOLEAN NOT NULL DEFAULT 0;
"""

# v6: library passages' embedding vectors (app/documents/vector_search.py), float16 per passage and
# model, and per model a count and a change counter kept by triggers, so a search knows from one
# row whether the matrix it holds in memory is current. IF NOT EXISTS: development builds created
# these on first use before they were a migration.
_V6_PASSAGE_VECTORS = """
CREATE TABLE IF NOT EXISTS passage_vectors (
    passage_pk INTEGER PRIMARY KEY REFERENCES passages (pk) ON DELETE CASCADE,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_passage_vectors_model ON passage_vectors (model, passage_pk);
CREATE TABLE IF NOT EXISTS passage_vector_state (
    model TEXT PRIMARY KEY,
    vectors INTEGER NOT NULL,
    changes INTEGER NOT NULL
);
CREATE TRIGGER IF NOT EXISTS passage_vectors_added AFTER INSERT ON passage_vectors BEGIN
    INSERT INTO passage_vector_state (model, vectors, changes) VALUES (new.model, 1, 1)
    ON CONFLICT (model) DO UPDATE SET vectors = vectors + 1, changes = changes + 1;
END;
CREATE TRIGGER IF NOT EXISTS passage_vectors_removed AFTER DELETE ON passage_vectors BEGIN
    UPDATE passage_vector_state SET vectors = vectors - 1, changes = changes + 1 WHERE model = old.model;
END;
CREATE TRIGGER IF NOT EXISTS passage_vectors_changed AFTER UPDATE ON passage_vectors BEGIN
    UPDATE passage_vector_state SET vectors = vectors - 1, changes = changes + 1 WHERE model = old.model;
    INSERT INTO passage_vector_state (model, vectors, changes) VALUES (new.model, 1, 1)
    ON CONFLICT (model) DO UPDATE SET vectors = vectors + 1, changes = changes + 1;
END;
INSERT OR REPLACE INTO passage_vector_state (model, vectors, changes)
    SELECT model, count(*), count(*) FROM passage_vectors GROUP BY model;
"""

# v7: the document context a prompt was answered with (attachments' text or passages, library
# passages: app/chat/documents_record.py), so Regenerate after a restart gives the model the same
# documents. JSON text, encrypted with the rest of the file; it goes with its message.
_V7_PROMPT_DOCUMENTS = """
CREATE TABLE message_documents (
    message_id VARCHAR(26) PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
    context TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _script(sql: str) -> Callable[[Connection], None]:
    def run(conn: Connection) -> None:
        for statement in _split_sql(sql):
            conn.exec_driver_sql(statement)

    return run


def _split_sql(sql: str) -> list[str]:
    """Split on ';' at statement ends, keeping trigger bodies (BEGIN … END;) whole."""
    statements, current, in_trigger = [], [], False
    for line in sql.strip().splitlines():
        if not line.strip():
            continue
        current.append(line)
        upper = line.strip().upper()
        if upper.startswith("CREATE TRIGGER"):
            in_trigger = True
        if line.rstrip().endswith(";") and (not in_trigger or upper == "END;"):
            statements.append("\n".join(current).rstrip().rstrip(";"))
            current, in_trigger = [], False
    if current:
        statements.append("\n".join(current))
    return statements


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "conversations and branching messages", _script(_V1_CORE)),
    Migration(2, "full-text search index (English and Chinese)", _script(_V2_SEARCH)),
    Migration(3, "raw model text next to the shown text", _script(_V3_RAW_TEXT)),
    Migration(4, "document library and message attachments", _script(_V4_DOCUMENTS)),
    Migration(5, "sampling, term check and citations per reply; use_library per conversation",
              _script(_V5_TURN_RECORD)),
    Migration(6, "embedding vectors of library passages", _script(_V6_PASSAGE_VECTORS)),
    Migration(7, "the document context each prompt was answered with", _script(_V7_PROMPT_DOCUMENTS)),
)
LATEST_VERSION = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    """0 for an empty database; otherwise the highest applied migration (read-only query)."""
    has_table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).first()
    if has_table is None:
        tables = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
        return 0 if tables == 0 else -1  # -1: a SQLite file that is not ours
    version = conn.exec_driver_sql("SELECT max(version) FROM schema_migrations").scalar_one()
    return int(version or 0)


def migrate(conn: Connection, target: int = LATEST_VERSION) -> list[int]:
    """Apply every pending migration up to ``target``, each in its own transaction."""
    applied = []
    for migration in MIGRATIONS:
        if migration.version > target:
            break
        with conn.begin():
            if current_version(conn) >= migration.version:
                continue
            migration.apply(conn)
            conn.execute(
                text("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)"),
                {"v": migration.version, "n": migration.name, "t": int(time.time() * 1000)},
            )
            conn.exec_driver_sql(f"PRAGMA user_version = {migration.version}")
        applied.append(migration.version)
    return applied
