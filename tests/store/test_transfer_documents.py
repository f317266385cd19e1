"""The JSON history export (format 4) carries a prompt's kept document context (schema v7), so after
export → import Regenerate gives the model the same documents without asking for the files again.
Real SQLCipher stores in separate profiles, a real DOCX through the parsing child and a generated
GGUF model; older files (v1–v3) import with no context; a malformed or oversized context is refused
whole, in one translated line, with nothing written."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from recording_provider import Recording
from sqlalchemy import text
from store_helpers import file_bytes

import app.store.message_documents as message_documents
from app import i18n
from app.chat import ChatTurn, TurnRefused, TurnRequest
from app.chat.documents_memory import DocumentsMemory
from app.chat.documents_record import load_context, save_context
from app.cli.main import main
from app.documents import ExtractLimits, ParserProcess, extract
from app.documents.retrieval import AttachmentRef, Source, TurnContext, attachment_context
from app.paths import user_paths
from app.store import HistoryImportError, HistoryStore
from app.store.transfer import export_json, import_json
from engine.loader import LoadOptions, load_session

OVERTIME = "Overtime claims must reach the finance section within thirty days of the work."
SICK_LEAVE = "病假須於一天內通知上司。"
QUESTION = "How are overtime claims made?"
SHA = "ab" * 32


@pytest.fixture
def provider(scripted_model_path: Path) -> Iterator[Recording]:
    session, _ = load_session(scripted_model_path, LoadOptions(n_ctx=2048))
    yield Recording(session)
    session.close()


@pytest.fixture
def context(tmp_path: Path) -> Any:
    """A real attachment's context: a DOCX read by the parsing child."""
    document = docx.Document()
    for paragraph in (SICK_LEAVE, OVERTIME):
        document.add_paragraph(paragraph)
    document.save(str(tmp_path / "memo.docx"))
    with ParserProcess(ExtractLimits()) as parser:
        read = [(str(tmp_path / "memo.docx"), extract(tmp_path / "memo.docx", parser=parser))]
    return attachment_context(QUESTION, read, budget_tokens=1000)


def _small_context(marker: str, size: int = 0) -> TurnContext:
    body = marker + "x" * size
    return TurnContext(f"[1] {marker}.txt, p. 1:\n{body}", (Source(f"/docs/{marker}.txt", 1, body),),
                       (AttachmentRef(f"{marker}.txt", SHA, "txt", 1, 12, True),), "")


def _prompt_with_context(store: HistoryStore, ctx: TurnContext, title: str = "docs") -> tuple[str, str]:
    """A conversation whose prompt keeps ``ctx`` (as a turn does) and a reply; (conversation, prompt)."""
    conv = store.new_conversation(title)
    prompt = store.add_message(conv.id, "user", QUESTION)
    save_context(store, prompt.id, ctx)
    store.add_message(conv.id, "assistant", "answer")
    return conv.id, prompt.id


def _other_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str = "other") -> HistoryStore:
    monkeypatch.setenv("BAUHINIA_HOME", str(tmp_path / name))
    return HistoryStore.open(user_paths())


def _stored(store: HistoryStore) -> dict[str, str]:
    with store.session() as s:
        return {str(m): str(c) for m, c in s.execute(text("SELECT message_id, context FROM message_documents"))}


