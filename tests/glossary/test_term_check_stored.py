"""The term check and the sampling a reply used are kept with it (schema v5), by a real chat turn:
scripted models answer with and without the approved term, into a real SQLCipher store that is
closed and opened again (the conversation reopened)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from keyring_backend import MemoryKeyring

from app.chat import ChatTurn, TurnRequest
from app.glossary import load_glossary
from app.paths import user_paths
from app.store import HistoryStore
from app.store.turn_record import StoredTerm
from engine.diagnostic import Script
from engine.types import SamplingParams

APPROVED = "行政長官"
WITH_TERM = Script(reasoning="想一想。", answer=f"{APPROVED}今日會見傳媒。")
WITHOUT_TERM = Script(reasoning="想一想。", answer="特首今日會見傳媒。")
PROMPT = "Translate into Chinese: The Chief Executive met the press today."
GLOSSARY = "en,zh_HK,zh_CN,note\nChief Executive,行政長官,行政长官,official title\n"
PARAMS = SamplingParams(temperature=0.0, top_k=1, seed=11, max_tokens=64)


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


@pytest.fixture(scope="module")
def models(scripted_model_factory: Any) -> dict[str, Path]:
    return {"with": Path(scripted_model_factory(script=WITH_TERM)),
            "without": Path(scripted_model_factory(script=WITHOUT_TERM))}


def _turn(model: Path, store: HistoryStore, glossary: Any, cid: str | None) -> Any:
    from engine.loader import LoadOptions, load_session

    session, _ = load_session(model, LoadOptions(n_ctx=1024))
    try:
        return ChatTurn(session, store, model_label=model.stem, glossary=glossary).run(
            TurnRequest(cid, PROMPT, reply_language="zh_HK", params=PARAMS))
    finally:
        session.close()


def test_the_term_check_and_sampling_are_stored_with_each_reply_and_read_back(
        tmp_path: Path, models: dict[str, Path]) -> None:
    path = tmp_path / "titles.csv"
    path.write_text(GLOSSARY, encoding="utf-8")
    glossary = load_glossary(path)
    with HistoryStore.open(user_paths()) as store:
        assert store.encrypted
        bad = _turn(models["without"], store, glossary, None)
        good = _turn(models["with"], store, glossary, bad.conversation_id)
        plain = _turn(models["without"], store, None, bad.conversation_id)  # no glossary: no check
    assert bad.content == WITHOUT_TERM.content and good.content == WITH_TERM.content
    with HistoryStore.open(user_paths()) as store:
        replies = [m for m in store.thread(bad.conversation_id) if m.role == "assistant"]
        assert [m.id for m in replies] == [bad.message_id, good.message_id, plain.message_id]
        assert [m.term_check for m in replies] == [
            (StoredTerm("Chief Executive", APPROVED, False),),
            (StoredTerm("Chief Executive", APPROVED, True),),
            (),
        ]
        assert all(dict(m.sampling) == dataclasses.asdict(PARAMS) for m in replies)
