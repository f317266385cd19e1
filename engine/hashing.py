"""Streaming SHA-256 of model files, with progress and cancellation (model files are GBs).

Reads into one reused buffer with large chunks; ``hashlib`` releases the GIL while hashing big
blocks, so a UI thread stays responsive while a worker thread hashes.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Callable

from engine.errors import Cancelled, ModelFileError
from engine.types import CancelToken

DEFAULT_CHUNK = 4 << 20

ProgressCallback = Callable[[int, int], None]


def sha256_file(
    path: str | os.PathLike[str],
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> str:
    """Return the lowercase hex SHA-256 of the file at ``path``.

    ``progress(done, total)`` is called after every chunk (and once at the start with 0), with
    ``done`` never decreasing and ending at ``total``. ``cancel`` is checked before every chunk;
    a cancelled token raises :class:`Cancelled`. I/O failures raise :class:`ModelFileError`.
    """
    if chunk_size <= 0:
        raise ValueError("chunk_size must be positive")
    spath = os.fspath(path)
    try:
        with open(spath, "rb", buffering=0) as f:
            return sha256_fd(f.fileno(), progress=progress, cancel=cancel, chunk_size=chunk_size, path=spath)
    except OSError as exc:
        raise open_error(exc, spath) from exc


def open_error(exc: OSError, path: str) -> ModelFileError:
    """The one-line error for a model file that could not be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return ModelFileError("model file not found", path=path)
    if isinstance(exc, IsADirectoryError):
        return ModelFileError("model path is a directory, not a file", path=path)
    if isinstance(exc, PermissionError):
        return ModelFileError("permission denied reading model file", path=path)
    return ModelFileError(f"cannot read model file: {exc.strerror or exc}", path=path)


def sha256_fd(
    fd: int,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    path: str = "",
) -> str:
    """SHA-256 of the regular file open as ``fd``, read from offset 0 (the descriptor stays open).

    Used to hash exactly the file that will then be loaded through the same descriptor."""
    if chunk_size <= 0:
        raise ValueError("chunk_size must be positive")
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        raise ModelFileError("not a regular file", path=path or None)
    try:
        with io.FileIO(fd, "rb", closefd=False) as f:
            f.seek(0)
            return _digest(f, st.st_size, progress, cancel, chunk_size)
    except OSError as exc:
        raise ModelFileError(f"cannot read model file: {exc.strerror or exc}", path=path or None) from exc


def _digest(
    f: io.FileIO,
    total: int,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
    chunk_size: int,
) -> str:
    h = hashlib.sha256()
    buf = bytearray(chunk_size)
    view = memoryview(buf)
    done = 0
    if progress is not None:
        progress(0, total)
    while True:
        if cancel is not None and cancel.cancelled:
            raise Cancelled("hashing cancelled")
        n = f.readinto(view)
        if not n:
            break
        h.update(view[:n])
        done += n
        if progress is not None:
            # A file that grows while hashed reports its real size rather than overshoot.
            progress(done, max(total, done))
    if done != total and progress is not None:
        progress(done, done)
    return h.hexdigest()
