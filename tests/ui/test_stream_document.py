"""The transcript's documents (``MessageDocuments``) on their own, without the view: a streaming
reply updated in place — plain words appended, changed segments replaced — is at every step the
document a from-scratch render gives; the cache is bounded; outside text stays inert."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pytest
from PySide6.QtGui import QFont, QTextDocument

import app.ui.message_html as message_html
from app.ui.markdown_render import TOGGLE_THINKING, Colours, own_anchor
from app.ui.message_html import MessageItem, Texts
from app.ui.stream_document import MessageDocuments

pytestmark = pytest.mark.ui

WIDTH = 560
NONCE = "fixed-nonce-for-comparison"

REPLY = """The policy on **data** retention says that records are kept for seven years, and 資料 網絡 stay local.

1. First item with `code` and words
2. Second item, then [a link](https://www.gov.hk/x) follows

# Heading words here

```python
def f(x):
    return x * 2
```

| a | b |
|---|---|
| 1 | 2 |

Plain 2. words after spaces  here &amp; more text; then a > b and c_d.

[ref]: /url

Last line of the reply with trailing words"""

MARKUP = set("*_`[]<>!#|~\\&;$=-+\n")  # appended text with any of these needs Markdown

REASONING = "Let me think about it.\n\nSecond thought here, still plain words\n\nA third one"


def _docs(fast: bool = True, capacity: int = 300) -> MessageDocuments:
    docs = MessageDocuments(QFont, Colours, capacity=capacity)
    docs.html.nonce = NONCE
    docs.html.texts = Texts(notes={"error": "The reply failed: %1", "cancelled": "Stopped."})
    docs.fast_append = fast
    return docs


def _fresh(it: MessageItem) -> QTextDocument:
    """The reply rendered from nothing: a new cache, every segment inserted anew."""
    return _docs().document(dataclasses.replace(it), WIDTH).doc


def _words(text: str) -> list[str]:
    """Tokens as a model writes them: a word with its leading space, breaks on their own."""
    out: list[str] = []
    for line_no, line in enumerate(text.split("\n")):
        if line_no:
            out.append("\n")
        for k, word in enumerate(line.split(" ")):
            out.append(word if k == 0 else " " + word)
    return [t for t in out if t]


def _chunks(text: str, seed: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    i = 0
    while i < len(text):
        n = rng.randint(1, 7)
        out.append(text[i:i + n])
        i += n
    return out


def _stream(steps: list[tuple[str, str]]) -> None:
    """Feed the steps to a cache with the plain-append path and one without; both equal a fresh
    render at every step."""
    caches = [_docs(True), _docs(False)]
    items = [MessageItem("r", "assistant", "", status="streaming") for _ in caches]
    for content, reasoning in steps:
        for docs, it in zip(caches, items, strict=True):
            it.content += content
            it.reasoning += reasoning
            it.version += 1
            entry = docs.document(it, WIDTH)
            assert entry.version == it.version and entry.width == WIDTH
        reference = _fresh(items[0]).toHtml()
        for docs in caches:
            assert docs.entries["r"].doc.toHtml() == reference, (docs.fast_append, content, reasoning)


def _anchors(doc: QTextDocument) -> list[str]:
    found: list[str] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor():
                found.append(fmt.anchorHref())
            it += 1
        block = block.next()
    return found


def test_word_by_word_appends_equal_a_fresh_render_at_every_step(qapp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = message_html.render_markdown

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(message_html, "render_markdown", counting)
    steps = [("", r) for r in _words(REASONING)] + [(c, "") for c in _words(REPLY)]
    fast = _docs(True)
    it = MessageItem("r", "assistant", "", status="streaming")
    taken: list[str] = []
    real_append = fast._append_plain

    def spying_append(it: MessageItem, *args: Any) -> bool:
        done = real_append(it, *args)
        if done:
            taken.append(content or reasoning)
        return done

    fast._append_plain = spying_append  # type: ignore[method-assign]
    for content, reasoning in steps:
        it.content += content
        it.reasoning += reasoning
        it.version += 1
        before_calls = len(calls)
        before_taken = len(taken)
        doc = fast.document(it, WIDTH).doc
        if len(taken) > before_taken:
            assert len(calls) == before_calls  # the cheap path ran no Markdown
        with monkeypatch.context() as m:
            m.setattr(message_html, "render_markdown", real)
            assert doc.toHtml() == _fresh(it).toHtml(), (content, reasoning)
    # Plain words, in the reasoning and in the answer, took the cheap path; markup never did.
    assert len(taken) >= 30
    assert {" thought", " here,", " 網絡", " says", " reply"} <= set(taken)
    assert not [t for t in taken if set(t) & MARKUP]
    assert any(k.startswith("~c:Last line of the reply") for k in fast.streams["r"].keys)


@pytest.mark.parametrize("seed", range(3))
def test_random_chunks_with_markup_equal_a_fresh_render_at_every_step(qapp: Any, seed: int) -> None:
    """Arbitrary cuts (inside markup, fences, tables, entities) never leave the document different
    from a fresh render, with or without the plain-append path."""
    steps = [("", r) for r in _chunks(REASONING, seed)] + [(c, "") for c in _chunks(REPLY, seed + 100)]
    _stream(steps)


@pytest.mark.parametrize("tokens", [
    ["Words stay local.", "\n\n", "1.", " First", " item"],  # a part that shows nothing (an empty list item)
    ["Plain", " words  here", " and", " more"],  # HTML shows a run of spaces as one
    ["See [a link](https://www.gov", ".hk/x", ")", " after"],  # plain text that closes a link
])
def test_appends_that_would_differ_from_markdown_take_the_markdown_path(qapp: Any, tokens: list[str]) -> None:
    """Cases the plain-append path once got wrong (each showed text a Markdown render does not)."""
    _stream([(t, "") for t in tokens])


def test_finished_reply_collapses_thinking_in_place_and_matches_a_full_render(qapp: Any) -> None:
    docs = _docs()
    it = MessageItem("r", "assistant", "", status="streaming")
    for content, reasoning in [("", r) for r in _words(REASONING)] + [(c, "") for c in _words(REPLY)]:
        it.content += content
        it.reasoning += reasoning
        it.version += 1
        docs.document(it, WIDTH)
    streaming_doc = docs.entries["r"].doc
    assert "Second thought here" not in streaming_doc.toPlainText()  # closed once the answer began
    done = dataclasses.replace(it, status="complete", version=it.version + 1)
    entry = docs.document(done, WIDTH)
    assert entry.doc is streaming_doc  # updated in place, not rendered anew
    assert entry.code_blocks == ("def f(x):\n    return x * 2",)
    full = _docs().html.full(done, Colours())
    whole = QTextDocument()
    whole.setHtml(full.html)
    assert entry.doc.toPlainText().split() == whole.toPlainText().split()
    assert full.code_blocks == entry.code_blocks


def test_changed_from_is_where_the_update_began(qapp: Any) -> None:
    docs = _docs()
    it = MessageItem("r", "assistant", "First paragraph stays.\n\nSecond", status="streaming", version=1)
    docs.document(it, WIDTH)
    assert docs.take_changed_from("r") == 0.0  # a new document: all of it
    assert docs.take_changed_from("r") == 0.0  # taken once
    it.content += " grows"
    it.version += 1
    doc = docs.document(it, WIDTH).doc
    top = docs.take_changed_from("r")
    first = doc.documentLayout().blockBoundingRect(doc.findBlock(0).next()).bottom()
    assert first <= top < doc.size().height()  # the last paragraph, not the heading or the first one
    it.version += 1  # the same text again: the appended paragraph gets its Markdown render
    docs.document(it, WIDTH)
    assert first <= docs.take_changed_from("r") < doc.size().height()
    it.version += 1  # and once more: nothing changed at all
    docs.document(it, WIDTH)
    assert docs.take_changed_from("r") == doc.size().height()


def test_cache_is_bounded_least_recently_used_first(qapp: Any) -> None:
    docs = _docs(capacity=3)
    items = [MessageItem(f"m{i}", "user", f"message {i}") for i in range(4)]
    for it in items[:3]:
        docs.document(it, WIDTH)
    first = docs.entries["m0"].doc
    assert docs.document(items[0], WIDTH).doc is first  # a hit, and now the most recent
    docs.document(items[3], WIDTH)
    assert list(docs.entries) == ["m2", "m0", "m3"]
    wider = docs.document(items[0], WIDTH + 100)
    assert wider.doc is first and wider.width == WIDTH + 100 and first.textWidth() == WIDTH + 100


def test_error_notes_are_plain_text_while_streaming_and_when_finished(qapp: Any) -> None:
    body = '<img src="x"><a href="bauhinia:toggle-thinking">retry</a><b>boom</b>'
    for streamed in (True, False):
        docs = _docs()
        it = MessageItem("r", "assistant", "partial", status="streaming" if streamed else "error", error=body)
        if streamed:
            docs.document(it, WIDTH)
            it = dataclasses.replace(it, status="error", version=1)
        doc = docs.document(it, WIDTH).doc
        assert "The reply failed: " + body in doc.toPlainText()
        assert _anchors(doc) == []
        assert doc.blocked == []


def test_reset_changes_the_nonce_and_renders_anew(qapp: Any) -> None:
    docs = _docs()
    it = MessageItem("r", "assistant", "```\ncode\n```", reasoning="step", status="streaming", version=1)
    old = docs.document(it, WIDTH).doc
    assert own_anchor(NONCE, TOGGLE_THINKING) in old.toHtml() and docs.html.parts
    docs.reset()
    assert docs.html.nonce != NONCE and not docs.html.parts and not docs.entries and not docs.streams
    new = docs.document(it, WIDTH).doc
    assert new is not old and NONCE not in new.toHtml()
    assert own_anchor(docs.html.nonce, TOGGLE_THINKING) in new.toHtml()
