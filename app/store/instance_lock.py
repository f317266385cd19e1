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
from app.store.private_files import open_private, private_dir


def _open_lock_file(path: Path) -> IO[bytes]:
    """The lock file, created 0600 (it is empty; the mode keeps the profile uniformly private)."""
    return os.fdopen(open_private(path, os.O_RDWR | os.O_APPEND), "a+b")


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


def _held(path: Path) -> bool:
    """Whether some process holds the lock on ``path`` (False when it is free or absent)."""
    try:
        handle = open(path, "r+b")  # noqa: SIM115 - closed below
    except OSError:
        return False
    try:
        return not _try_lock(handle)
    finally:
        handle.close()


class InstanceLock:
    """The lock this process holds while its store is open."""

    def __init__(self, lock_dir: Path) -> None:
        self.instance_id = new_id()
        self._dir = lock_dir
        private_dir(lock_dir)
        self.path = lock_dir / f"{self.instance_id}.lock"
        self._handle: IO[bytes] | None = _open_lock_file(self.path)  # held for the process lifetime
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
        return _held(self._dir / f"{instance_id}.lock")

    def sweep_stale(self) -> None:
        """Delete lock files left by processes that died."""
        for path in self._dir.glob("*.lock"):
            stem = path.stem
            if stem != self.instance_id and not self.writer_alive(stem):
                with contextlib.suppress(OSError):
                    os.unlink(path)


def live_instances(lock_dir: Path) -> list[str]:
    """Instance ids of the processes (this one included) that have a store open on this profile."""
    if not lock_dir.is_dir():
        return []
    alive = []
    for path in lock_dir.glob("*.lock"):
        if is_valid_id(path.stem) and _held(path):
            alive.append(path.stem)
    return alive


class OpenLock:
    """A blocking, cross-process lock held while a store opens (key creation, migrations)."""

    def __init__(self, path: Path, timeout_s: float = 30.0) -> None:
        self._path = path
        self._timeout = timeout_s
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> OpenLock:
        import time

        private_dir(self._path.parent)
        handle = _open_lock_file(self._path)
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
