"""Attachments and the library in a turn (issue 14 step 4): whole text when it fits, otherwise
the best BM25 passages with a notice; numbered sources; names and hashes kept with the prompt.

Real DOCX files, the real parsing child, scripted GGUF models (tests/fixtures_models.py) and
the real history store; `ask` also runs as a CLI child (tests/cli_child.py).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cli_child
import pytest
from docx_files import write_docx
from keyring_backend import MemoryKeyring
from sqlalchemy import text

from app.chat import ChatTurn, TurnRequest
from app.documents import ExtractLimits, ParserProcess, extract
from app.documents.retrieval import attachment_context, sources_text
from app.paths import user_paths
from app.store import HistoryStore
from engine.diagnostic import Script

ANSWER = Script(reasoning="Reading.", answer="Overtime is claimed within 30 days [1].")
OVERTIME = "Overtime claims must reach the finance section within thirty days of the work."


@pytest.fixture(scope="module")
def answer_model(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=ANSWER))


@pytest.fixture
def long_doc(tmp_path: Path) -> Path:
    filler = [f"Section {i}: the office is cleaned on weekday {i % 5} by the contractor team." for i in range(120)]
    return write_docx(tmp_path / "handbook.docx", *filler[:60], OVERTIME, *filler[60:])


@pytest.fixture
def short_doc(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "memo.docx", "病假須於一天內通知上司。", OVERTIME)


def _extract(*paths: Path) -> list[tuple[str, Any]]:
    with ParserProcess(ExtractLimits()) as parser:
        return [(str(p), extract(p, parser=parser)) for p in paths]


def test_whole_text_when_it_fits(short_doc: Path) -> None:
    context = attachment_context("how are overtime claims made", _extract(short_doc), budget_tokens=2000)
    assert context.notice == ""
    assert OVERTIME in context.block and "病假須於一天內通知上司" in context.block
    assert [(Path(s.file).name, s.page) for s in context.sources] == [("memo.docx", 1)]
    assert [(a.name, a.whole, len(a.sha256)) for a in context.attachments] == [("memo.docx", True, 64)]


def test_best_passages_with_a_notice_when_too_long(long_doc: Path) -> None:
    context = attachment_context("When must overtime claims reach finance?", _extract(long_doc), budget_tokens=300)
    assert "only the" in context.notice and "passages that match the question best" in context.notice
    assert OVERTIME in context.sources[0].text  # the passage with the answer comes first
    assert sum(len(s.text) for s in context.sources) < 300 * 4 + 200
    assert context.attachments[0].whole is False
    assert "Section 1:" not in context.block or OVERTIME in context.block
    assert sources_text(context.sources).splitlines()[1].startswith("[1] handbook.docx, p. 1: ")


@pytest.fixture
def store(memory_keyring: MemoryKeyring) -> Iterator[HistoryStore]:
    with HistoryStore.open(user_paths()) as opened:
        yield opened


class Recording:
    """A real provider whose received messages are kept (what the model was given)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: list[list[Any]] = []

    def stream(self, messages: Any, params: Any, cancel: Any = None, cid: Any = None) -> Iterator[Any]:
        self.calls.append(list(messages))
        return self.inner.stream(messages, params, cancel, cid)  # type: ignore[no-any-return]

    def close(self) -> None:
        self.inner.close()


def test_chat_turn_gives_the_model_the_document_and_stores_only_name_and_hash(
        store: HistoryStore, short_doc: Path, answer_model: Path) -> None:
    from engine.loader import LoadOptions, load_session

    question = "How are overtime claims made?"
    context = attachment_context(question, _extract(short_doc), budget_tokens=1000)
    session, _ = load_session(answer_model, LoadOptions(n_ctx=2048))
    provider = Recording(session)
    try:
        plain = ChatTurn(provider, store, model_label="m").run(TurnRequest(None, question))
        result = ChatTurn(provider, store, model_label="m").run(TurnRequest(None, question, documents=context))
    finally:
        provider.close()
    sent = provider.calls[-1][-1]
    assert sent.role == "user" and OVERTIME in sent.content and sent.content.endswith(question)
    assert result.prompt_tokens is not None and plain.prompt_tokens is not None
    assert result.prompt_tokens > plain.prompt_tokens + 20  # the document reached the model
    assert [s.file for s in result.sources] == [str(short_doc)]
    assert result.content == ANSWER.answer
    assert result.conversation_id is not None
    stored = store.thread(result.conversation_id)[0]
    assert stored.content == question  # the stored prompt is the question, not the document
    with store.session() as s:
        rows = s.execute(text("SELECT name, sha256, whole FROM message_attachments WHERE message_id = :m"),
                         {"m": stored.id}).all()
    assert rows == [("memo.docx", context.attachments[0].sha256, 1)]


def _ask(model: Path, *extra: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cli_child.command("ask", "-m", str(model), *extra), env=cli_child.child_env(),
                          capture_output=True, text=True, timeout=300)
    assert cli_child.BLOCKED not in proc.stderr
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_ask_attach_json_sources_and_text_mode(answer_model: Path, short_doc: Path, tmp_path: Path) -> None:
    question = "How are overtime claims made?"
    plain = json.loads(_ask(answer_model, "--no-history", "--json", question).stdout)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = _ask(answer_model, "--no-history", "--json", "--attach", str(short_doc), "--attach", str(empty), question)
    out = json.loads(proc.stdout)
    assert "empty.txt: The file is empty." in proc.stderr and "Traceback" not in proc.stderr
    assert out["sources"] == [{"file": str(short_doc), "page": 1, "text": f"病假須於一天內通知上司。\n{OVERTIME}"}]
    assert out["usage"]["prompt_tokens"] > plain["usage"]["prompt_tokens"] + 20
    assert plain["sources"] == []
    shown = _ask(answer_model, "--no-history", "--attach", str(short_doc), question).stdout
    assert shown.index(ANSWER.answer) < shown.index("Sources:") < shown.index("[1] memo.docx, p. 1: ")
    bad = _ask(answer_model, "--no-history", "--attach", str(empty), question, check=False)
    assert bad.returncode != 0 and "None of the attached files could be read." in bad.stderr
    assert "Traceback" not in bad.stderr and "TypeError" not in bad.stderr


def test_ask_library_and_policy(answer_model: Path, short_doc: Path, long_doc: Path, _isolated_admin_dir: Path) -> None:
    policies = _isolated_admin_dir / "policies"
    policies.mkdir(parents=True)
    # The child has no keyring: history unencrypted here (encryption is covered in test_library).
    (policies / "50.json").write_text(json.dumps({"history.encryption": "off"}), encoding="utf-8")
    added = subprocess.run(cli_child.command("docs", "add", str(short_doc), str(long_doc), "--json"),
                           env=cli_child.child_env(), capture_output=True, text=True, timeout=300)
    assert added.returncode == 0, added.stderr
    out = json.loads(_ask(answer_model, "--no-history", "--json", "--library", "overtime claims finance").stdout)
    assert out["sources"] and all(OVERTIME in s["text"] for s in out["sources"][:2])
    assert {Path(s["file"]).name for s in out["sources"]} == {"memo.docx", "handbook.docx"}
    (policies / "50.json").write_text(json.dumps({"history.encryption": "off", "documents.enabled": False}),
                                      encoding="utf-8")
    refused = _ask(answer_model, "--no-history", "--attach", str(short_doc), "question", check=False)
    assert refused.returncode != 0 and "Documents are turned off by your organisation's policy." in refused.stderr
