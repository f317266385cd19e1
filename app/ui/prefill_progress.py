"""The "reading the prompt" bar: percent and time left while a long prompt is evaluated.

The engine reports ``engine.events.PrefillProgress`` once per batch, only for prompts longer than
one batch (attachments, library passages: tens of seconds on a CPU). The bar shows from the first
report, says the percent and, once a batch was timed, about how long is left; it hides when the
prompt is read, when the reply starts or ends, and on Stop (its own button, or the composer's).
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.ui.theme import SPACING


class PrefillProgressBar(QWidget):
    """Shows ``PrefillProgress`` events; ``stopRequested`` when the user stops the reply here."""

    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("prefillProgress")
        self.label = QLabel(self)
        self.label.setObjectName("prefillLabel")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("prefillBar")
        self.bar.setRange(0, 100)
        self.bar.setTextVisible(False)  # the label says it, in words a screen reader reads too
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("prefillStop")
        self.stop_button.clicked.connect(self._stop)
        row = QHBoxLayout(self)
        row.setContentsMargins(SPACING, 0, SPACING, 0)
        row.setSpacing(SPACING)
        row.addWidget(self.label)
        row.addWidget(self.bar, 1)
        row.addWidget(self.stop_button)
        self.last: Any = None
        self.retranslateUi()
        self.hide()

    def retranslateUi(self) -> None:
        self.bar.setAccessibleName(self.tr("Reading the prompt"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setAccessibleName(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc)"))
        self.stop_button.setAccessibleDescription(self.stop_button.toolTip())
        if self.last is not None:
            self._describe(self.last)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(event)

    def percent(self, progress: Any) -> int:
        total = max(1, int(progress.total_tokens))
        return max(0, min(100, int(progress.done_tokens) * 100 // total))

    def time_left(self, eta_s: float | None) -> str:
        """'about 12 s left', 'about 3 min left' ('' while unknown)."""
        if eta_s is None:
            return ""
        seconds = max(1, math.ceil(eta_s))
        if seconds < 60:
            return self.tr("about %1 s left").replace("%1", str(seconds))
        return self.tr("about %1 min left").replace("%1", str(math.ceil(seconds / 60)))

    def _describe(self, progress: Any) -> None:
        text = self.tr("Reading the prompt: %1 %").replace("%1", str(self.percent(progress)))
        left = self.time_left(progress.eta_s)
        if left:
            text = self.tr("%1 — %2").replace("%1", text).replace("%2", left)
        self.label.setText(text)
        self.bar.setAccessibleDescription(text)

    def update_progress(self, progress: Any) -> None:
        """One ``PrefillProgress`` event: shown until the whole prompt is read."""
        self.last = progress
        if int(progress.done_tokens) >= int(progress.total_tokens):
            self.finish()
            return
        self.bar.setValue(self.percent(progress))
        self._describe(progress)
        self.show()

    def finish(self) -> None:
        """The prompt is read, the reply ended or was stopped."""
        self.last = None
        self.hide()

    def _stop(self) -> None:
        self.stopRequested.emit()
        self.finish()
