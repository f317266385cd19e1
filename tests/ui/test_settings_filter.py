"""The settings filter finds a setting by its name or description in any of the three languages,
whatever the interface language: "export", 匯出 and 导出 all find the export setting."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from ui.settings_dialog_helpers import open_dialog

from app import i18n
from app.settings.declarations import SETTINGS
from app.ui.settings_search import haystack, matches

pytestmark = pytest.mark.ui

EXPORT = "history.export_allowed"
SAME_IN_EVERY_LANGUAGE = {"Top-p", "Top-k", "Min-p"}  # sampling terms are not translated


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.switch_language("en")


@pytest.mark.parametrize("language", ["en", "zh_HK", "zh_CN"])
@pytest.mark.parametrize("query", ["export", "EXPORT conversations", "匯出", "导出"])
def test_any_language_finds_the_export_setting(qtbot: Any, make_settings: Any, paths: Any,
                                               language: str, query: str) -> None:
    i18n.switch_language(language)
    dialog = open_dialog(qtbot, make_settings(), paths)
    dialog.filter.setFocus()
    if query.isascii():
        qtbot.keyClicks(dialog.filter, query)  # typed, as a user would
    else:
        dialog.filter.insert(query)  # what an input method commits (QTest types only ASCII keys)
    shown = dialog.visible_keys()
    assert EXPORT in shown, (language, query, shown)
    assert len(shown) <= 3 and "ui.theme" not in shown
    assert dialog.groups["History"].isVisibleTo(dialog) and not dialog.groups["Sampling"].isVisibleTo(dialog)
    assert not dialog.no_match.isVisibleTo(dialog)
    dialog.filter.clear()
    assert dialog.visible_keys() == [s.key for s in SETTINGS]


def test_nothing_found_says_so(qtbot: Any, make_settings: Any, paths: Any) -> None:
    dialog = open_dialog(qtbot, make_settings(), paths)
    qtbot.keyClicks(dialog.filter, "zzzz-no-such-setting")
    assert dialog.visible_keys() == [] and dialog.no_match.isVisibleTo(dialog)
    assert not any(box.isVisibleTo(dialog) for box in dialog.groups.values())


def test_group_titles_and_keys_are_searched_too(qtbot: Any, make_settings: Any, paths: Any) -> None:
    dialog = open_dialog(qtbot, make_settings(), paths)
    shown = dialog.apply_filter("sampling")
    assert {s.key for s in SETTINGS if s.key.startswith("sampling.")} <= set(shown)  # the group's title
    assert "ui.theme" not in shown
    assert dialog.apply_filter("ui.font_size") == ["ui.font_size"]


def test_every_setting_is_findable_by_its_chinese_names() -> None:
    """Each setting's own HK and Mainland names find it (the .ts translations are finished)."""
    from app.ui.settings_search import all_languages

    for s in SETTINGS:
        en, hk, cn = all_languages(s.label)
        assert (hk != en and cn != en) or en in SAME_IN_EVERY_LANGUAGE, f"{s.key}: label untranslated"
        text = haystack(s)
        assert matches(hk, text) and matches(cn, text) and matches(en, text)


def test_the_filter_is_first_and_ctrl_f_returns_to_it(qtbot: Any, make_settings: Any, paths: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    dialog = open_dialog(qtbot, make_settings(), paths)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.filter)  # focus on opening
    qtbot.keyClicks(dialog.filter, "font size")
    qtbot.keyClick(dialog.filter, Qt.Key.Key_Tab)  # straight into what was found
    assert QApplication.focusWidget() is dialog.editors["ui.font_size"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # and change it by keyboard
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert dialog.filter.selectedText() == "font size"
    assert QApplication.focusWidget() is dialog.filter
    assert dialog.apply() and dialog.changed_keys == ["ui.font_size"]
