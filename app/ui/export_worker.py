"""The window's export in two steps, so the history store's thread is never held by a rendering.

Step 1 on the store thread (``StoreClient``): :func:`app.export.service.read_record` — the ban check
(a refusal is audited) and the conversation's records; quick, reads only. Step 2 on a thread of
its own (a ``JobQueue``, started at the first export): :func:`app.export.service.write_files` —
render in memory, hash, the ``Exported`` audit record (a failure stops), then the file and its
manifest. The same service functions as ``bauhinia history export``; the sidebar, opening another
conversation and saving a streamed reply go on while a long record renders.

Each step reports its failure as one translated line in an :class:`ExportOutcome`, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject

from app.i18n import tr

CONTEXT = "ExportAction"
T = TypeVar("T")


@dataclass
class ExportOutcome:
    """What the export did: the files written (in order), and the one-line error that stopped it."""

    written: list[Any] = field(default_factory=list)
    error: str = ""


def guarded(outcome: ExportOutcome, outputs: Mapping[str, Path], step: Callable[[], T]) -> T | None:
    """``step()``, or None with ``outcome.error`` set to the one line that says why it failed."""
    from app.audit import AuditWriteError
    from app.store import HistoryError

    try:
        return step()
    except (HistoryError, AuditWriteError) as exc:  # already one translated line
        outcome.error = str(exc)
    except OSError as exc:
        targets = list(outputs.values())
        target = targets[min(len(outcome.written), len(targets) - 1)] if targets else ""
        outcome.error = tr(CONTEXT, "Cannot write %1: %2").replace("%1", str(target)).replace(
            "%2", exc.strerror or str(exc))
    except Exception as exc:  # a renderer failure: said in one line, never a traceback
        from app.chat.errors import describe_exception

        outcome.error = tr(CONTEXT, "The export failed: %1").replace("%1", describe_exception(exc))
    return None


def read_step(store: Any, conversation_id: str, outputs: Mapping[str, Path], *, settings: Any, language: str,
              with_reasoning: bool = False, loaded_model: tuple[str, str] = ("", "")) -> Any:
    """Step 1 (store thread): the ``ExportRecord``, or an :class:`ExportOutcome` saying why not.
    ``loaded_model`` is (label, SHA-256) of the model in the window, for replies whose model the
    catalogue does not know."""
    from app.audit import audit_log
    from app.export.model_hash import model_sha256_lookup
    from app.export.service import read_record

    outcome = ExportOutcome()

    def read() -> Any:
        lookup = model_sha256_lookup(settings)

        def model_sha256(model_id: str) -> str:
            found: str = lookup(model_id)
            return found or (loaded_model[1] if model_id and model_id == loaded_model[0] else "")

        return read_record(store, conversation_id, settings=settings, audit=audit_log(settings).record,
                           with_reasoning=with_reasoning, language=language, model_sha256=model_sha256)

    record = guarded(outcome, outputs, read)
    return outcome if record is None else record


def write_step(record: Any, outputs: Mapping[str, Path], *, settings: Any,
               renderer: Callable[[Any], bytes] | None = None) -> ExportOutcome:
    """Step 2 (any thread but the store's; needs no store): never raises."""
    from app.audit import audit_log
    from app.export.service import write_files

    outcome = ExportOutcome()
    guarded(outcome, outputs, lambda: write_files(record, outputs, audit=audit_log(settings).record,
                                                  renderer=renderer, written=outcome.written))
    return outcome


class ExportWorker(QObject):
    """Runs one export at a time: step 1 through the window's ``StoreClient``, step 2 on the
    ``bauhinia-export`` thread. ``renderer`` (None: the format's own) lets tests hold a rendering."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.renderer: Callable[[Any], bytes] | None = None
        self._jobs: Any = None  # the JobQueue, made at the first export
        self._closed = False

    def start(self, store_client: Any, conversation_id: str, outputs: Mapping[str, Path], *, settings: Any,
              language: str, with_reasoning: bool, loaded_model: tuple[str, str],
              done: Callable[[ExportOutcome], None]) -> None:
        """Export; ``done(outcome)`` is called once, on the UI thread (unless the window closed)."""
        outputs = dict(outputs)

        def failed(message: str) -> None:  # a worker itself failed (never expected)
            if not self._closed:
                done(ExportOutcome(error=message))

        def read_done(result: Any) -> None:
            if self._closed:
                return
            if isinstance(result, ExportOutcome):
                done(result)
                return
            renderer = self.renderer
            self._queue().submit(lambda _cancel, _progress: write_step(result, outputs, settings=settings,
                                                                       renderer=renderer),
                                 lambda outcome: None if self._closed else done(outcome), failed)

        store_client.call(lambda store: read_step(store, conversation_id, outputs, settings=settings,
                                                  language=language, with_reasoning=with_reasoning,
                                                  loaded_model=loaded_model),
                          read_done, failed)

    def _queue(self) -> Any:
        if self._jobs is None:
            from app.ui.job_queue import JobQueue

            self._jobs = JobQueue("bauhinia-export", self)
        return self._jobs

    def shutdown(self) -> None:
        """Window closing: an export being written finishes (its audit record and file stay
        consistent); nothing more is started or reported."""
        self._closed = True
        if self._jobs is not None:
            self._jobs.shutdown()  # its cancel is not checked by an export: it waits for the end
            self._jobs = None
