"""Busy-loop competitor processes for ``bauhinia bench --contention`` (issue 16).

Each competitor is a separate process (``spawn``: a fresh interpreter, nothing inherited) that
spins on one core, as a virus scan or a busy browser tab would. Competitors are bounded three
ways, so that none can outlive the benchmark:

- :func:`busy_competitors` stops them (terminate, then kill) when its block ends, whatever ends it:
  normal exit, an exception, Ctrl-C;
- each stops on its own after ``max_seconds``;
- each stops when its parent process is gone (checked every 50 ms), e.g. after a ``kill -9``.

The frozen app must call ``multiprocessing.freeze_support()`` first thing (it does, for the
document sandbox).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from multiprocessing.process import BaseProcess

_CHECK_EVERY_S = 0.05
_STOP_GRACE_S = 5.0


def _spin(max_seconds: float, parent: int) -> None:
    """The competitor: burn CPU until the deadline or until the parent is gone."""
    with contextlib.suppress(ValueError, OSError, AttributeError):
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when it stops
    deadline = time.monotonic() + max_seconds
    x = 0
    while True:
        check = time.monotonic() + _CHECK_EVERY_S
        now = time.monotonic()
        while now < check:
            for _ in range(10_000):
                x = (x * 1103515245 + 12345) & 0x7FFFFFFF
            now = time.monotonic()
        if now >= deadline or os.getppid() != parent:
            return


def stop(procs: list[BaseProcess]) -> None:
    """Terminate, wait, kill what is left, and reap every one."""
    for p in procs:
        if p.is_alive():
            p.terminate()
    end = time.monotonic() + _STOP_GRACE_S
    for p in procs:
        p.join(max(0.0, end - time.monotonic()))
    for p in procs:
        if p.is_alive():
            p.kill()
            p.join(_STOP_GRACE_S)


@contextlib.contextmanager
def busy_competitors(n: int, *, max_seconds: float = 600.0) -> Iterator[list[int]]:
    """Run ``n`` competitors for the duration of the block; yields their process ids."""
    ctx = multiprocessing.get_context("spawn")
    procs: list[BaseProcess] = []
    try:
        for _ in range(n):
            p = ctx.Process(target=_spin, args=(max_seconds, os.getpid()), daemon=True,
                            name="bauhinia-busy-competitor")
            p.start()
            procs.append(p)
        yield [p.pid for p in procs if p.pid is not None]
    finally:
        stop(procs)
