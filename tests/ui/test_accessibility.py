"""Accessibility: every focusable control of the main window (welcome page, chat page with its
message action bar) and of the settings dialog has an accessible name in English, HK Traditional
and Simplified Chinese; the Thinking and Copy code toggles are real focusable buttons; a finished
reply is announced once (not per token) and errors are announced.

What a screen reader sees over the real at-spi2 bus (the tree and the announcements, on Xvfb) is
checked by tests/ui/test_atspi_walk.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget
from ui.helpers import show_sample_chat, wait_idle

from app import i18n
from app.ui import announce

pytestmark = pytest.mark.ui

CJK = re.compile(r"[\u3400-\u9fff]")
# Names that are the same in every language: symbols, proper names and technical terms.
UNTRANSLATED = {"‹", "›", "Bauhinia", "Top-p", "Top-k", "Min-p"}  # sampling terms are not translated


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.switch_language("en")


def _internal(w: QWidget) -> bool:
    """Qt's own parts of a composite control (a combo box's popup list, a spin box's line edit):
    the screen reader reaches them through the owner, which carries the name."""
    if w.objectName().startswith("qt_"):
        return True
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox)) or parent.inherits("QComboBoxPrivateContainer"):
            return True
        parent = parent.parentWidget()
    return False


def focusable(root: QWidget) -> list[QWidget]:
    return [w for w in [root, *root.findChildren(QWidget)]
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus and not _internal(w)]


def describe(w: QWidget) -> str:
    return f"{type(w).__name__}#{w.objectName()}"


def unnamed(root: QWidget) -> list[str]:
    return [describe(w) for w in focusable(root) if not w.accessibleName().strip()]


def untranslated(root: QWidget) -> list[str]:
    return [f"{describe(w)}={w.accessibleName()!r}" for w in focusable(root)
            if w.accessibleName().strip() and w.accessibleName() not in UNTRANSLATED
            and not CJK.search(w.accessibleName())]


@pytest.mark.parametrize("language", ["en", "zh_HK", "zh_CN"])
def test_every_focusable_control_is_named(make_window: Any, qtbot: Any, language: str) -> None:
    i18n.switch_language(language)
    window = make_window()
    walked = []
    for page in ("welcome", "chat"):
        if page == "chat":
            show_sample_chat(window)
        walked += focusable(window)
        assert unnamed(window) == [], f"{language} {page}"
        if language != "en":
            bad = untranslated(window)
            assert not bad, f"{language} {page}: {bad}"
    assert {"newChat", "prompt", "send", "modelPicker", "message_thinking", "message_copy_code"} <= {
        w.objectName() for w in walked}
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitUntil(lambda: dialog.isVisible())
    controls = focusable(dialog)
    assert len(controls) > 20
    assert unnamed(dialog) == [], language
    if language != "en":
        bad = untranslated(dialog)
        assert not bad, f"{language}: {bad}"
    dialog.reject()


def test_thinking_and_copy_code_are_focusable_buttons(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    show_sample_chat(window)
    bar = window.transcript.actions_bar
    thinking, copy_code = bar.buttons["thinking"], bar.buttons["copy_code"]
    for button in (thinking, copy_code):
        assert button.isVisibleTo(window) and button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert button.accessibleDescription()
    item = window.transcript.items[1]
    was_open = item.thinking_open
    thinking.setFocus()
    qtbot.keyClick(thinking, Qt.Key.Key_Space)
    assert item.thinking_open is not was_open
    assert bar.buttons["thinking"].isChecked() is item.thinking_open
    QGuiApplication.clipboard().clear()
    copy_code.setFocus()
    qtbot.keyClick(copy_code, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == "for i in range(3):\n    print(i)"
    # A message without reasoning or code offers neither.
    window.transcript.set_current(0)
    assert not bar.buttons["thinking"].isVisibleTo(window)
    assert not bar.buttons["copy_code"].isVisibleTo(window)


def test_a_finished_reply_is_announced_once_and_errors_are_announced(
        make_window: Any, make_settings: Any, scripted_model_path: Path, qtbot: Any) -> None:
    window = make_window(make_settings(), diagnostic=scripted_model_path)
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None and not window.loading, timeout=120_000)
    announce.announced.clear()
    deltas: list[str] = []
    window.engine.replyDelta.connect(lambda *a: deltas.append(a[0]))
    window.composer.edit.setPlainText("Hello")
    window.composer.submit()
    qtbot.waitUntil(lambda: window.generating, timeout=10_000)
    wait_idle(qtbot, window)
    reply = window.transcript.items[-1].content
    assert reply and len(deltas) > 1  # it streamed in several pieces ...
    said = [text for _, text in announce.announced]
    assert said == [f"Reply finished: {reply}"]  # ... and was announced once, complete
    window.show_notice("The model could not be loaded: disk full")
    assert announce.announced[-1] == ("assertive", "The model could not be loaded: disk full")
