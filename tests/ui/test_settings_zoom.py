"""The settings dialog at 200 % text: no label, button or box smaller than its text needs, with
the new parts shown (the filter, the default-model list, the endpoints form), in English and
Traditional Chinese, with the theme's style sheet applied."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from ui.test_theme_zoom import DEFAULT, clipped

from app import i18n
from app.ui import theme

pytestmark = pytest.mark.ui

ENDPOINT = {"id": "cluster", "url": "https://llm.dept.gov.hk/v1", "display_name": "Department cluster",
            "models": ["deepseek-r1"]}


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.switch_language("en")
    theme.apply_theme("system")


@pytest.mark.parametrize("language", ["en", "zh_HK"])
def test_settings_at_200_percent_is_not_clipped(make_window: Any, make_settings: Any, qtbot: Any,
                                                language: str) -> None:
    i18n.switch_language(language)
    theme.apply_theme("dark")
    window = make_window(make_settings(user={"ui.font_size": DEFAULT * 2, "remote.endpoints": [ENDPOINT]}))
    assert window.font_points == DEFAULT * 2
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.resize(1000, 760)
    qtbot.wait(50)
    labels = dialog.findChildren(QLabel)
    platform = QApplication.font().pointSizeF()  # zoom is said in the style sheet, not the app font
    assert max(w.font().pointSizeF() for w in labels) >= platform * 1.9
    assert dialog.filter_icon.sizeHint().height() >= dialog.filter.fontMetrics().height()  # icon zooms
    editor = dialog.editors["remote.endpoints"]
    assert editor.form_box.isVisibleTo(dialog)
    assert clipped(dialog) == []
    dialog.apply_filter("endpoint" if language == "en" else "伺服器")  # filtered: what is left still fits
    qtbot.wait(50)
    assert "remote.endpoints" in dialog.visible_keys()
    assert clipped(dialog) == []
    dialog.reject()
