"""Zoom, the other half: at 200 % no text control overlaps another, and none is cut off by the
window's edge or its container (widgets inside a scroll area may be scrolled out of view), in the
main window (welcome and chat pages) and the settings dialog, in English and Traditional Chinese.
Clipping of text inside a control is checked by tests/ui/test_theme_zoom.py; both work on the
widget geometry the screenshots are made of."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app import i18n
from app.ui import theme
from app.ui.message_html import MessageItem

pytestmark = pytest.mark.ui

DEFAULT = 11  # ui.font_size's default
TEXT = (QLabel, QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QPlainTextEdit)
SLACK = 2  # px: neighbouring frames may share their anti-aliased edge


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.switch_language("en")
    theme.apply_theme("system")


def _internal(w: QWidget, top: QWidget) -> bool:
    """Qt's own parts (a spin box's line edit, a line edit's clear button) and controls inside
    another text control: they are drawn as part of their owner."""
    if w.objectName().startswith("qt_"):
        return True
    parent = w.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, TEXT):
            return True
        parent = parent.parentWidget()
    return False


def placed(w: QWidget, top: QWidget) -> tuple[QRect, QRect, bool]:
    """(full rect, rect left visible by its ancestors, inside a scroll area) in ``top``'s coordinates."""
    full = QRect(w.mapTo(top, QPoint(0, 0)), w.size())
    shown = QRect(full)
    scrolled = False
    parent = w.parentWidget()
    while parent is not None and parent is not top:
        shown = shown.intersected(QRect(parent.mapTo(top, QPoint(0, 0)), parent.size()))
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent.objectName() == "qt_scrollarea_viewport":
            scrolled = True
        parent = parent.parentWidget()
    return full, shown.intersected(top.rect()), scrolled


def text_controls(top: QWidget) -> list[QWidget]:
    return [w for w in top.findChildren(QWidget) if isinstance(w, TEXT) and w.isVisibleTo(top)
            and w.width() > 0 and w.height() > 0 and not _internal(w, top)]


def describe(w: QWidget) -> str:
    text = getattr(w, "text", lambda: "")()
    return f"{type(w).__name__}#{w.objectName()} {str(text)[:24]!r}"


def problems(top: QWidget) -> list[str]:
    out = []
    controls = [(w, *placed(w, top)) for w in text_controls(top)]
    for w, full, shown, scrolled in controls:
        if not scrolled and shown != full:
            out.append(f"cut off: {describe(w)} {full.getRect()} shows {shown.getRect()}")
    for (a, _fa, ra, _sa), (b, _fb, rb, _sb) in itertools.combinations(controls, 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a):
            continue
        common = ra.intersected(rb)
        if common.width() > SLACK and common.height() > SLACK:
            out.append(f"overlap: {describe(a)} {ra.getRect()} and {describe(b)} {rb.getRect()}")
    return out


@pytest.mark.parametrize("language", ["en", "zh_HK"])
def test_200_percent_nothing_overlaps_or_is_cut_off(make_window: Any, make_settings: Any, qtbot: Any,
                                                   language: str) -> None:
    i18n.switch_language(language)
    theme.apply_theme("light")
    window = make_window(make_settings(user={"ui.font_size": DEFAULT * 2}))
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    assert window.font_points == DEFAULT * 2
    checked = 0
    for page in ("welcome", "chat"):
        if page == "chat":
            window.stack.setCurrentWidget(window.chat_page)
            window.transcript.set_items([
                MessageItem("u1", "user", "Hello"),
                MessageItem("a1", "assistant", "Hi", reasoning="Greeting.", parent_id="u1", sibling_count=2)])
            window.transcript.set_current(1)
            window.composer.set_can_send(True)
            window.show_notice("The reply could not be saved: disk full. It is kept on screen.")
            window.retry.show()
            window.status.set_model("Diagnostic model", "llama.cpp", "CPU", 4096)
            window.status.set_speed(42.0)
        qtbot.wait(50)  # layouts settle
        assert problems(window) == [], f"{language} {page}"
        checked += len(text_controls(window))
    assert checked >= 15, "the check saw the window's text controls"
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.resize(1000, 760)
    qtbot.wait(50)
    controls = text_controls(dialog)
    assert len(controls) > 40
    assert problems(dialog) == [], language
    dialog.reject()


def test_the_check_sees_an_overlap_and_a_cut(qtbot: Any) -> None:
    """The geometry check itself: two labels on top of each other, and one past the edge."""
    top = QWidget()
    qtbot.addWidget(top)
    top.resize(200, 100)
    first, second = QLabel("first", top), QLabel("second", top)
    first.setGeometry(10, 10, 80, 20)
    second.setGeometry(40, 15, 80, 20)
    edge = QLabel("edge", top)
    edge.setGeometry(180, 60, 60, 20)
    top.show()
    found = problems(top)
    assert any(p.startswith("overlap:") for p in found) and any(p.startswith("cut off:") for p in found), found
