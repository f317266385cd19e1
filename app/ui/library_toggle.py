"""The conversation's "Use my library" switch, next to the composer.

Kept per conversation in the history (``HistoryStore.set_use_library``, schema v5) through the store
thread; a store without that column (an older build) keeps it for this session only. A new chat
starts with it off; turning it on before the first message carries over to the conversation the
message creates. Hidden while policy turns documents off.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QCheckBox, QWidget

from app.typed_settings import get_bool


class LibraryToggle(QCheckBox):
    def __init__(self, settings: Any, store_client: Any, store: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("useLibrary")
        self.settings = settings
        self.store_client = store_client
        self.store = store  # callable: the window's current store (it opens after the widgets exist)
        self.conversation_id: str | None = None
        self.session: dict[str, bool] = {}  # where the store cannot keep it
        self.toggled.connect(self._changed)
        self._loading = False
        self.retranslateUi()
        self.apply_policy()

    def retranslateUi(self) -> None:
        self.setText(self.tr("Use my library"))
        self.setAccessibleName(self.tr("Use my library"))
        self.setToolTip(self.tr("Answer this conversation with passages from your document library, "
                                "cited under each reply"))
        self.setAccessibleDescription(self.toolTip())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def apply_policy(self) -> None:
        on = get_bool(self.settings, "documents.enabled")
        self.setVisible(on)
        self.setEnabled(on)

    def use_library(self) -> bool:
        """Whether this turn searches the library (never while policy turns documents off)."""
        return get_bool(self.settings, "documents.enabled") and self.isChecked()

    def _persistent(self) -> bool:
        return hasattr(self.store(), "set_use_library")

    def _set_quietly(self, on: bool) -> None:
        self._loading = True
        self.setChecked(on)
        self._loading = False

    def conversation_changed(self, conversation_id: str | None) -> None:
        """Another conversation is shown (``None``: a new chat): show its switch."""
        self.conversation_id = conversation_id
        if conversation_id is None:
            self._set_quietly(False)
            return
        self._set_quietly(self.session.get(conversation_id, False))
        if not self._persistent():
            return

        def arrived(on: Any) -> None:
            if self.conversation_id == conversation_id:
                self._set_quietly(bool(on))

        self.store_client.call(lambda s: s.use_library(conversation_id), arrived, lambda _m: None)

    def conversation_created(self, record: Any) -> None:
        """The first message made the conversation: it keeps the switch as it was set."""
        self.conversation_id = record.id
        if self.isChecked():
            self._save(record.id, True)

    def _changed(self, on: bool) -> None:
        if not self._loading and self.conversation_id is not None:
            self._save(self.conversation_id, on)

    def _save(self, conversation_id: str, on: bool) -> None:
        self.session[conversation_id] = on
        if self._persistent():  # a store that cannot keep it (history off) leaves it to the session
            self.store_client.call(lambda s: s.set_use_library(conversation_id, on), None, lambda _m: None)
