"""Zoom: with ``ui.font_size`` at 200 % the whole window's text grows and no visible label, button
or box is smaller than the text it holds (its size hint), in English and Chinese; and no text
control overlaps another or is cut off by the window or its container (widgets inside a scroll
area may be scrolled out of view), in the main window (welcome and chat pages) and the settings
dialog — all on the widget geometry the screenshots are made of."""

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
    QApplication,
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


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.switch_language("en")
    theme.apply_theme("system")


def clipped(root: QWidget) -> list[str]:
    """Visible text widgets whose geometry is smaller than their text needs."""
    out = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, (QLabel, QAbstractButton, QComboBox, QLineEdit)) or not w.isVisibleTo(root):
            continue
        if w.objectName().startswith("qt_") or w.width() == 0:
            continue
        need = w.minimumSizeHint() if isinstance(w, (QComboBox, QLineEdit)) else w.sizeHint()
        if isinstance(w, QLabel) and w.wordWrap():
            if w.height() < w.heightForWidth(w.width()) - 1:
                out.append(f"{type(w).__name__}#{w.objectName()} {w.text()[:30]!r}: height {w.height()} "
                           f"< {w.heightForWidth(w.width())}")
            continue
        if w.width() < need.width() - 1 or w.height() < need.height() - 1:
            text = w.text() if hasattr(w, "text") else ""
            out.append(f"{type(w).__name__}#{w.objectName()} {str(text)[:30]!r}: {w.width()}x{w.height()} "
                       f"< {need.width()}x{need.height()}")
    return out


def _chat_page(window: Any) -> None:
    """The chat page with everything that shows text: messages, action bar, notice, status."""
    window.stack.setCurrentWidget(window.chat_page)
    window.transcript.set_items([MessageItem("u1", "user", "Hello"),
                                 MessageItem("a1", "assistant", "Hi", reasoning="Greeting.", parent_id="u1",
                                             sibling_count=2)])
    window.transcript.set_current(1)
    window.composer.set_can_send(True)
    window.show_notice("The reply could not be saved: disk full. It is kept on screen.")
    window.retry.show()
    window.status.set_model("Diagnostic model", "llama.cpp", "CPU", 4096)
    window.status.set_speed(42.0)


@pytest.mark.parametrize(("language", "styled"), [("en", False), ("en", True), ("zh_HK", True)])
def test_200_percent_text_is_not_clipped(make_window: Any, make_settings: Any, qtbot: Any, language: str,
                                         styled: bool) -> None:
    """``styled``: with the theme's style sheet applied (as the application runs), where a parent's
    font no longer reaches the styled children."""
    i18n.switch_language(language)
    theme.apply_theme("dark" if styled else "system")
    if not styled:
        qapp = QApplication.instance()
        assert isinstance(qapp, QApplication)
        qapp.setStyleSheet("")
    window = make_window(make_settings(user={"ui.font_size": DEFAULT * 2}))
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    assert window.font_points == DEFAULT * 2
    big = window.sidebar.new_button.font().pointSizeF()
    window.change_font_size(0)
    qtbot.wait(20)
    normal = window.sidebar.new_button.font().pointSizeF()
    assert big == pytest.approx(normal * 2, rel=0.05), "the buttons zoom with the text"
    window.change_font_size(DEFAULT)  # back to 200 %
    assert window.font_points == DEFAULT * 2
    for page in ("welcome", "chat"):
        if page == "chat":
            _chat_page(window)
        qtbot.wait(50)  # layouts settle
        assert clipped(window) == [], f"{language} {page}"
    actions = window.transcript.actions_bar
    assert clipped(actions) == []
    window.open_settings()  # the settings dialog zooms too
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.resize(1000, 760)
    qtbot.wait(50)
    assert max(w.font().pointSizeF() for w in dialog.findChildren(QLabel)) >= normal * 1.9
    assert clipped(dialog) == []
    dialog.reject()


TEXT = (QLabel, QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QPlainTextEdit)
SLACK = 2  # px: neighbouring frames may share their anti-aliased edge


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
            _chat_page(window)
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
