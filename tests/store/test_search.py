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
    assert store.search("budget")[0].message_id == old_strong.id  # 6 matches < RANK_ALL_BELOW: still all
    monkeypatch.setattr(search_mod, "RANK_ALL_BELOW", 6)
    hits = [h.message_id for h in store.search("budget")]
    assert set(hits) == set(newer[-3:])  # only the 3 newest matches were ranked


def test_ranking_among_candidates_prefers_dense_short_answers_over_reasoning(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More matches than CANDIDATES: the newest are scored outside FTS5 with the same BM25 shape."""
    import app.store.search as search_mod

    conv = store.new_conversation("budget talk")
    store.add_message(conv.id, "user", "old budget message, not among the newest candidates")
    weak = store.add_message(conv.id, "user", "one budget mention in a much longer message" + " about other things" * 9)
    thinking = store.add_message(conv.id, "assistant", "the answer", reasoning="budget budget budget")
    strong = store.add_message(conv.id, "assistant", "Budget: budget lines, budget totals.")
    monkeypatch.setattr(search_mod, "CANDIDATES", 3)
    monkeypatch.setattr(search_mod, "RANK_ALL_BELOW", 3)
    hits = [h for h in store.search("budget") if h.message_id]
    assert [h.message_id for h in hits] == [strong.id, thinking.id, weak.id]
    assert hits[0].score < hits[1].score < hits[2].score < 0
    assert "budget" in hits[1].snippet  # the reasoning is where it matched
    # The title matches too, but its conversation is already represented by message hits.
    assert all(h.message_id for h in store.search("budget"))


def test_every_match_is_ranked_below_the_candidate_limit(store: HistoryStore) -> None:
    conv = store.new_conversation()
    best = store.add_message(conv.id, "user", "撥款 撥款 撥款")
    for i in range(30):
        store.add_message(conv.id, "user", f"撥款 plus filler text number {i} to make it longer")
    hits = store.search("拨款", limit=5)  # Simplified query, Traditional text
    assert len(hits) == 5 and hits[0].message_id == best.id
    assert [hits[0].snippet[s:e] for s, e in hits[0].highlights] == ["撥款", "撥款", "撥款"]


def test_multi_part_queries_need_every_part(store: HistoryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.store.search as search_mod

    conv = store.new_conversation()
    both = store.add_message(conv.id, "user", "撥款 deadline for the tunnel")
    store.add_message(conv.id, "user", "撥款 only")
    store.add_message(conv.id, "user", "deadline only")
    for k in (2000, 1):
        monkeypatch.setattr(search_mod, "CANDIDATES", k)
        assert [h.message_id for h in store.search("撥款 deadline")] == [both.id]


def test_prefix_words_fall_back_to_whole_words_only_when_those_fill_the_candidates(
    store: HistoryStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import app.store.search as search_mod
    from app.store.fts_text import parse_query

    conv = store.new_conversation()
    longer = store.add_message(conv.id, "user", "tunnels everywhere")
    exact = [store.add_message(conv.id, "user", f"tunnel number {i}").id for i in range(3)]
    parsed = parse_query("tunnel")
    assert parsed is not None and parsed.exact == '("tunnel")'
    with store.session() as s:
        match, scores = search_mod.rank_messages(s, parsed, 20)
        assert match == parsed.match and len(scores) == 4  # few whole-word hits: the prefix is kept
    assert {h.message_id for h in store.search("tunnel")} == {longer.id, *exact}
    # A word typed halfway has no whole-word hits: the prefix is searched.
    assert {h.message_id for h in store.search("tunn")} == {longer.id, *exact}
    monkeypatch.setattr(search_mod, "CANDIDATES", 3)
    monkeypatch.setattr(search_mod, "RANK_ALL_BELOW", 3)
    with store.session() as s:
        match, _scores = search_mod.rank_messages(s, parsed, 20)
        assert match == parsed.exact  # the whole word alone fills the candidates
    assert {h.message_id for h in store.search("tunnel")} == set(exact)


def test_selective_multi_part_query_ranks_every_match(store: HistoryStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.store.search as search_mod

    conv = store.new_conversation()
    common = [store.add_message(conv.id, "user", f"政策 filler {i}").id for i in range(6)]
    weak = store.add_message(conv.id, "user", "政策 typhoon and a much longer message about many other matters")
    strong = store.add_message(conv.id, "user", "政策 typhoon typhoon")
    store.add_message(conv.id, "user", "政策 and more newer filler")
    monkeypatch.setattr(search_mod, "CANDIDATES", 4)  # 政策 alone would overflow; the pair does not
    hits = [h.message_id for h in store.search("政策 typhoon")]
    assert hits == [strong.id, weak.id]
    assert not set(hits) & set(common)


def test_search_queries_use_indexes(store: HistoryStore) -> None:
    """No full scan of messages or conversations on the way to a page of hits."""
    from sqlalchemy import text

    import app.store.search as search_mod
    from app.store.fts_text import parse_query

    parsed = parse_query("政策 tunnel", search_mod.chinese_variants)
    assert parsed is not None
    scoring, params = search_mod.scoring_sql(parsed)
    params.update({"q": parsed.match, "k": 5, "pks": "[1, 2]", "n": 5, "f": 2.0, "bw": 1.0, "tw": 0.4})
    with store.session() as s:
        for name, statement in [
            ("probe", search_mod._PROBE_SQL),
            ("bm25", search_mod._BM25_SQL),
            ("scoring", scoring),
            ("rows", search_mod._ROWS_SQL),
            ("total", search_mod._TOTAL_SQL),
            ("titles", search_mod._TITLE_SQL),
        ]:
            plan = [r[-1] for r in s.execute(text("EXPLAIN QUERY PLAN " + statement.text), params)]
            assert not [p for p in plan if p.startswith("SCAN") and ("messages" in p or "conversations" in p)], plan
            if name == "rows":
                assert any(p.startswith("SEARCH c USING") for p in plan), plan  # the conversation join
            if name in ("rows", "scoring"):
                assert any("USING INTEGER PRIMARY KEY" in p for p in plan), plan
            if name == "probe":
                assert not any("TEMP B-TREE" in p for p in plan), plan  # FTS5 yields rowids newest first


def test_scoring_outside_fts5_orders_like_bm25(store: HistoryStore) -> None:
    """The SQL scoring used for common words agrees with FTS5's own bm25() on the same rows."""
    import json
    import random

    from sqlalchemy import text

    import app.store.search as search_mod
    from app.store.fts_text import parse_query

    rng = random.Random(3)
    filler = ["report", "budget", "housing", "房屋", "會議紀錄", "香港", "review", "公屋", "財政預算"]
    conv = store.new_conversation()
    for _ in range(60):
        words = [rng.choice(filler) for _ in range(rng.randint(3, 40))]
        for _ in range(rng.randint(1, 4)):
            words.insert(rng.randrange(len(words) + 1), "政策")
        thinking = " ".join(rng.choice([*filler, "政策"]) for _ in range(rng.randint(0, 20)))
        store.add_message(conv.id, "assistant", " ".join(words), reasoning=thinking)
    parsed = parse_query("政策")
    assert parsed is not None
    with store.session() as s:
        exact = {
            int(pk): float(score)
            for pk, score in s.execute(
                text("SELECT rowid, bm25(message_fts, 1.0, 0.4) FROM message_fts WHERE message_fts MATCH :q"),
                {"q": parsed.match},
            )
        }
        statement, params = search_mod.scoring_sql(parsed)
        ours = {
            int(pk): -float(score)
            for pk, score in s.execute(statement, {**params, "pks": json.dumps(list(exact)), "n": 100})
        }
    assert len(exact) == len(ours) == 60
    # Every pair that bm25() tells apart clearly (by more than 3 %) is ordered the same way here.
    disagree = [
        (a, b)
        for a in exact
        for b in exact
        if exact[a] < exact[b] * 1.03 and not ours[a] < ours[b]  # bm25 scores are negative
    ]
    assert disagree == []
