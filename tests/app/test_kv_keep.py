"""Keeping the last conversation's KV state across a "restart": a real llama.cpp session on a
generated model, a real SQLCipher history with a keyring key, a new session as the restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures_models import DEFAULT_SCRIPT

from app.kv_keep import keep_state, kept_conversation, kept_state_path, offer_kept_state
from app.paths import user_paths
from app.store import HistoryStore
from engine.events import Finished
from engine.session import ChatSession, SessionConfig
from engine.types import ChatMessage, SamplingParams

GREEDY = SamplingParams(temperature=0.0, max_tokens=64)
SHA = "12" * 32


@pytest.fixture
def store(memory_keyring: object) -> Iterator[HistoryStore]:
    s = HistoryStore.open(user_paths().ensure())
    yield s
    s.close()


def _history(n: int) -> list[ChatMessage]:
    msgs: list[ChatMessage] = []
    for i in range(n):
        msgs += [ChatMessage("user", f"Question {i}: 施政報告的房屋政策是甚麼？"),
                 ChatMessage("assistant", f"Answer {i}: 政府會增加公營房屋供應。")]
    return msgs


def _turn(s: ChatSession, msgs: list[ChatMessage], cid: str) -> Finished:
    events = list(s.stream(msgs, GREEDY, None, cid))
    fin = events[-1]
    assert isinstance(fin, Finished) and fin.reason == "stop"
    return fin


def _session(model: Path) -> ChatSession:
    return ChatSession(model, SessionConfig(n_ctx=2048, kv_budget_bytes=256 << 20))


def test_restart_restores_instead_of_re_reading(scripted_model_path: Path, store: HistoryStore) -> None:
    cid = store.new_conversation("kept").id
    a = [*_history(12), ChatMessage("user", "A?")]
    first = _session(scripted_model_path)
    try:
        _turn(first, a, cid)
        full = first.last_turn.evaluated_prompt_tokens
        kept = keep_state(first, store, model_sha256=SHA, budget_mb=64)
    finally:
        first.close()
    assert kept.kept and kept.conversation_id == cid, kept.reason
    path = kept_state_path(store.path)  # type: ignore[arg-type]
    assert path.stat().st_mode & 0o077 == 0, "0600"
    assert "施政報告".encode() not in path.read_bytes()
    assert kept_conversation(store.path) == cid  # type: ignore[arg-type]

    a2 = [*a, ChatMessage("assistant", DEFAULT_SCRIPT.content), ChatMessage("user", "A2?")]
    cold = _session(scripted_model_path)
    try:
        reference = _turn(cold, a2, cid).content
        cold_eval = cold.last_turn.evaluated_prompt_tokens
    finally:
        cold.close()
    again = _session(scripted_model_path)
    try:
        offered = offer_kept_state(again, store, model_sha256=SHA, budget_mb=64)
        assert offered.kept and offered.conversation_id == cid, offered.reason
        fin = _turn(again, a2, cid)
        assert again.last_turn.restored_snapshot
        assert again.last_turn.evaluated_prompt_tokens < full / 10 < cold_eval / 10
        assert fin.content == reference, "the same greedy reply as after a full re-read"
    finally:
        again.close()


def test_other_model_budget_and_off_the_record_keep_nothing(scripted_model_path: Path, store: HistoryStore) -> None:
    cid = store.new_conversation("kept").id
    secret = store.new_conversation("secret", save=False).id
    s = _session(scripted_model_path)
    try:
        _turn(s, [*_history(4), ChatMessage("user", "A?")], cid)
        assert keep_state(s, store, model_sha256=SHA, budget_mb=64).kept
        path = kept_state_path(store.path)  # type: ignore[arg-type]
        assert path.exists()
        # A kept file for another model stays for that model, and is not used here.
        other = offer_kept_state(_session_stub(), store, model_sha256="99" * 32, budget_mb=64)
        assert not other.kept and "another model" in other.reason and path.exists()
        # budget 0 (policy off) removes it
        assert not keep_state(s, store, model_sha256=SHA, budget_mb=0).kept
        assert not path.exists()
        # a budget smaller than the state keeps nothing
        snap = s.export_snapshot(cid)
        assert snap is not None
        tiny = keep_state(s, store, model_sha256=SHA, budget_mb=1)
        assert tiny.kept == (snap.nbytes <= 1 << 20) == path.exists()
        # an off-the-record conversation is never written
        _turn(s, [ChatMessage("user", "B?")], secret)
        assert not keep_state(s, store, model_sha256=SHA, budget_mb=64).kept
        assert not path.exists()
    finally:
        s.close()


def _session_stub() -> object:
    class Stub:
        n_ctx = 2048
        current_conversation = None

        def export_snapshot(self, cid: str) -> None:
            return None

        def adopt_snapshot(self, cid: str, snap: object) -> bool:
            raise AssertionError("must not adopt a snapshot kept for another model")

    return Stub()


def test_tampered_file_is_refused_and_removed(scripted_model_path: Path, store: HistoryStore) -> None:
    cid = store.new_conversation("kept").id
    s = _session(scripted_model_path)
    try:
        _turn(s, [*_history(4), ChatMessage("user", "A?")], cid)
        assert keep_state(s, store, model_sha256=SHA, budget_mb=64).kept
    finally:
        s.close()
    path = kept_state_path(store.path)  # type: ignore[arg-type]
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))
    again = _session(scripted_model_path)
    try:
        result = offer_kept_state(again, store, model_sha256=SHA, budget_mb=64)
        assert not result.kept and "authentication" in result.reason
        assert not path.exists()
    finally:
        again.close()


def test_deleting_the_conversation_or_a_message_removes_the_kept_state(scripted_model_path: Path,
                                                                       store: HistoryStore) -> None:
    cid = store.new_conversation("kept").id
    msg = store.add_message(cid, "user", "A?")
    s = _session(scripted_model_path)
    try:
        _turn(s, [ChatMessage("user", "A?")], cid)
        assert keep_state(s, store, model_sha256=SHA, budget_mb=64).kept
        path = kept_state_path(store.path)  # type: ignore[arg-type]
        store.delete_message(cid, msg.id)
        assert not path.exists()
        assert keep_state(s, store, model_sha256=SHA, budget_mb=64).kept
        store.delete_conversation(cid)
        assert not path.exists()
        # and a file whose conversation is gone is not offered
        other = store.new_conversation("other").id
        _turn(s, [ChatMessage("user", "B?")], other)
        assert keep_state(s, store, model_sha256=SHA, budget_mb=64).kept
    finally:
        s.close()
    with store.session(write=True) as ses:  # the conversation vanishes behind the store's back
        from sqlalchemy import text

        ses.execute(text("DELETE FROM conversations WHERE id = :i"), {"i": other})
    again = _session(scripted_model_path)
    try:
        result = offer_kept_state(again, store, model_sha256=SHA, budget_mb=64)
        assert not result.kept and "no longer exists" in result.reason
        assert not kept_state_path(store.path).exists()  # type: ignore[arg-type]
    finally:
        again.close()


def test_plaintext_history_never_gets_a_file(scripted_model_path: Path, memory_keyring: object) -> None:
    plain = HistoryStore.open(user_paths().ensure(), encrypt=False)
    try:
        cid = plain.new_conversation("plain").id
        s = _session(scripted_model_path)
        try:
            _turn(s, [ChatMessage("user", "A?")], cid)
            result = keep_state(s, plain, model_sha256=SHA, budget_mb=64)
        finally:
            s.close()
        assert not result.kept
        assert not kept_state_path(plain.path).exists()  # type: ignore[arg-type]
    finally:
        plain.close()


def test_the_window_worker_keeps_the_state_at_close_and_offers_it_at_the_next_load(
        scripted_model_path: Path, memory_keyring: object, qtbot: object) -> None:
    """The window's engine worker: a turn, shutdown (the app quits), a new worker loads the same
    model: the conversation's state is parked, and the next turn restores it."""
    from app.chat import build_request
    from app.settings.store import SettingsStore
    from app.ui.tasks import EngineWorker, default_diagnostic_factory

    paths = user_paths().ensure()
    store = HistoryStore.open(paths)
    settings = SettingsStore()
    finished: list[object] = []
    try:
        worker = EngineWorker(settings, paths, store, default_diagnostic_factory(paths.cache))
        worker.replyFinished.connect(lambda rec, _f: finished.append(rec))
        worker.load(str(scripted_model_path))
        worker.send(build_request(settings, "施政報告的房屋政策是甚麼？" * 20, ui_language="en"))
        (rec,) = finished
        cid = rec.conversation_id  # type: ignore[attr-defined]
        worker.shutdown()
        assert kept_conversation(store.path) == cid  # type: ignore[arg-type]

        again = EngineWorker(settings, paths, store, default_diagnostic_factory(paths.cache))
        again.load(str(scripted_model_path))
        session = again._provider
        assert session.export_snapshot(cid) is not None, "parked at load"
        again.shutdown()
    finally:
        store.close()
