from __future__ import annotations

from app.store.fts_text import highlight, index_text, make_snippet, parse_query


def test_cjk_runs_become_bigrams_and_the_last_character() -> None:
    assert index_text("政策研究").split() == ["政策", "策研", "研究", "究"]
    assert index_text("AI政策 report").split() == ["AI", "政策", "策", "report"]
    assert index_text("plain English stays") == "plain English stays"
    assert index_text("") == ""


def test_query_shapes() -> None:
    q = parse_query("政策")
    assert q is not None and q.match == '("政策")'
    q = parse_query("政策研究")
    assert q is not None and q.match == '("政策" + "策研" + "研究")'
    q = parse_query("政")
    assert q is not None and q.match == '("政"*)'
    q = parse_query('AI政策 "drop')
    assert q is not None and q.match == '("ai" + "政策") AND ("drop"*)'
    assert parse_query("  ，。 ") is None


def test_user_text_cannot_inject_fts_syntax() -> None:
    q = parse_query('a" OR b NEAR(c')
    assert q is not None
    assert q.match == '("a"*) AND ("or"*) AND ("b"*) AND ("near" + "c"*)'


def test_variants_are_or_ed() -> None:
    q = parse_query("软件", lambda part: ["軟件"])
    assert q is not None and q.match == '("软件" OR "軟件")'


def test_snippet_window_and_spans() -> None:
    text = "x" * 100 + " the housing POLICY of Hong Kong " + "y" * 100
    snippet, spans = make_snippet(text, ["policy"], width=40)
    assert len(snippet) <= 42
    assert [snippet[s:e] for s, e in spans] == ["POLICY"]
    assert "[POLICY]" in highlight(snippet, spans)
