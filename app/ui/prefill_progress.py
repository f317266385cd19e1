"""The "reading the prompt" bar: percent and time left while a long prompt is evaluated.

The engine reports ``engine.events.PrefillProgress`` once per batch, only for prompts longer than
one batch (attachments, library passages: tens of seconds on a CPU). The bar shows from the first
report, says the percent and, once a batch was timed, about how long is left; it hides when the
prompt is read, when the reply starts or ends, and on Stop (its own button, or the composer's).

A summary of documents longer than the context (``app.documents.summarise``) shows here too, step
by step: "Summarising section 3 of 12…", the bar filling over all the sections (each one's prompt
progress moves it within its step); the same Stop ends it.
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
        self.summary: Any = None  # the last SummaryProgress while a summary is made
        self.retranslateUi()
        self.hide()

    def retranslateUi(self) -> None:
        summarising = self.summary is not None
        self.bar.setAccessibleName(self.tr("Summarising the documents") if summarising else
                                   self.tr("Reading the prompt"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setAccessibleName(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the summary (Esc)") if summarising else
                                    self.tr("Stop the reply (Esc)"))
        self.stop_button.setAccessibleDescription(self.stop_button.toolTip())
        if summarising:
            self._describe_summary(self.summary)
        elif self.last is not None:
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

    def update_summary(self, progress: Any) -> None:
        """One ``SummaryProgress``: a section or combining step (shown), or the answer (the
        summary is done: the answer's own prompt progress and text follow)."""
        if progress.stage == "answer":
            self.summary = None
            self.retranslateUi()
            self.finish()
            return
        starting = self.summary is None
        self.summary = progress
        if starting:
            self.retranslateUi()  # the bar's name and Stop's tip say "summary"
        else:
            self._describe_summary(progress)
        self.bar.setValue(self.summary_percent(progress))
        self.show()

    def summary_percent(self, progress: Any) -> int:
        """How far the stage is: the steps done, and the running step's prompt progress."""
        within = 0.0
        if progress.prefill is not None:
            within = min(1.0, int(progress.prefill.done_tokens) / max(1, int(progress.prefill.total_tokens)))
        total = max(1, int(progress.total))
        return max(0, min(100, int((int(progress.index) - 1 + within) * 100 / total)))

    def _describe_summary(self, progress: Any) -> None:
        if progress.stage == "combine":
            text = self.tr("Combining the section summaries: part %1 of %2…")
        else:
            text = self.tr("Summarising section %1 of %2…")
        text = text.replace("%1", str(progress.index)).replace("%2", str(progress.total))
        self.label.setText(text)
        self.bar.setAccessibleDescription(text)

    def finish(self) -> None:
        """The prompt is read, the reply ended or was stopped."""
        self.last = None
        if self.summary is not None:  # stopped or failed while summarising
            self.summary = None
            self.retranslateUi()
        self.hide()

    def _stop(self) -> None:
        self.stopRequested.emit()
        self.finish()
