"""Keyboard only: new chat → type → send → stop → search the history → open a hit → settings, each
step a key event sent to whatever has the focus (as a keyboard would); and the focus is visible
(the style sheet's accent ring) on every kind of control."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget
from ui.helpers import wait_idle

from app.ui import theme
from app.ui.message_html import MessageItem
from app.ui.tasks import DIAGNOSTIC_REF
from engine.diagnostic import Script

pytestmark = pytest.mark.ui

CTRL = Qt.KeyboardModifier.ControlModifier
LONG = Script(reasoning="Let me think about the budget. " + " ".join(f"step{i}" for i in range(300)),
              answer=" ".join(f"point{i}" for i in range(1500)))


@pytest.fixture(scope="module")
def long_model(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=LONG))


@pytest.fixture
def light(qapp: Any) -> Iterator[None]:
    theme.apply_theme("light")
    yield
    theme.apply_theme("system")


def focused() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None, "something has the keyboard focus"
    return w


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def test_the_whole_flow_by_keyboard(make_window: Any, make_settings: Any, long_model: Path, qtbot: Any,
                                    light: None) -> None:
    window = make_window(make_settings(), diagnostic=long_model)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.load_model(DIAGNOSTIC_REF)  # set-up: the model the flow talks to
    qtbot.waitUntil(lambda: window.model is not None and not window.loading, timeout=120_000)
    window.sidebar.search.setFocus()  # start somewhere other than the composer

    press(qtbot, Qt.Key.Key_N, CTRL)  # new chat: the composer takes the focus
    assert focused() is window.composer.edit and window.conversation_id is None
    qtbot.keyClicks(focused(), "Tell me about the budget")
    press(qtbot, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter sends (so does Enter)
    qtbot.waitUntil(lambda: window.generating, timeout=10_000)
    qtbot.waitUntil(lambda: len(window.transcript.items) == 2 and bool(window.transcript.items[1].reasoning),
                    timeout=60_000)
    press(qtbot, Qt.Key.Key_Escape)  # stop
    wait_idle(qtbot, window)
    reply = window.transcript.items[1]
    assert reply.status == "cancelled" and len(reply.content) < len(LONG.content)
    assert window.composer.text() == ""

    press(qtbot, Qt.Key.Key_F, CTRL)  # search the history
    assert focused() is window.sidebar.search
    qtbot.keyClicks(focused(), "budget")
    qtbot.waitUntil(lambda: window.sidebar.model.search_mode and len(window.sidebar.model.rows) > 0,
                    timeout=10_000)
    press(qtbot, Qt.Key.Key_Down)  # into the results
    assert focused() is window.sidebar.list
    window.new_chat()
    assert window.conversation_id is None
    press(qtbot, Qt.Key.Key_F, CTRL)
    press(qtbot, Qt.Key.Key_Return)  # Enter opens the first hit
    qtbot.waitUntil(lambda: window.conversation_id is not None and len(window.transcript.items) == 2)

    press(qtbot, Qt.Key.Key_Comma, CTRL)  # settings
    qtbot.waitUntil(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible())
    dialog = window.settings_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press(qtbot, Qt.Key.Key_Escape)  # closes it again
    qtbot.waitUntil(lambda: not dialog.isVisible())


def _accent_pixels(image: QImage, accent: QColor) -> int:
    count = 0
    for y in range(image.height()):
        for x in (*range(0, min(4, image.width())), *range(max(0, image.width() - 4), image.width())):
            c = image.pixelColor(x, y)
            if abs(c.red() - accent.red()) + abs(c.green() - accent.green()) + abs(c.blue() - accent.blue()) < 40:
                count += 1
    return count


def test_focus_is_visible_on_every_kind_of_control(make_window: Any, qtbot: Any, light: None) -> None:
    window = make_window()
    window.stack.setCurrentWidget(window.chat_page)
    window.transcript.set_items([MessageItem("u1", "user", "Hello")])
    window.transcript.set_current(0)
    window.composer.set_can_send(True)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    accent = QColor(theme.LIGHT.accent)
    controls = [window.sidebar.new_button, window.sidebar.search, window.sidebar.list, window.picker,
                window.transcript, window.composer.edit, window.transcript.actions_bar.buttons["copy"]]
    for control in controls:
        window.composer.send_button.setFocus()
        qtbot.waitUntil(lambda c=control: not c.hasFocus())
        before = _accent_pixels(control.grab().toImage(), accent)
        control.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(control.hasFocus)
        after = _accent_pixels(control.grab().toImage(), accent)
        assert after > before + 10, f"{type(control).__name__}#{control.objectName()}: no focus ring"
