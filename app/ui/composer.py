"""The composer: multi-line input, Enter sends, Shift+Enter breaks the line, Esc stops.

Attach, Send and Stop are icon-only tool buttons (Lucide icons, drawn in the theme's colours by
``app.ui.icons``), each with an accessible name, a description and a tool-tip that names its key.
Attach only asks (``attach_requested``): the attachment chips and the file dialog live elsewhere,
and the button shows only while documents are allowed (``set_attach_available``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui import icons
from app.ui.theme import COLUMN_MAX, SPACING

if TYPE_CHECKING:
    from app.chat.request import ThinkingMode


class PromptEdit(QPlainTextEdit):
    submitted = Signal()
    stopRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            mods = event.modifiers()
            if mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
                self.insertPlainText("\n")
                return
            self.submitted.emit()
            return
        if key == Qt.Key.Key_Escape:
            self.stopRequested.emit()
            return
        super().keyPressEvent(event)


def icon_button(parent: QWidget, name: str, icon_name: str, role: str = "ink") -> QToolButton:
    """An icon-only tool button that takes keyboard focus (Tab reaches it; Space presses it)."""
    button = QToolButton(parent)
    button.setObjectName(name)
    button.setIcon(icons.icon(icon_name, role))
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoRaise(False)
    return button


class Composer(QWidget):
    """Holds the prompt until the worker has stored it; a failed send leaves it in place."""

    sendRequested = Signal(str)
    stopRequested = Signal()
    editCancelled = Signal()
    attach_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.edit = PromptEdit(self)
        self.edit.setObjectName("prompt")
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(56)
        self.edit.setMaximumHeight(110)
        self.edit.submitted.connect(self.submit)
        self.edit.stopRequested.connect(self.stopRequested)
        self.attach_button = icon_button(self, "attach", icons.ATTACH)
        self.attach_button.clicked.connect(self.attach_requested)
        self.attach_button.hide()  # until set_attach_available(True): documents may be off by policy
        self.send_button = icon_button(self, "send", icons.SEND, role="on_accent")
        self.send_button.clicked.connect(self.submit)
        self.stop_button = icon_button(self, "stop", icons.STOP)
        self.stop_button.clicked.connect(self.stopRequested)
        self.stop_button.hide()
        # "Deep thinking": shown only when the model's chat template has a reasoning switch.
        self.think_toggle = QCheckBox(self)
        self.think_toggle.setObjectName("deepThinking")
        self.think_toggle.setChecked(True)
        self.think_toggle.hide()
        self.edit_banner = QLabel(self)
        self.edit_banner.setObjectName("editBanner")
        self.cancel_edit = QPushButton(self)
        self.cancel_edit.setObjectName("cancelEdit")
        self.cancel_edit.clicked.connect(self.leave_edit_mode)
        banner = QHBoxLayout()
        banner.addWidget(self.edit_banner, 1)
        banner.addWidget(self.cancel_edit)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        # Right of the input, bottom-aligned: "Deep thinking" above [Attach][Send|Stop]; Send (or
        # Stop, in the same place) is the rightmost, at the column's edge.
        actions = QHBoxLayout()
        actions.setSpacing(SPACING)
        actions.addStretch(1)
        actions.addWidget(self.attach_button)
        actions.addWidget(self.stop_button)
        actions.addWidget(self.send_button)
        buttons = QVBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.think_toggle)
        buttons.addLayout(actions)
        row.addLayout(buttons)
        row.setSpacing(SPACING)
        buttons.setSpacing(SPACING)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(SPACING, SPACING // 2, SPACING, SPACING)
        outer.setSpacing(SPACING)
        self._outer = outer
        outer.addLayout(banner)
        outer.addLayout(row)
        self.editing_id: str | None = None
        self._generating = False
        self._can_send = False
        self._set_banner(False)
        self._sync_icon_size()
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.edit.setPlaceholderText(self.tr("Type a message. Enter sends, Shift+Enter starts a new line."))
        self.edit.setAccessibleName(self.tr("Message"))
        self.edit.setAccessibleDescription(self.tr("Enter sends, Shift+Enter starts a new line, Esc stops"))
        # The text is not shown (icon only) but names the button for assistive technology.
        self.attach_button.setText(self.tr("Attach files"))
        self.attach_button.setAccessibleName(self.tr("Attach files"))
        self.attach_button.setToolTip(self.tr("Attach documents to this message"))
        self.attach_button.setAccessibleDescription(self.attach_button.toolTip())
        self.send_button.setText(self.tr("Send"))
        self.send_button.setAccessibleName(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send (Enter or Ctrl+Enter)"))
        self.send_button.setAccessibleDescription(self.send_button.toolTip())
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setAccessibleName(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc)"))
        self.stop_button.setAccessibleDescription(self.stop_button.toolTip())
        self.think_toggle.setText(self.tr("Deep thinking"))
        self.think_toggle.setAccessibleName(self.tr("Deep thinking"))
        self.think_toggle.setToolTip(self.tr("Let the model reason step by step before it answers (slower)"))
        self.think_toggle.setAccessibleDescription(self.think_toggle.toolTip())
        self.edit_banner.setText(self.tr("Editing a message: sending keeps the original as another version."))
        self.edit_banner.setAccessibleName(self.tr("Editing a message"))
        self.cancel_edit.setText(self.tr("Cancel editing"))
        self.cancel_edit.setAccessibleName(self.tr("Cancel editing"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        # The same readable column as the conversation above it, centred.
        side = max(SPACING, (event.size().width() - COLUMN_MAX) // 2)
        self._outer.setContentsMargins(side, SPACING // 2, side, SPACING)
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._sync_icon_size()
        super().changeEvent(event)

    def _sync_icon_size(self) -> None:
        """Icons grow with the text (zoom): about 1.25 lines, never under 20 px."""
        side = max(20, round(self.fontMetrics().height() * 1.25))
        for button in (self.attach_button, self.send_button, self.stop_button):
            button.setIconSize(QSize(side, side))

    # -- state ---------------------------------------------------------------------------------
    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def set_can_send(self, can: bool) -> None:
        """False while no model is ready (loading, none chosen)."""
        self._can_send = can
        self._update()

    def set_attach_available(self, available: bool) -> None:
        """Show Attach only while attachments are allowed (policy ``documents.enabled``)."""
        self.attach_button.setVisible(available)

    def set_thinking_switch(self, available: bool) -> None:
        """Show "Deep thinking" only for models whose template can switch reasoning."""
        self.think_toggle.setVisible(available)

    def thinking_mode(self) -> ThinkingMode:
        """``on``/``off`` from the toggle when it is shown, else ``auto`` (the template's default)."""
        if self.think_toggle.isHidden():
            return "auto"
        return "on" if self.think_toggle.isChecked() else "off"

    def set_generating(self, generating: bool) -> None:
        self._generating = generating
        self.stop_button.setVisible(generating)
        self.send_button.setVisible(not generating)
        self._update()

    def _update(self) -> None:
        self.send_button.setEnabled(self._can_send and not self._generating)

    def submit(self) -> None:
        text = self.text()
        if self._generating or not self._can_send or not text.strip():
            return
        self.sendRequested.emit(text)

    def accepted(self) -> None:
        """The worker stored the prompt: now the input may be cleared."""
        self.edit.clear()
        self.editing_id = None
        self._set_banner(False)

    def enter_edit_mode(self, message_id: str, text: str) -> None:
        self.editing_id = message_id
        self.set_text(text)
        self._set_banner(True)
        self.edit.setFocus()

    def leave_edit_mode(self) -> None:
        was = self.editing_id is not None
        self.editing_id = None
        self._set_banner(False)
        if was:
            self.editCancelled.emit()

    def _set_banner(self, on: bool) -> None:
        self.edit_banner.setVisible(on)
        self.cancel_edit.setVisible(on)
