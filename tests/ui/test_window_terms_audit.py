"""The window with the audit log (issue 17): an audit log that cannot be written when the reply is
saved keeps the reply on screen with the audit's one line and Retry, and Retry records and saves
it. (The term check under the reply: test_term_check_view.py.)"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui.helpers import wait_idle

from app.audit import verify_log
from engine.diagnostic import DEFAULT_SCRIPT

pytestmark = [pytest.mark.ui, pytest.mark.slow]



def test_an_unwritable_audit_log_keeps_the_reply_and_retry_saves_it(
        make_window: Any, make_settings: Any, tmp_path: Path, scripted_model_path: Path, qtbot: Any) -> None:
    folder = tmp_path / "audit"
    settings = make_settings(policy={"audit.enabled": True, "audit.path": str(folder)})
    window = make_window(settings, diagnostic=scripted_model_path)
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
    assert [json.loads(line)["event"] for line in (folder / "audit.jsonl").read_text().splitlines()] == [
        "model_loaded"]
    kept = tmp_path / "audit-kept"
    shutil.move(folder, kept)
    folder.write_text("not a folder")  # the log cannot be written now (as root, permissions would not stop it)
    window.composer.edit.setPlainText("hello")
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    reply = window.transcript.items[-1]
    assert reply.content == DEFAULT_SCRIPT.content  # kept on screen
    assert window.notice.text().startswith("The audit log ") and "Retry saving" in window.notice.text()
    assert window.retry.isVisible()
    folder.unlink()
    shutil.move(kept, folder)
    qtbot.mouseClick(window.retry, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.retry.isVisible() and window.store_client.pending == 0, timeout=60_000)
    qtbot.waitUntil(lambda: window.store.thread(window.conversation_id)[-1].status == "complete", timeout=60_000)
    assert window.store.thread(window.conversation_id)[-1].content == DEFAULT_SCRIPT.content
    events = [json.loads(line)["event"] for line in (folder / "audit.jsonl").read_text().splitlines()]
    assert events == ["model_loaded", "turn_done"] and verify_log(folder).ok
