"""One window per user and profile: a second launch asks the first to come forward and exits.

The server name is derived from the user and ``BAUHINIA_HOME`` (so tests and portable profiles
each get their own instance).
"""

from __future__ import annotations

import getpass
import hashlib
import os

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

MESSAGE = b"activate\n"


def server_name(env: dict[str, str] | None = None) -> str:
    env = dict(os.environ) if env is None else env
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    key = f"{user}\0{env.get('BAUHINIA_HOME', '')}"
    return "bauhinia-" + hashlib.sha256(key.encode()).hexdigest()[:16]


def notify_running(name: str, timeout_ms: int = 500) -> bool:
    """True when another instance answered (it will raise its window)."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(timeout_ms):
        return False
    sock.write(MESSAGE)
    sock.flush()
    sock.waitForBytesWritten(timeout_ms)
    sock.disconnectFromServer()
    return True


class InstanceServer(QObject):
    activated = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._connection)

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        # A crashed instance can leave a stale socket file behind; nobody answered, so remove it.
        QLocalServer.removeServer(self.name)
        return self.server.listen(self.name)

    def _connection(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            # The client writes one line and disconnects; wait briefly for it (it is local).
            ready = sock.bytesAvailable() > 0 or sock.waitForReadyRead(500)
            if ready and bytes(sock.readAll().data()).startswith(MESSAGE.strip()):
                self.activated.emit()
            sock.abort()

    def close(self) -> None:
        self.server.close()
