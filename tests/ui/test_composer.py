"""The composer's icon buttons: Attach / Send / Stop are icon-only, named and described in the three
languages, reachable by keyboard with a visible focus ring, on the 8 px grid; Attach asks through
``attach_requested`` and shows only while documents are allowed (policy ``documents.enabled``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage
from PySide6.QtWidgets import QApplication, QToolButton

from app import i18n
from app.ui import theme
from app.ui.composer import Composer
from app.ui.theme import SPACING

pytestmark = pytest.mark.ui

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.switch_language("en")


@pytest.fixture
def light() -> Iterator[None]:
    theme.apply_theme("light")
    yield
    theme.apply_theme("system")


def _composer(qtbot: Any) -> Composer:
    c = Composer()
    qtbot.addWidget(c)
    c.resize(700, 140)
    c.set_attach_available(True)
    c.set_can_send(True)
    c.show()
    qtbot.waitExposed(c)
    return c


def _buttons(c: Composer) -> list[QToolButton]:
    return [c.attach_button, c.send_button, c.stop_button]


@pytest.mark.parametrize("language", ["en", "zh_HK", "zh_CN"])
def test_icon_buttons_are_named_described_and_tipped(qtbot: Any, language: str) -> None:
    i18n.switch_language(language)
    c = _composer(qtbot)
    for b in _buttons(c):
        assert isinstance(b, QToolButton) and b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        assert not b.icon().isNull() and b.focusPolicy() != Qt.FocusPolicy.NoFocus
        name, description, tip = b.accessibleName(), b.accessibleDescription(), b.toolTip()
        assert name and description and tip, b.objectName()
        if language != "en":
            assert CJK.search(name) and CJK.search(description) and CJK.search(tip), (language, name, tip)
    assert "Ctrl+Enter" in c.send_button.toolTip() and "Esc" in c.stop_button.toolTip()


def test_icons_show_instead_of_text(qtbot: Any) -> None:
    """Icon only: the button is about as wide as its icon, not as wide as its name."""
    c = _composer(qtbot)
    for b in _buttons(c):
        hint = b.sizeHint()
        assert hint.width() < b.iconSize().width() + 4 * SPACING, (b.objectName(), hint)
        assert b.iconSize().width() >= 20


def test_attach_button_asks_by_click_and_by_keyboard(qtbot: Any) -> None:
    c = _composer(qtbot)
    asked: list[bool] = []
    c.attach_requested.connect(lambda: asked.append(True))
    qtbot.mouseClick(c.attach_button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    c.attach_button.setFocus()
    qtbot.keyClick(c.attach_button, Qt.Key.Key_Space)
    assert asked == [True, True]


def test_attach_shows_only_when_available(qtbot: Any) -> None:
    c = _composer(qtbot)
    assert c.attach_button.isVisibleTo(c)
    c.set_attach_available(False)
    assert not c.attach_button.isVisibleTo(c)
    fresh = Composer()
    qtbot.addWidget(fresh)
    assert not fresh.attach_button.isVisibleTo(fresh), "hidden until someone says attachments are allowed"


@pytest.mark.parametrize("enabled", [True, False])
def test_the_window_follows_the_documents_policy(make_window: Any, make_settings: Any, enabled: bool) -> None:
    window = make_window(make_settings(policy={"documents.enabled": enabled}))
    window.stack.setCurrentWidget(window.chat_page)
    assert window.composer.attach_button.isVisibleTo(window) is enabled


def test_ctrl_enter_sends_and_escape_stops(qtbot: Any) -> None:
    c = _composer(qtbot)
    sent: list[str] = []
    stops: list[bool] = []
    c.sendRequested.connect(sent.append)
    c.stopRequested.connect(lambda: stops.append(True))
    qtbot.keyClicks(c.edit, "hello")
    qtbot.keyClick(c.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sent == ["hello"]
    c.set_generating(True)
    assert c.stop_button.isVisibleTo(c) and not c.send_button.isVisibleTo(c)
    qtbot.keyClick(c.edit, Qt.Key.Key_Escape)
    qtbot.mouseClick(c.stop_button, Qt.MouseButton.LeftButton)
    assert stops == [True, True]


def test_buttons_sit_on_the_8px_grid(qtbot: Any) -> None:
    c = _composer(qtbot)
    attach, send = c.attach_button.geometry(), c.send_button.geometry()
    assert send.left() - attach.right() - 1 == SPACING
    assert c.edit.geometry().right() + 1 + SPACING <= attach.left()
    assert attach.bottom() == send.bottom()  # bottom-aligned with each other
    c.set_generating(True)
    qtbot.waitUntil(lambda: c.stop_button.isVisible())
    assert c.stop_button.geometry().left() - c.attach_button.geometry().right() - 1 == SPACING


def _count(image: QImage, colour: QColor) -> int:
    n = 0
    for y in range(image.height()):
        for x in range(image.width()):
            p = image.pixelColor(x, y)
            if abs(p.red() - colour.red()) + abs(p.green() - colour.green()) + abs(p.blue() - colour.blue()) < 40:
                n += 1
    return n


def test_focus_ring_is_visible_on_each_icon_button(qtbot: Any, light: None) -> None:
    c = _composer(qtbot)
    c.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is c)
    rings = {"attach": QColor(theme.LIGHT.accent), "send": QColor(theme.LIGHT.ink)}
    for b in (c.attach_button, c.send_button):
        c.edit.setFocus()
        qtbot.waitUntil(lambda b=b: not b.hasFocus())
        before = _count(b.grab().toImage(), rings[b.objectName()])
        b.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(b.hasFocus)
        after = _count(b.grab().toImage(), rings[b.objectName()])
        assert after > before + 10, f"{b.objectName()}: no focus ring ({before} -> {after})"


def test_send_icon_is_drawn_on_the_accent_and_greys_when_disabled(qtbot: Any, light: None) -> None:
    c = _composer(qtbot)
    on_accent = QColor(theme.LIGHT.on_accent)
    icon = c.send_button.icon()
    enabled = icon.pixmap(QSize(20, 20), 1.0, QIcon.Mode.Normal).toImage()
    disabled = icon.pixmap(QSize(20, 20), 1.0, QIcon.Mode.Disabled).toImage()
    assert _count(enabled, on_accent) > 10
    assert _count(disabled, QColor(theme.LIGHT.muted)) > 10 and _count(disabled, on_accent) == 0
