"""The action bar under the current transcript message: real buttons, so keyboard and screen
readers reach them (copy, regenerate, edit, previous/next version, delete)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from app.ui.message_html import MessageItem


class ActionBar(QWidget):
    """Per-message actions for the current message; real widgets, so keyboard and screen readers
    reach them."""

    triggered = Signal(str)

    ACTIONS = ("thinking", "sources", "copy", "copy_code", "regenerate", "edit", "previous", "next", "delete")

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("messageActions")
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(2)
        self.buttons: dict[str, QToolButton] = {}
        for name in self.ACTIONS:
            b = QToolButton(self)
            b.setObjectName(f"message_{name}")
            b.setAutoRaise(True)
            b.clicked.connect(lambda _=False, n=name: self.triggered.emit(n))
            self.buttons[name] = b
            if name == "next":
                self.version = QLabel(self)
                self.version.setObjectName("message_version")
                layout.addWidget(self.version)
            layout.addWidget(b)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        texts = {
            "thinking": (self.tr("Thinking"), self.tr("Show or hide the model's reasoning")),
            "sources": (self.tr("Sources"), self.tr("Show the passages this reply was given, with their excerpts")),
            "copy": (self.tr("Copy"), self.tr("Copy this message")),
            "copy_code": (self.tr("Copy code"), self.tr("Copy the code blocks of this message")),
            "regenerate": (self.tr("Regenerate"), self.tr("Write a new version of this reply")),
            "edit": (self.tr("Edit"), self.tr("Edit this prompt (keeps the original as another version)")),
            "previous": ("‹", self.tr("Previous version")),
            "next": ("›", self.tr("Next version")),
            "delete": (self.tr("Delete"), self.tr("Delete this message and what follows it")),
        }
        for name, (text, tip) in texts.items():
            b = self.buttons[name]
            b.setText(text)
            b.setToolTip(tip)
            b.setAccessibleName(tip if name in ("previous", "next") else text)
            b.setAccessibleDescription(tip)
        self.version.setAccessibleName(self.tr("Version"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def show_for(self, item: MessageItem, busy: bool, code_blocks: int = 0) -> None:
        b = self.buttons
        b["thinking"].setVisible(bool(item.reasoning))
        b["thinking"].setCheckable(True)
        b["thinking"].setChecked(item.thinking_open)
        b["sources"].setVisible(bool(item.sources))
        b["copy_code"].setVisible(code_blocks > 0)
        b["regenerate"].setVisible(item.role == "assistant")
        b["edit"].setVisible(item.role == "user")
        many = item.sibling_count > 1
        b["previous"].setVisible(many)
        b["next"].setVisible(many)
        self.version.setVisible(many)
        self.version.setText(f"{item.sibling_index + 1}/{item.sibling_count}")
        b["previous"].setEnabled(not busy and item.sibling_index > 0)
        b["next"].setEnabled(not busy and item.sibling_index + 1 < item.sibling_count)
        for name in ("regenerate", "edit", "delete"):
            b[name].setEnabled(not busy and item.status != "streaming")
        self.adjustSize()
