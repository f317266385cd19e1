"""A copy of each audit record in the Windows Application event log (source "Bauhinia").

UNTESTED ON WINDOWS: this machine has no Windows. The tests check the message text and the call
sequence (RegisterEventSourceW → ReportEventW → DeregisterEventSource) through an injected fake;
the ctypes declarations follow the Win32 documentation but have never been run.

The JSON-lines file stays the record of truth (hash-chained, verified by ``bauhinia audit
verify``); the event log is a convenience for central collection (Windows Event Forwarding, a
SIEM). So a failure here never stops an action: it is logged and the action goes on. The record's
SHA-256 is in the message, so an event can be matched with its line. Without a registered message
file for the source, Event Viewer prefixes the text with "The description for Event ID … cannot be
found"; the text itself is complete.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from app.audit.chain import sha256_hex

SOURCE = "Bauhinia"
INFORMATION, WARNING = 0x0004, 0x0002  # EVENTLOG_INFORMATION_TYPE, EVENTLOG_WARNING_TYPE
#: One event id per kind of record, so a collector can filter without parsing the text.
EVENT_IDS: dict[str, int] = {
    "model_loaded": 1001, "turn_done": 1002, "export": 1003, "import": 1004, "delete": 1005,
    "policy_refusal": 1006, "document_added": 1007,
}
OTHER_EVENT_ID = 1000
_HEAD = ("event", "time", "user", "host", "seq")

log = logging.getLogger(__name__)


class EventLogApi(Protocol):
    """The three advapi32 calls (a fake in the tests)."""

    def register(self, source: str) -> Any: ...
    def report(self, handle: Any, event_type: int, event_id: int, strings: Sequence[str]) -> bool: ...
    def deregister(self, handle: Any) -> None: ...


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def event_message(line: bytes) -> tuple[int, int, str]:
    """(event type, event id, message) for one sealed audit line: the kind, time, user, computer
    and sequence first, then every other field as ``name=value``, then the line's SHA-256."""
    body = json.loads(line)
    name = str(body.get("event", ""))
    lines = [f"Bauhinia audit: {name}"]
    lines += [f"{key}={_value(body[key])}" for key in _HEAD[1:] if key in body]
    lines += [f"{key}={_value(value)}" for key, value in body.items() if key not in _HEAD and key != "v"]
    lines.append(f"record_sha256={sha256_hex(line)}")
    kind = WARNING if name == "policy_refusal" else INFORMATION
    return kind, EVENT_IDS.get(name, OTHER_EVENT_ID), "\r\n".join(lines)


class WindowsEventLog:
    """``mirror(line)``: report one audit line; never raises."""

    def __init__(self, api: EventLogApi, source: str = SOURCE) -> None:
        self.api = api
        self.source = source

    def __call__(self, line: bytes) -> None:
        try:
            kind, event_id, message = event_message(line)
            handle = self.api.register(self.source)
            if not handle:
                raise OSError("RegisterEventSourceW failed")
            try:
                if not self.api.report(handle, kind, event_id, [message]):
                    raise OSError("ReportEventW failed")
            finally:
                self.api.deregister(handle)
        except Exception:  # a copy: the file record is already written
            log.warning("the audit record could not be copied to the Windows event log", exc_info=True)


class Advapi32:  # pragma: no cover - Windows only; untested here
    """The real calls through ctypes."""

    def __init__(self) -> None:
        import ctypes
        from ctypes import wintypes

        dll = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
        self._register = dll.RegisterEventSourceW
        self._register.argtypes = [wintypes.LPCWSTR, wintypes.LPCWSTR]
        self._register.restype = wintypes.HANDLE
        self._report = dll.ReportEventW
        self._report.argtypes = [wintypes.HANDLE, wintypes.WORD, wintypes.WORD, wintypes.DWORD, ctypes.c_void_p,
                                 wintypes.WORD, wintypes.DWORD, ctypes.POINTER(wintypes.LPCWSTR), ctypes.c_void_p]
        self._report.restype = wintypes.BOOL
        self._deregister = dll.DeregisterEventSource
        self._deregister.argtypes = [wintypes.HANDLE]
        self._deregister.restype = wintypes.BOOL
        self._ctypes = ctypes
        self._wintypes = wintypes

    def register(self, source: str) -> Any:
        return self._register(None, source)

    def report(self, handle: Any, event_type: int, event_id: int, strings: Sequence[str]) -> bool:
        array = (self._wintypes.LPCWSTR * len(strings))(*strings)
        return bool(self._report(handle, event_type, 0, event_id, None, len(strings), 0, array, None))

    def deregister(self, handle: Any) -> None:
        self._deregister(handle)


def platform_mirror(platform: str = sys.platform,
                    api_factory: Callable[[], EventLogApi] | None = None) -> Callable[[bytes], None] | None:
    """The event-log copy on Windows (None elsewhere, or when advapi32 cannot be loaded)."""
    if platform != "win32":
        return None
    try:
        api = (api_factory or Advapi32)()
    except (OSError, AttributeError):
        log.warning("the Windows event log is not available; audit records go to the file only", exc_info=True)
        return None
    return WindowsEventLog(api)
