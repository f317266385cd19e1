"""One open, read-only handle on a model file: fingerprint it, hash it and load it through it.

Checking a file by path and then loading it by path again leaves a window in which it can be
swapped. A :class:`ModelHandle` opens the file once; its fingerprint and SHA-256 come from that
descriptor, and llama.cpp is given a path that reaches the *same* open file:

* Linux: ``/proc/self/fd/N``, which names the open file even after the path was renamed or
  replaced.
* Windows: the file is opened with ``FILE_SHARE_READ`` only, so while the handle is open nobody can
  write, rename or delete it; llama.cpp opens the (now pinned) path. Untested here (no Windows).
* elsewhere: the path, re-checked against the fingerprint after loading.

The fingerprint includes the change time (``st_ctime_ns`` on POSIX, NTFS ``ChangeTime`` on
Windows), which a normal user cannot set back: overwriting a file in place and restoring its mtime
with ``os.utime`` still changes it.
"""

from __future__ import annotations

import ctypes
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from engine.errors import ModelFileError
from engine.hashing import DEFAULT_CHUNK, ProgressCallback, open_error, sha256_fd
from engine.types import CancelToken

_PROC_FD = Path("/proc/self/fd")


@dataclass(frozen=True)
class Fingerprint:
    """What identifies one state of a file; any write, rename or chmod changes ``ctime_ns``."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int

    def as_list(self) -> list[int]:
        return [self.size, self.mtime_ns, self.ctime_ns, self.inode, self.device]


def fingerprint_fd(fd: int) -> Fingerprint:
    st = os.fstat(fd)
    return Fingerprint(st.st_size, st.st_mtime_ns, change_time_ns(fd, st), st.st_ino, st.st_dev)


def change_time_ns(fd: int, st: os.stat_result | None = None) -> int:
    """The inode change time: ``st_ctime_ns`` on POSIX, NTFS ``ChangeTime`` (100 ns units) on Windows."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_change_time(fd) * 100
    return (st or os.fstat(fd)).st_ctime_ns


class _FileBasicInfo(ctypes.Structure):
    _fields_ = [
        ("CreationTime", ctypes.c_int64),
        ("LastAccessTime", ctypes.c_int64),
        ("LastWriteTime", ctypes.c_int64),
        ("ChangeTime", ctypes.c_int64),
        ("FileAttributes", ctypes.c_uint32),
    ]


def _windows_change_time(fd: int) -> int:  # pragma: no cover - Windows only
    import msvcrt

    handle = msvcrt.get_osfhandle(fd)  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    fn = kernel32.GetFileInformationByHandleEx
    fn.restype = ctypes.c_int
    fn.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_uint32]
    info = _FileBasicInfo()
    file_basic_info = 0  # FILE_INFO_BY_HANDLE_CLASS.FileBasicInfo
    if not fn(handle, file_basic_info, ctypes.byref(info), ctypes.sizeof(info)):
        raise OSError(ctypes.get_last_error(), "GetFileInformationByHandleEx failed")  # type: ignore[attr-defined]
    return int(info.ChangeTime)


def _open_windows_deny_writes(path: str) -> int:  # pragma: no cover - Windows only
    """A read-only fd whose handle shares only reading: no writer, rename or delete meanwhile."""
    import msvcrt

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    create = kernel32.CreateFileW
    create.restype = ctypes.c_void_p
    create.argtypes = [ctypes.c_wchar_p, ctypes.c_uint32, ctypes.c_uint32, ctypes.c_void_p, ctypes.c_uint32,
                       ctypes.c_uint32, ctypes.c_void_p]
    generic_read, file_share_read, open_existing, normal = 0x80000000, 0x1, 3, 0x80
    handle = create(path, generic_read, file_share_read, None, open_existing, normal, None)
    if handle in (None, ctypes.c_void_p(-1).value):
        err = ctypes.get_last_error()  # type: ignore[attr-defined]
        raise OSError(err, ctypes.FormatError(err), path)  # type: ignore[attr-defined]
    return int(msvcrt.open_osfhandle(handle, os.O_RDONLY | os.O_BINARY))  # type: ignore[attr-defined]


class ModelHandle:
    """A model file opened once for checking and loading; close it when the load is done."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self.fd = fd
        self.opened = fingerprint_fd(fd)
        #: The SHA-256 the content had when it was checked (set by whoever hashed or looked it up).
        self.checked_sha256: str | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> ModelHandle:
        """Open ``path`` read-only; ``ModelFileError`` when missing, unreadable or not a regular file."""
        spath = os.fspath(path)
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows only
                fd = _open_windows_deny_writes(spath)
            else:
                fd = os.open(spath, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError as exc:
            raise open_error(exc, spath) from exc
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise ModelFileError("model path is not a regular file", path=spath)
            return cls(Path(spath), fd)
        except BaseException:
            os.close(fd)
            raise

    @property
    def load_path(self) -> str:
        """The path to give llama.cpp (and the GGUF parser): it reaches this open file."""
        if sys.platform.startswith("linux") and _PROC_FD.is_dir():
            return str(_PROC_FD / str(self.fd))
        return str(self.path)

    def fingerprint(self) -> Fingerprint:
        return fingerprint_fd(self.fd)

    def sha256(self, progress: ProgressCallback | None = None, cancel: CancelToken | None = None,
               chunk_size: int = DEFAULT_CHUNK) -> str:
        """SHA-256 of the bytes behind this handle (read from offset 0)."""
        return sha256_fd(self.fd, progress=progress, cancel=cancel, chunk_size=chunk_size, path=str(self.path))

    def ensure_unchanged(self) -> None:
        """``ModelFileError`` when the bytes may differ from those checked: the fingerprint moved
        and (when a checked hash is known) the content no longer hashes to it. A rename or unlink
        of the path changes only metadata; the content behind this handle is then hashed again."""
        if self.fingerprint() == self.opened:
            return
        if self.checked_sha256 is not None and self.sha256() == self.checked_sha256:
            return
        raise ModelFileError("the model file changed while it was being checked or loaded", path=str(self.path))

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> ModelHandle:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
