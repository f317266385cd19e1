"""Callbacks for the jobs of one ``JobWorker`` (app/ui/tasks.py), in the order they were queued.

``JobWorker`` runs one job at a time in its own thread and answers each with exactly one of
``done``/``failed``/``cancelled``; :class:`JobQueue` pairs each answer with the job that asked, so
several kinds of work (reading attachments, preparing a turn's documents) share one worker thread.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.ui.tasks import JobWorker, start_thread

Work = Callable[[Any, Callable[[int, int], None]], Any]  # fn(cancel, progress) -> result


class JobQueue(QObject):
    _run = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = JobWorker()
        self.worker_thread: QThread = start_thread(self.worker, name)
        self._run.connect(self.worker.run)
        self._waiting: deque[tuple[Callable[[Any], None], Callable[[str], None], Callable[[], None]]] = deque()
        # Slots of this object (it lives on the UI thread), so the answers are queued to it: a
        # plain function would run on the worker thread.
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)

    @property
    def pending(self) -> int:
        return len(self._waiting)

    def submit(self, work: Work, on_done: Callable[[Any], None], on_failed: Callable[[str], None],
               on_cancelled: Callable[[], None] | None = None) -> None:
        self._waiting.append((on_done, on_failed, on_cancelled or (lambda: None)))
        self._run.emit(work)

    def cancel(self) -> None:
        """Thread-safe: the running job stops at its next check."""
        self.worker.cancel()

    @Slot(object)
    def _done(self, result: Any) -> None:
        self._answer(0, result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._answer(1, message)

    @Slot()
    def _cancelled(self) -> None:
        self._answer(2, None)

    def _answer(self, kind: int, value: Any) -> None:
        if not self._waiting:
            return
        on_done, on_failed, on_cancelled = self._waiting.popleft()
        if kind == 0:
            on_done(value)
        elif kind == 1:
            on_failed(str(value))
        else:
            on_cancelled()

    def shutdown(self) -> None:
        self.worker.cancel()
        self.worker_thread.quit()
        self.worker_thread.wait()
