"""Themes: the contrast of the applied palettes and style sheet (WCAG 2.1: 4.5:1 text, 3:1 UI
boundaries), system-following with a manual override, the readable conversation column, and
elided sidebar titles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from ui.helpers import wait_idle

from app.history_recorder import open_history
from app.ui import theme
from app.ui.message_html import MessageItem
from app.ui.theme import COLUMN_MAX, THEMES, Theme, contrast_ratio

pytestmark = pytest.mark.ui

R = QPalette.ColorRole
TEXT_PAIRS = [(R.WindowText, R.Window), (R.Text, R.Base), (R.Text, R.AlternateBase), (R.ButtonText, R.Button),
              (R.PlaceholderText, R.Base), (R.PlaceholderText, R.Window), (R.PlaceholderText, R.AlternateBase),
              (R.HighlightedText, R.Highlight), (R.Link, R.Base), (R.Link, R.AlternateBase),
              (R.ToolTipText, R.ToolTipBase), (R.BrightText, R.Accent)]
BOUNDARY_PAIRS = [(R.Mid, R.Base), (R.Mid, R.Window), (R.Mid, R.AlternateBase), (R.Accent, R.Base),
                  (R.Accent, R.Window), (R.Accent, R.AlternateBase), (R.Highlight, R.Base)]


@pytest.fixture
def themed(qapp: Any) -> Iterator[Any]:
    yield qapp
    theme.apply_theme("system")


def test_wcag_formula_matches_known_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near-miss
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


def _rules(qss: str) -> Iterator[tuple[str, dict[str, str]]]:
    for block in qss.split("}"):
        if "{" not in block:
            continue
        selector, body = block.split("{", 1)
        selector = re.sub(r"/\*.*?\*/", "", selector, flags=re.S).strip()
        decls = {}
        for decl in body.split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                decls[name.strip()] = value.strip()
        yield selector, decls


HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


@pytest.mark.parametrize("name", sorted(THEMES))
def test_applied_palette_and_style_sheet_meet_wcag_aa(themed: Any, name: str) -> None:
    t: Theme = THEMES[name]
    applied = theme.palette(t)
    themed.setPalette(applied)
    pal = themed.palette()  # what the application really holds now
    for fg, bg in TEXT_PAIRS:
        ratio = contrast_ratio(pal.color(fg).name(), pal.color(bg).name())
        assert ratio >= 4.5, f"{name}: text {fg.name} on {bg.name} is {ratio:.2f}:1"
    disabled = pal.color(QPalette.ColorGroup.Disabled, R.ButtonText).name()
    assert contrast_ratio(disabled, pal.color(R.Button).name()) >= 4.5
    for fg, bg in BOUNDARY_PAIRS:
        ratio = contrast_ratio(pal.color(fg).name(), pal.color(bg).name())
        assert ratio >= 3.0, f"{name}: boundary {fg.name} against {bg.name} is {ratio:.2f}:1"

    qss = theme.stylesheet(t)
    assert "$" not in qss, "every placeholder of app.qss is a theme token"
    tokens = {v.lower() for v in t.tokens().values() if v.startswith("#")}
    assert {c.lower() for c in HEX.findall(qss)} <= tokens, "the style sheet uses only the theme's colours"
    checked = 0
    for selector, decls in _rules(qss):
        background = decls.get("background") or decls.get("background-color")
        colour = decls.get("color")
        if colour and background and HEX.fullmatch(colour) and HEX.fullmatch(background):
            ratio = contrast_ratio(colour, background)
            assert ratio >= 4.5, f"{name}: {selector} text {colour} on {background} is {ratio:.2f}:1"
            checked += 1
        for prop, value in decls.items():
            if not prop.startswith("border") or prop.endswith("radius"):
                continue
            for c in HEX.findall(value):
                # A boundary is seen against what surrounds the control: the window or a surface.
                worst = min(contrast_ratio(c, t.window), contrast_ratio(c, t.surface))
                assert worst >= 3.0, f"{name}: {selector} {prop} {c} is {worst:.2f}:1"
                checked += 1
    assert checked > 20


def test_follows_the_system_with_a_manual_override(themed: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def window_colour() -> str:
        return str(themed.palette().color(R.Window).name())

    assert theme.apply_theme("dark") is theme.DARK
    assert window_colour() == theme.DARK.window and theme.DARK.accent in themed.styleSheet()
    assert theme.apply_theme("light") is theme.LIGHT
    assert window_colour() == theme.LIGHT.window and theme.LIGHT.accent in themed.styleSheet()
    # "system": follows what the platform reports, also when it changes later.
    monkeypatch.setattr(theme, "system_prefers", lambda: (True, False))
    assert theme.apply_theme("system") is theme.DARK
    monkeypatch.setattr(theme, "system_prefers", lambda: (False, False))
    theme._system_changed()
    assert window_colour() == theme.LIGHT.window
    # A manual choice is not overridden by the system's light/dark ...
    theme.apply_theme("dark")
    theme._system_changed()
    assert window_colour() == theme.DARK.window
    # ... but the system's high-contrast preference (an accessibility need) always wins.
    monkeypatch.setattr(theme, "system_prefers", lambda: (False, True))
    theme._system_changed()
    assert window_colour() == theme.HIGH_CONTRAST.window
    assert theme.choose("light", False, True) is theme.HIGH_CONTRAST


def test_the_conversation_column_is_readable_and_centred(make_window: Any, themed: Any, qtbot: Any) -> None:
    theme.apply_theme("light")
    window = make_window()
    window.stack.setCurrentWidget(window.chat_page)
    window.resize(1600, 900)
    window.transcript.set_items([MessageItem("u", "user", "Hello"), MessageItem("a", "assistant", "Hi " * 400)])
    qtbot.waitUntil(lambda: window.transcript.viewport().width() > COLUMN_MAX + 100)
    view = window.transcript
    x0 = view.viewport().x()  # row rects are in viewport coordinates; centred on the whole view
    for i in range(2):
        rect = view.row_rect(i)
        assert rect.width() == COLUMN_MAX
        assert abs((x0 + rect.left()) - (view.width() - (x0 + rect.right()) - 1)) <= 1  # centred
    # The composer (input and buttons) sits in the same column, edge to edge with the messages.
    composer = window.composer
    qtbot.waitUntil(lambda: composer.edit.geometry().width() < COLUMN_MAX)
    left = composer.edit.geometry().left()
    right = composer.send_button.geometry().right()
    assert right - left <= COLUMN_MAX and abs(left - (composer.width() - right)) <= 2
    bubble = view.row_rect(0)
    origin = view.viewport().mapTo(window, bubble.topLeft()).x()
    assert abs(origin - composer.edit.mapTo(window, composer.edit.rect().topLeft()).x()) <= 2
    window.resize(700, 600)  # narrower than the column: it takes the width there is
    qtbot.waitUntil(lambda: window.transcript.viewport().width() < COLUMN_MAX)
    assert window.transcript.row_rect(0).width() < COLUMN_MAX


def test_long_titles_are_elided_without_a_horizontal_scroll_bar(make_window: Any, make_settings: Any,
                                                                paths: Any, qtbot: Any) -> None:
    settings = make_settings()
    long_title = "A very long conversation title about the 2026 policy address and its budget " * 3
    store = open_history(settings, paths)
    try:
        store.new_conversation(long_title)
        store.new_conversation("短題")
    finally:
        store.close()
    window = make_window(settings)
    sidebar = window.sidebar
    qtbot.waitUntil(lambda: len(sidebar.model.records) == 2)
    wait_idle(qtbot, window)
    window.splitter.setSizes([220, 880])
    qtbot.waitUntil(lambda: sidebar.list.viewport().width() < 260)
    view = sidebar.list
    long_id = next(r.id for r in sidebar.model.records if r.title.startswith("A very long"))
    index = sidebar.model.index(sidebar.model.row_of(long_id))
    assert view.fontMetrics().horizontalAdvance(index.data()) > view.viewport().width()
    qtbot.wait(50)
    assert not view.horizontalScrollBar().isVisible()
    assert view.horizontalScrollBar().maximum() == 0
    assert view.visualRect(index).width() <= view.viewport().width()
    # Drawn ending in "…" (the delegate gets the row's own width), the full title in the tool-tip.
    assert view.textElideMode() == Qt.TextElideMode.ElideRight and not view.wordWrap()
    assert long_title.strip()[:40] in index.data(Qt.ItemDataRole.ToolTipRole)
