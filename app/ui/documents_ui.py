"""Documents in the window, wired in one place: attachment chips, "Use my library", the prompt
progress bar and a reply's numbered sources.

``MainWindow`` makes one :class:`DocumentsUi`, puts ``panel`` above the composer, sends each
request through :meth:`DocumentsUi.send`, tells it when another conversation is shown and shuts it
down with the window; everything else is connected here, to the window's own signals.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.ui.attachments import Attachments
from app.ui.attachments_bar import AttachmentsBar
from app.ui.citations import Citations
from app.ui.column import keep_in_column
from app.ui.library_toggle import LibraryToggle
from app.ui.prefill_progress import PrefillProgressBar
from app.ui.theme import SPACING
from app.ui.turn_documents import DocumentsSender


class DocumentsUi(QObject):
    """A QObject on the UI thread, so the engine's signals reach its slots queued."""

    _summarise = Signal(object, object)  # request, documents: to the engine thread's Summariser

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.panel = QWidget(window)
        self.panel.setObjectName("documentsPanel")
        self.prefill = PrefillProgressBar(self.panel)
        self.bar = AttachmentsBar(self.panel)
        self.library = LibraryToggle(window.settings, window.store_client, lambda: window.store, self.panel)
        self.attachments = Attachments(window.settings, self.bar, window.composer, window, window.show_notice)
        self.citations = Citations(window.transcript, window)
        self.turns = DocumentsSender(window, self.attachments, self.library, self.attachments.jobs,
                                     summarise=self._summarise.emit)
        toggle_row = QHBoxLayout()
        toggle_row.setContentsMargins(0, 0, 0, 0)  # the panel keeps to the column
        toggle_row.addWidget(self.library)
        toggle_row.addStretch(1)
        col = QVBoxLayout(self.panel)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(SPACING // 2)
        col.addWidget(self.prefill)
        col.addWidget(self.bar)
        col.addLayout(toggle_row)
        keep_in_column(self.panel)  # aligned with the messages and the composer

        engine = window.engine
        self._summarise.connect(engine.summarise)
        engine.prefillProgress.connect(self.prefill.update_progress)
        engine.summaryProgress.connect(self.prefill.update_summary)
        engine.summaryProgress.connect(self._summary_progress)
        engine.sendFailed.connect(self._send_failed)  # after the window's own handler
        engine.replySaveFailed.connect(self._save_failed)
        for done in (engine.replyDelta, engine.replyFinished, engine.replySaveFailed, engine.sendFailed):
            done.connect(self.prefill.finish)
        engine.replyFinished.connect(self._reply_finished)  # after the window's own handler
        engine.userMessageStored.connect(self._stored)
        engine.conversationCreated.connect(self.library.conversation_created)
        self.prefill.stopRequested.connect(window.stop)
        window.composer.stopRequested.connect(self.turns.stop)
        QTimer.singleShot(0, self._connect_stop_key)  # the window makes its Esc shortcut after its widgets
        self.attachments.changed.connect(self._tab_order)

    def _connect_stop_key(self) -> None:
        """Once the window is built: its Esc shortcut, and the tab order it set for its own widgets."""
        shortcut = getattr(self.window, "stop_shortcut", None)
        if shortcut is not None:
            shortcut.activated.connect(self.turns.stop)
        self._tab_order()

    def send(self, req: Any, emit: Callable[[Any], None]) -> None:
        """Send ``req`` (with its documents, once ready) through ``emit``."""
        self.turns.send(req, emit)

    def conversation_changed(self, conversation_id: str | None) -> None:
        self.library.conversation_changed(conversation_id)

    def apply_policy(self) -> None:
        self.attachments.apply_policy()
        self.library.apply_policy()

    @Slot(object)
    def _stored(self, record: Any) -> None:
        self.turns.stored(record)

    @Slot(object)
    def _summary_progress(self, progress: Any) -> None:
        self.turns.summary_progress(progress)

    @Slot(str, str)
    def _send_failed(self, _message: str, _text: str) -> None:
        """Nothing was stored (a refused regenerate, a stopped summary): the thread as the history
        has it again (a regenerate or an edit took rows off the view before sending); the chips
        and the typed text stay for another try."""
        self.turns.ended()
        self.turns.sent_attachments = False
        self.window._reload_thread()

    @Slot(str, str, str, str, object)
    def _save_failed(self, *_args: Any) -> None:
        self.turns.ended()

    @Slot(object, object)
    def _reply_finished(self, record: Any, figures: dict[str, Any]) -> None:
        """The finished reply gets the numbered sources it was given, excerpts included; a
        summary's notice (it was made section by section) is shown unless the reply failed."""
        notice = str(figures.get("documents_notice") or "")
        if self.turns.ended() and notice and not figures.get("error"):
            self.window.show_notice(notice)
        sources = tuple(figures.get("sources") or ())
        item = self.window.transcript.item(record.id) if record is not None else None
        if item is not None and sources:
            item.sources = sources
            self.window.transcript.replace_item(item)

    def _tab_order(self) -> None:
        """… → chips' remove buttons → "Use my library" → the message: the controls above the
        composer come just before it, where they are on screen."""
        mine = [*(c.remove_button for c in self.bar.chips), self.library]
        before = self.window.composer.edit.previousInFocusChain()
        while before in mine or before is self.panel:
            before = before.previousInFocusChain()
        chain = [before, *mine]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def shutdown(self) -> None:
        self.turns.stop()
        self.attachments.shutdown()
        self.turns.close()  # after the jobs thread: the embedding model it may be using
