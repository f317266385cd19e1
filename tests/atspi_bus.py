"""A private accessibility desktop for tests, and a client that walks an application's AT-SPI tree.

``a11y_desktop(folder)`` starts what a Linux desktop session provides to a screen reader: an X
server (Xvfb), a D-Bus session bus, the at-spi2 accessibility bus (``at-spi-bus-launcher``) and the
registry (``at-spi2-registryd``), all private to the test and stopped afterwards. ``AtspiClient``
talks to the registry over D-Bus with ``jeepney`` (the pure-Python D-Bus library SecretStorage
already brings) exactly as Orca does through libatspi: ``org.a11y.atspi.Accessible`` on every
node — name, role, states, children.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jeepney import DBusAddress, MessageType, Properties, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

LIBEXEC = (Path("/usr/libexec"), Path("/usr/lib/at-spi2-core"), Path("/usr/lib/at-spi2"))
REGISTRY = "org.a11y.atspi.Registry"
ROOT_PATH = "/org/a11y/atspi/accessible/root"
ACCESSIBLE = "org.a11y.atspi.Accessible"
#: ``AtspiStateType`` bits (at-spi2-core's atspi-constants.h: … SELECTABLE 22, SELECTED 23, SENSITIVE 24, SHOWING 25 …).
STATE_FOCUSABLE, STATE_SHOWING, STATE_VISIBLE = 11, 25, 30


def _libexec(name: str) -> str | None:
    for folder in LIBEXEC:
        if (folder / name).is_file():
            return str(folder / name)
    return shutil.which(name)


def tools() -> dict[str, str | None]:
    """The programs a private accessibility desktop needs (None where absent)."""
    return {"Xvfb": shutil.which("Xvfb"), "dbus-daemon": shutil.which("dbus-daemon"),
            "at-spi-bus-launcher": _libexec("at-spi-bus-launcher"),
            "at-spi2-registryd": _libexec("at-spi2-registryd")}


@dataclass
class Desktop:
    display: str
    session_bus: str
    a11y_bus: str
    runtime_dir: Path
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        """Variables a program needs to show its windows here and be seen by a screen reader."""
        return {"DISPLAY": self.display, "DBUS_SESSION_BUS_ADDRESS": self.session_bus,
                "XDG_RUNTIME_DIR": str(self.runtime_dir), "QT_QPA_PLATFORM": "xcb",
                "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "NO_AT_BRIDGE": "0"}


def _wait_for(what: str, probe: Callable[[], Any], timeout_s: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout_s
    last: BaseException | None = None
    while time.monotonic() < deadline:
        try:
            result = probe()
            if result:
                return result
        except Exception as exc:  # not up yet
            last = exc
        time.sleep(0.1)
    raise TimeoutError(f"{what} did not come up within {timeout_s:.0f} s ({last})")


def _start(procs: list[subprocess.Popen[bytes]], argv: list[str], env: dict[str, str],
           **kwargs: Any) -> subprocess.Popen[bytes]:
    proc: subprocess.Popen[bytes] = subprocess.Popen(argv, env=env, start_new_session=True, **kwargs)
    procs.append(proc)
    return proc


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    """Stop what we started, newest first, with its process group (the launcher's own bus daemon)."""
    for proc in reversed(procs):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in reversed(procs):
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()


def call(conn: DBusConnection, bus: str, path: str, interface: str, method: str, signature: str | None = None,
         body: tuple[Any, ...] = (), timeout: float = 10.0) -> tuple[Any, ...]:
    msg = new_method_call(DBusAddress(path, bus_name=bus, interface=interface), method, signature, body)
    reply = conn.send_and_get_reply(msg, timeout=timeout)
    if reply.header.message_type == MessageType.error:
        raise RuntimeError(f"{bus}{path} {interface}.{method}: {reply.body}")
    return tuple(reply.body)


def _has_owner(conn: DBusConnection, name: str) -> bool:
    return bool(call(conn, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner",
                     "s", (name,))[0])


@contextlib.contextmanager
def a11y_desktop(folder: Path) -> Iterator[Desktop]:
    """Xvfb + a session bus + the at-spi2 bus and registry, private to ``folder``; all stopped after."""
    found = tools()
    missing = [name for name, path in found.items() if path is None]
    if missing:
        raise FileNotFoundError(f"missing: {', '.join(missing)}")
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS",
                                                           "AT_SPI_BUS_ADDRESS")}
    env["XDG_RUNTIME_DIR"] = str(runtime)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        read_fd, write_fd = os.pipe()
        _start(procs, [str(found["Xvfb"]), "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24",
                       "-nolisten", "tcp", "-noreset"], env, pass_fds=(write_fd,),
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as pipe:
            number = pipe.readline().decode().strip()
        if not number.isdigit():
            raise RuntimeError("Xvfb did not report its display")
        env["DISPLAY"] = f":{number}"
        session = _start(procs, [str(found["dbus-daemon"]), "--session", "--nofork", "--print-address=1"], env,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert session.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = session.stdout.readline().decode().strip()
        _start(procs, [str(found["at-spi-bus-launcher"]), "--launch-immediately"], env,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open_dbus_connection(env["DBUS_SESSION_BUS_ADDRESS"]) as conn:
            _wait_for("at-spi-bus-launcher", lambda: _has_owner(conn, "org.a11y.Bus"))  # ours, not activated
            address = _wait_for("the at-spi2 bus (org.a11y.Bus)", lambda: call(
                conn, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress")[0])
        a11y_bus = str(address)
        _start(procs, [str(found["at-spi2-registryd"])], env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open_dbus_connection(a11y_bus) as conn:
            _wait_for("at-spi2-registryd", lambda: _has_owner(conn, REGISTRY))
            _wait_for("the at-spi2 registry", lambda: call(conn, REGISTRY, ROOT_PATH, ACCESSIBLE, "GetChildren")
                      is not None)
        yield Desktop(env["DISPLAY"], env["DBUS_SESSION_BUS_ADDRESS"], a11y_bus, runtime, procs)
    finally:
        _stop(procs)


@dataclass(frozen=True)
class Node:
    """One accessible object as a screen reader sees it."""

    path: str
    role: str
    name: str
    description: str
    states: frozenset[int]
    depth: int

    @property
    def focusable(self) -> bool:
        return STATE_FOCUSABLE in self.states

    @property
    def showing(self) -> bool:
        return STATE_SHOWING in self.states and STATE_VISIBLE in self.states


def _bits(words: list[int]) -> frozenset[int]:
    return frozenset(i * 32 + b for i, word in enumerate(words) for b in range(32) if word >> b & 1)


class AtspiClient:
    """A connection to the accessibility bus; finds an application by process id and walks it."""

    def __init__(self, a11y_bus: str) -> None:
        self.conn = open_dbus_connection(a11y_bus)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> AtspiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _pid(self, bus: str) -> int:
        reply = call(self.conn, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                     "GetConnectionUnixProcessID", "s", (bus,))
        return int(reply[0])

    def application(self, pid: int) -> str | None:
        """The bus name of the application ``pid`` registered with the registry, if it has."""
        children = call(self.conn, REGISTRY, ROOT_PATH, ACCESSIBLE, "GetChildren")[0]
        for bus, _path in children:
            with contextlib.suppress(RuntimeError):
                if self._pid(bus) == pid:
                    return str(bus)
        return None

    def node(self, bus: str, path: str, depth: int) -> Node:
        props = Properties(DBusAddress(path, bus_name=bus, interface=ACCESSIBLE))
        name = self.conn.send_and_get_reply(props.get("Name"), timeout=10).body[0][1]
        description = self.conn.send_and_get_reply(props.get("Description"), timeout=10).body[0][1]
        role = call(self.conn, bus, path, ACCESSIBLE, "GetRoleName")[0]
        states = call(self.conn, bus, path, ACCESSIBLE, "GetState")[0]
        return Node(path, str(role), str(name), str(description), _bits(list(states)), depth)

    def walk(self, bus: str, path: str = ROOT_PATH, depth: int = 0, limit: int = 5000) -> list[Node]:
        """Every node under ``path`` (depth first), skipping subtrees that are not showing."""
        out: list[Node] = []
        stack = [(path, depth)]
        while stack and len(out) < limit:
            here, level = stack.pop()
            node = self.node(bus, here, level)
            out.append(node)
            if level > 0 and not node.showing:
                continue
            children = call(self.conn, bus, here, ACCESSIBLE, "GetChildren")[0]
            stack.extend((str(child_path), level + 1) for _b, child_path in reversed(children))
        return out


def unnamed_focusable(nodes: list[Node]) -> list[Node]:
    """Controls the keyboard can reach (focusable, showing) that a screen reader cannot name."""
    return [n for n in nodes if n.focusable and n.showing and not n.name.strip()]


class EventListener:
    """Receives one kind of AT-SPI event, registered with the registry as a screen reader does
    (applications send events only for kinds a listener asked for)."""

    def __init__(self, a11y_bus: str, event: str = "object:announcement", member: str = "Announcement") -> None:
        from jeepney.bus_messages import MatchRule, message_bus

        self.conn = open_dbus_connection(a11y_bus)
        rule = MatchRule(type="signal", interface="org.a11y.atspi.Event.Object", member=member)
        self.conn.send_and_get_reply(message_bus.AddMatch(rule), timeout=10)
        self._handle = self.conn.filter(rule, bufsize=10_000)
        self._queue = self._handle.queue
        call(self.conn, REGISTRY, "/org/a11y/atspi/registry", "org.a11y.atspi.Registry", "RegisterEvent", "sass",
             (event, [], ""))

    def drain(self, quiet_s: float = 1.5) -> list[tuple[Any, ...]]:
        """The events' bodies received until none came for ``quiet_s``."""
        out = []
        while True:
            try:
                msg = self.conn.recv_until_filtered(self._queue, timeout=quiet_s)
            except TimeoutError:
                return out
            out.append(tuple(msg.body))

    def close(self) -> None:
        self._handle.close()
        self.conn.close()

    def __enter__(self) -> EventListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
