"""The attachment chips above the composer: name, pages and tokens, each removable by keyboard.

A chip is a small frame with its text and a real "remove" button (Tab reaches it, Space or Enter
presses it; Delete or Backspace on the chip's button does the same). While files are being read
the bar shows which one and how many are left, as a busy bar (a single file's reading has no
finer progress to report).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from app.ui.message_attachments_html import size_text
from app.ui.theme import SPACING


class RemoveButton(QToolButton):
    """The chip's ×; Delete and Backspace press it too."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.click()
            return
        super().keyPressEvent(event)


class AttachmentChip(QFrame):
    """One attached document: ``name · 3 pages · about 1,200 tokens`` and a remove button."""

    removeRequested = Signal(object)  # the chip

    def __init__(self, name: str, pages: int, unit: str, tokens: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.name, self.pages, self.unit, self.tokens = name, pages, unit, tokens
        self.label = QLabel(self)
        self.label.setObjectName("attachmentLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a file name is never markup
        self.remove_button = RemoveButton(self)
        self.remove_button.setObjectName("removeAttachment")
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.remove_button.clicked.connect(lambda: self.removeRequested.emit(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(SPACING, 2, 2, 2)
        row.setSpacing(SPACING // 2)
        row.addWidget(self.label)
        row.addWidget(self.remove_button)
        self.retranslateUi()

    def size_text(self) -> str:
        """``3 pages · about 1,200 tokens`` (sheets or slides by the format)."""
        return size_text(self.pages, self.unit, self.tokens)  # as a sent prompt's chips say it

    def retranslateUi(self) -> None:
        self.label.setText(f"{self.name} · {self.size_text()}")
        self.setAccessibleName(self.tr("Attachment %1").replace("%1", self.name))
        self.setAccessibleDescription(self.size_text())
        self.remove_button.setAccessibleName(self.tr("Remove %1").replace("%1", self.name))
        self.remove_button.setAccessibleDescription(self.tr("Remove this attachment from the message (Delete)"))
        self.remove_button.setToolTip(self.remove_button.accessibleName())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)


class AttachmentsBar(QWidget):
    """The chips, and the "reading…" indicator while files are read."""

    removeRequested = Signal(int)  # index of the chip

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentsBar")
        self.chips: list[AttachmentChip] = []
        self.reading = QLabel(self)
        self.reading.setObjectName("attachmentsReading")
        self.reading.setTextFormat(Qt.TextFormat.PlainText)
        self.busy = QProgressBar(self)
        self.busy.setObjectName("attachmentsBusy")
        self.busy.setRange(0, 0)  # busy: reading one file reports no finer progress
        self.busy.setMaximumWidth(120)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(SPACING, 0, SPACING, 0)
        self._row.setSpacing(SPACING)
        self._row.addWidget(self.reading)
        self._row.addWidget(self.busy)
        self._row.addStretch(1)
        self.set_reading("")
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setAccessibleName(self.tr("Attachments"))
        self.busy.setAccessibleName(self.tr("Reading files"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def add(self, name: str, pages: int, unit: str, tokens: int) -> AttachmentChip:
        chip = AttachmentChip(name, pages, unit, tokens, self)
        chip.removeRequested.connect(self._remove_clicked)
        self._row.insertWidget(len(self.chips), chip)
        self.chips.append(chip)
        self._sync()
        return chip

    def remove(self, index: int) -> None:
        chip = self.chips.pop(index)
        chip.hide()
        chip.deleteLater()
        if self.chips:  # keyboard users stay in the row of chips
            self.chips[min(index, len(self.chips) - 1)].remove_button.setFocus()
        self._sync()

    def clear(self) -> None:
        while self.chips:
            chip = self.chips.pop()
            chip.hide()
            chip.deleteLater()
        self._sync()

    def set_reading(self, text: str) -> None:
        """``Reading report.pdf (1 of 3)…``; '' when nothing is being read."""
        self.reading.setText(text)
        self.reading.setVisible(bool(text))
        self.busy.setVisible(bool(text))
        self.busy.setAccessibleDescription(text)
        self._sync()

    def _remove_clicked(self, chip: Any) -> None:
        if chip in self.chips:
            self.removeRequested.emit(self.chips.index(chip))

    def _sync(self) -> None:
        self.setVisible(bool(self.chips) or self.reading.isVisibleTo(self))
