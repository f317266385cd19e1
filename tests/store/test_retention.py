"""Deletion that leaves nothing recoverable, purge by age, and "don't save" conversations."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from store_helpers import file_bytes, profile_bytes

from app.paths import Paths
from app.store import HistoryNotFound, HistoryStore
from app.store.backups import list_backups

MARKERS = ("Qjxvzmarkerword", "Wkpyqreasoning", "獨特標記字串")


def _conversation(store: HistoryStore, title: str = "Title qqzmtitle") -> str:
    conv = store.new_conversation(title)
    store.add_message(conv.id, "user", f"{MARKERS[0]} please")
    w = store.begin_assistant_message(conv.id)
    for _ in range(40):  # long enough to spill onto several pages and WAL frames
        w.append(f"{MARKERS[2]} {MARKERS[0]} ", f"{MARKERS[1]} ")
        w.flush()
    w.finish()
    return conv.id


def _present(blob: bytes) -> list[str]:
    return [m for m in (*MARKERS, "qqzmtitle") if m.encode() in blob]


def test_delete_leaves_no_trace_in_file_wal_index_or_backups(paths: Paths, _isolated_home: Path) -> None:
    # Unencrypted, so a leftover would be visible in the raw bytes.
    with HistoryStore.open(paths, encrypt=False) as store:
        keep = store.new_conversation("kept")
        store.add_message(keep.id, "user", "unrelated text stays")
        cid = _conversation(store)
        store.take_backup("test")
        assert _present(file_bytes(paths.database))  # the check can see the text
        assert store.search(MARKERS[0]) and store.search("獨特")
        assert store.delete_conversation(cid) is True
        assert store.search(MARKERS[0]) == [] and store.search("獨特") == [] and store.search("qqzmtitle") == []
        for path, blob in profile_bytes(_isolated_home).items():
            assert _present(blob) == [], path
        assert not list_backups(paths.database)
        assert store.integrity_check() == "ok"
        assert [m.content for m in store.thread(keep.id)] == ["unrelated text stays"]
        try:
            store.get_conversation(cid)
        except HistoryNotFound as exc:
            assert cid in str(exc)
        else:
            raise AssertionError("deleted conversation still readable")
    for path, blob in profile_bytes(_isolated_home).items():
        assert _present(blob) == [], path


def test_purge_older_than(paths: Paths, _isolated_home: Path) -> None:
    with HistoryStore.open(paths, encrypt=False) as store:
        old = _conversation(store, "old qqzmtitle")
        pinned_old = store.new_conversation("pinned")
        recent = store.new_conversation("recent")
        day = 86_400_000
        with store.session(write=True) as s:
            s.execute(
                text("UPDATE conversations SET updated_at = updated_at - :d WHERE id IN (:a, :b)"),
                {"d": 40 * day, "a": old, "b": pinned_old.id},
            )
        store.update_conversation(pinned_old.id, pinned=True)
        with store.session(write=True) as s:
            s.execute(
                text("UPDATE conversations SET updated_at = updated_at - :d WHERE id = :b"),
                {"d": 40 * day, "b": pinned_old.id},
            )
        assert store.purge_older_than(30, keep_pinned=True) == 1
        assert {c.id for c in store.list_conversations()} == {pinned_old.id, recent.id}
        assert store.purge_older_than(30) == 1
        assert {c.id for c in store.list_conversations()} == {recent.id}
        assert store.purge_older_than(30) == 0
        assert store.search(MARKERS[0]) == []
        for path, blob in profile_bytes(_isolated_home).items():
            assert _present(blob) == [], path


def test_dont_save_conversations_never_reach_the_disk(paths: Paths, _isolated_home: Path) -> None:
    with HistoryStore.open(paths, encrypt=False) as store:
        conv = store.new_conversation("private qqzmtitle", save=False)
        assert conv.persisted is False
        store.add_message(conv.id, "user", MARKERS[0])
        w = store.begin_assistant_message(conv.id)
        w.append(MARKERS[2], MARKERS[1])
        w.flush()
        reply = w.finish()
        assert [m.content for m in store.thread(conv.id)] == [MARKERS[0], MARKERS[2]]
        assert store.get_message(reply.id).reasoning == MARKERS[1]
        assert store.list_conversations() == [] and store.search(MARKERS[0]) == []
        for path, blob in profile_bytes(_isolated_home).items():
            assert _present(blob) == [], path
        store.delete_conversation(conv.id)
        try:
            store.get_conversation(conv.id)
        except HistoryNotFound:
            pass
        else:
            raise AssertionError("deleted private conversation still readable")


def test_history_switched_off_keeps_nothing(_isolated_home: Path) -> None:
    with HistoryStore.open(enabled=False) as store:
        assert store.path is None
        conv = store.new_conversation("x")
        store.add_message(conv.id, "user", MARKERS[0])
        assert not conv.persisted
    assert not any(_present(b) for b in profile_bytes(_isolated_home).values())
    assert not (_isolated_home / "data" / "history.sqlite3").exists()
