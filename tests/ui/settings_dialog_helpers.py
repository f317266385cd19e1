"""Opening the settings dialog on its own (offscreen) for tests/ui/test_settings_*.py."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from app.paths import Paths
from app.ui.settings_dialog import SettingsDialog


def open_dialog(qtbot: Any, settings: Any, paths: Paths | None = None) -> SettingsDialog:
    dialog = SettingsDialog(settings, None, paths)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


class Warnings:
    """Stands in for ``QMessageBox.warning`` (a modal box would block the test): records the text."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, _parent: Any, _title: str, text: str, *args: Any) -> None:
        self.texts.append(text)