def test_round_trip_keeps_the_context_and_regenerate_needs_no_files(
        store: HistoryStore, provider: Recording, context: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = ChatTurn(provider, store, model_label="m", documents_memory=DocumentsMemory()).run(
        TurnRequest(None, QUESTION, documents=context))
    assert first.conversation_id is not None and first.message_id is not None
    cid, prompt_id = first.conversation_id, store.get_message(first.message_id).parent_id
    assert prompt_id is not None
    kept = _stored(store)
    assert set(kept) == {prompt_id}
    exported = export_json(store)
    doc = json.loads(exported)
    assert doc["version"] == 4
    messages = doc["conversations"][0]["messages"]
    by_id = {m["id"]: m for m in messages}
    assert by_id[prompt_id]["document_context"] == json.loads(kept[prompt_id]), "exactly the kept shape"
    assert [m["document_context"] for m in messages if m["id"] != prompt_id] == [None]
    with _other_profile(tmp_path, monkeypatch) as fresh:
        assert import_json(fresh, exported) == [cid]
        assert _stored(fresh) == kept, "the same row, byte for byte"
        assert load_context(fresh, prompt_id) == context
        assert json.loads(export_json(fresh))["conversations"] == doc["conversations"]
        assert OVERTIME.encode() not in file_bytes(fresh.path), "encrypted on disk"  # type: ignore[arg-type]
        # A new process on the imported profile: nothing in memory, no files offered.
        again = ChatTurn(provider, fresh, model_label="m", documents_memory=DocumentsMemory()).run(
            TurnRequest(cid, "", parent_id=None, regenerate_of=prompt_id))
        assert provider.prompts[-1] == provider.prompts[0] and OVERTIME in provider.prompts[-1]
        assert [s.to_dict() for s in again.sources] == [s.to_dict() for s in first.sources]
        assert fresh.get_message(again.message_id or "").parent_id == prompt_id


def test_an_import_as_a_copy_keeps_the_context_with_the_new_prompt(store: HistoryStore) -> None:
    ctx = _small_context("copied")
    cid, prompt_id = _prompt_with_context(store, ctx)
    (copy_id,) = import_json(store, export_json(store, [cid]))
    assert copy_id != cid
    new_prompt = store.thread(copy_id)[0]
    assert new_prompt.id != prompt_id and new_prompt.role == "user"
    assert load_context(store, new_prompt.id) == ctx and load_context(store, prompt_id) == ctx
    assert import_json(store, export_json(store, [cid]), on_conflict="skip") == []
    assert len(_stored(store)) == 2


@pytest.mark.parametrize("version", [1, 2, 3])
def test_older_files_import_with_no_context(
        version: int, store: HistoryStore, provider: Recording, context: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    first = ChatTurn(provider, store, model_label="m", documents_memory=DocumentsMemory()).run(
        TurnRequest(None, QUESTION, documents=context))
    assert first.conversation_id is not None and first.message_id is not None
    prompt_id = store.get_message(first.message_id).parent_id
    doc = json.loads(export_json(store))
    doc["version"] = version
    for m in doc["conversations"][0]["messages"]:
        del m["document_context"]  # what a version 1–3 exporter wrote
    with _other_profile(tmp_path, monkeypatch) as older:
        assert import_json(older, json.dumps(doc)) == [first.conversation_id]
        assert _stored(older) == {} and load_context(older, prompt_id or "") is None
        assert older.thread(first.conversation_id)[0].attachments == store.thread(first.conversation_id)[0].attachments
        # As before: Regenerate asks for the files again rather than answering without them.
        with pytest.raises(TurnRefused, match="not kept with the history"):
            ChatTurn(provider, older, model_label="m", documents_memory=DocumentsMemory()).run(
                TurnRequest(first.conversation_id, "", parent_id=None, regenerate_of=prompt_id))


def _edit(ctx: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {**ctx, **kw}


def _without(ctx: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in ctx.items() if k != key}


def _source(ctx: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {**ctx, "sources": [{**ctx["sources"][0], **kw}]}


def _attachment(ctx: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {**ctx, "attachments": [{**ctx["attachments"][0], **kw}]}


BAD_CONTEXTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "a text": lambda c: "memo.docx",
    "a list": lambda c: [c],
    "no notice": lambda c: _without(c, "notice"),
    "an unknown key": lambda c: _edit(c, secret="x"),
    "block not text": lambda c: _edit(c, block=5),
    "sources not a list": lambda c: _edit(c, sources={}),
    "source page negative": lambda c: _source(c, page=-1),
    "source page a boolean": lambda c: _source(c, page=True),
    "source text missing": lambda c: {**c, "sources": [{"file": "a.txt", "page": 1}]},
    "source text a number": lambda c: _source(c, text=3.5),
    "attachment sha256 upper case": lambda c: _attachment(c, sha256="AB" * 32),
    "attachment whole a text": lambda c: _attachment(c, whole="yes"),
    "attachment tokens a fraction": lambda c: _attachment(c, tokens=1.5),
    "attachment without format": lambda c: {**c, "attachments": [_without(c["attachments"][0], "format")]},
    "over 4 M characters": lambda c: _source(c, text="x" * message_documents.MAX_CONTEXT_CHARS),
}


def _refused(exported: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Import ``exported`` into an empty profile: refused, nothing written; returns the one line."""
    with _other_profile(tmp_path, monkeypatch, "target") as target:
        with pytest.raises(HistoryImportError) as refused:
            import_json(target, json.dumps(exported, ensure_ascii=False))
        assert target.count_conversations() == 0 and _stored(target) == {}
    line = str(refused.value)
    assert "\n" not in line and line.endswith("Nothing was imported.")
    return line


@pytest.mark.parametrize("case", sorted(BAD_CONTEXTS))
def test_a_malformed_context_is_refused_whole(case: str, store: HistoryStore, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    plain = store.new_conversation("first, valid")
    store.add_message(plain.id, "user", "fine")
    _prompt_with_context(store, _small_context("policy"))
    good = json.loads(export_json(store))
    bad = copy.deepcopy(good)
    prompt = bad["conversations"][1]["messages"][0]
    prompt["document_context"] = BAD_CONTEXTS[case](prompt["document_context"])
    line = _refused(bad, tmp_path, monkeypatch)
    assert "conversations[1].messages[0]" in line and "'document_context'" in line
    with _other_profile(tmp_path, monkeypatch, "target") as target:
        assert len(import_json(target, json.dumps(good))) == 2, "the untouched file imports"


def test_only_a_prompt_can_carry_a_context(store: HistoryStore, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _prompt_with_context(store, _small_context("policy"))
    doc = json.loads(export_json(store))
    prompt, reply = doc["conversations"][0]["messages"]
    prompt["document_context"], reply["document_context"] = None, prompt["document_context"]
    assert "only a prompt (role user)" in _refused(doc, tmp_path, monkeypatch)


def test_a_file_holds_a_bounded_total_of_contexts(store: HistoryStore, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = _small_context("first", 5000), _small_context("second", 5000)
    _prompt_with_context(store, one, "a")
    _cid, second_prompt = _prompt_with_context(store, two, "b")
    size = max(len(c) for c in _stored(store).values())
    monkeypatch.setattr(message_documents, "MAX_FILE_CONTEXT_CHARS", size * 3 // 2)
    doc = json.loads(export_json(store))
    carried = [m["document_context"] for c in doc["conversations"] for m in c["messages"] if m["role"] == "user"]
    assert carried[0] is not None and carried[1] is None, "the export leaves out what import would refuse"
    with _other_profile(tmp_path, monkeypatch, "partial") as partial:
        assert len(import_json(partial, json.dumps(doc))) == 2
        assert len(_stored(partial)) == 1 and load_context(partial, second_prompt) is None
    doc["conversations"][1]["messages"][0]["document_context"] = carried[0]
    assert "in all" in _refused(doc, tmp_path, monkeypatch)


@pytest.mark.parametrize(("language", "words"), [("zh_HK", ("沒有匯入任何內容", "文件內容")),
                                                 ("zh_CN", ("未导入任何内容", "文档内容"))])
def test_the_refusal_is_translated(language: str, words: tuple[str, ...], store: HistoryStore,
                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _prompt_with_context(store, _small_context("policy"))
    doc = json.loads(export_json(store))
    doc["conversations"][0]["messages"][0]["document_context"]["sources"] = {}
    i18n.switch_language(language)
    with _other_profile(tmp_path, monkeypatch, "target") as target:
        with pytest.raises(HistoryImportError) as refused:
            import_json(target, json.dumps(doc))
        assert target.count_conversations() == 0
    assert all(w in str(refused.value) for w in words), str(refused.value)
    assert "must be an object" not in str(refused.value)


def test_cli_export_and_import_carry_it(store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    ctx = _small_context("cli")
    cid, prompt_id = _prompt_with_context(store, ctx)
    store.close()
    target = tmp_path / "history.json"
    assert main(["history", "export", cid, "--format", "json", "-o", str(target)]) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["conversations"][0]["messages"][0]["document_context"]["block"] == ctx.block
    bad = copy.deepcopy(doc)
    bad["conversations"][0]["messages"][0]["document_context"]["notice"] = None
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    monkeypatch.setenv("BAUHINIA_HOME", str(tmp_path / "cli-target"))
    capsys.readouterr()
    assert main(["history", "import", str(tmp_path / "bad.json")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'document_context'" in err and "Nothing was imported" in err
    assert main(["history", "import", str(target), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["imported"] == [cid]
    with HistoryStore.open(user_paths()) as imported:
        assert load_context(imported, prompt_id) == ctx
