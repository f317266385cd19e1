"""The task picker shown above the composer: none, or one of the presets (built-in, IT's, the
user's). The chosen preset goes into the window's requests (``build_request(preset=…)``); a new
conversation starts with none chosen. IT's presets are marked as managed and cannot be edited."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.i18n import current_language
from app.ui.column import keep_in_column


class PresetBar(QWidget):
    presetChanged = Signal(str)  # the preset id, "" for none

    def __init__(self, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presetBar")
        self._settings = settings
        self._presets: list[Any] = []
        self.problems: list[str] = []
        self.label = QLabel(self)
        self.combo = QComboBox(self)
        self.combo.setObjectName("presetCombo")
        self.combo.currentIndexChanged.connect(self._changed)
        self.about = QLabel(self)
        self.about.setObjectName("presetAbout")
        self.about.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.combo)
        row.addWidget(self.about, 1)
        self.label.setBuddy(self.combo)
        keep_in_column(self)  # aligned with the messages and the composer
        self.reload()

    def reload(self) -> None:
        from app.presets import load_presets

        found = load_presets(self._settings)
        self._presets, self.problems = found.presets, found.problems
        self._fill()

    def _fill(self) -> None:
        language = current_language()
        chosen = self.current_id()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("General chat"), "")
        for p in self._presets:
            title = p.title(language)
            if p.locked:
                title = self.tr("%1 (managed by your organisation)").replace("%1", title)
            self.combo.addItem(title, p.id)
            self.combo.setItemData(self.combo.count() - 1, p.about(language), 3)  # Qt.ToolTipRole
        index = self.combo.findData(chosen)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        self.label.setText(self.tr("&Task:"))
        self.combo.setAccessibleName(self.tr("Task preset"))
        self._show_about()

    def _show_about(self) -> None:
        preset = self.current()
        self.about.setText(preset.about(current_language()) if preset is not None else "")

    def _changed(self, _index: int) -> None:
        self._show_about()
        self.presetChanged.emit(self.current_id())

    def current_id(self) -> str:
        return str(self.combo.currentData() or "") if self.combo.count() else ""

    def current(self) -> Any:
        """The chosen ``Preset``, or None for a general chat."""
        wanted = self.current_id()
        return next((p for p in self._presets if p.id == wanted), None) if wanted else None

    def choose(self, preset_id: str) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(preset_id), 0))

    def reset(self) -> None:
        self.combo.setCurrentIndex(0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._fill()
        super().changeEvent(event)
