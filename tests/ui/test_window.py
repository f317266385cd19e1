"""The window without a model: welcome page, settings with a locked value, accessibility,
sidebar (search, rename, pin, archive, delete with undo, lazy loading), and restart."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from ui.helpers import screenshot, wait_idle

from app.history_recorder import open_history

pytestmark = pytest.mark.ui

INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def unnamed_interactive(root: QWidget) -> list[str]:
    """Every interactive widget under ``root`` lacking an accessible name (Qt's own internals of
    combo boxes, spin boxes and scroll bars excluded: they take the owner's name)."""
    from app.ui.transcript import TranscriptView

    missing = []
    for w in [root, *root.findChildren(QWidget)]:
        if not isinstance(w, (*INTERACTIVE, TranscriptView)):
            continue
        parent = w.parentWidget()
        internal = False
        while parent is not None:
            if isinstance(parent, (QComboBox, QAbstractSpinBox)) or parent.inherits("QComboBoxPrivateContainer"):
                internal = True
                break
            parent = parent.parentWidget()
        if internal or w.objectName().startswith("qt_"):
            continue
        if not w.accessibleName().strip():
            missing.append(f"{type(w).__name__}#{w.objectName()}")
    return missing


def test_first_run_shows_the_welcome_page(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.diagnostic_button.isVisible()
    assert window.welcome.import_button.isVisible()
    assert "report" in window.welcome.diagnostic_note.text()
    assert window.picker.findData("diagnostic:") > 0
    assert not window.composer.send_button.isEnabled()
    screenshot(window, "welcome-en")


def test_import_button_hidden_when_policy_forbids(make_window: Any, make_settings: Any) -> None:
    window = make_window(make_settings(policy={"models.user_import_allowed": False}))
    assert not window.welcome.import_button.isVisible()
    assert window.welcome.import_refused.isVisible()
    assert not window.act_import.isEnabled()


def test_every_interactive_widget_has_an_accessible_name(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    assert unnamed_interactive(window) == []
    window.stack.setCurrentWidget(window.chat_page)
    window.transcript.set_items([])
    assert unnamed_interactive(window) == []
    window.open_settings()
    qtbot.waitUntil(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible())
    assert unnamed_interactive(window.settings_dialog) == []
    window.settings_dialog.reject()
    window.open_about()
    assert unnamed_interactive(window.about_dialog) == []
    assert "LGPL-3.0" in window.about_dialog.text.text() and "llama" in window.about_dialog.text.text()


def test_settings_dialog_greys_locked_values(make_window: Any, make_settings: Any, qtbot: Any) -> None:
    settings = make_settings(policy={"sampling.temperature": 0.2})
    window = make_window(settings)
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    temp = dialog.editors["sampling.temperature"]
    assert not temp.isEnabled() and temp.value() == pytest.approx(0.2)
    assert "Managed by your organisation" in dialog.notes["sampling.temperature"].text()
    assert not dialog.editors["history.encryption"].isEnabled()  # admin-only
    assert "restart" in dialog.notes["model.context_length"].text()
    dialog.editors["sampling.temperature"].scroll(0, 0)
    dialog.findChild(QWidget, "settingsScroll").ensureWidgetVisible(temp)
    screenshot(dialog, "settings-locked-en")
    # Change an editable value and a restart-only one; OK writes them to the user's file.
    dialog.editors["ui.font_size"].setValue(14)
    dialog.editors["backend.threads"].setValue(3)
    assert dialog.apply()
    assert dialog.changed_keys == ["ui.font_size", "backend.threads"]
    assert dialog.restart_keys == ["backend.threads"]
    assert settings.get("ui.font_size") == 14 and settings.get("sampling.temperature") == 0.2
    dialog.reject()


def test_font_size_keys(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    before = window.transcript.font().pointSize()
    window.act_bigger.trigger()
    assert window.transcript.font().pointSize() == before + 1
    assert window.settings.get("ui.font_size") == before + 1
    window.act_smaller.trigger()
    window.act_smaller.trigger()
    assert window.composer.edit.font().pointSize() == before - 1
    window.act_reset_font.trigger()
    assert window.transcript.font().pointSize() == 11


def _fill(settings: Any, paths: Any, n: int, messages: int = 2) -> list[str]:
    store = open_history(settings, paths)
    ids = []
    try:
        for i in range(n):
            conv = store.new_conversation(f"Conversation {i}")
            for k in range(messages):
                store.add_message(conv.id, "user" if k % 2 == 0 else "assistant",
                                  f"香港政策 message {k} of {i}")
            ids.append(conv.id)
    finally:
        store.close()
    return ids


def test_sidebar_pages_searches_and_manages(make_window: Any, make_settings: Any, paths: Any, qtbot: Any) -> None:
    settings = make_settings()
    ids = _fill(settings, paths, 60)
    window = make_window(settings)
    model = window.sidebar.model
    qtbot.waitUntil(lambda: len(model.records) == 50)  # first page only
    assert model.rows[0].kind == "header" and model.rows[0].text == "Today"
    model.fetchMore(window.sidebar.list.rootIndex())
    qtbot.waitUntil(lambda: len(model.records) == 60 and model.exhausted)
    # Search with highlighted hits.
    window.sidebar.search.setText("政策")  # QTest cannot type CJK keys
    qtbot.waitUntil(lambda: model.search_mode and len(model.rows) > 0, timeout=10_000)
    assert all("<b><u>政策</u></b>" in r.html for r in model.rows)
    screenshot(window, "search-en")
    window.sidebar.search.clear()
    assert not model.search_mode
    # Rename, pin (pinned goes on top), archive.
    window.sidebar.rename(ids[0], "Budget notes")
    window.sidebar.set_pinned(ids[0], True)
    wait_idle(qtbot, window)
    assert model.rows[0].text == "Pinned" and model.rows[1].conversation_id == ids[0]
    assert model.record(ids[0]).title == "Budget notes"
    window.sidebar.archive(ids[1])
    wait_idle(qtbot, window)
    assert model.record(ids[1]) is None
    # Delete with undo, then delete for real.
    window.sidebar.delete(ids[2])
    assert model.row_of(ids[2]) == -1 and window.sidebar.undo_bar.isVisibleTo(window)
    qtbot.mouseClick(window.sidebar.undo_button, Qt.MouseButton.LeftButton)
    assert model.row_of(ids[2]) >= 0
    window.sidebar.delete(ids[2])
    window.sidebar.commit_delete()
    wait_idle(qtbot, window)
    assert model.record(ids[2]) is None
    assert window.store.search("message 0 of 2 ", limit=5) == [] or all(
        h.conversation_id != ids[2] for h in window.store.search("香港政策", limit=100))


def test_long_conversation_loads_older_pages_on_scroll(make_window: Any, make_settings: Any, paths: Any,
                                                       qtbot: Any) -> None:
    settings = make_settings()
    (cid,) = _fill(settings, paths, 1, messages=230)
    window = make_window(settings)
    window.stack.setCurrentWidget(window.chat_page)
    window.open_conversation(cid)
    qtbot.waitUntil(lambda: len(window.transcript.items) == 200)
    assert window.transcript.items[-1].content == "香港政策 message 229 of 0"
    window.transcript.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: len(window.transcript.items) == 230)
    assert window.transcript.items[0].content == "香港政策 message 0 of 0"
    assert not window.transcript.has_older


def test_restart_restores_geometry_and_conversation(make_window: Any, make_settings: Any, paths: Any,
                                                    qtbot: Any) -> None:
    settings = make_settings()
    ids = _fill(settings, paths, 3)
    window = make_window(settings)
    window.stack.setCurrentWidget(window.chat_page)
    window.resize(700, 520)
    window.open_conversation(ids[1])
    qtbot.waitUntil(lambda: window.conversation_id == ids[1])
    window.close()
    again = make_window(settings)
    qtbot.waitUntil(lambda: again.conversation_id == ids[1] and len(again.transcript.items) == 2)
    assert (again.width(), again.height()) == (700, 520)


def test_delete_a_message_version(make_window: Any, make_settings: Any, paths: Any, qtbot: Any) -> None:
    settings = make_settings()
    store = open_history(settings, paths)
    try:
        conv = store.new_conversation("branches")
        prompt = store.add_message(conv.id, "user", "question")
        first = store.add_message(conv.id, "assistant", "answer one")
        second = store.add_message(conv.id, "assistant", "answer two", parent_id=prompt.id)
        store.add_message(conv.id, "user", "follow-up")
    finally:
        store.close()
    window = make_window(settings)
    window.stack.setCurrentWidget(window.chat_page)
    window.open_conversation(conv.id)
    qtbot.waitUntil(lambda: len(window.transcript.items) == 3)
    assert window.transcript.items[1].id == second.id and window.transcript.items[1].sibling_count == 2
    asked: list[str] = []
    window.ask_confirm = lambda title, text: (asked.append(text), True)[1]
    window.transcript.set_current(1)
    qtbot.mouseClick(window.transcript.actions_bar.buttons["delete"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [i.id for i in window.transcript.items] == [prompt.id, first.id])
    assert asked and window.transcript.items[1].sibling_count == 1
    assert [m.id for m in window.store.all_messages(conv.id)] == [prompt.id, first.id]
