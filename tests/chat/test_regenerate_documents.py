"""Regenerate answers with the documents the prompt was answered with (issue 14): a real DOCX
through the parsing child, the real history store and a scripted GGUF model; each turn runs in a
new ``ChatTurn``, as the window's worker does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from keyring_backend import MemoryKeyring
from recording_provider import Recording
from sqlalchemy import text

from app.chat import ChatTurn, TurnRefused, TurnRequest
from app.chat.documents_memory import DocumentsMemory
from app.chat.documents_record import load_context
from app.documents import ExtractLimits, ParserProcess, extract
from app.documents.retrieval import attachment_context
from app.paths import user_paths
from app.store import HistoryStore
from engine.loader import LoadOptions, load_session

OVERTIME = "Overtime claims must reach the finance section within thirty days of the work."
QUESTION = "How are overtime claims made?"


@pytest.fixture
def store(memory_keyring: MemoryKeyring) -> Iterator[HistoryStore]:
    with HistoryStore.open(user_paths()) as opened:
        yield opened


@pytest.fixture
def provider(scripted_model_path: Path) -> Iterator[Recording]:
    session, _ = load_session(scripted_model_path, LoadOptions(n_ctx=2048))
    yield Recording(session)
    session.close()


@pytest.fixture
def context(tmp_path: Path) -> Any:
    document = docx.Document()
    for paragraph in ("病假須於一天內通知上司。", OVERTIME):
        document.add_paragraph(paragraph)
    document.save(str(tmp_path / "memo.docx"))
    with ParserProcess(ExtractLimits()) as parser:
        read = [(str(tmp_path / "memo.docx"), extract(tmp_path / "memo.docx", parser=parser))]
    return attachment_context(QUESTION, read, budget_tokens=1000)


def _ask(provider: Recording, store: HistoryStore, memory: DocumentsMemory, context: Any) -> tuple[str, str, Any]:
    first = ChatTurn(provider, store, model_label="m", documents_memory=memory).run(
        TurnRequest(None, QUESTION, documents=context))
    assert first.conversation_id is not None and first.message_id is not None
    prompt_id = store.get_message(first.message_id).parent_id
    assert prompt_id is not None
    return first.conversation_id, prompt_id, first


def test_regenerate_gives_the_model_the_same_documents(provider: Recording, store: HistoryStore,
                                                       context: Any) -> None:
    memory = DocumentsMemory()
    cid, prompt_id, first = _ask(provider, store, memory, context)
    again = ChatTurn(provider, store, model_label="m", documents_memory=memory).run(
        TurnRequest(cid, "", parent_id=None, regenerate_of=prompt_id))
    assert OVERTIME in provider.prompts[-1] and provider.prompts[-1].endswith(QUESTION)
    assert provider.prompts[-1] == provider.prompts[0]
    assert again.prompt_tokens == first.prompt_tokens
    assert [s.to_dict() for s in again.sources] == [s.to_dict() for s in first.sources]
    replies = [m for m in store.thread(cid, leaf_id=again.message_id) if m.role == "assistant"]
    assert replies[-1].id == again.message_id and store.get_message(again.message_id).parent_id == prompt_id


def test_after_a_restart_the_kept_context_gives_the_model_the_same_documents(
        provider: Recording, store: HistoryStore, context: Any) -> None:
    cid, prompt_id, first = _ask(provider, store, DocumentsMemory(), context)
    # A new process: nothing in memory; the context comes from the encrypted history (v7).
    again = ChatTurn(provider, store, model_label="m", documents_memory=DocumentsMemory()).run(
        TurnRequest(cid, "", parent_id=None, regenerate_of=prompt_id))
    assert provider.prompts[-1] == provider.prompts[0] and OVERTIME in provider.prompts[-1]
    assert [s.to_dict() for s in again.sources] == [s.to_dict() for s in first.sources]
    assert load_context(store, prompt_id) == context
    assert OVERTIME.encode() not in store.path.read_bytes(), "encrypted on disk"  # type: ignore[union-attr]
    # It goes with its message.
    store.delete_conversation(cid)
    with store.session() as s:
        assert s.execute(text("SELECT count(*) FROM message_documents")).scalar() == 0


def test_a_prompt_without_a_kept_context_is_refused_not_answered_without_its_files(
        provider: Recording, store: HistoryStore, context: Any) -> None:
    """A prompt asked with an earlier version (attachments recorded, no context kept)."""
    cid, prompt_id, _first = _ask(provider, store, DocumentsMemory(), context)
    with store.session(write=True) as s:
        s.execute(text("DELETE FROM message_documents WHERE message_id = :m"), {"m": prompt_id})
    before = len(provider.prompts)
    with pytest.raises(TurnRefused, match="not kept with the history"):
        ChatTurn(provider, store, model_label="m", documents_memory=DocumentsMemory()).run(
            TurnRequest(cid, "", parent_id=None, regenerate_of=prompt_id))
    assert len(provider.prompts) == before, "the model was not asked"
    with store.session() as s:
        replies = s.execute(text("SELECT count(*) FROM messages WHERE parent_id = :p"), {"p": prompt_id}).scalar()
    assert replies == 1, "no empty reply row was left behind"
    # Re-attached by the caller: regenerated with them.
    ChatTurn(provider, store, model_label="m", documents_memory=DocumentsMemory()).run(
        TurnRequest(cid, "", parent_id=None, regenerate_of=prompt_id, documents=context))
    assert OVERTIME in provider.prompts[-1]


def test_an_off_the_record_prompt_keeps_its_context_in_memory_only(
        provider: Recording, store: HistoryStore, context: Any) -> None:
    cid = store.new_conversation("", save=False).id
    ChatTurn(provider, store, model_label="m", documents_memory=DocumentsMemory()).run(
        TurnRequest(cid, QUESTION, documents=context))
    with store.session() as s:
        assert s.execute(text("SELECT count(*) FROM message_documents")).scalar() == 0


def test_a_prompt_without_documents_regenerates_plainly(provider: Recording, store: HistoryStore) -> None:
    first = ChatTurn(provider, store, model_label="m", documents_memory=DocumentsMemory()).run(
        TurnRequest(None, QUESTION))
    assert first.conversation_id is not None and first.message_id is not None
    prompt_id = store.get_message(first.message_id).parent_id
    again = ChatTurn(provider, store, model_label="m", documents_memory=DocumentsMemory()).run(
        TurnRequest(first.conversation_id, "", parent_id=None, regenerate_of=prompt_id))
    assert provider.prompts[-1] == QUESTION and again.sources == []


def test_memory_keeps_the_latest_within_its_budget(context: Any) -> None:
    size = len(context.block) + sum(len(s.text) for s in context.sources)
    memory = DocumentsMemory(budget_chars=2 * size)
    for key in ("a", "b", "c"):
        memory.remember(key, context)
    assert memory.recall("a") is None and memory.recall("b") is context and memory.recall("c") is context
    tiny = DocumentsMemory(budget_chars=1)
    tiny.remember("only", context)
    assert tiny.recall("only") is context, "the latest always stays"
