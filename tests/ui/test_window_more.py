"""Theme, live language switch, importing a model from the window, remote models in the picker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QPalette

from app.ui.main_window import apply_theme

pytestmark = pytest.mark.ui


class ShoutingTranslator(QTranslator):
    """Stands in for a real .qm (issue 6 adds them): every source text comes back upper-cased."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return source.upper()

    def isEmpty(self) -> bool:
        return False


def test_theme_follows_the_setting_or_the_system(qapp: Any) -> None:
    def window_lightness() -> int:
        return int(qapp.palette().color(QPalette.ColorRole.Window).lightness())

    try:
        apply_theme("dark")
        assert window_lightness() < 100
        apply_theme("light")
        assert window_lightness() > 150
    finally:
        apply_theme("system")


def test_live_language_switch_retranslates(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    assert window.sidebar.new_button.text() == "New chat"
    translator = ShoutingTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: window.sidebar.new_button.text() == "NEW CHAT")
        assert window.composer.send_button.text() == "SEND"
        assert window.welcome.diagnostic_button.text() == "TRY THE DIAGNOSTIC MODEL"
        assert window.transcript.accessibleName() == "CONVERSATION"
        assert window.file_menu.title() == "&FILE"
        assert window.status.cancel_button.text() == "CANCEL"
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: window.sidebar.new_button.text() == "New chat")


def test_import_a_model_from_the_welcome_page(make_window: Any, scripted_model_path: Path, qtbot: Any) -> None:
    window = make_window()
    window.import_file(scripted_model_path)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
    assert window.stack.currentWidget() is window.chat_page
    assert "(your model)" in window.picker.currentText()
    assert window.model.ref == window.picker.currentData() and not window.model.diagnostic


def test_import_refused_by_policy_is_explained(make_window: Any, make_settings: Any, scripted_model_path: Path,
                                               qtbot: Any) -> None:
    window = make_window(make_settings(policy={"models.user_import_allowed": False}))
    window.import_model()
    assert "does not allow importing" in window.notice.text()


def test_remote_models_are_marked_as_leaving_the_pc(make_window: Any, make_settings: Any) -> None:
    settings = make_settings(policy={
        "remote.allowed": True,
        "remote.allowed_hosts": ["llm.dept.gov.hk"],
        "remote.endpoints": [{"id": "cluster", "url": "https://llm.dept.gov.hk/v1", "display_name": "Dept cluster",
                              "models": ["deepseek-r1"]}],
    })
    window = make_window(settings)
    i = window.picker.findData("remote:cluster/deepseek-r1")
    assert i > 0
    assert "leaves this PC" in window.picker.itemText(i)
    assert "llm.dept.gov.hk" in window.picker.itemData(i, Qt.ItemDataRole.ToolTipRole)
