"""Export to Markdown/JSON and all-or-nothing JSON import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.paths import user_paths
from app.store import HistoryError, HistoryImportError, HistoryStore
from app.store.transfer import export_json, export_markdown, import_json


def _rich_conversation(store: HistoryStore) -> str:
    conv = store.new_conversation("政策 Q&A", model="r1-7b", system_prompt="Answer in 繁體中文.")
    q = store.add_message(conv.id, "user", "房屋政策是什麼?")
    store.add_message(
        conv.id,
        "assistant",
        "First answer",
        reasoning="think 1",
        model="r1-7b",
        prompt_tokens=10,
        completion_tokens=5,
        ttft_s=0.2,
        tokens_per_s=41.5,
    )
    w = store.begin_assistant_message(conv.id, parent_id=q.id, model="r1-7b")
    w.append("Second answer, cancelled", "think 2")
    w.finish("cancelled", completion_tokens=3)
    store.add_message(conv.id, "user", "Edited question", parent_id=None)
    e = store.begin_assistant_message(conv.id)
    e.append("oops")
    e.finish("error", error="backend lost")
    store.update_conversation(conv.id, pinned=True)
    store.select_branch(q.id)
    return conv.id


def test_json_round_trip_is_lossless(store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cid = _rich_conversation(store)
    exported = export_json(store)
    doc = json.loads(exported)
    assert doc["format"] == "bauhinia-history" and doc["version"] == 4
    monkeypatch.setenv("BAUHINIA_HOME", str(tmp_path / "other-profile"))
    with HistoryStore.open(user_paths()) as fresh:
        assert import_json(fresh, exported) == [cid]
        assert json.loads(export_json(fresh))["conversations"] == doc["conversations"]
        assert fresh.get_conversation(cid) == store.get_conversation(cid)
        assert fresh.thread(cid) == store.thread(cid)
        assert {h.message_id for h in fresh.search("政策")} == {h.message_id for h in store.search("政策")}


def test_reimport_into_the_same_store_makes_a_copy_or_skips(store: HistoryStore) -> None:
    cid = _rich_conversation(store)
    exported = export_json(store, [cid])
    (copy_id,) = import_json(store, exported)
    assert copy_id != cid
    original = [(m.role, m.content, m.reasoning, m.status) for m in store.all_messages(cid)]
    copied = [(m.role, m.content, m.reasoning, m.status) for m in store.all_messages(copy_id)]
    assert copied == original
    assert store.thread(copy_id)[-1].content == store.thread(cid)[-1].content
    assert import_json(store, exported, on_conflict="skip") == []
    assert store.count_conversations() == 2


def test_markdown_is_readable(store: HistoryStore) -> None:
    cid = _rich_conversation(store)
    md = export_markdown(store, cid)
    assert md.startswith("# 政策 Q&A\n")
    assert "> **System prompt:** Answer in 繁體中文." in md
    assert "## User" in md and "房屋政策是什麼?" in md
    assert "<details><summary>Thinking</summary>" in md and "think 2" in md
    assert "*Version 2 of 2*" in md and "*Status: cancelled*" in md
    assert "3 other versions are not shown" in md


def test_export_can_be_forbidden(store: HistoryStore) -> None:
    cid = _rich_conversation(store)
    with pytest.raises(HistoryError, match="policy"):
        export_json(store, allowed=False)
    with pytest.raises(HistoryError, match="policy"):
        export_markdown(store, cid, allowed=False)


BAD_EDITS = {
    "not json": lambda d: "{not json",
    "wrong format": lambda d: {**d, "format": "other"},
    "future version": lambda d: {**d, "version": 99},
    "bad role": lambda d: _edit_msg(d, 0, role="robot"),
    "bad status": lambda d: _edit_msg(d, 1, status="done"),
    "missing content": lambda d: _drop_msg_key(d, 1, "content"),
    "wrong type": lambda d: _edit_msg(d, 1, prompt_tokens="ten"),
    "negative tokens": lambda d: _edit_msg(d, 1, completion_tokens=-1),
    "not finite": lambda d: _edit_msg(d, 1, ttft_s=float("nan")),
    "dangling parent": lambda d: _edit_msg(d, 1, parent_id="01ARZ3NDEKTSV4RRFFQ69G5FAV"),
    "bad id": lambda d: _edit_msg(d, 1, id="../../etc"),
    "cycle": lambda d: _cycle(d),
    "bad current": lambda d: _edit_conv(d, current_message_id="01ARZ3NDEKTSV4RRFFQ69G5FAV"),
    "duplicate id": lambda d: _edit_msg(d, 1, id=d["conversations"][1]["messages"][0]["id"]),
}


def _edit_conv(d: dict, **kw: object) -> dict:
    d["conversations"][1].update(kw)
    return d


def _edit_msg(d: dict, i: int, **kw: object) -> dict:
    d["conversations"][1]["messages"][i].update(kw)
    return d


def _drop_msg_key(d: dict, i: int, key: str) -> dict:
    del d["conversations"][1]["messages"][i][key]
    return d


def _cycle(d: dict) -> dict:
    msgs = d["conversations"][1]["messages"]
    root = msgs[0]
    child = next(m for m in msgs if m["parent_id"] == root["id"])
    root["parent_id"] = child["id"]  # the root's parent is its own child
    return d


@pytest.mark.parametrize("case", sorted(BAD_EDITS))
def test_bad_files_are_rejected_and_nothing_is_imported(
    store: HistoryStore, case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = store.new_conversation("first, valid")
    store.add_message(first.id, "user", "fine")
    _rich_conversation(store)
    doc = json.loads(export_json(store))
    assert len(doc["conversations"]) == 2
    bad = BAD_EDITS[case](doc)
    data = bad if isinstance(bad, str) else json.dumps(bad)
    monkeypatch.setenv("BAUHINIA_HOME", str(tmp_path / "target"))
    with HistoryStore.open(user_paths()) as target:
        with pytest.raises(HistoryImportError, match="Nothing was imported"):
            import_json(target, data)
        assert target.count_conversations() == 0
        assert import_json(target, export_json(store)) != []  # the untouched file imports fine
