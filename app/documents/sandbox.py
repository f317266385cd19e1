"""Run the format readers in a separate process with a memory limit and a wall-clock timeout.

A hostile file can make a parser loop, allocate without end or crash inside native code
(PDFium, libxml2). None of that may reach the app, so parsing happens in a child started with
the ``spawn`` method (a fresh interpreter: no copied threads, locks or open databases):

- POSIX: the child sets ``RLIMIT_AS`` (address space) to ``ExtractLimits.memory_bytes`` before
  it imports any reader, and ``RLIMIT_CORE`` to 0. An allocation past the limit fails inside the
  child (``MemoryError`` → kind ``memory``) or kills it (kind ``crashed``).
- Everywhere: the parent waits at most ``timeout_s`` for each answer, then kills the child
  (kind ``timeout``) and starts a fresh one for the next file.
- Windows has no ``RLIMIT_AS``; the equivalent is a job object with
  ``JOB_OBJECT_LIMIT_PROCESS_MEMORY`` (``CreateJobObjectW`` + ``SetInformationJobObject`` +
  ``AssignProcessToJobObject`` on the child's handle). That is not implemented or tested here:
  on Windows only the timeout applies. A frozen (PyInstaller) app must call
  ``multiprocessing.freeze_support()`` first thing in its entry point for spawn to work.

One :class:`ParserProcess` serves many files (the library indexer keeps one open, so it pays
the start-up once); after a timeout, a crash or a memory failure it is replaced.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

from app.documents.errors import DocumentError
from app.documents.model import ExtractLimits
from app.documents.parsers import Parsed


def _apply_limits(memory_bytes: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - see the module docstring
        return
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if memory_bytes > 0:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _answer(data: bytes, fmt: str, limits: ExtractLimits) -> tuple[Any, ...]:
    from app.documents.parsers import parse

    try:
        return ("ok", parse(data, fmt, limits))
    except DocumentError as exc:
        return ("error", exc.kind, exc.detail, exc.value)
    except MemoryError:
        return ("error", "memory", "the reader ran out of memory", "")
    except RecursionError:
        return ("error", "malformed", "nested too deeply", "")
    except Exception as exc:  # any reader's failure on bad input is a damaged file to the user
        return ("error", "malformed", f"{type(exc).__name__}: {exc}"[:500], "")


def _child_main(conn: Connection, memory_bytes: int) -> None:
    _apply_limits(memory_bytes)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in a terminal is the parent's to handle
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        except MemoryError:  # the file's bytes alone do not fit
            conn.send(("error", "memory", "the file did not fit in the reader's memory", ""))
            return
        if job is None:
            return
        answer = _answer(*job)
        del job
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("error", "memory", "the text was too large to hand back", ""))
        if answer[0] == "error" and answer[1] == "memory":
            return  # a process that hit its memory limit is not reused


class ParserProcess:
    """A parsing child for one set of limits; :meth:`parse` is not thread-safe (one caller)."""

    def __init__(self, limits: ExtractLimits | None = None) -> None:
        self.limits = limits or ExtractLimits()
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._conn: Connection | None = None
        self.started = 0  # children started so far (tests and the indexer's statistics)

    def _start(self) -> Connection:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_child_main, args=(child, self.limits.memory_bytes),
                                        name="bauhinia-document-reader", daemon=True)
        process.start()
        child.close()
        self._process, self._conn = process, parent
        self.started += 1
        return parent

    def parse(self, data: bytes, fmt: str, limits: ExtractLimits | None = None) -> Parsed:
        """Parse ``data`` as ``fmt`` in the child; :class:`DocumentError` on any failure.
        ``limits`` (default: this process's) bound this file; ``memory_bytes`` is fixed per child."""
        limits = limits or self.limits
        conn = self._conn if self._process is not None and self._process.is_alive() else None
        if conn is None:
            self._stop()
            conn = self._start()
        try:
            conn.send((data, fmt, limits))
            if not conn.poll(limits.timeout_s):
                self._stop()
                raise DocumentError("timeout", f"no answer within {limits.timeout_s:g} s")
            answer = conn.recv()
        except (EOFError, OSError) as exc:
            self._process.join(5)
            code = self._process.exitcode
            self._stop()
            raise DocumentError("crashed", f"the reader exited with status {code}") from exc
        if answer[0] == "ok":
            parsed: Parsed = answer[1]
            return parsed
        _tag, kind, detail, value = answer
        if kind == "memory":
            self._stop()
        raise DocumentError(kind, detail, value)

    def _stop(self) -> None:
        process, conn = self._process, self._conn
        self._process = self._conn = None
        if conn is not None:
            conn.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(10)
            process.close()

    def close(self) -> None:
        """End the child (a closed ParserProcess starts a new one if used again)."""
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            try:
                self._conn.send(None)
                self._process.join(2)
            except OSError:
                pass
        self._stop()

    def __enter__(self) -> ParserProcess:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
