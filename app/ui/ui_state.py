"""Window geometry, the last conversation and the last model, kept between runs.

Stored as an INI file in the profile's config folder (no secrets ever go here).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class UiState:
    def __init__(self, config_dir: Path) -> None:
        config_dir.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(config_dir / "window.ini"), QSettings.Format.IniFormat)

    def geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def splitter(self) -> QByteArray | None:
        value = self._qs.value("window/splitter")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def last_conversation(self) -> str | None:
        value = self._qs.value("session/conversation")
        return str(value) if value else None

    def last_model(self) -> str | None:
        value = self._qs.value("session/model")
        return str(value) if value else None

    def deep_thinking(self) -> bool:
        """The "Deep thinking" toggle (on unless the user turned it off)."""
        return str(self._qs.value("chat/deep_thinking", "true")).lower() != "false"

    def save(self, *, geometry: QByteArray, splitter: QByteArray, conversation: str | None,
             model: str | None, deep_thinking: bool = True) -> None:
        self._qs.setValue("chat/deep_thinking", "true" if deep_thinking else "false")
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/splitter", splitter)
        self._qs.setValue("session/conversation", conversation or "")
        self._qs.setValue("session/model", model or "")
        self._qs.sync()
