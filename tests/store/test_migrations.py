"""Schema creation and upgrades on real SQLite files (encrypted, as users have them)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from app.paths import Paths
from app.store import HistoryStore, HistoryTooNew
from app.store import keys as store_keys
from app.store.backups import list_backups
from app.store.database import IMMEDIATE, make_engine
from app.store.ids import new_id
from app.store.migrations import LATEST_VERSION, MIGRATIONS, migrate
from app.store.models import Base


def _old_database(paths: Paths, version: int = 1) -> tuple[bytes, dict[str, str]]:
    """A database made by an older schema version (1: before search existed), with rows in it."""
    db = paths.database
    db.parent.mkdir(parents=True, exist_ok=True)
    key = store_keys.create_key(db)
    engine = make_engine(db, key)
    ids = {"conv": new_id(), "user": new_id(), "reply": new_id(), "streaming": new_id()}
    with engine.connect().execution_options(**{IMMEDIATE: True}) as conn:
        assert migrate(conn, target=version) == list(range(1, version + 1))
        with conn.begin():
            conn.execute(
                text(
                    "INSERT INTO conversations (id, title, created_at, updated_at, current_message_id)"
                    " VALUES (:id, '房屋政策 notes', 1, 2, :cur)"
                ),
                {"id": ids["conv"], "cur": ids["reply"]},
            )
            rows = [
                (ids["user"], None, 0, "user", "什麼是房屋政策?", "complete"),
                (ids["reply"], ids["user"], 1, "assistant", "The housing policy covers 公屋.", "complete"),
                (ids["streaming"], ids["user"], 1, "assistant", "half a rep", "streaming"),
            ]
            for mid, parent, depth, role, content, status in rows:
                conn.execute(
                    text(
                        "INSERT INTO messages (id, conversation_id, parent_id, depth, role, content, status,"
                        " created_at) VALUES (:id, :c, :p, :d, :r, :t, :s, 3)"
                    ),
                    {"id": mid, "c": ids["conv"], "p": parent, "d": depth, "r": role, "t": content, "s": status},
                )
    engine.dispose()
    return key, ids


def test_fresh_database_gets_every_migration_recorded(store: HistoryStore) -> None:
    assert store.schema_version() == LATEST_VERSION
    with store.session() as s:
        recorded = s.execute(text("SELECT version, name FROM schema_migrations ORDER BY version")).all()
        assert [v for v, _ in recorded] == [m.version for m in MIGRATIONS]
        assert s.execute(text("PRAGMA user_version")).scalar_one() == LATEST_VERSION


def test_migrated_schema_matches_the_orm_models(store: HistoryStore) -> None:
    insp = inspect(store._main.engine)
    for table in Base.metadata.sorted_tables:
        db_cols = {c["name"] for c in insp.get_columns(table.name)}
        assert db_cols == {c.name for c in table.columns}, table.name
        db_indexes = {i["name"] for i in insp.get_indexes(table.name)}
        assert {i.name for i in table.indexes} <= db_indexes


def test_upgrade_from_version_1_keeps_rows_backs_up_and_indexes(paths: Paths) -> None:
    _key, ids = _old_database(paths, 1)
    with HistoryStore.open(paths) as store:
        assert store.schema_version() == LATEST_VERSION
        thread = store.thread(ids["conv"])
        assert [m.content for m in thread] == ["什麼是房屋政策?", "The housing policy covers 公屋."]
        assert thread[1].sibling_count == 2
        # The old rows were indexed by the search migration (2-character Chinese included).
        assert {h.message_id for h in store.search("政策")} >= {ids["user"]}
        assert [h.message_id for h in store.search("公屋")] == [ids["reply"]]
        assert store.search("notes")[0].conversation_id == ids["conv"]
        # A reply that was streaming when the old version died is recovered, text kept.
        assert store.get_message(ids["streaming"]).status == "interrupted"
        assert store.get_message(ids["streaming"]).content == "half a rep"
    backups = list_backups(paths.database)
    assert len(backups) == 1 and f"before-v{LATEST_VERSION}" in backups[0].name
    # The backup is the version-1 database, encrypted like the original.
    assert backups[0].read_bytes()[:16] != b"SQLite format 3\x00"
    engine = make_engine(backups[0], store_keys.load_key(paths.database))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT max(version) FROM schema_migrations")).scalar_one() == 1
        assert conn.execute(text("SELECT count(*) FROM messages")).scalar_one() == 3
    engine.dispose()


def test_upgrade_from_version_2_keeps_rows_and_adds_raw_text_columns(paths: Paths) -> None:
    _key, ids = _old_database(paths, 2)
    with HistoryStore.open(paths) as store:
        assert store.schema_version() == LATEST_VERSION >= 3
        thread = store.thread(ids["conv"])
        assert [(m.content, m.content_raw, m.reasoning_raw) for m in thread] == [
            ("什麼是房屋政策?", None, None),
            ("The housing policy covers 公屋.", None, None),
        ]
        # The index built under version 2 is still used and still kept current.
        assert [h.message_id for h in store.search("公屋")] == [ids["reply"]]
        reply = store.add_message(ids["conv"], "assistant", "軟件 answer", content_raw="软件 answer")
        assert store.get_message(reply.id).content_raw == "软件 answer"
        assert [h.message_id for h in store.search("軟件", convert_chinese=False)] == [reply.id]
        assert store.get_message(ids["streaming"]).status == "interrupted"
    backups = list_backups(paths.database)
    assert len(backups) == 1 and f"before-v{LATEST_VERSION}" in backups[0].name
    engine = make_engine(backups[0], store_keys.load_key(paths.database))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT max(version) FROM schema_migrations")).scalar_one() == 2
        columns = {c["name"] for c in inspect(conn).get_columns("messages")}
        assert "content" in columns and "content_raw" not in columns
    engine.dispose()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_database_is_refused_and_left_untouched(paths: Paths) -> None:
    with HistoryStore.open(paths) as store:
        store.new_conversation("keep me")
        with store.session(write=True) as s:
            s.execute(
                text("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, 'future', 0)"),
                {"v": LATEST_VERSION + 1},
            )
    before = _sha(paths.database)
    with pytest.raises(HistoryTooNew) as info:
        HistoryStore.open(paths)
    assert "newer version of Bauhinia" in str(info.value)
    assert info.value.found == LATEST_VERSION + 1
    assert _sha(paths.database) == before
    assert not list_backups(paths.database)
