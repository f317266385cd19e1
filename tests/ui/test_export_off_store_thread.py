"""File → Export conversation… renders off the history store's thread: while a PDF rendering is
held (a renderer that waits on an Event), the store answers — listing, opening another
conversation, saving a message — and the export then finishes with its file, manifest and audit
record. A store that refuses exports stops it in the first step: the refusal is audited and
nothing is rendered or written. Real SQLCipher store, real PDF, offscreen Qt."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread

from app.ui.export_action import ExportChoice
from tests.export.export_helpers import pdf_text, sha256sum_check

pytestmark = [pytest.mark.ui]

ANSWER = "房屋政策摘要。"
HOLD_S = 120  # the renderer's bound: the test releases it long before


def _window(make_window: Any, make_settings: Any, audit: Path, qtbot: Any) -> tuple[Any, str, str]:
    window = make_window(make_settings(policy={"audit.enabled": True, "audit.path": str(audit)}))
    store = window.store
    a = store.new_conversation(model="tiny", title="Housing record")
    store.add_message(a.id, "user", "Summarise the housing policy.")
    store.add_message(a.id, "assistant", ANSWER)
    b = store.new_conversation(title="Another")
    store.add_message(b.id, "user", "hello")
    window.open_conversation(a.id)
    qtbot.waitUntil(lambda: window.conversation_id == a.id and window.store_client.pending == 0, timeout=60_000)
    return window, a.id, b.id


def _events(audit: Path) -> list[dict[str, Any]]:
    log = audit / "audit.jsonl"
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []


def test_the_store_answers_while_a_rendering_is_in_progress(make_window: Any, make_settings: Any, qtbot: Any,
                                                            tmp_path: Path) -> None:
    from app.export.pdf_qt import render_pdf

    audit = tmp_path / "audit"
    window, a, b = _window(make_window, make_settings, audit, qtbot)
    started, release = threading.Event(), threading.Event()
    threads: list[str] = []

    def held(record: Any) -> bytes:
        threads.append(QThread.currentThread().objectName())
        started.set()
        release.wait(HOLD_S)
        return render_pdf(record)  # the real PDF, rendered on this (non-GUI) thread

    ui = window.export_ui
    ui.worker.renderer = held
    ui.chooser = lambda _window, _stem: ExportChoice(tmp_path / "held", ("pdf",))
    ui.trigger()
    try:
        qtbot.waitUntil(started.is_set, timeout=60_000)
        listed: list[list[str]] = []
        window.store_client.call(lambda s: [c.id for c in s.list_conversations()], listed.append)
        qtbot.waitUntil(lambda: bool(listed), timeout=60_000)
        assert {a, b} <= set(listed[0])
        window.open_conversation(b)
        qtbot.waitUntil(lambda: window.conversation_id == b, timeout=60_000)
        saved: list[str] = []
        window.store_client.call(lambda s: s.add_message(b, "user", "while exporting").id, saved.append)
        qtbot.waitUntil(lambda: bool(saved), timeout=60_000)
        # All of that while the rendering was still held: nothing audited or written yet.
        assert not release.is_set() and ui.running and ui.last is None
        assert not list(tmp_path.glob("held*")) and "export" not in [e["event"] for e in _events(audit)]
    finally:
        release.set()
    qtbot.waitUntil(lambda: ui.last is not None, timeout=120_000)
    outcome: Any = ui.last
    assert threads == ["bauhinia-export"]  # neither the store's thread nor the UI's
    assert outcome.error == "" and [r.path.name for r in outcome.written] == ["held.pdf"]
    assert not ui.running and window.notice.text().startswith("Exported held.pdf")
    assert sha256sum_check(tmp_path / "held.sha256").returncode == 0
    assert ANSWER in re.sub(r"\s+", "", pdf_text(tmp_path / "held.pdf"))
    exported = [e for e in _events(audit) if e["event"] == "export"]
    assert [(e["format"], e["file_name"], e["file_sha256"]) for e in exported] == [
        ("pdf", "held.pdf", outcome.written[0].sha256)]
    assert window.store.thread(b)[-1].content == "while exporting"


def test_a_store_that_refuses_exports_audits_it_and_nothing_is_rendered(make_window: Any, make_settings: Any,
                                                                        qtbot: Any, tmp_path: Path) -> None:
    audit = tmp_path / "audit"
    window, _a, _b = _window(make_window, make_settings, audit, qtbot)
    window.store.export_allowed = False  # the store's ban: the first step refuses
    rendered: list[Any] = []
    ui = window.export_ui

    def render(record: Any) -> bytes:
        rendered.append(record)
        return b"%PDF"

    ui.worker.renderer = render
    ui.chooser = lambda _window, _stem: ExportChoice(tmp_path / "banned")
    ui.trigger()
    qtbot.waitUntil(lambda: ui.last is not None, timeout=60_000)
    assert rendered == [] and ui.last.written == [] and "turned off" in ui.last.error
    assert window.notice.text().startswith("Nothing was exported:") and not ui.running
    assert not list(tmp_path.glob("banned*"))
    assert [(e["event"], e.get("setting")) for e in _events(audit)][-1] == ("policy_refusal",
                                                                          "history.export_allowed")
    assert "export" not in [e["event"] for e in _events(audit)]


def test_closing_the_window_waits_for_the_export_being_written(make_window: Any, make_settings: Any, qtbot: Any,
                                                              tmp_path: Path) -> None:
    from app.export.service import default_renderer

    audit = tmp_path / "audit"
    window, _a, _b = _window(make_window, make_settings, audit, qtbot)
    started, release = threading.Event(), threading.Event()

    def held(record: Any) -> bytes:
        started.set()
        release.wait(HOLD_S)
        return default_renderer("docx")(record)

    ui = window.export_ui
    ui.worker.renderer = held
    ui.chooser = lambda _window, _stem: ExportChoice(tmp_path / "closing", ("docx",))
    ui.trigger()
    qtbot.waitUntil(started.is_set, timeout=60_000)

    def release_during_shutdown() -> None:
        while not window.closed_cleanly and not release.is_set():  # set first thing in shutdown()
            release.wait(0.01)
        release.set()

    releaser = threading.Thread(target=release_during_shutdown)
    releaser.start()
    window.shutdown()
    releaser.join()
    assert sha256sum_check(tmp_path / "closing.sha256").returncode == 0  # finished before shutdown returned
    assert [e["file_name"] for e in _events(audit) if e["event"] == "export"] == ["closing.docx"]
    assert ui.last is None  # nothing is reported to a closed window
