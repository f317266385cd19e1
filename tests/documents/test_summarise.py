"""Summarising documents longer than the context, section by section (issue 14): a real
multi-page DOCX through the parsing child, a scripted GGUF model on real llama.cpp, and the real
history store. What the model was given is recorded; nothing about the model is faked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from documents.long_circular import write_circular
from keyring_backend import MemoryKeyring
from recording_provider import Recording
from sqlalchemy import text

from app.chat import ChatTurn, TurnRequest
from app.chat.documents_memory import DocumentsMemory
from app.documents import Document, ParserProcess, extract
from app.documents.summarise import Summariser, SummaryProgress, split_sections, tokens_per_estimate, wants_summary
from app.paths import user_paths
from app.store import HistoryStore
from engine.diagnostic import Script
from engine.loader import LoadOptions, load_session
from engine.session import ChatSession
from engine.types import SamplingParams

SUMMARY = Script(reasoning="讀。", answer="Summary: staff must act.")
REQUEST = "Summarise this circular for the team."
PARAMS = SamplingParams(temperature=0.0, max_tokens=512)


@pytest.fixture(scope="module")
def circular(tmp_path_factory: pytest.TempPathFactory, parser: ParserProcess) -> tuple[str, Document]:
    """Twelve pages of four clauses each, pages split by explicit page breaks."""
    path = write_circular(tmp_path_factory.mktemp("summarise") / "circular.docx")
    doc = extract(path, parser=parser)
    assert len(doc.pages) == 12
    return str(path), doc


@pytest.fixture(scope="module")
def session(scripted_model_factory: Any) -> Iterator[ChatSession]:
    s, _ = load_session(scripted_model_factory(script=SUMMARY), LoadOptions(n_ctx=4096, backend="cpu"))
    yield s
    s.close()


@pytest.fixture
def store(memory_keyring: MemoryKeyring) -> Iterator[HistoryStore]:
    with HistoryStore.open(user_paths()) as opened:
        yield opened


def _summariser(provider: Recording, store: HistoryStore | None, budget: int, **kwargs: Any) -> Summariser:
    turn = ChatTurn(provider, store, model_label="m", documents_memory=DocumentsMemory())
    return Summariser(turn, budget_tokens=budget, count_tokens=lambda t: len(provider.inner.tokenize(t)), **kwargs)


def _words(text_: str) -> str:
    return re.sub(r"\s+", " ", text_).strip()


def test_sections_hold_all_of_the_text_in_order(circular: tuple[str, Document]) -> None:
    for budget in (64, 300, 5000):
        sections = split_sections([circular], budget)
        assert _words(" ".join(s.text for s in sections)) == _words(circular[1].text), "nothing left out or repeated"
        assert all(s.tokens <= budget for s in sections)
        assert [s.first_page for s in sections] == sorted(s.first_page for s in sections)
    assert len(split_sections([circular], 5000)) == 1


def test_a_long_document_is_summarised_section_by_section_then_answered(
        session: ChatSession, store: HistoryStore, circular: tuple[str, Document]) -> None:
    provider = Recording(session)
    seen: list[SummaryProgress] = []
    summariser = _summariser(provider, store, 1500, progress=seen.append)
    result = summariser.run(TurnRequest(None, REQUEST, params=PARAMS), [circular])
    sections = summariser.sections
    n = len(sections)
    assert n >= 4 and summariser.steps == n
    assert len(provider.prompts) == n + 1, "one call per section, then the answer"
    for section, prompt in zip(sections, provider.prompts, strict=False):
        assert section.text in prompt and f"of {n} of the document \"circular.docx\"" in prompt
    # Every clause of every page reached the model.
    for page in range(1, 13):
        for k in range(1, 5):
            assert sum(f"Clause {page}.{k}:" in p for p in provider.prompts[:n]) == 1
    steps = [(p.stage, p.index, p.total) for p in seen if p.prefill is None]
    assert steps == [("sections", i, n) for i in range(1, n + 1)] + [("answer", 1, 1)]
    assert any(p.prefill is not None and p.prefill.total_tokens > 512 for p in seen), "engine progress within a step"
    answer_prompt = provider.prompts[-1]
    assert answer_prompt.endswith(REQUEST) and answer_prompt.count(SUMMARY.answer) == n
    assert "Clause 1.1" not in answer_prompt, "the answer is written from the summaries"
    assert result.status == "complete" and result.content == SUMMARY.answer
    assert [(Path(s.file).name, s.page, s.text) for s in result.sources] == [
        ("circular.docx", s.first_page, SUMMARY.answer) for s in sections]
    assert "section by section" in result.documents_notice and f"({n} sections)" in result.documents_notice
    assert result.conversation_id is not None
    thread = store.thread(result.conversation_id)
    assert [(m.role, m.content) for m in thread] == [("user", REQUEST), ("assistant", SUMMARY.answer)]
    with store.session() as s:
        rows = s.execute(text("SELECT name, whole FROM message_attachments")).all()
    assert rows == [("circular.docx", 1)], "every section was read: not 'best passages only'"


def test_summaries_too_long_together_are_combined_in_rounds(session: ChatSession,
                                                            circular: tuple[str, Document]) -> None:
    provider = Recording(session)
    seen: list[SummaryProgress] = []
    summariser = _summariser(provider, None, 200, progress=seen.append)
    result = summariser.run(TurnRequest(None, REQUEST, params=PARAMS), [circular])
    n = len(summariser.sections)
    combines = [p for p in seen if p.stage == "combine" and p.prefill is None]
    assert combines and summariser.steps == n + len(combines)
    assert result.status == "complete"
    assert 1 <= len(result.sources) < n
    assert re.search(r"sections 1-\d+", provider.prompts[-1]), "the answer cites ranges of sections"


def test_stop_during_a_section_stores_nothing_and_asks_no_further(
        session: ChatSession, store: HistoryStore, circular: tuple[str, Document]) -> None:
    from engine.types import CancelToken

    provider = Recording(session)
    cancel = CancelToken()

    def progress(p: SummaryProgress) -> None:
        if p.stage == "sections" and p.index == 2 and p.prefill is not None:
            cancel.cancel()  # Stop while section 2's prompt is being read

    summariser = _summariser(provider, store, 1500, progress=progress, cancel=cancel)
    result = summariser.run(TurnRequest(None, REQUEST, params=PARAMS), [circular])
    assert result.finish_reason == "cancelled" and result.status == "cancelled"
    assert len(provider.prompts) == 2 and summariser.steps == 2
    assert session.last_turn.prefill_batches <= 1, "stopped within one batch"
    assert store.list_conversations() == []


def test_a_step_that_cannot_fit_fails_with_its_kind_and_stores_nothing(
        scripted_model_factory: Any, store: HistoryStore, circular: tuple[str, Document]) -> None:
    small, _ = load_session(scripted_model_factory(script=SUMMARY), LoadOptions(n_ctx=512, backend="cpu"))
    try:
        result = _summariser(Recording(small), store, 1500).run(TurnRequest(None, REQUEST, params=PARAMS),
                                                                [circular])
    finally:
        small.close()
    assert result.finish_reason == "error" and result.error_kind == "context_overflow"
    assert store.list_conversations() == []


def test_documents_that_fit_go_in_whole_in_one_call(session: ChatSession, circular: tuple[str, Document]) -> None:
    provider = Recording(session)
    summariser = _summariser(provider, None, 20_000)
    result = summariser.run(TurnRequest(None, REQUEST, params=PARAMS), [circular])
    assert summariser.steps == 0 and len(provider.prompts) == 1
    assert "Clause 12.4:" in provider.prompts[0] and result.documents_notice == ""
    assert len(result.sources) == 12


def test_the_estimate_is_calibrated_by_the_models_tokenizer(session: ChatSession,
                                                            circular: tuple[str, Document]) -> None:
    ratio = tokens_per_estimate(lambda t: len(session.tokenize(t)), [circular])
    assert 2.0 < ratio < 5.0, "the generated model's byte-level vocabulary counts far more than the estimate"
    assert tokens_per_estimate(None, [circular]) == 1.0


@pytest.mark.parametrize(("request_", "expected"), [
    ("Summarise this circular", True), ("Can you give me a summary?", True), ("summarize the minutes", True),
    ("TL;DR please", True), ("請總結這份通告", True), ("总结一下", True), ("這份文件的重點是甚麼", True),
    ("撮要", True), ("When must overtime claims reach finance?", False), ("病假要幾耐內通知上司？", False),
    ("summertime schedule", False),
])
def test_summary_requests_are_recognised(request_: str, expected: bool) -> None:
    assert wants_summary(request_) is expected
