"""Files only their owner can read, and removing plaintext so its bytes do not stay on disk.

Every file the history store creates (database, its WAL/SHM/journal — SQLite gives those the
database file's mode —, backups, lock files, exports it writes) is created ``0600`` and every
folder it creates ``0700``; an existing profile made by an older version is tightened when the
store opens. On Windows the profile's ACL (inherited from the user's folder) already does this
and ``chmod`` is a no-op.

``wipe`` overwrites a file with zeros, syncs it, then unlinks it. On a conventional file system
the old blocks are overwritten; copy-on-write file systems, snapshots and SSD wear-levelling may
keep older copies, which only full-disk encryption covers (see the security notes).
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from app.paths import PRIVATE_DIR_MODE, make_private_dir

FILE_MODE = 0o600
DIR_MODE = PRIVATE_DIR_MODE
_CHUNK = 1 << 20
_POSIX = sys.platform != "win32"


def tighten(path: Path, mode: int = FILE_MODE) -> None:
    """Remove group/other permissions from an existing file or folder we own (best effort)."""
    if not _POSIX:  # pragma: no cover - the ACL of the user's profile applies on Windows
        return
    with contextlib.suppress(OSError):
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode) or st.st_uid != os.getuid():
            return
        if stat.S_IMODE(st.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(st.st_mode) & mode)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) as 0700, or tighten it if it exists (``app.paths``' rule)."""
    make_private_dir(path)
    return path


def tighten_folder(folder: Path) -> None:
    """Make an existing folder 0700 and the files directly in it 0600 (profiles made before)."""
    if not folder.is_dir():
        return
    tighten(folder, DIR_MODE)
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            if entry.is_file():
                tighten(entry)


def touch_private(path: Path) -> Path:
    """Make sure ``path`` exists as a 0600 file before a library (SQLite) creates it 0644."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    os.close(fd)
    tighten(path)
    return path


def open_private(path: Path, flags: int) -> int:
    """``os.open`` that creates the file 0600 and tightens a regular file that already existed."""
    fd = os.open(path, flags | os.O_CREAT | getattr(os, "O_BINARY", 0), FILE_MODE)
    if _POSIX:
        with contextlib.suppress(OSError):
            st = os.fstat(fd)
            if stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and stat.S_IMODE(st.st_mode) & 0o077:
                os.fchmod(fd, stat.S_IMODE(st.st_mode) & FILE_MODE)
    return fd


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``; a new file is 0600, an existing regular file is tightened."""
    fd = open_private(path, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def write_private_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` (0600) and rename it into place: a full disk or a crash
    leaves the old file, never half a new one."""
    part = path.with_name(path.name + ".part")
    try:
        fd = open_private(part, os.O_WRONLY | os.O_TRUNC)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(part, path)
    except OSError:
        part.unlink(missing_ok=True)
        raise


def fsync_dir(folder: Path) -> None:
    if not _POSIX:  # pragma: no cover - directories cannot be opened for fsync on Windows
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows' _commit needs write access
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def wipe(path: Path) -> bool:
    """Overwrite a regular file with zeros, sync, and unlink it. False if it did not exist."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    if stat.S_ISREG(st.st_mode):
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        try:
            zeros = bytes(_CHUNK)
            left = st.st_size
            while left > 0:
                left -= os.write(fd, zeros[: min(left, _CHUNK)])
            os.fsync(fd)
        finally:
            os.close(fd)
    os.unlink(path)
    fsync_dir(path.parent)
    return True


__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "fsync_dir",
    "fsync_file",
    "open_private",
    "private_dir",
    "tighten",
    "tighten_folder",
    "touch_private",
    "wipe",
    "write_private_text",
]
