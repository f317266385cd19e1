"""Append events to the audit log: hash-chained JSON lines, rotated by size, 0600 files in a 0700
folder, one writer at a time (a lock file), and a record that is either written whole and synced
or not at all.

``record`` raises ``AuditWriteError`` (a translated one-line message) when the line cannot be
written; callers write the record *before* the action it describes and stop the action then, so
no audited action happens unrecorded.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import socket
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.audit.chain import FORMAT_VERSION, GENESIS, MAX_LINE_BYTES, seal, sha256_hex
from app.audit.events import AuditEvent
from app.audit.files import current_file, next_rotated_name, rotated_files
from app.i18n import tr
from app.store.private_files import fsync_dir, open_private, private_dir

CONTEXT = "Audit"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_TAIL_READ = MAX_LINE_BYTES + 2


class AuditWriteError(Exception):
    """The audit log could not be written; the action it was to record must not go ahead."""


def _write_error(path: Path, exc: BaseException) -> AuditWriteError:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    text = tr(CONTEXT, "The audit log {path} cannot be written ({error}), so the action was stopped. "
                       "Free some disk space or contact IT support.")
    return AuditWriteError(text.format(path=path, error=reason))


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (a container): the numeric id still identifies
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def _utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    fd = open_private(lock_path, os.O_RDWR)
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _last_line(path: Path) -> tuple[bytes | None, int]:
    """The file's last complete line (None when empty) and the size to keep (a torn tail — a line
    a crash left without its newline, never acknowledged to anyone — is cut off)."""
    try:
        with path.open("rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - _TAIL_READ))
            tail = fh.read()
    except FileNotFoundError:
        return None, 0
    keep = size
    if tail and not tail.endswith(b"\n"):
        cut = tail.rfind(b"\n")
        keep = size - len(tail) + cut + 1
        tail = tail[: cut + 1]
    lines = tail.rstrip(b"\n").rsplit(b"\n", 1)
    return (lines[-1] if lines[-1] else None), keep


class AuditLog:
    """An audit log at ``location`` (a folder, or the path of its current file)."""

    enabled = True

    def __init__(self, location: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, user: str | None = None,
                 host: str | None = None, clock: Callable[[], str] = _utc_now,
                 mirror: Callable[[bytes], None] | None = None) -> None:
        self.path = current_file(location)
        #: Gets each line once it is written (the Windows event log, :mod:`app.audit.eventlog`).
        self.mirror = mirror
        self.max_bytes = max(4096, int(max_bytes))
        self.user = user if user is not None else os_user()
        self.host = host if host is not None else socket.gethostname()
        self._clock = clock

    def _previous(self) -> tuple[str, int, int]:
        """(hash of the last line, its seq, current file size to keep), across rotated files."""
        line, keep = _last_line(self.path)
        if line is None:
            rotated = rotated_files(self.path)
            if rotated:
                line, _ = _last_line(rotated[-1])
        if line is None:
            return GENESIS, 0, keep
        import json

        try:
            seq = int(json.loads(line)["seq"])
        except (ValueError, KeyError, TypeError):
            seq = 0  # a damaged last line: the chain still links to it; verify reports it
        return sha256_hex(line), seq, keep

    def _line(self, event: AuditEvent, prev: str, seq: int) -> bytes:
        body: dict[str, Any] = {"v": FORMAT_VERSION, "seq": seq, "time": self._clock(), "user": self.user,
                                "host": self.host, "event": event.EVENT}
        body.update(event.fields())
        body["prev"] = prev
        line = seal(body)
        if len(line) > MAX_LINE_BYTES:
            raise AuditWriteError(f"audit record over {MAX_LINE_BYTES} bytes")  # bounded fields make this unreachable
        return line

    def record(self, event: AuditEvent) -> None:
        """Append ``event``, synced to disk; ``AuditWriteError`` when it cannot be written."""
        if not isinstance(event, AuditEvent):
            raise TypeError("record() takes an audit event (app.audit.events)")
        try:
            private_dir(self.path.parent)
            with _locked(self.path.with_name(self.path.name + ".lock")):
                line = self._append(event)
        except OSError as exc:
            raise _write_error(self.path, exc) from exc
        if self.mirror is not None:
            self.mirror(line.rstrip(b"\n"))

    def _append(self, event: AuditEvent) -> bytes:
        prev, seq, keep = self._previous()
        data = self._line(event, prev, seq + 1) + b"\n"
        if keep and keep + len(data) > self.max_bytes:
            os.replace(self.path, next_rotated_name(self.path))  # the new file chains to its last line
            fsync_dir(self.path.parent)
            keep = 0
        fd = open_private(self.path, os.O_WRONLY)
        try:
            size = os.fstat(fd).st_size
            if size != keep:
                os.ftruncate(fd, keep)  # drop a torn tail before appending
            os.lseek(fd, keep, os.SEEK_SET)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            except OSError:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, keep)  # all or nothing: no half line is left behind
                    os.fsync(fd)
                raise
        finally:
            os.close(fd)
        if keep == 0:
            fsync_dir(self.path.parent)
        return data


class DisabledAuditLog:
    """What callers get when ``audit.enabled`` is false: ``record`` does nothing."""

    enabled = False

    def record(self, event: AuditEvent) -> None:
        if not isinstance(event, AuditEvent):
            raise TypeError("record() takes an audit event (app.audit.events)")
