"""One window per user and profile: a second launch asks the first to come forward and exits.

Why it is built this way (issue 11 item 11): a socket name any local user can compute, in a
shared folder, can be taken first by another user, whose listener then tells every launch
"already running" — the app never starts. So:

- POSIX: the socket lives in a per-user folder, ``$XDG_RUNTIME_DIR/bauhinia`` when the runtime
  folder is ours, else ``<profile cache>/run`` (or ``<temp>/bauhinia-<uid>`` when that path is
  too long for a socket address); the folder is created 0700 and refused if another user owns
  it or can write to it; with no usable folder the app starts without single-instance. Both
  sides check the peer's uid (``SO_PEERCRED``): a launch trusts an "already running" answer
  only from its own user, and the running window acts only on its own user's messages. A
  listener that is not ours is replaced (its socket file sits in our own folder).
- Windows (not runnable on this Linux machine; untested): the pipe name holds the session id,
  the user's SID and a random per-profile secret kept in the user's config folder, so another
  user can neither compute nor squat it; ``UserAccessOption`` gives the pipe an owner-only ACL.

The name also depends on ``BAUHINIA_HOME`` (tests and portable profiles get their own instance).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import socket
import stat
import struct
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.paths import make_private_dir, user_paths

MESSAGE = b"activate\n"
_MAX_UNIX_PATH = 100  # sun_path holds 108 bytes on Linux; keep a margin


def _profile_key(env: Mapping[str, str]) -> str:
    return hashlib.sha256(f"{env.get('BAUHINIA_HOME', '')}".encode()).hexdigest()[:16]


def _own_private_dir(path: Path) -> bool:
    """Create ``path`` 0700 if needed; True only if it is ours and private afterwards."""
    try:
        make_private_dir(path)
        st = path.stat()
    except OSError:
        return False
    return st.st_uid == os.getuid() and not stat.S_IMODE(st.st_mode) & 0o077


def runtime_dir(env: Mapping[str, str] | None = None) -> Path | None:
    """The per-user folder for the socket (POSIX), or ``None`` when no private folder is usable."""
    env = dict(os.environ) if env is None else env
    candidates: list[Path] = []
    xdg = env.get("XDG_RUNTIME_DIR")
    if xdg and Path(xdg).is_absolute():
        with contextlib.suppress(OSError):
            st = Path(xdg).stat()
            if st.st_uid == os.getuid() and not stat.S_IMODE(st.st_mode) & 0o077:
                candidates.append(Path(xdg) / "bauhinia")
    candidates.append(user_paths(env).cache / "run")
    # A deep profile path would not fit a socket address: a per-uid folder in the temp folder,
    # used only if it is ours and private (if another user made it first, it is refused).
    candidates.append(Path(tempfile.gettempdir()) / f"bauhinia-{os.getuid()}")
    for folder in candidates:
        if len(str(folder)) + 30 < _MAX_UNIX_PATH and _own_private_dir(folder):
            return folder
    return None


def _windows_identity() -> str:  # pragma: no cover - Windows only
    """``<session id>-<user SID>`` of this process, through ctypes (no pywin32)."""
    import ctypes
    from ctypes import wintypes

    windll = ctypes.windll  # type: ignore[attr-defined]
    kernel32, advapi32 = windll.kernel32, windll.advapi32
    session = wintypes.DWORD()
    kernel32.ProcessIdToSessionId(kernel32.GetCurrentProcessId(), ctypes.byref(session))
    token = wintypes.HANDLE()
    if not advapi32.OpenProcessToken(kernel32.GetCurrentProcess(), 0x0008, ctypes.byref(token)):  # TOKEN_QUERY
        raise OSError("OpenProcessToken failed")
    try:
        size = wintypes.DWORD()
        advapi32.GetTokenInformation(token, 1, None, 0, ctypes.byref(size))  # TokenUser
        buf = ctypes.create_string_buffer(size.value)
        if not advapi32.GetTokenInformation(token, 1, buf, size, ctypes.byref(size)):
            raise OSError("GetTokenInformation failed")
        sid = ctypes.cast(buf, ctypes.POINTER(ctypes.c_void_p))[0]  # TOKEN_USER.User.Sid
        text = ctypes.c_wchar_p()
        if not advapi32.ConvertSidToStringSidW(ctypes.c_void_p(sid), ctypes.byref(text)):
            raise OSError("ConvertSidToStringSidW failed")
        try:
            return f"{session.value}-{text.value}"
        finally:
            kernel32.LocalFree(text)
    finally:
        kernel32.CloseHandle(token)


def _profile_secret(env: Mapping[str, str]) -> str:
    """A random value kept in the user's config folder (0600): part of the Windows pipe name,
    so another user cannot compute it."""
    path = user_paths(env).config / "instance-id"
    with contextlib.suppress(OSError):
        value = path.read_text(encoding="ascii").strip()
        if len(value) >= 32:
            return value
    value = secrets.token_hex(16)
    with contextlib.suppress(OSError):
        make_private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(value)
    return value


def server_name(env: Mapping[str, str] | None = None) -> str:
    """POSIX: the socket's full path in the per-user folder; Windows: the pipe name. An empty
    string means no private place exists (the app then runs without single-instance)."""
    env = dict(os.environ) if env is None else env
    key = _profile_key(env)
    if sys.platform == "win32":  # pragma: no cover - Windows only
        ident = hashlib.sha256(f"{_windows_identity()}\0{_profile_secret(env)}".encode()).hexdigest()[:32]
        return f"bauhinia-{key}-{ident}"
    folder = runtime_dir(env)
    return "" if folder is None else str(folder / f"bauhinia-{key}.sock")


def peer_uid(descriptor: int) -> int | None:
    """The uid at the other end of a connected Unix socket (``SO_PEERCRED``, Linux); ``None``
    where the platform cannot say."""
    peercred = getattr(socket, "SO_PEERCRED", None)
    if peercred is None or descriptor < 0:
        return None
    try:
        dup = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM, fileno=os.dup(descriptor))
    except OSError:
        return None
    with dup:
        try:
            raw = dup.getsockopt(socket.SOL_SOCKET, peercred, struct.calcsize("3i"))
        except OSError:
            return None
    _pid, uid, _gid = struct.unpack("3i", raw)
    return int(uid)


def _trusted(descriptor: int, expected_uid: int | None) -> bool:
    if expected_uid is None:
        return True  # Windows: the pipe's owner-only ACL decides who can connect
    uid = peer_uid(descriptor)
    return uid is None or uid == expected_uid  # no SO_PEERCRED: the 0700 folder is the guard


def _default_uid() -> int | None:
    return os.getuid() if hasattr(os, "getuid") else None


def notify_running(name: str, timeout_ms: int = 500, expected_uid: int | None = -1) -> bool:
    """True when another instance *of this user* answered (it will raise its window).
    ``expected_uid`` (tests): whose listener counts; -1 means the current user."""
    if not name:
        return False
    expected = _default_uid() if expected_uid == -1 else expected_uid
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return False
    if not _trusted(int(sock.socketDescriptor()), expected):
        sock.abort()  # someone else's listener: ignore it and start normally
        return False
    sock.write(MESSAGE)
    sock.flush()
    sock.waitForBytesWritten(timeout_ms)
    sock.disconnectFromServer()
    return True


class InstanceServer(QObject):
    activated = Signal()

    def __init__(self, name: str, parent: QObject | None = None, expected_uid: int | None = -1) -> None:
        super().__init__(parent)
        self.name = name
        self.expected_uid = _default_uid() if expected_uid == -1 else expected_uid
        self.refused = 0  # connections from another user, ignored
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connection)

    def listen(self) -> bool:
        if not self.name:
            return False
        if self.server.listen(self.name):
            return True
        # A crashed instance (or a listener that is not ours) left the name taken; the file is in
        # our own private folder, so replace it.
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            if not _trusted(int(sock.socketDescriptor()), self.expected_uid):
                self.refused += 1
                sock.abort()
                continue
            # The client writes one line and disconnects; wait briefly for it (it is local).
            ready = sock.bytesAvailable() > 0 or sock.waitForReadyRead(500)
            if ready and bytes(sock.readAll().data()).startswith(MESSAGE.strip()):
                self.activated.emit()
            sock.abort()

    def close(self) -> None:
        self.server.close()
