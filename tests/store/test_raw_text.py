"""A converted reply keeps both texts: what the model wrote (raw) and what was shown.

The conversion is the real one the chat worker uses (``ReplyTexts``: OpenCC Simplified → HK
Traditional, streaming with held-back text), so the raw and shown streams differ in timing too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from app.paths import Paths, user_paths
from app.reply_language import ReplyTexts
from app.store import HistoryImportError, HistoryStore
from app.store.database import exec_outside_transaction
from app.store.transfer import export_json, import_json

RAW_CONTENT = ["软件", "开发和网络", "数据 ok", "，请看", "文件。"]
RAW_REASONING = ["用户问", "软件，", "我应该回答。"]


def _raw_columns(store: HistoryStore, message_id: str) -> tuple[str, str, str | None, str | None]:
    """The row as another connection sees it (what is on disk now)."""
    rows = exec_outside_transaction(
        store._main.engine,
        f"SELECT content, reasoning, content_raw, reasoning_raw FROM messages WHERE id = '{message_id}'",
    )
    return rows[0]


def _stream_converted(store: HistoryStore, conversation_id: str, *, flush_each: bool) -> tuple[str, ReplyTexts]:
    texts = ReplyTexts("zh_HK", "zh_HK")
    writer = store.begin_assistant_message(conversation_id)
    for delta in RAW_REASONING:
        writer.append(reasoning_delta=texts.reasoning(delta), raw_reasoning_delta=delta)
        if flush_each:
            writer.flush()
    for delta in RAW_CONTENT:
        writer.append(content_delta=texts.content(delta), raw_content_delta=delta)
        if flush_each:
            writer.flush()
    tail_c, tail_r = texts.finish()
    writer.append(tail_c, tail_r)
    assert (writer.content, writer.reasoning) == (texts.shown_content, texts.shown_reasoning)
    assert (writer.raw_content, writer.raw_reasoning) == (texts.raw_content, texts.raw_reasoning)
    return writer.finish().id, texts


@pytest.mark.parametrize("flush_each", [True, False])
def test_streamed_conversion_keeps_raw_and_shown(store: HistoryStore, flush_each: bool) -> None:
    conv = store.new_conversation()
    store.add_message(conv.id, "user", "軟件是什麼?")
    mid, texts = _stream_converted(store, conv.id, flush_each=flush_each)
    assert texts.shown_content != texts.raw_content  # the conversion really changed the text
    record = store.get_message(mid)
    assert (record.content, record.reasoning) == (texts.shown_content, texts.shown_reasoning)
    assert (record.content_raw, record.reasoning_raw) == (texts.raw_content, texts.raw_reasoning)
    assert (record.raw_content, record.raw_reasoning) == (texts.raw_content, texts.raw_reasoning)
    assert "軟件" in record.content and "软件" in record.content_raw
    assert store.thread(conv.id)[-1] == record


def test_raw_text_is_on_disk_while_streaming_even_when_the_shown_text_is_held_back(store: HistoryStore) -> None:
    conv = store.new_conversation()
    texts = ReplyTexts("zh_HK", "zh_HK")
    writer = store.begin_assistant_message(conv.id)
    shown = texts.content("软件开发")
    assert shown == ""  # the converter waits for more context
    writer.append(shown, raw_content_delta="软件开发")
    writer.flush()
    assert _raw_columns(store, writer.message_id) == ("", "", "软件开发", None)
    writer.finish("cancelled")


def test_raw_column_is_seeded_when_conversion_starts_mid_reply(store: HistoryStore) -> None:
    conv = store.new_conversation()
    writer = store.begin_assistant_message(conv.id)
    writer.append("English first. ", "plan ")
    writer.flush()
    assert _raw_columns(store, writer.message_id) == ("English first. ", "plan ", None, None)
    writer.append("軟件", raw_content_delta="软件")
    writer.flush()
    assert _raw_columns(store, writer.message_id) == ("English first. 軟件", "plan ", "English first. 软件", None)
    writer.append(" end", " done")  # no raw given: the same text goes to both columns
    done = writer.finish()
    assert (done.content, done.content_raw) == ("English first. 軟件 end", "English first. 软件 end")
    assert (done.reasoning, done.reasoning_raw) == ("plan  done", None)


def test_unconverted_and_identical_text_stores_no_raw_copy(store: HistoryStore) -> None:
    conv = store.new_conversation()
    plain = store.begin_assistant_message(conv.id)
    plain.append("Hello ", "think")
    plain.append("world")
    assert plain.finish().content_raw is None
    # English through the HK converter comes out unchanged: nothing extra is kept.
    texts = ReplyTexts("zh_HK", "zh_HK")
    same = store.begin_assistant_message(conv.id)
    for delta in ("The housing ", "policy covers ", "public rental housing."):
        same.append(texts.content(delta), raw_content_delta=delta)
    same.append(texts.finish()[0])
    same.flush()
    done = same.finish()
    assert done.content == "The housing policy covers public rental housing."
    assert (done.content_raw, done.reasoning_raw) == (None, None)
    with store.session() as s:
        assert s.execute(text("SELECT count(*) FROM messages WHERE content_raw IS NOT NULL")).scalar_one() == 0


def test_add_message_keeps_raw_only_where_it_differs(store: HistoryStore) -> None:
    conv = store.new_conversation()
    both = store.add_message(conv.id, "assistant", "軟件", reasoning="想想", content_raw="软件", reasoning_raw="想想")
    assert (both.content_raw, both.reasoning_raw) == ("软件", None)
    assert store.get_message(both.id) == both
    assert both.raw_reasoning == "想想"


def test_search_covers_the_shown_text_only(store: HistoryStore) -> None:
    conv = store.new_conversation()
    shown = store.add_message(conv.id, "assistant", "政府軟件採購", content_raw="政府软件采购 rawonlyword")
    assert {h.message_id for h in store.search("軟件", convert_chinese=False)} == {shown.id}
    assert store.search("软件", convert_chinese=False) == []
    assert store.search("rawonlyword") == []
    hit = store.search("軟件")[0]
    assert "軟件" in hit.snippet and "软件" not in hit.snippet


def test_export_import_round_trip_carries_raw_text(
    store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conv = store.new_conversation("raw")
    store.add_message(conv.id, "user", "问题")
    mid, texts = _stream_converted(store, conv.id, flush_each=False)
    exported = export_json(store)
    doc = json.loads(exported)
    assert doc["version"] == 4
    reply = next(m for m in doc["conversations"][0]["messages"] if m["id"] == mid)
    assert (reply["content_raw"], reply["reasoning_raw"]) == (texts.raw_content, texts.raw_reasoning)
    monkeypatch.setenv("BAUHINIA_HOME", str(tmp_path / "other"))
    with HistoryStore.open(user_paths()) as fresh:
        assert import_json(fresh, exported) == [conv.id]
        assert fresh.get_message(mid) == store.get_message(mid)
        assert json.loads(export_json(fresh))["conversations"] == doc["conversations"]


def test_version_1_export_still_imports(store: HistoryStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conv = store.new_conversation("old file")
    store.add_message(conv.id, "user", "房屋政策?")
    store.add_message(conv.id, "assistant", "公屋 answer", reasoning="r")
    doc = json.loads(export_json(store))
    doc["version"] = 1
    for m in doc["conversations"][0]["messages"]:
        del m["content_raw"], m["reasoning_raw"]  # version 1 had no such fields
    monkeypatch.setenv("BAUHINIA_HOME", str(tmp_path / "other"))
    with HistoryStore.open(user_paths()) as fresh:
        assert import_json(fresh, json.dumps(doc)) == [conv.id]
        msgs = fresh.all_messages(conv.id)
        assert [(m.content, m.content_raw, m.reasoning_raw) for m in msgs] == [
            ("房屋政策?", None, None),
            ("公屋 answer", None, None),
        ]


@pytest.mark.parametrize(
    ("version", "edit"),
    [(2, {"content_raw": 5}), (2, None), (1, {"reasoning_raw": ["x"]})],
)
def test_bad_raw_fields_are_rejected(store: HistoryStore, version: int, edit: dict[str, object] | None) -> None:
    conv = store.new_conversation()
    store.add_message(conv.id, "assistant", "x")
    doc = json.loads(export_json(store))
    doc["version"] = version
    msg = doc["conversations"][0]["messages"][0]
    if edit is None:
        del msg["content_raw"]  # required from version 2 on
    else:
        msg.update(edit)
    with pytest.raises(HistoryImportError, match="Nothing was imported"):
        import_json(store, json.dumps(doc), on_conflict="copy")
    assert len(store.list_conversations()) == 1


def test_raw_text_survives_a_reopen(paths: Paths) -> None:
    with HistoryStore.open(paths) as store:
        conv = store.new_conversation()
        mid, texts = _stream_converted(store, conv.id, flush_each=True)
    with HistoryStore.open(paths) as again:
        assert again.get_message(mid).content_raw == texts.raw_content
