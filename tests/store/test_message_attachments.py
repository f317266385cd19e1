"""A prompt's attachments in the history (issue 14 item 1): kept with the conversation by a real
turn (real files, the real parsing process, a generated model), encrypted like the rest of it, read
back with the thread, listed by `history show` and carried by the JSON and Markdown exports — names
and hashes only, never the text."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from store_helpers import file_bytes

from app.chat import ChatTurn, TurnRequest
from app.cli.main import main
from app.documents import ExtractLimits, ParserProcess, extract
from app.documents.retrieval import attachment_context
from app.paths import Paths
from app.store import HistoryImportError, HistoryStore
from app.store.message_attachments import StoredAttachment
from app.store.transfer import export_json, export_markdown, import_json

NOTES_TEXT = "Overtime claims must reach the finance section within thirty days of the work."
MEMO_TEXT = "病假須於一天內通知上司，並於復工後補交醫生證明。"
NOTES = "<i>overtime-notes.txt"
MEMO = "病假通告-2026.docx"
QUESTION = "How are overtime claims made?"


@pytest.fixture
def attached(tmp_path: Path) -> list[Path]:
    notes = tmp_path / NOTES
    notes.write_text(NOTES_TEXT, encoding="utf-8")
    memo = docx.Document()
    memo.add_paragraph(MEMO_TEXT)
    memo.save(str(tmp_path / MEMO))
    return [notes, tmp_path / MEMO]


@pytest.fixture
def turn(store: HistoryStore, attached: list[Path], scripted_model_path: Path) -> Iterator[str]:
    """One real turn with both files attached; yields its conversation id."""
    from engine.loader import LoadOptions, load_session

    with ParserProcess(ExtractLimits()) as parser:
        documents = [(str(p), extract(p, parser=parser)) for p in attached]
    context = attachment_context(QUESTION, documents, budget_tokens=1000)
    session, _ = load_session(scripted_model_path, LoadOptions(n_ctx=2048))
    try:
        result = ChatTurn(session, store, model_label="m").run(TurnRequest(None, QUESTION, documents=context))
    finally:
        session.close()
    assert result.conversation_id is not None
    yield result.conversation_id


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_thread_reads_back_the_prompts_attachments(store: HistoryStore, turn: str, attached: list[Path],
                                                   paths: Paths) -> None:
    prompt, reply = store.thread(turn)
    assert [(a.name, a.sha256, a.format, a.pages, a.whole) for a in prompt.attachments] == [
        (NOTES, _sha(attached[0]), "txt", 1, True), (MEMO, _sha(attached[1]), "docx", 1, True)]
    assert all(a.tokens is not None and a.tokens > 0 for a in prompt.attachments)
    assert reply.attachments == ()
    assert store.get_message(prompt.id).attachments == prompt.attachments
    assert store.siblings(prompt.id)[0].attachments == prompt.attachments
    assert [m.attachments for m in store.all_messages(turn)] == [prompt.attachments, ()]
    assert store.thread(turn, limit=1)[0].attachments == ()  # a page holding the reply only
    # Encrypted with the rest of the history: neither the names nor the text are on the disk.
    assert store.encrypted
    store.close()
    raw = file_bytes(paths.database)
    for secret in (MEMO, NOTES, "overtime-notes", NOTES_TEXT[:30], MEMO_TEXT[:8]):
        assert secret.encode("utf-8") not in raw


def test_history_show_lists_names_and_hashes(store: HistoryStore, turn: str, attached: list[Path],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    store.close()
    assert main(["history", "show", turn]) == 0
    out = capsys.readouterr().out
    for path in attached:
        assert f"[attached] {path.name} (SHA-256 {_sha(path)})" in out
    assert NOTES_TEXT not in out and MEMO_TEXT not in out
    assert main(["history", "show", turn, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    prompt, reply = shown["messages"]
    assert [(a["name"], a["sha256"], a["format"], a["whole"]) for a in prompt["attachments"]] == [
        (NOTES, _sha(attached[0]), "txt", True), (MEMO, _sha(attached[1]), "docx", True)]
    assert reply["attachments"] == []
    # The attachments carry names and hashes only; the reply's citations keep the excerpt the
    # model was given (issue 14 item 4), and nothing else holds the documents' text.
    assert all(set(a) == {"name", "sha256", "format", "pages", "tokens", "whole"} for a in prompt["attachments"])
    assert NOTES_TEXT not in json.dumps(_without_excerpts(shown["messages"]), ensure_ascii=False)


def _without_excerpts(messages: list[dict[str, object]]) -> list[dict[str, object]]:
    out = []
    for m in messages:
        cites = [{k: v for k, v in c.items() if k != "text"} for c in (m.get("citations") or [])]  # type: ignore[attr-defined]
        # The JSON export's document_context (format 4) is the text the model was given, on purpose:
        # tests/store/test_transfer_documents.py.
        out.append({**m, "citations": cites, "document_context": None})
    return out


def test_json_export_carries_them_and_import_restores_them(store: HistoryStore, turn: str,
                                                           attached: list[Path]) -> None:
    before = store.thread(turn)[0].attachments
    exported = export_json(store, [turn])
    doc = json.loads(exported)
    prompt = doc["conversations"][0]["messages"][0]
    assert prompt["attachments"] == [a.to_dict() for a in before]
    messages = doc["conversations"][0]["messages"]
    stripped = json.dumps(_without_excerpts(messages), ensure_ascii=False)
    assert NOTES_TEXT not in stripped and MEMO_TEXT not in stripped
    (copy_id,) = import_json(store, exported)  # the same store: imported as a copy with new ids
    assert copy_id != turn
    assert store.thread(copy_id)[0].attachments == before
    excerpts = [c.text for c in store.thread(turn)[-1].citations]
    assert [c.text for c in store.thread(copy_id)[-1].citations] == excerpts, "the excerpts survive"
    # A file from before attachments were exported imports with none.
    for m in doc["conversations"][0]["messages"]:
        del m["attachments"]
    (older,) = import_json(store, json.dumps(doc))
    assert store.thread(older)[0].attachments == ()


@pytest.mark.parametrize(("entry", "reason"), [
    ("not a list", "'attachments' has the wrong type"),
    (["x"], "an attachment is not an object"),
    ([{"name": "", "sha256": "ab" * 32}], "an attachment has no name"),
    ([{"name": "a.txt", "sha256": "AB" * 32}], "sha256 is not 64 lowercase hex digits"),
    ([{"name": "a.txt", "sha256": "ab" * 32, "pages": -1}], "pages is not a count"),
    ([{"name": "a.txt", "sha256": "ab" * 32, "tokens": True}], "tokens is not a count"),
    ([{"name": "a.txt", "sha256": "ab" * 32, "whole": "yes"}], "'whole' is not true or false"),
])
def test_bad_attachment_entries_are_refused_and_nothing_is_imported(store: HistoryStore, turn: str, entry: Any,
                                                                     reason: str) -> None:
    doc = json.loads(export_json(store, [turn]))
    bad = copy.deepcopy(doc)
    bad["conversations"][0]["messages"][0]["attachments"] = entry
    count = store.count_conversations()
    with pytest.raises(HistoryImportError, match=reason):
        import_json(store, json.dumps(bad))
    assert store.count_conversations() == count


def test_markdown_export_lists_names_and_hashes_under_the_prompt(store: HistoryStore, turn: str,
                                                                 attached: list[Path]) -> None:
    text = export_markdown(store, turn)
    assert "*Attached files:*" in text
    for path in attached:
        assert f"- {path.name} (SHA-256 `{_sha(path)}`)" in text
    assert text.index(QUESTION) < text.index("Attached files") < text.index("## Assistant")
    assert NOTES_TEXT not in text and MEMO_TEXT not in text


def test_rows_without_sizes_read_back_as_unknown(store: HistoryStore) -> None:
    from sqlalchemy import text as sql

    conv = store.new_conversation(model="m")
    prompt = store.add_message(conv.id, "user", "q")
    with store.session(write=True) as s:  # as a row written before pages and tokens were kept
        s.execute(sql("INSERT INTO message_attachments (message_id, name, sha256, whole) VALUES (:m, 'a.pdf', :h, 0)"),
                  {"m": prompt.id, "h": "cd" * 32})
    assert store.thread(conv.id)[0].attachments == (StoredAttachment("a.pdf", "cd" * 32, None, None, None, False),)
