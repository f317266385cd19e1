"""The Windows event-log copy of audit records (issue 17 §4, optional). UNTESTED ON WINDOWS: these
tests drive the real AuditLog with an injected fake of the three advapi32 calls and check the
message text and the call sequence; the ctypes declarations themselves never ran here."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from app.audit import AuditLog, Exported, PolicyRefusal, TurnDone, verify_log
from app.audit.eventlog import INFORMATION, WARNING, WindowsEventLog, event_message, platform_mirror


class FakeAdvapi:
    def __init__(self, handle: int = 7, report_ok: bool = True) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.handle = handle
        self.report_ok = report_ok

    def register(self, source: str) -> Any:
        self.calls.append(("register", source))
        return self.handle

    def report(self, handle: Any, event_type: int, event_id: int, strings: Sequence[str]) -> bool:
        self.calls.append(("report", handle, event_type, event_id, list(strings)))
        return self.report_ok

    def deregister(self, handle: Any) -> None:
        self.calls.append(("deregister", handle))


def _log(tmp_path: Path, api: FakeAdvapi) -> AuditLog:
    return AuditLog(tmp_path / "audit", user="alice", host="PC-17", clock=lambda: "2026-12-01T04:00:00.000Z",
                    mirror=WindowsEventLog(api))


def test_each_record_is_reported_once_with_its_fields_and_hash(tmp_path: Path) -> None:
    api = FakeAdvapi()
    audit = _log(tmp_path, api)
    audit.record(Exported(format="pdf", conversation_ids=("01ABC",), file_name="rec.pdf", file_sha256="ab" * 32))
    audit.record(PolicyRefusal(setting="history.export_allowed", action="export"))
    assert [c[0] for c in api.calls] == ["register", "report", "deregister"] * 2
    assert api.calls[0] == ("register", "Bauhinia") and api.calls[2] == ("deregister", 7)
    lines = (tmp_path / "audit" / "audit.jsonl").read_bytes().splitlines()
    _, handle, kind, event_id, (message,) = api.calls[1]
    assert (handle, kind, event_id) == (7, INFORMATION, 1003)
    assert message.split("\r\n") == [
        "Bauhinia audit: export", "time=2026-12-01T04:00:00.000Z", "user=alice", "host=PC-17", "seq=1",
        "format=pdf", 'conversation_ids=["01ABC"]', "file_name=rec.pdf", f"file_sha256={'ab' * 32}",
        f"prev={json.loads(lines[0])['prev']}", f"h={json.loads(lines[0])['h']}",
        f"record_sha256={hashlib.sha256(lines[0]).hexdigest()}",
    ]
    assert api.calls[4][2:4] == (WARNING, 1006)
    assert verify_log(tmp_path / "audit").ok  # the file and its chain are unchanged by the copy


def test_a_failing_event_log_never_stops_the_action(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    refused = FakeAdvapi(handle=0)
    with caplog.at_level(logging.WARNING):
        _log(tmp_path, refused).record(TurnDone(model_id="m", conversation_id="c"))
    assert [c[0] for c in refused.calls] == ["register"]  # no report, nothing to deregister
    assert "could not be copied to the Windows event log" in caplog.text
    failing = FakeAdvapi(report_ok=False)
    _log(tmp_path, failing).record(TurnDone(model_id="m", conversation_id="c"))
    assert [c[0] for c in failing.calls] == ["register", "report", "deregister"]  # the handle is released
    assert len((tmp_path / "audit" / "audit.jsonl").read_bytes().splitlines()) == 2
    assert verify_log(tmp_path / "audit").ok


def test_only_windows_gets_a_mirror() -> None:
    assert platform_mirror("linux") is None and platform_mirror("darwin") is None
    mirror = platform_mirror("win32", api_factory=FakeAdvapi)
    assert isinstance(mirror, WindowsEventLog)

    def missing() -> FakeAdvapi:
        raise OSError("advapi32 not found")

    assert platform_mirror("win32", api_factory=missing) is None


def test_the_message_of_an_unknown_event_kind() -> None:
    line = json.dumps({"v": 1, "seq": 3, "event": "future_thing", "user": "u", "count": 2}).encode()
    kind, event_id, message = event_message(line)
    assert (kind, event_id) == (INFORMATION, 1000)
    assert message.startswith("Bauhinia audit: future_thing\r\nuser=u\r\nseq=3\r\ncount=2\r\n")
