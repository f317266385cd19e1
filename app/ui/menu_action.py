"""A window menu item owned by a small controller: the action placed in a menu, kept translated.

Subclasses set ``OBJECT_NAME``, implement :meth:`run` (the action's ``triggered``) and
:meth:`retranslate` (texts, tool-tips, enabled state); the window's LanguageChange reaches
:meth:`retranslate` through an event filter, so the window needs no code for it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction


class MenuAction(QObject):
    OBJECT_NAME = ""

    def __init__(self, window: Any, menu: Any, before: QAction | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.action = QAction(window)
        self.action.setObjectName(self.OBJECT_NAME)
        self.action.triggered.connect(self.run)
        if before is not None:
            menu.insertAction(before, self.action)
        else:
            menu.addAction(self.action)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def run(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        raise NotImplementedError
