"""Documentation screenshots of the settings dialog (``packaging/docs/screenshots/settings-*``):
the filter in use ("server" in the language shown) over the remote-server form, in English, HK
Traditional and Simplified Chinese, light and dark. Regenerated with
``BAUHINIA_WRITE_SCREENSHOTS=1`` like the window's (``test_screenshots.py``), else checked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from ui.test_screenshots import SIZE, _check_or_write

from app import i18n
from app.ui import theme

pytestmark = pytest.mark.ui

QUERY = {"en": "server", "zh_HK": "伺服器", "zh_CN": "服务器"}
ENDPOINT = {"id": "cluster", "url": "https://llm.dept.gov.hk/v1",
            "display_name": {"en": "Department cluster", "zh_HK": "部門伺服器", "zh_CN": "部门服务器"},
            "models": ["deepseek-r1"]}


@pytest.fixture(autouse=True)
def restore() -> Iterator[None]:
    yield
    i18n.switch_language("en")
    theme.apply_theme("system")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["en", "zh_HK", "zh_CN"])
def test_settings_screenshots(make_window: Any, make_settings: Any, qtbot: Any, language: str,
                              scheme: str) -> None:
    i18n.switch_language(language)
    theme.apply_theme(scheme)
    settings = make_settings(policy={"remote.allowed": True, "remote.allowed_hosts": ["llm.dept.gov.hk"]},
                             user={"remote.endpoints": [ENDPOINT]})
    window = make_window(settings)
    window.open_settings()
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.resize(*SIZE)
    dialog.filter.setText(QUERY[language])
    assert "remote.endpoints" in dialog.visible_keys()
    qtbot.waitUntil(lambda: (dialog.width(), dialog.height()) == SIZE)
    qtbot.wait(50)
    _check_or_write(dialog, f"settings-{language}-{scheme}")
    dialog.reject()
