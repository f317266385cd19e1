"""Schema v5: sampling, term check and citations kept with each reply; ``use_library`` per
conversation. Real SQLCipher files, upgraded from a version-4 database with rows in it."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import inspect, text
from test_migrations import _old_database

from app.glossary import TermCheck
from app.paths import Paths
from app.store import HistoryStore
from app.store import keys as store_keys
from app.store.backups import list_backups
from app.store.database import make_engine
from app.store.migrations import LATEST_VERSION
from app.store.turn_record import (
    MAX_EXCERPT_CHARS,
    StoredCitation,
    StoredTerm,
    decode_citations,
    decode_sampling,
    decode_terms,
)
from engine.types import SamplingParams

PARAMS = SamplingParams(temperature=0.2, top_p=0.9, top_k=20, min_p=0.0, repeat_penalty=1.1, seed=7,
                        max_tokens=256, thinking=False)
CHECKS = [TermCheck("Chief Executive", "行政長官", True), TermCheck("Legislative Council", "立法會", False)]


@dataclasses.dataclass(frozen=True)
class _Source:  # the shape of app.documents.retrieval.Source
    file: str
    page: int
    text: str


SOURCES = [_Source("/docs/房屋政策.pdf", 3, "SECRET-PASSAGE-TEXT"), _Source("notes.txt", 1, "more text")]


def _v4_with_attachment(paths: Paths) -> dict[str, str]:
    _key, ids = _old_database(paths, 4)
    engine = make_engine(paths.database, store_keys.load_key(paths.database))
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO message_attachments (message_id, name, sha256, whole)"
                          " VALUES (:m, 'brief.docx', :h, 1)"), {"m": ids["user"], "h": "ab" * 32})
    engine.dispose()
    return ids


def test_upgrade_from_version_4_keeps_rows_and_adds_the_turn_record(paths: Paths) -> None:
    ids = _v4_with_attachment(paths)
    with HistoryStore.open(paths) as store:
        assert store.schema_version() == LATEST_VERSION
        conv = store.get_conversation(ids["conv"])
        assert conv.title == "房屋政策 notes" and conv.use_library is False
        thread = store.thread(ids["conv"])
        assert [m.content for m in thread] == ["什麼是房屋政策?", "The housing policy covers 公屋."]
        # Replies from before v5 have nothing recorded (and say so by being empty).
        assert [(m.sampling, m.term_check, m.citations) for m in thread] == [((), (), ())] * 2
        assert [h.message_id for h in store.search("公屋")] == [ids["reply"]]
        with store.session() as s:
            assert s.execute(text("SELECT name FROM message_attachments")).scalars().all() == ["brief.docx"]
        assert store.get_message(ids["streaming"]).status == "interrupted"
    backups = list_backups(paths.database)
    assert len(backups) == 1 and f"before-v{LATEST_VERSION}" in backups[0].name
    engine = make_engine(backups[0], store_keys.load_key(paths.database))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT max(version) FROM schema_migrations")).scalar_one() == 4
        assert "sampling" not in {c["name"] for c in inspect(conn).get_columns("messages")}
        assert "use_library" not in {c["name"] for c in inspect(conn).get_columns("conversations")}
    engine.dispose()


def test_reply_keeps_sampling_term_check_and_citations_across_reopen(paths: Paths) -> None:
    ids = _v4_with_attachment(paths)
    with HistoryStore.open(paths) as store:
        writer = store.begin_assistant_message(ids["conv"], parent_id=ids["user"], model="m")
        writer.append("行政長官 said")
        writer.finish("complete", sampling=PARAMS, term_check=CHECKS, citations=SOURCES)
        reply_id = writer.message_id
    with HistoryStore.open(paths) as store:
        reply = store.get_message(reply_id)
        assert dict(reply.sampling) == dataclasses.asdict(PARAMS)
        assert [name for name, _ in reply.sampling][:2] == ["temperature", "top_p"]  # order kept
        assert reply.term_check == (StoredTerm("Chief Executive", "行政長官", True),
                                    StoredTerm("Legislative Council", "立法會", False))
        assert reply.citations == (StoredCitation("/docs/房屋政策.pdf", 3), StoredCitation("notes.txt", 1))
        # The current branch (what the window shows on reopen) carries them too.
        assert store.thread(ids["conv"])[-1].term_check == reply.term_check
        # Citations keep the excerpt the model was given (in the encrypted history), bounded.
        assert [c.text for c in reply.citations] == [s.text[:MAX_EXCERPT_CHARS] for s in SOURCES]
        with store.session() as s:
            stored = s.execute(text("SELECT citations FROM messages WHERE id = :i"), {"i": reply_id}).scalar_one()
        assert "房屋政策.pdf" in stored
    for f in paths.database.parent.glob(paths.database.name + "*"):  # the file, its WAL and journal
        assert b"SECRET-PASSAGE-TEXT" not in f.read_bytes(), f"encrypted on disk: {f.name}"


def test_add_message_and_record_turn_write_the_same_columns(store: HistoryStore) -> None:
    conv = store.new_conversation("t")
    store.add_message(conv.id, "user", "q")
    reply = store.add_message(conv.id, "assistant", "a", sampling={"temperature": 0.7, "seed": None},
                              term_check=[{"term": "a", "expected": "b", "found": False}])
    assert reply.sampling == (("temperature", 0.7), ("seed", None))
    assert reply.term_check == (StoredTerm("a", "b", False),) and reply.citations == ()
    updated = store.record_turn(reply.id, citations=SOURCES[:1])
    assert updated.citations == (StoredCitation("/docs/房屋政策.pdf", 3),)
    assert updated.term_check == reply.term_check and updated.sampling == reply.sampling  # None: kept


def test_use_library_is_per_conversation_and_keeps_the_list_order(paths: Paths) -> None:
    with HistoryStore.open(paths) as store:
        first = store.new_conversation("first")
        second = store.new_conversation("second", use_library=True)
        assert store.use_library(first.id) is False and store.use_library(second.id) is True
        before = store.get_conversation(first.id).updated_at
        assert store.set_use_library(first.id, True).use_library is True
        assert store.get_conversation(first.id).updated_at == before
        store.set_use_library(second.id, False)
        memory = store.new_conversation("don't save", save=False)
        assert store.set_use_library(memory.id, True).use_library is True
        assert store.use_library(memory.id) is True
    with HistoryStore.open(paths) as store:
        assert store.use_library(first.id) is True and store.use_library(second.id) is False
        assert [c.title for c in store.list_conversations()] == ["second", "first"]


def test_unreadable_turn_record_reads_as_nothing_recorded(store: HistoryStore) -> None:
    conv = store.new_conversation("t")
    reply = store.add_message(conv.id, "assistant", "a")
    with store.session(write=True) as s:
        s.execute(text("UPDATE messages SET sampling = '{bad', term_check = '[1, {\"term\": 2}]',"
                       " citations = '\"x\"' WHERE id = :i"), {"i": reply.id})
    got = store.get_message(reply.id)
    assert (got.sampling, got.term_check, got.citations) == ((), (), ())
    assert decode_sampling("[1]") == () and decode_terms(None) == () and decode_citations("") == ()


def test_json_export_and_import_keep_the_turn_record(paths: Paths) -> None:
    from app.store.errors import HistoryImportError
    from app.store.transfer import export_json, import_json

    with HistoryStore.open(paths) as store:
        conv = store.new_conversation("kept", use_library=True)
        store.add_message(conv.id, "user", "q")
        store.add_message(conv.id, "assistant", "a", sampling=PARAMS, term_check=CHECKS, citations=SOURCES)
        data = export_json(store, [conv.id])
        store.delete_conversation(conv.id)
        (new_id,) = import_json(store, data)
        assert store.use_library(new_id) is True
        reply = store.thread(new_id)[-1]
        assert dict(reply.sampling) == dataclasses.asdict(PARAMS)
        assert [t.found for t in reply.term_check] == [True, False]
        assert reply.citations == (StoredCitation("/docs/房屋政策.pdf", 3), StoredCitation("notes.txt", 1))
        # A version-2 file (before these fields) still imports, with nothing recorded.
        import json

        old = json.loads(data)
        old["version"] = 2
        for c in old["conversations"]:
            del c["use_library"]
            for m in c["messages"]:
                for name in ("sampling", "term_check", "citations"):
                    del m[name]
        (older,) = import_json(store, json.dumps(old))
        assert store.use_library(older) is False and store.thread(older)[-1].term_check == ()
        bad = json.loads(data)
        bad["conversations"][0]["messages"][-1]["term_check"] = [{"term": "x", "expected": 1, "found": True}]
        with pytest.raises(HistoryImportError, match="term_check"):
            import_json(store, json.dumps(bad))
