"""A sent prompt shows the files attached to it (issue 14 item 1): a compact chip each, name, pages
and tokens, escaped and inert, in the screen reader's description too; right after sending (from
the turn) and again when the conversation is reopened (from the encrypted history). Real model,
real SQLCipher store, real files read by the real parsing process."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui.helpers import wait_idle

from app.documents.retrieval import AttachmentRef
from app.store.message_attachments import StoredAttachment
from app.ui.markdown_render import Colours
from app.ui.message_attachments_html import attachments_html, attachments_text, describe
from app.ui.message_html import MessageHtml, MessageItem
from app.ui.stream_document import SafeDocument

pytestmark = [pytest.mark.ui]

SHA = "ab" * 32
NOTES = "Overtime claims must reach the finance section within thirty days of the work. "


def _plain(html: str) -> str:
    doc = SafeDocument()
    doc.setHtml(html)
    return doc.toPlainText().replace("\u00a0", " ")


def test_prompt_shows_each_attachment_as_escaped_inert_chip(qtbot: Any) -> None:
    attached = (StoredAttachment("<i>x.txt", SHA, "txt", 1, 1234, True),
                AttachmentRef("budget.xlsx", SHA, "xlsx", 2, 80, False),
                StoredAttachment("old.docx", SHA))  # a row from before pages and tokens were known
    item = MessageItem("u1", "user", "What do they say?", attachments=attached)
    html = MessageHtml().full(item, Colours()).html
    assert "<i>x.txt" not in html and "&lt;i&gt;x.txt · 1 page · about 1,234 tokens" in html
    assert "href" not in attachments_html(attached, Colours())  # nothing to click: inert
    shown = _plain(html)
    assert shown.startswith("You\nWhat do they say?\nAttached files:")
    assert "<i>x.txt · 1 page · about 1,234 tokens" in shown
    assert "budget.xlsx · 2 sheets · about 80 tokens · best passages only" in shown
    assert shown.rstrip().endswith("old.docx")
    assert describe(attached[2]) == "old.docx"
    assert attachments_text(attached[:1]) == "Attached files: <i>x.txt · 1 page · about 1,234 tokens"
    # The hash and anything of the file's text stay out of the transcript.
    assert SHA not in html
    # A prompt with no attachments gets nothing extra.
    assert attachments_html((), Colours()) == "" and attachments_text(()) == ""
    assert "Attached" not in MessageHtml().full(MessageItem("u2", "user", "hi"), Colours()).html


@pytest.mark.parametrize(("language", "words"), [
    ("zh_HK", ("附加檔案：", "1 頁", "2 個工作表", "只用了最相關的段落")),
    ("zh_CN", ("附加文件：", "1 页", "2 个工作表", "只用了最相关的段落")),
])
def test_attachment_chips_follow_the_interface_language(qtbot: Any, language: str, words: tuple[str, ...]) -> None:
    from app import i18n

    label, page, sheets, passages = words
    attached = (StoredAttachment("<i>x.txt", SHA, "txt", 1, 40, True),
                StoredAttachment("budget.xlsx", SHA, "xlsx", 2, 80, False))
    try:
        i18n.switch_language(language)
        shown = _plain(MessageHtml().full(MessageItem("u1", "user", "q", attachments=attached), Colours()).html)
    finally:
        i18n.switch_language("en")
    assert label in shown and f"<i>x.txt · {page}" in shown
    assert f"budget.xlsx · {sheets}" in shown and passages in shown
    assert "Attached" not in shown and "page" not in shown


def _load(window: Any, qtbot: Any) -> None:
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)


@pytest.mark.slow
def test_sent_prompt_shows_its_attachments_then_and_after_reopening(
        make_window: Any, scripted_model_path: Path, qtbot: Any, tmp_path: Path) -> None:
    from documents.hostile_docs import docx_bytes

    window = make_window(diagnostic=scripted_model_path)
    assert window.store.encrypted  # the names are kept in the SQLCipher history
    _load(window, qtbot)
    notes = tmp_path / "<i>x.txt"  # a name that would be markup if it were not escaped
    notes.write_text(NOTES * 3, encoding="utf-8")
    circular = tmp_path / "circular.docx"
    circular.write_bytes(docx_bytes(["Overtime claims go to finance.", "Page two: sick leave."],
                                    page_break_after=[0]))
    docs = window.documents_ui
    docs.attachments.attach([str(notes), str(circular)])
    qtbot.waitUntil(lambda: len(docs.bar.chips) == 2 and docs.attachments.reading == 0, timeout=60_000)
    composer_chips = [c.label.text() for c in docs.bar.chips]
    window.composer.edit.setPlainText("When are overtime claims due?")
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)

    # Right after sending: the prompt shows what the turn carried, as the composer's chips did.
    user, reply = window.transcript.items
    assert reply.status == "complete" and docs.bar.chips == []
    assert all(isinstance(a, AttachmentRef) for a in user.attachments)  # from the turn, not a reload
    assert [a.name for a in user.attachments] == ["<i>x.txt", "circular.docx"]
    shown = window.transcript.doc_for(user.id).toPlainText().replace("\u00a0", " ")
    for chip in composer_chips:
        assert chip in shown
    assert "circular.docx · 2 pages · about " in shown and "Overtime claims go" not in shown
    window.transcript.set_current(0)
    assert "Attached files: <i>x.txt · 1 page · about " in window.transcript.accessibleDescription()

    # Reopened from the history: the same chips, from the store (names and hashes, never the text).
    cid = window.conversation_id
    window.new_chat()
    assert window.transcript.items == []
    window.open_conversation(cid)
    qtbot.waitUntil(lambda: window.conversation_id == cid and len(window.transcript.items) == 2)
    reopened = window.transcript.items[0]
    assert all(isinstance(a, StoredAttachment) for a in reopened.attachments)
    assert [(a.name, a.sha256) for a in reopened.attachments] == [
        ("<i>x.txt", hashlib.sha256(notes.read_bytes()).hexdigest()),
        ("circular.docx", hashlib.sha256(circular.read_bytes()).hexdigest())]
    again = window.transcript.doc_for(reopened.id).toPlainText().replace("\u00a0", " ")
    for chip in composer_chips:
        assert chip in again
    assert window.transcript.doc_for(window.transcript.items[1].id).toPlainText().count("Attached files") == 0
    window.transcript.set_current(0)
    assert "circular.docx · 2 pages" in window.transcript.accessibleDescription()
