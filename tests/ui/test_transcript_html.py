"""Messages as HTML (``MessageHtml``), no Qt: segment keys change exactly when their HTML does,
finished Markdown blocks are rendered once, outside text is escaped, anchors carry the nonce."""

from __future__ import annotations

from typing import Any

import pytest

import app.ui.message_html as message_html
from app.ui.markdown_render import COPY_CODE, TOGGLE_THINKING, Colours, own_anchor
from app.ui.message_html import MessageHtml, MessageItem, PartKey, RenderedPart, Segment, Texts

COLOURS = Colours()


def _html(nonce: str = "n0nce") -> MessageHtml:
    out = MessageHtml()
    out.nonce = nonce
    out.texts = Texts(you="YOU", assistant="BOT", notes={"error": "Failed: %1", "cancelled": "Stopped."})
    return out


def test_segment_keys_change_exactly_when_their_html_does() -> None:
    renderer = _html()
    steps = [
        MessageItem("r", "assistant", "", reasoning="Plan.", status="streaming"),
        MessageItem("r", "assistant", "", reasoning="Plan.\n\nMore", status="streaming"),
        MessageItem("r", "assistant", "Hello", reasoning="Plan.\n\nMore", status="streaming", thinking_s=1.5),
        MessageItem("r", "assistant", "Hello **you**\n\n```\nx\n```", reasoning="Plan.\n\nMore",
                    status="streaming", thinking_s=1.5),
        MessageItem("r", "assistant", "Hello **you**\n\n```\nx\n```\n\nEnd", reasoning="Plan.\n\nMore",
                    status="cancelled", thinking_s=1.5),
        MessageItem("r", "assistant", "Hello **you**\n\n```\nx\n```\n\nEnd", reasoning="Plan.\n\nMore",
                    status="error", error="<b>boom</b>", thinking_s=1.5),
    ]
    by_key: dict[str, str] = {}
    for it in steps:
        segs, _ = renderer.segments(it, COLOURS)
        assert all(isinstance(s, Segment) for s in segs)
        keys = [s.key for s in segs]
        assert len(set(keys)) == len(keys), keys
        for seg in segs:
            assert by_key.setdefault(seg.key, seg.html) == seg.html, seg.key  # same key, same HTML
    html_to_keys: dict[str, set[str]] = {}
    for key, html in by_key.items():
        html_to_keys.setdefault(html, set()).add(key)
    assert all(len(keys) == 1 for keys in html_to_keys.values())  # different keys, different HTML


def test_open_thinking_while_reasoning_streams_then_closed() -> None:
    renderer = _html()
    segs, _ = renderer.segments(MessageItem("r", "assistant", "", reasoning="a <b> plan", status="streaming"),
                                COLOURS)
    assert [s.key for s in segs] == ["head", "think:True:None", "r:a <b> plan", "c:"]  # the answer, empty yet
    assert "a &lt;b&gt; plan" in segs[2].html and own_anchor("n0nce", TOGGLE_THINKING) in segs[1].html
    segs, _ = renderer.segments(MessageItem("r", "assistant", "Answer", reasoning="a <b> plan", status="streaming"),
                                COLOURS)
    assert [s.key for s in segs] == ["head", "think:False:None", "c:Answer"]


def test_markdown_blocks_render_once_and_code_anchors_count_across_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = message_html.render_markdown

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(message_html, "render_markdown", counting)
    renderer = _html()
    reply = "```\none\n```\n\nMiddle\n\n```\ntwo\n```"
    for end in range(1, len(reply) + 1):
        segs, blocks = renderer.segments(MessageItem("r", "assistant", reply[:end], status="streaming"), COLOURS)
    assert blocks == ("one", "two")
    assert f'href="{own_anchor("n0nce", COPY_CODE, "1")}"' in segs[-1].html  # the second block is number 1
    assert calls.count("Middle") == 1 and calls.count("```\none\n```") == 1
    assert renderer.parts[PartKey("Middle", 1)] == RenderedPart(segs[2].html, ())
    # The same text after a different number of code blocks is another entry (its anchors differ).
    renderer.segments(MessageItem("r", "assistant", "Middle", status="streaming"), COLOURS)
    assert PartKey("Middle", 0) in renderer.parts and calls.count("Middle") == 2
    renderer.new_nonce()
    assert renderer.nonce != "n0nce" and not renderer.parts


def test_full_render_escapes_prompts_and_notes_and_names_the_speaker() -> None:
    renderer = _html()
    user = renderer.full(MessageItem("u", "user", "<i>hi</i>\nthere"), COLOURS)
    assert user == RenderedPart('<p style="margin:0"><b>YOU</b></p><p>&lt;i&gt;hi&lt;/i&gt;<br>there</p>', ())
    failed = renderer.full(MessageItem("r", "assistant", "x", status="error", error='<a href="bauhinia:x">y</a>'),
                           COLOURS)
    assert "<b>BOT</b>" in failed.html
    assert "Failed: &lt;a href=&quot;bauhinia:x&quot;&gt;y&lt;/a&gt;" in failed.html
    assert renderer.note(MessageItem("r", "assistant", "", status="complete")) == ""
    assert renderer.note(MessageItem("r", "assistant", "", status="cancelled")) == "Stopped."
