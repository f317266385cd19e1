"""Keeps the keyboard in the conversation when a message action re-lays it out.

Regenerate drops the reply it replaces, and ‹/› reload the thread: the button that had the focus
disappears, and Qt would hand the focus to the next control in the window (the task preset, the
prompt). A keyboard user would lose their place. Instead the focus goes to the conversation; once
the new reply appears (Regenerate) or the other version is shown (‹/›), that message becomes the
current one again and, for ‹/›, the same button gets the focus back so the versions can be stepped
through with Space.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class MessageFocus(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.transcript = window.transcript
        self._action: tuple[str, int] | None = None  # (action, row) of a pending ‹/›
        self._follow_reply = False
        self._pushed = False  # the focus was pushed out before the action was known
        self.transcript.actionRequested.connect(self._action_requested)
        window.engine.replyStarted.connect(self._reply_started)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)

    def _in_bar(self, w: QWidget | None) -> bool:
        return w is not None and self.transcript.actions_bar.isAncestorOf(w)

    def _action_requested(self, action: str, message_id: str) -> None:
        # Runs after the window's own handler: Regenerate has already re-laid the view out (and
        # pushed the focus), while ‹/› reload the thread later.
        pushed, self._pushed = self._pushed, False
        if action == "regenerate":
            self._follow_reply = pushed
        elif action in ("previous", "next"):
            row = next((i for i, it in enumerate(self.transcript.items) if it.id == message_id), -1)
            self._action = (action, row)

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if old is None or not self._in_bar(old) or new is self.transcript:
            return
        if old.isVisible() and old.isEnabled():
            return  # the user moved on (Tab, a click): not ours to undo
        # Pushed out by the re-layout: back to the conversation, then to the same message (or the new reply).
        self.transcript.setFocus()
        if self._action is None:
            self._pushed = True
            return
        action, row = self._action
        self._action = None
        if row >= 0:
            QTimer.singleShot(0, lambda: self._restore(row, action))

    def _restore(self, row: int, action: str) -> None:
        if self.transcript.hasFocus() and row < len(self.transcript.items):
            self.transcript.set_current(row)
            button = self.transcript.actions_bar.buttons.get(action)
            if button is not None and button.isVisible() and button.isEnabled():
                button.setFocus()

    def _reply_started(self, _record: Any) -> None:
        if self._follow_reply and self.transcript.items:
            self._follow_reply = False
            if self.transcript.hasFocus():
                self.transcript.set_current(len(self.transcript.items) - 1)
