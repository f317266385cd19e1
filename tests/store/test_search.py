"""Full-text search in English, Traditional and Simplified Chinese, ranked with snippets."""

from __future__ import annotations

import pytest

from app.store import HistoryStore


@pytest.fixture
def corpus(store: HistoryStore) -> dict[str, str]:
    texts = {
        "trad": "香港特別行政區的房屋政策包括公屋和居屋。",
        "simp": "香港特别行政区的房屋政策包括公屋和居屋，软件开发也很重要。",
        "eng": "The housing policy of Hong Kong covers public rental housing.",
        "mixed": "請用AI政策框架review這份文件",
        "software": "政府軟件採購指引",
        "other": "今天天氣很好，我們去行山。",
    }
    ids = {}
    for name, body in texts.items():
        conv = store.new_conversation(title=f"conv {name}")
        store.add_message(conv.id, "user", "question")
        ids[name] = store.add_message(conv.id, "assistant", body, reasoning="思考 reasoning").id
    return ids


def _found(store: HistoryStore, query: str, **kw: bool) -> set[str]:
    return {h.message_id for h in store.search(query, **kw) if h.message_id}


def test_two_character_chinese_words(store: HistoryStore, corpus: dict[str, str]) -> None:
    assert _found(store, "政策") == {corpus["trad"], corpus["simp"], corpus["mixed"]}
    assert _found(store, "公屋") == {corpus["trad"], corpus["simp"]}
    assert _found(store, "行山") == {corpus["other"]}


def test_longer_and_single_character_queries(store: HistoryStore, corpus: dict[str, str]) -> None:
    assert _found(store, "房屋政策包括") == {corpus["trad"], corpus["simp"]}
    assert _found(store, "天", convert_chinese=False) == {corpus["other"]}
    assert _found(store, "屋") == {corpus["trad"], corpus["simp"]}
    assert _found(store, "策略") == set()  # 策 and 略 never adjacent


def test_english_words_prefixes_and_mixed_text(store: HistoryStore, corpus: dict[str, str]) -> None:
    assert _found(store, "housing") == {corpus["eng"]}
    assert _found(store, "HOUS") == {corpus["eng"]}
    assert _found(store, "AI政策") == {corpus["mixed"]}
    assert _found(store, "review 文件") == {corpus["mixed"]}
    assert _found(store, "housing 政策") == set()


def test_simplified_finds_traditional_and_back(store: HistoryStore, corpus: dict[str, str]) -> None:
    assert _found(store, "行政区") == {corpus["trad"], corpus["simp"]}
    assert _found(store, "行政区", convert_chinese=False) == {corpus["simp"]}
    assert _found(store, "软件") == {corpus["simp"], corpus["software"]}
    assert _found(store, "軟件", convert_chinese=False) == {corpus["software"]}
    assert _found(store, "軟件") == {corpus["simp"], corpus["software"]}


def test_ranking_snippets_and_titles(store: HistoryStore) -> None:
    conv = store.new_conversation(title="Tax notes")
    weak = store.add_message(conv.id, "user", "Many unrelated words here and a single mention of stamp duty " * 3)
    strong = store.add_message(conv.id, "assistant", "Stamp duty. Stamp duty rates. Stamp duty for buyers.")
    hits = [h for h in store.search("stamp duty") if h.message_id]
    assert [h.message_id for h in hits] == [strong.id, weak.id]
    top = hits[0]
    assert [top.snippet[s:e].lower() for s, e in top.highlights][:2] == ["stamp", "duty"]
    assert top.conversation_title == "Tax notes"
    title_hits = [h for h in store.search("tax") if h.message_id is None]
    assert [h.conversation_id for h in title_hits] == [conv.id]


def test_reasoning_is_searchable_and_streaming_text_is_not_yet(store: HistoryStore) -> None:
    conv = store.new_conversation()
    w = store.begin_assistant_message(conv.id)
    w.append("unfinishedword", "deliberation")
    w.flush()
    assert _found(store, "unfinishedword") == set()
    done = w.finish()
    assert _found(store, "unfinishedword") == {done.id}
    assert _found(store, "deliberation") == {done.id}


def test_edits_and_deletes_update_the_index(store: HistoryStore) -> None:
    conv = store.new_conversation(title="alpha")
    store.add_message(conv.id, "user", "zebra crossing")
    store.update_conversation(conv.id, title="beta")
    assert not [h for h in store.search("alpha") if h.message_id is None]
    assert [h.conversation_id for h in store.search("beta")] == [conv.id]
    store.delete_conversation(conv.id)
    assert store.search("zebra") == [] and store.search("beta") == []


def test_garbage_queries_return_nothing(store: HistoryStore, corpus: dict[str, str]) -> None:
    assert store.search("") == []
    assert store.search("  ，。!! ") == []
    assert store.search('" OR NEAR(') == []


def test_very_common_words_rank_only_the_newest_candidates(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.store.search as search_mod

    conv = store.new_conversation()
    old_strong = store.add_message(conv.id, "user", "budget budget budget budget")
    newer = [store.add_message(conv.id, "user", f"budget and other words {i}").id for i in range(5)]
    assert store.search("budget")[0].message_id == old_strong.id  # all ranked: the strong match wins
    monkeypatch.setattr(search_mod, "CANDIDATES", 3)
    hits = [h.message_id for h in store.search("budget")]
    assert set(hits) == set(newer[-3:])  # only the 3 newest matches were ranked
