"""Keyboard only: ONE flow, each step a key event sent to whatever has the focus (as a keyboard
would): new chat → type → send → stop → to the reply → expand Thinking → copy the reply →
regenerate → switch version ‹n/m› → search the history → open a hit → settings, find a setting,
change it, OK. The Tab order is the reading order, and the focus is visible (the style sheet's
accent ring) at every step and on every kind of control."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget
from ui.helpers import wait_idle

from app.ui import theme
from app.ui.message_html import MessageItem
from app.ui.tasks import DIAGNOSTIC_REF
from engine.diagnostic import Script

pytestmark = pytest.mark.ui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LONG = Script(reasoning="Let me think about the budget. " + " ".join(f"step{i}" for i in range(300)),
              answer=" ".join(f"point{i}" for i in range(1500)))
#: The Tab order up to the conversation and the current message's actions (the composer area after
#: them is checked by geometry: reading order, whatever controls it holds).
HEAD = ["newChat", "search", "conversations", "modelPicker", "transcript"]
ACTIONS = ["message_thinking", "message_copy", "message_regenerate", "message_previous", "message_next",
           "message_delete"]


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


def _owner(w: QWidget) -> QWidget:
    """The control a focused widget belongs to (a spin box's inner line edit → the spin box)."""
    parent = w.parentWidget()
    return parent if isinstance(parent, QAbstractSpinBox) else w


def assert_focus_visible(w: QWidget | None = None) -> None:
    """The focused control draws the accent focus ring (at least one ring pixel per row, on average)."""
    w = _owner(w or focused())
    count = _accent_pixels(w.grab().toImage(), QColor(theme.LIGHT.accent))
    assert count >= w.height(), f"{type(w).__name__}#{w.objectName()}: focus not visible ({count} ring pixels)"


def press(qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot: Any, target: QWidget, backwards: bool = False, limit: int = 30) -> list[str]:
    """Press Tab (Shift+Tab) until ``target`` has the focus; the object names passed on the way,
    each of which showed its focus."""
    passed = []
    for _ in range(limit):
        if focused() is target:
            return passed
        press(qtbot, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab, SHIFT if backwards else
              Qt.KeyboardModifier.NoModifier)
        passed.append(focused().objectName())
        assert_focus_visible()
    raise AssertionError(f"{target.objectName()} not reached by Tab: {passed}")


def _reading_order(rects: list[tuple[str, QRect]]) -> list[str]:
    """Pairs in the wrong reading order: ``b`` wholly above ``a``, or beside it to the left."""
    wrong = []
    for (na, a), (nb, b) in itertools.pairwise(rects):
        if b.bottom() < a.top() or (b.top() <= a.bottom() and a.top() <= b.bottom() and b.right() < a.left()):
            wrong.append(f"{na} → {nb}")
    return wrong


def check_tab_order(qtbot: Any, window: Any) -> None:
    """One full Tab cycle: the sidebar, the picker, the conversation, the message actions in the
    bar's order, then the composer area in reading order, and back to the start."""
    window.sidebar.new_button.setFocus(Qt.FocusReason.TabFocusReason)
    cycle = [focused()]
    for _ in range(40):
        press(qtbot, Qt.Key.Key_Tab)
        assert_focus_visible()
        if focused() is cycle[0]:
            break
        cycle.append(focused())
    names = [w.objectName() for w in cycle]
    assert names[:len(HEAD)] == HEAD, names
    actions = [n for n in names if n.startswith("message_")]
    assert actions == [n for n in ACTIONS if n in actions] and len(actions) >= 4, names
    start = len(HEAD) + len(actions)
    assert names[len(HEAD):start] == actions, "the message actions follow the conversation"
    composer = [(w.objectName(), QRect(w.mapTo(window, w.rect().topLeft()), w.size())) for w in cycle[start:]]
    assert "prompt" in names[start:] and "send" in names[start:], names
    assert _reading_order(composer) == [], names
    # Shift+Tab walks the same cycle backwards.
    back = [focused()]
    for _ in range(len(cycle) - 1):
        press(qtbot, Qt.Key.Key_Backtab, SHIFT)
        back.append(focused())
    assert [w.objectName() for w in back] == [names[0], *reversed(names[1:])]


def test_the_whole_flow_by_keyboard(make_window: Any, make_settings: Any, long_model: Path, qtbot: Any,
                                    light: None) -> None:
    settings = make_settings()
    window = make_window(settings, diagnostic=long_model)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.load_model(DIAGNOSTIC_REF)  # set-up: the model the flow talks to
    qtbot.waitUntil(lambda: window.model is not None and not window.loading, timeout=120_000)
    window.sidebar.search.setFocus()  # start somewhere other than the composer

    press(qtbot, Qt.Key.Key_N, CTRL)  # new chat: the composer takes the focus
    assert focused() is window.composer.edit and window.conversation_id is None
    assert_focus_visible()
    qtbot.keyClicks(focused(), "Tell me about the budget")
    press(qtbot, Qt.Key.Key_Return, CTRL)  # Ctrl+Enter sends (so does Enter)
    qtbot.waitUntil(lambda: window.generating, timeout=10_000)
    qtbot.waitUntil(lambda: len(window.transcript.items) == 2 and bool(window.transcript.items[1].reasoning),
                    timeout=60_000)
    press(qtbot, Qt.Key.Key_Escape)  # stop
    wait_idle(qtbot, window)
    reply = window.transcript.items[1]
    first_version = reply.id
    assert reply.status == "cancelled" and len(reply.content) < len(LONG.content)
    assert window.composer.text() == ""
    assert focused() is window.composer.edit

    # Back to the conversation (Shift+Tab), pick the reply (End), into its actions (Tab).
    tab_to(qtbot, window.transcript, backwards=True)
    press(qtbot, Qt.Key.Key_End)
    assert window.transcript.current_item() is window.transcript.items[1]
    bar = window.transcript.actions_bar
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is bar.buttons["thinking"]
    assert_focus_visible()
    was_open = window.transcript.items[1].thinking_open
    press(qtbot, Qt.Key.Key_Space)  # expand Thinking
    assert window.transcript.items[1].thinking_open is not was_open and bar.buttons["thinking"].isChecked()

    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is bar.buttons["copy"]
    QGuiApplication.clipboard().clear()
    press(qtbot, Qt.Key.Key_Space)  # copy the reply
    assert QGuiApplication.clipboard().text() == reply.content

    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is bar.buttons["regenerate"]
    assert_focus_visible()
    press(qtbot, Qt.Key.Key_Space)  # regenerate
    qtbot.waitUntil(lambda: window.generating, timeout=10_000)
    qtbot.waitUntil(lambda: window.transcript.items[-1].sibling_count == 2
                    and bool(window.transcript.items[-1].reasoning), timeout=60_000)
    press(qtbot, Qt.Key.Key_Escape)  # stop this one too
    wait_idle(qtbot, window)
    latest = window.transcript.items[-1]
    assert (latest.sibling_index, latest.sibling_count) == (1, 2)
    assert bar.version.text() == "2/2" and bar.isVisible()
    assert focused().isVisible() and focused().isEnabled(), "the focus stayed on a usable control"

    # Switch to the first version: ‹ (previous) in the same bar.
    previous = bar.buttons["previous"]
    tab_to(qtbot, previous, backwards=focused() not in (window.transcript, bar.buttons["thinking"],
                                                          bar.buttons["copy"]))
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.transcript.items[-1].sibling_index == 0 and bar.version.text() == "1/2",
                    timeout=10_000)
    assert window.transcript.items[-1].id == first_version
    assert window.transcript.hasFocus(), "the keyboard stays on the conversation (‹ is disabled at 1/2)"
    assert_focus_visible()

    check_tab_order(qtbot, window)

    press(qtbot, Qt.Key.Key_F, CTRL)  # search the history
    assert focused() is window.sidebar.search
    assert_focus_visible()
    qtbot.keyClicks(focused(), "budget")
    qtbot.waitUntil(lambda: window.sidebar.model.search_mode and len(window.sidebar.model.rows) > 0,
                    timeout=10_000)
    press(qtbot, Qt.Key.Key_Down)  # into the results
    assert focused() is window.sidebar.list
    assert_focus_visible()
    press(qtbot, Qt.Key.Key_N, CTRL)  # a new chat, then find the conversation again
    assert window.conversation_id is None
    press(qtbot, Qt.Key.Key_F, CTRL)
    press(qtbot, Qt.Key.Key_Return)  # Enter opens the first hit
    qtbot.waitUntil(lambda: window.conversation_id is not None and len(window.transcript.items) == 2)

    press(qtbot, Qt.Key.Key_Comma, CTRL)  # settings
    qtbot.waitUntil(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible())
    dialog = window.settings_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    editor = dialog.editors["ui.font_size"]
    before = int(settings.get("ui.font_size"))
    tab_to(qtbot, dialog.filter)
    qtbot.keyClicks(focused(), "Font size")  # find the setting by name
    qtbot.waitUntil(lambda: not editor.isHidden() and editor.isVisibleTo(dialog))
    tab_to(qtbot, editor)
    press(qtbot, Qt.Key.Key_Up)  # one point larger
    assert editor.value() == before + 1
    press(qtbot, Qt.Key.Key_Return)  # OK
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert int(settings.get("ui.font_size")) == before + 1
    assert window.font_points == before + 1


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
