"""The window with the glossary and the audit log (issue 17): the term check of the reply that
just finished is shown in the notice line (above the conversation), in the interface language;
an audit log that cannot be written when the reply is saved keeps the reply on screen with the
audit's one line and Retry, and Retry records and saves it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui.helpers import screenshot, wait_idle

from app.audit import verify_log
from engine.diagnostic import DEFAULT_SCRIPT, Script

pytestmark = [pytest.mark.ui, pytest.mark.slow]

WITHOUT_TERM = Script(reasoning="想一想。", answer="特首今日會見傳媒。")
GLOSSARY = "en,zh_HK,zh_CN\nChief Executive,行政長官,行政长官\n"


def _load_and_send(window: Any, qtbot: Any, text: str) -> None:
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
    window.composer.edit.setPlainText(text)
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)


@pytest.mark.parametrize("language", ["en", "zh_HK"])
def test_missing_approved_terms_are_shown_in_the_notice_line(
        make_window: Any, make_settings: Any, admin_dir: Path, scripted_model_factory: Any, qtbot: Any,
        language: str) -> None:
    (admin_dir / "glossary").mkdir()
    (admin_dir / "glossary" / "titles.csv").write_text(GLOSSARY, encoding="utf-8")
    from app import i18n

    i18n.switch_language(language)  # the conftest switches back to English after the test
    settings = make_settings(user={"reply.language": "zh_HK"})
    window = make_window(settings, diagnostic=Path(scripted_model_factory(script=WITHOUT_TERM)))
    _load_and_send(window, qtbot, "Translate: The Chief Executive met the press.")
    assert window.transcript.items[-1].content == WITHOUT_TERM.content
    assert window.notice.isVisible()
    heading = {"en": "Terminology check", "zh_HK": "術語檢查"}[language]
    assert window.notice.text().startswith(heading) and "Chief Executive → 行政長官" in window.notice.text()
    screenshot(window, f"terminology-check-{language}")


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
