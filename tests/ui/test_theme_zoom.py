"""Zoom: with ``ui.font_size`` at 200 % the whole window's text grows and no visible label, button
or box is smaller than the text it holds (its size hint), in English and Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit, QWidget

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
            window.stack.setCurrentWidget(window.chat_page)
            window.transcript.set_items([MessageItem("u1", "user", "Hello"),
                                         MessageItem("a1", "assistant", "Hi", parent_id="u1", sibling_count=2)])
            window.transcript.set_current(1)
            window.show_notice("The reply could not be saved: disk full. It is kept on screen.")
            window.retry.show()
            window.status.set_model("Diagnostic model", "llama.cpp", "CPU", 4096)
            window.status.set_speed(42.0)
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
