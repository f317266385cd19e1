"""Attaching files to the next message: the Attach action, drag-and-drop onto the composer, and
reading the files off the UI thread.

Files are read by the domain (``app.documents.extract``: its own parsing process, with the size
limit ``documents.max_file_mb``) in a ``JobWorker`` thread; each file that is read becomes a chip,
and one that is not gives its one-line reason in the notice line (the typed text is never
touched). Policy ``documents.enabled`` off hides the action and the drop target.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from app.i18n import tr
from app.typed_settings import get_bool, get_int
from app.ui.attachments_bar import AttachmentsBar
from app.ui.job_queue import JobQueue

CONTEXT = "Attachments"
SHORTCUT = "Ctrl+Shift+A"


@dataclass(frozen=True)
class Attachment:
    path: str
    document: Any  # app.documents.Document


def read_files(paths: Sequence[str], max_file_mb: int, cancel: Any,
               each: Callable[[str, Any, str], None]) -> None:
    """Read ``paths`` with one parsing process; ``each(path, document, "")`` or
    ``each(path, None, reason)`` per file, as it is read. Runs on the job thread."""
    from app.documents import DocumentError, ExtractLimits, ParserProcess, extract

    limits = ExtractLimits.from_megabytes(max_file_mb)
    with ParserProcess(limits) as parser:
        for path in paths:
            if cancel.cancelled:
                return
            try:
                each(path, extract(path, limits, parser=parser), "")
            except DocumentError as exc:
                each(path, None, exc.describe())


def local_files(event: QDropEvent | QDragEnterEvent) -> list[str]:
    """The local files a drag carries (none for text, links or remote URLs)."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class Attachments(QObject):
    """The attachments of the message being written. ``notice(text)`` reports a file that
    cannot be attached; ``choose_files`` is the file dialog (tests replace it)."""

    _file_read = Signal(str, object, str)  # emitted on the job thread, received on the UI thread
    changed = Signal()

    def __init__(self, settings: Any, bar: AttachmentsBar, composer: Any, window: QWidget,
                 notice: Callable[[str], None]) -> None:
        super().__init__(window)
        self.settings = settings
        self.bar = bar
        self.composer = composer
        self.window = window
        self.notice = notice
        self.items: list[Attachment] = []
        self._pending: deque[str] = deque()  # names of the files queued or being read, in order
        self._answered = 0  # files of the running job answered so far
        self.jobs = JobQueue("bauhinia-attachments", self)
        self._file_read.connect(self._one_read)
        bar.removeRequested.connect(self.remove)
        self.choose_files: Callable[[], list[str]] = self._dialog
        self.action = QAction(window)
        self.action.setObjectName("attachFiles")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.triggered.connect(self.pick_files)
        window.addAction(self.action)  # the shortcut works wherever the focus is in the window
        requested = getattr(composer, "attach_requested", None)  # the composer's Attach button
        if requested is not None:
            requested.connect(self.pick_files)
        for target in (composer, composer.edit.viewport()):
            target.setAcceptDrops(True)
            target.installEventFilter(self)
        bar.installEventFilter(self)  # its LanguageChange retranslates the action
        self.retranslateUi()
        self.apply_policy()

    def retranslateUi(self) -> None:
        self.action.setText(tr(CONTEXT, "&Attach files…"))
        self.action.setToolTip(tr(CONTEXT, "Attach documents to this message (%1)").replace("%1", SHORTCUT))

    @property
    def enabled(self) -> bool:
        return get_bool(self.settings, "documents.enabled")

    def apply_policy(self) -> None:
        """Policy ``documents.enabled``: the action, the composer's button and the chips."""
        on = self.enabled
        self.action.setEnabled(on)
        self.action.setVisible(on)
        available = getattr(self.composer, "set_attach_available", None)
        if available is not None:
            available(on)
        if not on and self.items:
            self.clear()

    # -- adding ----------------------------------------------------------------------------------
    def _dialog(self) -> list[str]:
        from app.documents import EXTENSIONS

        pattern = " ".join(f"*{ext}" for ext in EXTENSIONS)
        paths, _ = QFileDialog.getOpenFileNames(self.window, tr(CONTEXT, "Attach files"), str(Path.home()),
                                                tr(CONTEXT, "Documents (%1)").replace("%1", pattern))
        return list(paths)

    @Slot()
    def pick_files(self) -> None:
        if not self.enabled:
            return
        paths = self.choose_files()
        if paths:
            self.attach(paths)

    def attach(self, paths: Sequence[str]) -> None:
        """Read ``paths`` off the UI thread; each becomes a chip or a one-line reason."""
        if not self.enabled:
            self.notice(tr("Documents", "Documents are turned off by your organisation's policy."))
            return
        paths = [os.path.abspath(p) for p in paths]
        if not paths:
            return
        max_mb = get_int(self.settings, "documents.max_file_mb")
        emit = self._file_read.emit
        self._pending.extend(Path(p).name for p in paths)
        self._show_reading()

        def work(cancel: Any, _progress: Callable[[int, int], None]) -> None:
            read_files(paths, max_mb, cancel, emit)

        def ended(*_args: Any) -> None:
            # Jobs run in order and their files are answered before the job ends, so the files of
            # this job a cancel or a failure left unanswered are at the front: forget them.
            for _ in range(len(paths) - self._answered):
                if self._pending:
                    self._pending.popleft()
            self._answered = 0
            self._show_reading()

        def failed(message: str) -> None:
            ended()
            self.notice(message)

        self.jobs.submit(work, ended, failed, ended)

    @property
    def reading(self) -> int:
        """Files queued or being read."""
        return len(self._pending)

    @Slot(str, object, str)
    def _one_read(self, path: str, document: Any, reason: str) -> None:
        if self._pending:
            self._pending.popleft()
        self._answered += 1
        self._show_reading()
        name = Path(path).name
        if document is None:
            self.notice(tr(CONTEXT, "%1 was not attached: %2").replace("%1", name).replace("%2", reason))
            return
        if any(a.document.sha256 == document.sha256 for a in self.items):
            return  # the same file twice: once is enough
        self.items.append(Attachment(path, document))
        from app.documents import estimate_tokens

        self.bar.add(name, len(document.pages), document.unit, estimate_tokens(document.text))
        for warning in document.warnings:
            self.notice(f"{name}: {warning.describe()}")
        self.changed.emit()

    def _show_reading(self) -> None:
        if not self._pending:
            self.bar.set_reading("")
            return
        text = tr(CONTEXT, "Reading %1…").replace("%1", self._pending[0])
        if self.reading > 1:
            text = tr(CONTEXT, "Reading %1 (%2 more to read)…").replace("%1", self._pending[0]).replace(
                "%2", str(self.reading - 1))
        self.bar.set_reading(text)

    # -- removing ----------------------------------------------------------------------------------
    @Slot(int)
    def remove(self, index: int) -> None:
        if 0 <= index < len(self.items):
            del self.items[index]
            self.bar.remove(index)
            self.changed.emit()

    def clear(self) -> None:
        """The message was sent (or documents were turned off): no chips left."""
        self.items.clear()
        self.bar.clear()
        self.changed.emit()

    def documents(self) -> list[tuple[str, Any]]:
        """``(path, Document)`` of each attachment, in order (what the turn's context is made of)."""
        return [(a.path, a.document) for a in self.items]

    # -- drag-and-drop onto the composer ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.LanguageChange and watched is self.bar:
            self.retranslateUi()
            return False
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and self.enabled:
            if isinstance(event, QDragEnterEvent | QDropEvent) and local_files(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and self.enabled and isinstance(event, QDropEvent):
            files = local_files(event)
            if files:
                event.acceptProposedAction()
                self.attach(files)
                return True
        return False

    def shutdown(self) -> None:
        self.jobs.shutdown()
