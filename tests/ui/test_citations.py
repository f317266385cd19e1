"""A turn with an attachment, end to end in the window (real model, real store, real files): the
reply shows numbered sources under it, inert; the excerpt opens by click (the anchor) and by
keyboard (the action bar's Sources button); the chips go with the sent message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui.helpers import wait_idle

from app.documents.retrieval import Source
from app.ui.citation_html import SOURCE, label, sources_html
from app.ui.citations import SourcesDialog
from app.ui.markdown_render import Colours, own_anchor
from app.ui.message_html import MessageHtml, MessageItem

pytestmark = [pytest.mark.ui]

POLICY = "Overtime claims must reach the finance section within thirty days of the work. "


def _load(window: Any, qtbot: Any) -> None:
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)


def test_sources_are_numbered_escaped_and_by_kind() -> None:
    sources = (Source("C:\\share\\<b>circular.docx", 3, "x"), Source("sheet.xlsx", 2, "y"),
               Source("deck.pptx", 5, "z"))
    html = sources_html(sources, Colours(), "n0nce")
    assert "<b>circular" not in html and "[1] &lt;b&gt;circular.docx, p. 3" in html
    assert "[2] sheet.xlsx, sheet 2" in html and "[3] deck.pptx, slide 5" in html
    assert f'href="{own_anchor("n0nce", SOURCE, "0")}"' in html
    assert sources_html((), Colours(), "n0nce") == ""
    # A source reopened from the history may have no page: the file alone.
    assert label(1, Source("C:\\docs\\minutes.txt", 0, "")) == "[1] minutes.txt"
    # Under a reply, in both renderings (whole, and the streaming segments).
    item = MessageItem("r1", "assistant", "Answer [1].", sources=sources[:1])
    renderer = MessageHtml()
    assert "[1] &lt;b&gt;circular" in renderer.full(item, Colours()).html
    segments, _blocks = renderer.segments(item, Colours())
    assert any("[1] &lt;b&gt;circular" in s.html for s in segments)


def test_dialog_shows_excerpt_as_plain_text(qtbot: Any) -> None:
    sources = (Source("a.txt", 1, "<script>alert(1)</script> first"), Source("b.docx", 2, ""))
    dialog = SourcesDialog(sources)
    qtbot.addWidget(dialog)
    dialog.show_source(0)
    assert dialog.excerpt.toPlainText() == "<script>alert(1)</script> first"
    assert dialog.list.accessibleName() == "Sources" and dialog.excerpt.accessibleName() == "Excerpt"
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.list.currentRow() == 1
    assert "No excerpt was kept" in dialog.excerpt.toPlainText()


@pytest.mark.slow
def test_turn_with_attachment_shows_sources_and_opens_the_excerpt(
        make_window: Any, scripted_model_path: Path, qtbot: Any, tmp_path: Path) -> None:
    window = make_window(diagnostic=scripted_model_path)
    _load(window, qtbot)
    notes = tmp_path / "<i>overtime.txt"  # a name that would be markup if it were not escaped
    notes.write_text(POLICY * 3, encoding="utf-8")
    docs = window.documents_ui
    docs.attachments.attach([str(notes)])
    qtbot.waitUntil(lambda: len(docs.bar.chips) == 1, timeout=60_000)
    docs.library.setChecked(True)  # set before the first message: the new conversation keeps it
    window.composer.edit.setPlainText("When are overtime claims due?")
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    user, reply = window.transcript.items
    assert user.content == "When are overtime claims due?"  # the stored prompt is the question only
    assert reply.status == "complete"
    assert len(reply.sources) == 1 and reply.sources[0].text.strip() == (POLICY * 3).strip()
    shown = window.transcript.doc_for(reply.id).toPlainText()
    assert "Sources" in shown and "[1] <i>overtime.txt, p. 1" in shown
    assert docs.bar.chips == [] and docs.attachments.documents() == []  # they went with the message
    qtbot.waitUntil(lambda: window.store_client.pending == 0)
    assert window.store.use_library(window.conversation_id)
    from sqlalchemy import text  # the store keeps the attachment's name with the prompt

    with window.store.session() as s:
        names = [r[0] for r in s.execute(text("SELECT name FROM message_attachments WHERE message_id = :m"),
                                         {"m": user.id})]
    assert names == ["<i>overtime.txt"]

    # By click: the anchor under the reply opens the excerpt.
    i = window.transcript.items.index(reply)
    window.transcript.activate_anchor(i, own_anchor(window.transcript._nonce, SOURCE, "0"))
    dialog = docs.citations.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.list.item(0).text() == "[1] <i>overtime.txt, p. 1"
    assert dialog.excerpt.toPlainText().strip() == (POLICY * 3).strip()
    dialog.close()
    # An anchor with another nonce (text the model wrote) opens nothing.
    docs.citations.dialog = None
    window.transcript.activate_anchor(i, own_anchor("forged", SOURCE, "0"))
    assert docs.citations.dialog is None

    # By keyboard: the reply's action bar has a focusable Sources button.
    window.transcript.set_current(i)
    button = window.transcript.actions_bar.buttons["sources"]
    assert button.isVisible() and button.accessibleName() == "Sources"
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert docs.citations.dialog is not None and docs.citations.dialog.isVisible()
    assert docs.citations.dialog.list.currentRow() == 0
    qtbot.waitUntil(docs.citations.dialog.list.hasFocus)  # arrow keys move through the sources
    docs.citations.dialog.close()

    # The prompt's own message has no Sources button.
    window.transcript.set_current(0)
    assert not window.transcript.actions_bar.buttons["sources"].isVisible()

    # Reopened from the history: the numbered sources are still there, with the excerpt the model
    # was given (kept in the encrypted history beside the reply).
    live_excerpt = (POLICY * 3).strip()
    cid = window.conversation_id
    window.new_chat()
    window.open_conversation(cid)
    qtbot.waitUntil(lambda: window.conversation_id == cid and len(window.transcript.items) == 2)
    reopened = window.transcript.items[1]
    assert [(s.file, s.page) for s in reopened.sources] == [(str(notes), 1)]
    assert "[1] <i>overtime.txt, p. 1" in window.transcript.doc_for(reopened.id).toPlainText()
    window.transcript.activate_anchor(1, own_anchor(window.transcript._nonce, SOURCE, "0"))
    assert docs.citations.dialog.excerpt.toPlainText().strip() == live_excerpt


@pytest.mark.slow
def test_attachment_longer_than_the_context_uses_passages_and_says_so(
        make_window: Any, make_settings: Any, scripted_model_path: Path, qtbot: Any, tmp_path: Path) -> None:
    # A long reply limit leaves the documents a small share of the test model's 4096-token context.
    window = make_window(make_settings(user={"sampling.max_tokens": 3400}), diagnostic=scripted_model_path)
    _load(window, qtbot)
    topics = ["annual leave", "sick leave", "overtime claims", "travel allowance", "office hours", "uniforms"]
    long_text = "\n\n".join(f"Section {n}: rules about {t}. " + f"Details of {t} follow here. " * 12
                            for n, t in enumerate(topics, 1))
    circular = tmp_path / "circular.txt"
    circular.write_text(long_text, encoding="utf-8")
    docs = window.documents_ui
    docs.attachments.attach([str(circular)])
    qtbot.waitUntil(lambda: len(docs.bar.chips) == 1, timeout=60_000)
    window.composer.edit.setPlainText("What are the overtime claims rules?")
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    reply = window.transcript.items[-1]
    assert reply.status == "complete", reply.error
    assert "only the" in window.notice.text() and "passages that match the question best" in window.notice.text()
    assert reply.sources and "overtime claims" in reply.sources[0].text
    assert sum(len(s.text) for s in reply.sources) < len(long_text)
