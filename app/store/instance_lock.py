"""Per-process liveness locks, so a second app process never mistakes a live stream for a crash.

Each open store holds an exclusive OS lock on ``locks/<instance>.lock`` for its lifetime; the
kernel drops it when the process dies (even by SIGKILL). A message left ``streaming`` is
recovered as ``interrupted`` only when its writer's lock can be taken, i.e. that writer is gone.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

from app.store.ids import is_valid_id, new_id


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class InstanceLock:
    """The lock this process holds while its store is open."""

    def __init__(self, lock_dir: Path) -> None:
        self.instance_id = new_id()
        self._dir = lock_dir
        lock_dir.mkdir(parents=True, exist_ok=True)
        self.path = lock_dir / f"{self.instance_id}.lock"
        self._handle: IO[bytes] | None = open(self.path, "a+b")  # noqa: SIM115 - held for the process lifetime
        if not _try_lock(self._handle):  # pragma: no cover - a fresh random name cannot be locked
            raise RuntimeError(f"could not lock {self.path}")

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
            with contextlib.suppress(OSError):
                self.path.unlink()

    def writer_alive(self, instance_id: str) -> bool:
        """Whether the process that wrote ``instance_id`` still runs (it holds its lock)."""
        if instance_id == self.instance_id:
            return self._handle is not None
        if not is_valid_id(instance_id):
            return False
        path = self._dir / f"{instance_id}.lock"
        try:
            handle = open(path, "r+b")  # noqa: SIM115 - closed below
        except OSError:
            return False
        try:
            return not _try_lock(handle)
        finally:
            handle.close()

    def sweep_stale(self) -> None:
        """Delete lock files left by processes that died."""
        for path in self._dir.glob("*.lock"):
            stem = path.stem
            if stem != self.instance_id and not self.writer_alive(stem):
                with contextlib.suppress(OSError):
                    os.unlink(path)


class OpenLock:
    """A blocking, cross-process lock held while a store opens (key creation, migrations)."""

    def __init__(self, path: Path, timeout_s: float = 30.0) -> None:
        self._path = path
        self._timeout = timeout_s
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> OpenLock:
        import time

        self._path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self._path, "a+b")
        deadline = time.monotonic() + self._timeout
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                handle.close()
                raise TimeoutError(f"another process holds {self._path}")
            time.sleep(0.02)
        self._handle = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
