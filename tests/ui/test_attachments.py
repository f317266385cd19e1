"""Attaching files in the window: the Attach action (and its shortcut), a drop of files onto the
composer, chips with pages and tokens, removal by keyboard, a bad file's one-line reason with the
typed text kept, the size limit, and policy turning documents off. Real files, read by the real
parsing process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from documents.hostile_docs import docx_bytes
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.documents import estimate_tokens

pytestmark = [pytest.mark.ui]

READ_TIMEOUT = 60_000  # the parsing process starts a fresh interpreter (seconds on a busy machine)


def _docx(tmp_path: Path) -> Path:
    path = tmp_path / "circular.docx"
    path.write_bytes(docx_bytes(["Overtime claims go to the finance section.", "Page two: sick leave rules."],
                                page_break_after=[0]))
    return path


def _chat_window(make_window: Any, settings: Any = None) -> Any:
    """A started window showing the conversation page (no model is needed to attach files)."""
    window = make_window(settings)
    window.stack.setCurrentWidget(window.chat_page)
    return window


def _chips(window: Any) -> list[Any]:
    return list(window.documents_ui.bar.chips)


def _wait_read(qtbot: Any, window: Any) -> None:
    qtbot.waitUntil(lambda: window.documents_ui.attachments.reading == 0, timeout=READ_TIMEOUT)


def _drop(widget: Any, paths: list[Path]) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(widget.rect().center(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(widget.rect().center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop


def test_attach_action_shows_chip_with_pages_and_tokens_and_removes_by_keyboard(
        make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    window = _chat_window(make_window)
    docs = window.documents_ui
    docx = _docx(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("Leave applications are made in writing. " * 20, encoding="utf-8")
    docs.attachments.choose_files = lambda: [str(docx), str(notes)]
    assert docs.attachments.action.shortcut().toString() == "Ctrl+Shift+A"
    assert docs.attachments.action.isEnabled()
    window.composer.edit.setPlainText("What do they say?")
    docs.attachments.action.trigger()
    assert "Reading circular.docx" in docs.bar.reading.text()  # while the files are read
    _wait_read(qtbot, window)
    assert [c.name for c in _chips(window)] == ["circular.docx", "notes.txt"]
    first, second = _chips(window)
    assert first.label.text() == f"circular.docx · 2 pages · about {first.tokens:,} tokens" and first.tokens > 0
    tokens = estimate_tokens(notes.read_text(encoding="utf-8").strip())
    assert second.label.text().startswith("notes.txt · 1 page · about ")
    assert abs(second.tokens - tokens) <= 2
    assert first.accessibleName() == "Attachment circular.docx" and "2 pages" in first.accessibleDescription()
    assert first.remove_button.accessibleName() == "Remove circular.docx"
    assert not docs.bar.reading.isVisible() and docs.bar.isVisible()
    assert window.composer.text() == "What do they say?"

    first.remove_button.setFocus()
    qtbot.keyClick(first.remove_button, Qt.Key.Key_Delete)
    assert [c.name for c in _chips(window)] == ["notes.txt"]
    assert [Path(p).name for p, _d in docs.attachments.documents()] == ["notes.txt"]
    assert _chips(window)[0].remove_button.hasFocus()  # focus stays in the row of chips
    qtbot.keyClick(_chips(window)[0].remove_button, Qt.Key.Key_Space)
    assert _chips(window) == [] and docs.attachments.documents() == []
    assert not docs.bar.isVisible()


def test_attach_button_of_the_composer_opens_the_picker(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    window = _chat_window(make_window)
    asked: list[bool] = []
    def choose() -> list[str]:
        asked.append(True)
        return []

    window.documents_ui.attachments.choose_files = choose
    assert window.composer.attach_button.isVisible()
    qtbot.mouseClick(window.composer.attach_button, Qt.MouseButton.LeftButton)
    assert asked == [True]


def test_dropping_files_on_the_composer_attaches_them(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    window = _chat_window(make_window)
    notes = tmp_path / "minutes.txt"
    notes.write_text("Minutes of the meeting.\fSecond page.", encoding="utf-8")
    window.composer.edit.setPlainText("draft")
    drop = _drop(window.composer.edit.viewport(), [notes])
    assert drop.isAccepted()
    _wait_read(qtbot, window)
    assert [c.name for c in _chips(window)] == ["minutes.txt"]
    assert "2 pages" in _chips(window)[0].label.text()
    assert window.composer.text() == "draft"  # the file's path was not pasted into the message


def test_a_bad_file_gives_its_reason_and_keeps_the_typed_text(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    window = _chat_window(make_window)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    fake = tmp_path / "letter.docx"
    fake.write_bytes(b"this is not a zip archive at all")
    window.composer.edit.setPlainText("Please summarise")
    window.documents_ui.attachments.attach([str(empty)])
    _wait_read(qtbot, window)
    assert window.notice.text() == "empty.txt was not attached: The file is empty."
    window.documents_ui.attachments.attach([str(fake)])
    _wait_read(qtbot, window)
    assert window.notice.text() == ("letter.docx was not attached: The file is damaged or is not the kind of "
                                    "file its name says.")
    assert _chips(window) == []
    assert window.composer.text() == "Please summarise"


def test_the_size_limit_of_the_policy_is_enforced(make_window: Any, make_settings: Any, qtbot: Any,
                                                  tmp_path: Path) -> None:
    window = _chat_window(make_window, make_settings(policy={"documents.max_file_mb": 1}))
    big = tmp_path / "big.txt"
    big.write_text("x" * (1024 * 1024 + 10), encoding="utf-8")
    window.documents_ui.attachments.attach([str(big)])
    _wait_read(qtbot, window)
    assert window.notice.text() == "big.txt was not attached: The file is larger than the 1 MB limit for documents."
    assert _chips(window) == []


def test_policy_off_hides_attaching_and_the_library(make_window: Any, make_settings: Any, qtbot: Any,
                                                    tmp_path: Path) -> None:
    window = _chat_window(make_window, make_settings(policy={"documents.enabled": False}))
    docs = window.documents_ui
    assert not docs.attachments.action.isEnabled() and not docs.attachments.action.isVisible()
    assert not docs.library.isVisible() and not docs.library.use_library()
    button = getattr(window.composer, "attach_button", None)
    assert button is None or not button.isVisible()
    opened: list[bool] = []
    def choose() -> list[str]:
        opened.append(True)
        return []

    docs.attachments.choose_files = choose
    docs.attachments.action.trigger()
    docs.attachments.pick_files()
    assert opened == []
    notes = tmp_path / "notes.txt"
    notes.write_text("text", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(notes))])
    viewport = window.composer.edit.viewport()
    drop = QDropEvent(QPointF(viewport.rect().center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, drop)
    assert docs.attachments.reading == 0 and _chips(window) == []


def test_library_toggle_is_kept_per_conversation(make_window: Any, qtbot: Any) -> None:
    window = _chat_window(make_window)
    store = window.store
    a = store.new_conversation("first")
    store.add_message(a.id, "user", "hello")
    b = store.new_conversation("second")
    store.add_message(b.id, "user", "hi")
    toggle = window.documents_ui.library
    assert toggle.accessibleName() == "Use my library" and toggle.accessibleDescription()
    window.open_conversation(a.id)
    qtbot.waitUntil(lambda: window.conversation_id == a.id)
    toggle.setChecked(True)
    window.open_conversation(b.id)
    qtbot.waitUntil(lambda: window.conversation_id == b.id and window.store_client.pending == 0)
    assert not toggle.isChecked()
    window.open_conversation(a.id)
    qtbot.waitUntil(lambda: window.conversation_id == a.id and window.store_client.pending == 0)
    assert toggle.isChecked() and toggle.use_library()
    assert store.use_library(a.id) and not store.use_library(b.id)  # kept in the history (schema v5)
    window.new_chat()
    assert not toggle.isChecked()


def test_tab_order_goes_through_chips_and_library_to_the_message(make_window: Any, qtbot: Any,
                                                                 tmp_path: Path) -> None:
    window = _chat_window(make_window)
    notes = tmp_path / "a.txt"
    notes.write_text("text", encoding="utf-8")
    window.documents_ui.attachments.attach([str(notes)])
    _wait_read(qtbot, window)
    order: list[Any] = []
    w = window.transcript.nextInFocusChain()
    while w is not window.composer.edit and len(order) < 50:
        if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            order.append(w)
        w = w.nextInFocusChain()
    # Where they are on screen: the task picker above them, then the chips, then the switch.
    assert order[-2:] == [_chips(window)[0].remove_button, window.documents_ui.library]
    assert window.presets.isAncestorOf(order[0]) or order[0] is window.presets


@pytest.mark.parametrize(("language", "words"), [
    ("zh_HK", ("使用我的文件庫", "2 頁", "移除 minutes.txt", "附加檔案", "來源", "第 1 頁", "正在讀取提示")),
    ("zh_CN", ("使用我的文档库", "2 页", "移除 minutes.txt", "附加文件", "来源", "第 1 页", "正在读取提示")),
])
def test_documents_controls_follow_the_interface_language(make_window: Any, qtbot: Any, tmp_path: Path,
                                                           language: str, words: tuple[str, ...]) -> None:
    from app import i18n
    from app.documents.retrieval import Source
    from app.ui.message_html import MessageItem
    from engine.events import PrefillProgress

    library, pages, remove, attach, sources, page, reading = words
    window = _chat_window(make_window)
    notes = tmp_path / "minutes.txt"
    notes.write_text("One.\fTwo.", encoding="utf-8")
    window.documents_ui.attachments.attach([str(notes)])
    _wait_read(qtbot, window)
    try:
        i18n.switch_language(language)
        docs = window.documents_ui
        qtbot.waitUntil(lambda: docs.library.text() == library)
        chip = _chips(window)[0]
        assert pages in chip.label.text() and chip.remove_button.accessibleName() == remove
        assert docs.attachments.action.text().startswith(attach)
        window.transcript.set_items([MessageItem("u1", "user", "q"), MessageItem(
            "a1", "assistant", "answer [1]", parent_id="u1", sources=(Source("minutes.txt", 1, "One."),))])
        shown = window.transcript.doc_for("a1").toPlainText()
        assert sources in shown and f"[1] minutes.txt, {page}" in shown
        window.transcript.set_current(1)
        assert window.transcript.actions_bar.buttons["sources"].accessibleName() == sources
        docs.prefill.update_progress(PrefillProgress(done_tokens=1, total_tokens=1000, elapsed_s=0.1, eta_s=None))
        assert docs.prefill.label.text().startswith(reading)
    finally:
        i18n.switch_language("en")


def test_sending_while_files_are_read_waits_and_keeps_the_text(make_window: Any, qtbot: Any,
                                                               tmp_path: Path) -> None:
    from app.chat import build_request

    window = _chat_window(make_window)
    notes = tmp_path / "notes.txt"
    notes.write_text("Some notes.", encoding="utf-8")
    window.composer.edit.setPlainText("What do the notes say?")
    window.documents_ui.attachments.attach([str(notes)])
    assert window.documents_ui.attachments.reading == 1  # the parsing process is still starting
    sent: list[Any] = []
    req = build_request(window.settings, "What do the notes say?", ui_language="en")
    window.documents_ui.send(req, sent.append)
    assert sent == []
    assert window.notice.text() == ("The attached files are still being read; send again when they are "
                                    "ready.")
    assert window.composer.text() == "What do the notes say?" and not window.generating
    _wait_read(qtbot, window)  # (a summary request would go to the engine's Summariser instead)
    window.documents_ui.send(req, sent.append)  # once read, the request goes with its documents
    qtbot.waitUntil(lambda: len(sent) == 1, timeout=30_000)
    context = sent[0].documents
    assert [s.text for s in context.sources] == ["Some notes."]
    assert [a.name for a in context.attachments] == ["notes.txt"]


def test_use_my_library_brings_library_passages_to_the_turn(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    from app.chat import build_request
    from app.documents.index import Indexer
    from app.documents.library import Library
    from app.documents.model import ExtractLimits

    window = _chat_window(make_window)
    folder = tmp_path / "circulars"
    folder.mkdir()
    (folder / "leave.txt").write_text("Annual leave must be applied for two weeks ahead.", encoding="utf-8")
    (folder / "uniform.txt").write_text("Uniforms are issued every spring.", encoding="utf-8")
    Indexer(Library(window.store), ExtractLimits()).add([folder])
    sent: list[Any] = []
    req = build_request(window.settings, "When is annual leave applied for?", ui_language="en")
    window.documents_ui.send(req, sent.append)
    assert sent == [req] and sent[0].documents is None  # off: the question alone
    window.documents_ui.library.setChecked(True)
    window.documents_ui.send(req, sent.append)
    qtbot.waitUntil(lambda: len(sent) == 2, timeout=30_000)
    context = sent[1].documents
    assert context.sources and Path(context.sources[0].file).name == "leave.txt"
    assert "Annual leave" in context.block
