"""The excerpt behind a reply's numbered source: a small dialog, by mouse or keyboard.

Clicking ``[n] file, p. N`` under a reply, or the reply's "Sources" button in the action bar (the
keyboard's way in), opens :class:`SourcesDialog` on that source: the numbered list on the left
(arrow keys move through it), the excerpt on the right as plain text (never markup). A reply
reopened from the history keeps its sources' files and pages but not their text (attachment text
is never kept), and the dialog says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.citation_html import label


class SourcesDialog(QDialog):
    """A reply's sources; ``show_source(i)`` selects one and shows its excerpt."""

    def __init__(self, sources: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcesDialog")
        self.sources = tuple(sources)
        self.list = QListWidget(self)
        self.list.setObjectName("sourcesList")
        self.excerpt = QPlainTextEdit(self)
        self.excerpt.setObjectName("sourceExcerpt")
        self.excerpt.setReadOnly(True)  # plain text: an excerpt is never rendered as markup
        self.excerpt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.list, 2)
        row.addWidget(self.excerpt, 3)
        col = QVBoxLayout(self)
        col.addLayout(row, 1)
        col.addWidget(self.buttons)
        for n, source in enumerate(self.sources, 1):
            self.list.addItem(label(n, source))
        self.list.currentRowChanged.connect(self._show)
        self.resize(720, 420)
        self.retranslateUi()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Sources"))
        self.list.setAccessibleName(self.tr("Sources"))
        self.list.setAccessibleDescription(self.tr("The numbered passages the reply was given; arrow keys "
                                                   "choose one"))
        self.excerpt.setAccessibleName(self.tr("Excerpt"))
        self.excerpt.setAccessibleDescription(self.tr("The text of the chosen source"))
        self._show(self.list.currentRow())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def show_source(self, index: int) -> None:
        if self.sources:
            self.list.setCurrentRow(max(0, min(index, len(self.sources) - 1)))
        self.list.setFocus()

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.sources):
            self.excerpt.clear()
            return
        text = str(getattr(self.sources[row], "text", "") or "")
        if not text.strip():
            text = self.tr("No excerpt was kept for this source (replies from earlier versions keep only the "
                           "file and page). Open the file to read it.")
        self.excerpt.setPlainText(text)


class Citations:
    """Opens the sources dialog for ``transcript``'s replies (one dialog at a time)."""

    def __init__(self, transcript: Any, parent: QWidget) -> None:
        self.transcript = transcript
        self.parent = parent
        self.dialog: SourcesDialog | None = None
        transcript.sourceRequested.connect(self.open)

    def open(self, message_id: str, index: int) -> None:
        item = self.transcript.item(message_id)
        if item is None or not item.sources:
            return
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = SourcesDialog(item.sources, self.parent)
        self.dialog.open()
        self.dialog.show_source(index)  # focus on the list, once the dialog is shown
