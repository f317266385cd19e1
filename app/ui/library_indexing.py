"""The window's library indexing: jobs on the documents' one job queue, progress for the dialog and
the status bar, Stop, and the background refresh at start-up.

Every job is the domain's use-case (:func:`app.documents.library_job.index_library`, as ``docs
add/reindex``) run on the jobs thread of ``DocumentsUi`` (``JobQueue``), so it never blocks the
window. Indexing gives way to other work: when a job that is not indexing (a turn's documents, an
attachment, a folder's removal) waits behind it, it stops between two files and continues after (the indexer
resumes without reading finished files again). Stop cancels the running job and drops the queued
ones. The controller belongs to the window, so indexing goes on when the dialog is closed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.i18n import format_number, tr
from app.typed_settings import get_bool

CONTEXT = "LibraryIndexing"
_SKIPPED = object()  # a queued job dropped by Stop
WAIT_POLL_MS = 500  # a background refresh that gave way to a reply looks again this often


def time_left(eta_s: float | None) -> str:
    """'about 12 s left', 'about 3 min left' ('' while unknown)."""
    if eta_s is None:
        return ""
    seconds = max(1, math.ceil(eta_s))
    if seconds < 60:
        return tr(CONTEXT, "about %1 s left").replace("%1", str(seconds))
    return tr(CONTEXT, "about %1 min left").replace("%1", str(math.ceil(seconds / 60)))


def progress_text(p: Any) -> str:
    """One line for an indexer ``Progress``: files, pages, pages/s and the estimate."""
    text = (tr(CONTEXT, "Indexing %1 of %2 files: %3 pages, %4 pages/s")
            .replace("%1", str(p.done)).replace("%2", str(p.total)).replace("%3", str(p.pages))
            .replace("%4", format_number(p.pages_per_s, 1)))
    left = time_left(p.eta_s) if p.done < p.total else ""
    return tr(CONTEXT, "%1, %2").replace("%1", text).replace("%2", left) if left else text


def _stopped() -> str:
    return tr(CONTEXT, "Indexing was stopped. The files already indexed are kept; Re-index continues with the rest.")


class LibraryIndexing(QObject):
    progressed = Signal(object)  # app.documents.index.Progress (emitted on the jobs thread)
    changed = Signal()  # a job started or ended: views read the folders again

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.running = False
        self.last: Any = None  # the last Progress of the running job
        self.report: Any = None  # the last finished job's IndexReport
        self.message = ""  # why the last job stopped early (translated), '' when it finished
        self._token: Any = None  # the running job's CancelToken (set on the jobs thread)
        self._generation = 0  # Stop drops queued jobs of an older generation
        self._ours = 0  # our jobs submitted and not answered yet
        self._indexing_jobs = 0  # of which indexing (the others, removals, are work it gives way to)
        self.waiting = False  # a background refresh waits for the reply being written
        self.progressed.connect(self._on_progress)

    # -- state -----------------------------------------------------------------------------------
    @property
    def jobs(self) -> Any:
        return self.window.documents_ui.attachments.jobs

    def available(self) -> bool:
        return get_bool(self.window.settings, "documents.enabled") and self.window.store is not None

    # -- requests --------------------------------------------------------------------------------
    def refresh(self, *, background: bool = True) -> None:
        """Pick up changed, added and removed files of IT's and the user's folders. In the
        ``background`` (start-up) it also waits while a reply is being written (the parsing child
        would take CPU from the model), and loads the embedding model only if some file was read."""
        self._submit(None, background=background)

    def add_folder(self, path: str) -> None:
        self._submit([path], background=False)

    def remove_folder(self, path: str, on_done: Callable[[int], None]) -> None:
        """Forget the folder and its passages (on the same queue: a running indexing job gives way
        to it and then continues)."""
        from app.documents.index import remove_paths
        from app.documents.library import Library

        store = self.window.store
        self._queue(lambda _cancel: remove_paths(Library(store), [path]), lambda n: on_done(int(n)),
                    droppable=False)

    def stop(self) -> None:
        """Thread-safe: the running job stops before its next file; queued ones are dropped."""
        self._generation += 1
        token = self._token
        if token is not None:
            token.cancel()

    # -- jobs ------------------------------------------------------------------------------------
    def _submit(self, paths: list[str] | None, *, background: bool) -> None:
        if not self.available() or self.window.closed_cleanly:
            return
        from app.audit import audit_log
        from app.documents.library import Library
        from app.documents.library_job import index_library

        window = self.window
        settings, store, embedders = window.settings, window.store, window.documents_ui.turns.embedders
        notices: list[str] = []

        def run(cancel: Any) -> Any:
            return index_library(settings, Library(store), paths, progress=self.progressed.emit,
                                 cancel=lambda: cancel.cancelled or self._give_way(background),
                                 embedders=lambda: embedders.use(notices.append), embed_only_new=background,
                                 audit=audit_log(settings))

        def done(report: Any) -> None:
            for notice in notices:
                window.show_notice(notice)
            if report.cancelled:  # gave way to other work: continue once it is done
                self._continue(background, self._generation)
            else:
                self.report = report

        self.running = True
        self.message = ""
        self.report = None  # until this job finishes
        self._queue(run, done)
        self.changed.emit()

    def _give_way(self, background: bool) -> bool:
        """On the jobs thread, between two files: other work is waiting (or, for a background
        refresh, a reply is being written)."""
        return self.jobs.pending > self._indexing_jobs or (background and bool(self.window.generating))

    def _continue(self, background: bool, generation: int) -> None:
        """After giving way: once no reply is being written (background), the rest, unless stopped."""
        was = self.waiting
        self.waiting = background and bool(self.window.generating) and generation == self._generation
        if self.waiting:
            QTimer.singleShot(WAIT_POLL_MS, lambda: self._continue(background, generation))
            if not was:
                self.changed.emit()
            return
        if generation == self._generation:
            self._submit(None, background=background)
        else:
            self.message = _stopped()
            self._ended()

    def _queue(self, fn: Callable[[Any], Any], on_done: Callable[[Any], None], *, droppable: bool = True) -> None:
        generation = self._generation
        counted = 1 if droppable else 0

        def work(cancel: Any, _progress: Any) -> Any:
            if droppable and generation != self._generation:
                return _SKIPPED
            self._token = cancel if droppable else None
            try:
                return fn(cancel)
            finally:
                self._token = None

        def done(result: Any) -> None:
            self._ours, self._indexing_jobs = self._ours - 1, self._indexing_jobs - counted
            if result is not _SKIPPED:
                on_done(result)
            self._ended()

        def failed(message: str) -> None:
            self._ours, self._indexing_jobs = self._ours - 1, self._indexing_jobs - counted
            self.message = tr(CONTEXT, "The library could not be updated: %1").replace("%1", message)
            self.window.show_notice(self.message)  # the dialog may be closed
            self._ended()

        def cancelled() -> None:
            self._ours, self._indexing_jobs = self._ours - 1, self._indexing_jobs - counted
            self.message = _stopped()
            self._ended()

        self._ours, self._indexing_jobs = self._ours + 1, self._indexing_jobs + counted
        self.jobs.submit(work, done, failed, cancelled)

    def _ended(self) -> None:
        if self._ours == 0 and not self.waiting:
            self.running = False
            self.last = None
            self.window.status.show_library(False)
        self.changed.emit()

    @Slot(object)
    def _on_progress(self, progress: Any) -> None:
        self.last = progress
        if self.running:
            self.window.status.show_library(True, progress.done, progress.total, progress_text(progress))
