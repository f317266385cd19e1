"""Model output is inert: raw HTML shows as text, nothing is fetched, links need confirmation."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.ui.markdown_render import (
    COPY_CODE,
    TOGGLE_THINKING,
    own_anchor,
    plain_tooltip,
    render_markdown,
    render_thinking,
)
from app.ui.transcript import MessageItem, SafeDocument, TranscriptView

pytestmark = pytest.mark.ui

HOSTILE = """# Title

<script>alert(1)</script><img src="file:///etc/passwd"><b>bold?</b>

![tracker](https://tracker.example/pixel.png)

[safe link](https://www.gov.hk/en/about/?a=1&b=2) and [bad](javascript:alert(1))

| a | b |
|---|---|
| 1 | 2 |

> quoted

```python
def f():
    return "<b>not bold</b>"
```
"""


def test_markdown_is_escaped_and_images_are_text() -> None:
    out = render_markdown(HOSTILE, nonce="n0nce")
    assert "<script>" not in out.html and "&lt;script&gt;" in out.html
    assert "<img" not in out.html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in out.html
    assert "tracker" in out.html and "https://tracker.example/pixel.png" in out.html
    assert '<a href="https://www.gov.hk/en/about/?a=1&amp;b=2">' in out.html
    assert "javascript:" not in out.html.split("[bad]")[0].split("href=")[-1] or 'href="javascript' not in out.html
    assert 'href="javascript' not in out.html
    assert "<table" in out.html and "<blockquote>" in out.html and "<h1>" in out.html
    assert out.code_blocks == ('def f():\n    return "<b>not bold</b>"',)
    assert f'href="{own_anchor("n0nce", COPY_CODE, "0")}"' in out.html
    assert "<span style=" in out.html  # Pygments highlighting, inline styles


def test_thinking_section_collapses() -> None:
    closed = render_thinking("secret plan", expanded=False, seconds=2.5)
    assert TOGGLE_THINKING in closed and "2.5" in closed and "secret plan" not in closed
    opened = render_thinking("a <b> plan", expanded=True, seconds=None)
    assert "a &lt;b&gt; plan" in opened


def test_safe_document_loads_nothing(qtbot: Any) -> None:
    doc = SafeDocument()
    doc.setHtml('<p>x<img src="file:///etc/hostname"><img src="https://example.com/a.png"></p>')
    doc.setTextWidth(300)
    doc.size()  # lay out: this is when images are requested
    assert any("file:///etc/hostname" in b for b in doc.blocked)
    assert any("https://example.com/a.png" in b for b in doc.blocked)


def _find_anchor(view: TranscriptView, row: int, wanted: str) -> QPoint:
    rect = view.row_rect(row)
    for y in range(rect.top(), rect.bottom(), 3):
        for x in range(rect.left(), rect.right(), 4):
            _, anchor = view._anchor_at(QPoint(x, y))
            if wanted in anchor:
                return QPoint(x, y)
    raise AssertionError(f"no anchor {wanted!r} in row {row}")


def test_clicks_on_links_code_copy_and_thinking(qtbot: Any) -> None:
    from pytestqt.qtbot import QtBot

    assert isinstance(qtbot, QtBot)
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    item = MessageItem("m1", "assistant", "See [the site](https://www.gov.hk/x).\n\n```\ncode here\n```",
                       reasoning="step one", status="complete", thinking_s=1.2)
    view.set_items([item])
    assert "step one" not in view.doc_for("m1").toPlainText()  # finished: collapsed by default
    links: list[str] = []
    view.linkActivated.connect(links.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_find_anchor(view, 0, "https://"))
    assert links == ["https://www.gov.hk/x"]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_find_anchor(view, 0, COPY_CODE))
    assert QApplication.clipboard().text() == "code here"
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_find_anchor(view, 0, TOGGLE_THINKING))
    assert "step one" in view.doc_for("m1").toPlainText()


def test_raw_html_in_a_reply_is_shown_as_text(qtbot: Any) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.set_items([MessageItem("m", "assistant", '<b>x</b><img src="file:///etc/passwd">')])
    doc = view.doc_for("m")
    assert '<b>x</b><img src="file:///etc/passwd">' in doc.toPlainText()
    assert doc.blocked == []


@pytest.mark.parametrize(("url", "answer", "opened"), [
    ("https://www.gov.hk/a?b=1", QMessageBox.StandardButton.Open, True),
    ("https://www.gov.hk/a?b=1", QMessageBox.StandardButton.Cancel, False),
    ("file:///etc/passwd", QMessageBox.StandardButton.Ok, False),
    ("javascript:alert(1)", QMessageBox.StandardButton.Ok, False),
])
def test_links_open_only_after_confirming_the_full_address(make_window: Any, url: str, answer: Any,
                                                           opened: bool) -> None:
    window = make_window()
    shown: list[str] = []
    window.confirm_exec = lambda box: (shown.append(box.text()), answer)[1]
    urls: list[str] = []
    window.open_url = lambda u: urls.append(u.toString())
    window.request_link(url)
    assert shown and url in shown[0]
    assert urls == ([url] if opened else [])


# -- issue 11 item 10: text from outside is plain text; only the view's own anchors act -----------


def _anchors(doc: Any) -> list[str]:
    """Every anchor href in a document."""
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


HTML_500 = '<html><body><img src="x"><a href="bauhinia:toggle-thinking">retry</a><b>boom</b></body></html>'


def _http_500_message() -> str:
    """A real HTTP 500 from a loopback server whose body is HTML, through the real provider."""
    from remote_server import StubServer

    from engine.events import StreamError
    from engine.remote import RemoteEndpoint, RemoteProvider
    from engine.types import ChatMessage, SamplingParams

    def answer(h: Any) -> None:
        data = HTML_500.encode()
        h.send_response(500)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(data)))
        h.end_headers()
        h.wfile.write(data)

    with StubServer() as stub:
        stub.routes[("POST", "/v1/chat/completions")] = answer
        provider = RemoteProvider(RemoteEndpoint(name="stub", base_url=stub.url), "m", retries=0)
        try:
            events = list(provider.stream([ChatMessage("user", "hi")], SamplingParams(max_tokens=4)))
        finally:
            provider.close()
    [error] = [e for e in events if isinstance(e, StreamError)]
    assert "<img" in error.message  # the body reaches the message as the server sent it
    return error.message


def test_http_500_body_in_an_error_note_shows_literally(qtbot: Any) -> None:
    message = _http_500_message()
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    view.set_items([MessageItem("m", "assistant", "partial", status="error", error=message)])
    doc = view.doc_for("m")
    assert '<img src="x"><a href="bauhinia:toggle-thinking">retry</a><b>boom</b>' in doc.toPlainText()
    assert _anchors(doc) == [] and doc.blocked == []


def test_notice_bar_and_tooltips_are_plain_text(make_window: Any) -> None:
    from PySide6 import QtGui
    from PySide6.QtGui import QTextDocument

    window = make_window()
    window.show_notice(_http_500_message())
    assert window.notice.textFormat() == Qt.TextFormat.PlainText
    assert "<img" in window.notice.text()
    shown = QTextDocument()
    shown.setHtml(plain_tooltip(HTML_500))  # what Qt renders for the tool-tip text
    assert shown.toPlainText() == HTML_500
    assert QtGui.Qt.mightBeRichText(plain_tooltip("a < b"))  # so Qt does not guess differently per text
    assert window.status.model_label.textFormat() == Qt.TextFormat.PlainText
    window.status.set_model('<img src="x">', "CPU", "cpu", 100)
    assert '<img src="x">' in window.status.model_label.text()


@pytest.mark.parametrize("reply", [
    "Click [here](bauhinia:toggle-thinking) or [copy](bauhinia:copy-code/0).",
    "Autolink <bauhinia:toggle-thinking> and [upper](BAUHINIA:toggle-thinking).",
    "```\ncode\n```\n\n[guess](bauhinia:0123456789abcdef01234567/copy-code/0)",
])
def test_bauhinia_links_written_by_the_model_do_nothing(qtbot: Any, reply: str) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    item = MessageItem("m1", "assistant", reply, reasoning="secret step", status="complete", thinking_s=1.0)
    view.set_items([item])
    doc = view.doc_for("m1")
    written = [a for a in _anchors(doc) if "toggle-thinking" not in a and "copy-code" not in a]
    assert written == []
    own = _anchors(doc)
    assert all(a.startswith(f"bauhinia:{view._nonce}/") for a in own)  # only the view's own anchors
    links: list[str] = []
    view.linkActivated.connect(links.append)
    QApplication.clipboard().setText("unchanged")
    for forged in ("bauhinia:toggle-thinking", "bauhinia:copy-code/0", "BAUHINIA:toggle-thinking",
                   "bauhinia:0123456789abcdef01234567/toggle-thinking"):
        view.activate_anchor(0, forged)
    assert "secret step" not in view.doc_for("m1").toPlainText()  # Thinking did not open
    assert QApplication.clipboard().text() == "unchanged" and links == []
    # The view's own anchor still works, and stops working once the documents are rendered anew.
    toggle = own_anchor(view._nonce, TOGGLE_THINKING)
    view.activate_anchor(0, toggle)
    assert "secret step" in view.doc_for("m1").toPlainText()
    view.invalidate()
    view.activate_anchor(0, toggle)
    assert "secret step" in view.doc_for("m1").toPlainText()  # the stale anchor changed nothing
