"""End to end with the real engine and store: welcome → diagnostic model → send → streamed reply →
stop → regenerate → branch switch → edit → new conversation → restart → everything is still there.

The "diagnostic" model here is the scripted one from ``tests/fixtures_models.py`` (deterministic
reasoning + CJK answer) so the text can be checked; the app's own diagnostic button builds the
random-weight one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from ui.helpers import on_ui_thread, screenshot, wait_idle

from app.history_recorder import open_history
from engine.diagnostic import DEFAULT_SCRIPT, Script

pytestmark = [pytest.mark.ui, pytest.mark.slow]

# A long reply (longer than the 4096-token context) so that Stop and Close land mid-stream.
# Scripted chains need every piece to be unique, hence the numbered words.
# The reasoning is long too, so the first batch of deltas the UI sees is still inside the Thinking
# section however fast the machine streams.
LONG = Script(reasoning="我需要想清楚這個問題。" + " ".join(f"think{i}" for i in range(400)),
              answer=" ".join(f"item{i}" for i in range(1500)))


@pytest.fixture(scope="session")
def long_model(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=LONG))


def _load_diagnostic(window: Any, qtbot: Any) -> None:
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.chat_page  # usable while the model loads
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)


def _send(window: Any, qtbot: Any, text: str) -> None:
    window.composer.edit.setPlainText(text)
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)


def test_chat_branch_and_restart(make_window: Any, make_settings: Any, scripted_model_path: Path,
                                 qtbot: Any, paths: Any) -> None:
    settings = make_settings()
    window = make_window(settings, diagnostic=scripted_model_path)
    assert window.stack.currentWidget() is window.welcome
    _load_diagnostic(window, qtbot)
    assert window.composer.send_button.isEnabled()
    assert "Diagnostic" in window.status.model_label.text()
    assert "CPU" in window.status.backend_label.text()

    _send(window, qtbot, "Summarise the policy")
    wait_idle(qtbot, window)
    user, reply = window.transcript.items
    assert (user.role, user.content) == ("user", "Summarise the policy")
    assert reply.content == DEFAULT_SCRIPT.content and reply.reasoning == DEFAULT_SCRIPT.reasoning
    assert reply.status == "complete" and reply.thinking_s is not None
    assert not reply.thinking_open  # finished: the Thinking section is collapsed
    assert "Thinking (" in window.transcript.doc_for(reply.id).toPlainText()
    assert DEFAULT_SCRIPT.reasoning not in window.transcript.doc_for(reply.id).toPlainText()
    assert window.composer.text() == ""
    assert "tokens/s" in window.status.speed_label.text()
    used = window.status.context_meter.toolTip()
    assert "tokens of context used" in used and not used.startswith("0 of")
    cid = window.conversation_id
    stored = window.store.thread(cid)
    assert [(m.role, m.status) for m in stored] == [("user", "complete"), ("assistant", "complete")]
    assert stored[1].reasoning == DEFAULT_SCRIPT.reasoning

    # Regenerate: a second version of the reply.
    window.transcript.set_current(1)
    qtbot.mouseClick(window.transcript.actions_bar.buttons["regenerate"], Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    reply2 = window.transcript.items[1]
    assert (reply2.sibling_index, reply2.sibling_count) == (1, 2) and reply2.id != reply.id
    # Switch back to version 1 (‹).
    window.transcript.set_current(1)
    assert window.transcript.actions_bar.version.text() == "2/2"
    qtbot.mouseClick(window.transcript.actions_bar.buttons["previous"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.transcript.items[1].id == reply.id)
    assert window.transcript.items[1].sibling_index == 0

    # Edit the prompt: a new version of the user message, with its own reply.
    window.transcript.set_current(0)
    qtbot.mouseClick(window.transcript.actions_bar.buttons["edit"], Qt.MouseButton.LeftButton)
    assert window.composer.editing_id == user.id and window.composer.text() == "Summarise the policy"
    _send(window, qtbot, "Summarise the new policy")
    wait_idle(qtbot, window)
    edited, reply3 = window.transcript.items
    assert edited.content == "Summarise the new policy" and (edited.sibling_index, edited.sibling_count) == (1, 2)
    assert reply3.content == DEFAULT_SCRIPT.content

    # A new conversation.
    window.act_new.trigger()
    assert window.transcript.items == [] and window.conversation_id is None
    _send(window, qtbot, "第二個對話")
    wait_idle(qtbot, window)
    cid2 = window.conversation_id
    assert cid2 not in (None, cid)
    qtbot.waitUntil(lambda: {r.id for r in window.sidebar.model.records} >= {cid, cid2})

    # Restart: same profile, a new window.
    window.close()
    again = make_window(settings, diagnostic=scripted_model_path)
    qtbot.waitUntil(lambda: again.model is not None, timeout=120_000)  # last model reloaded
    qtbot.waitUntil(lambda: again.conversation_id == cid2 and len(again.transcript.items) == 2)
    assert again.stack.currentWidget() is again.chat_page
    assert again.transcript.items[0].content == "第二個對話"
    qtbot.waitUntil(lambda: {r.id for r in again.sidebar.model.records} >= {cid, cid2})
    again.open_conversation(cid)
    qtbot.waitUntil(lambda: again.conversation_id == cid)
    items = again.transcript.items
    assert items[0].content == "Summarise the new policy" and items[0].sibling_count == 2
    assert items[1].content == DEFAULT_SCRIPT.content and items[1].reasoning == DEFAULT_SCRIPT.reasoning


def test_stop_keeps_the_text_and_screenshot_while_streaming(make_window: Any, make_settings: Any,
                                                            long_model: Path, qtbot: Any) -> None:
    window = make_window(make_settings(), diagnostic=long_model)
    _load_diagnostic(window, qtbot)
    shots: list[Path] = []

    def first_delta(message_id: str, content: str, reasoning: str) -> None:
        if shots:
            return
        window.transcript.flush_now()
        item = window.transcript.item(message_id)
        assert item is not None and item.thinking_open  # open while reasoning streams
        shots.append(screenshot(window, "streaming-reasoning-en"))
        qtbot.keyClick(window.composer.edit, Qt.Key.Key_Escape)  # Stop (Esc)

    hook = on_ui_thread(window.engine.replyDelta, first_delta)
    _send(window, qtbot, "Tell me everything")
    assert window.composer.stop_button.isVisibleTo(window)
    wait_idle(qtbot, window)
    del hook
    reply = window.transcript.items[1]
    assert shots and reply.status == "cancelled"
    assert reply.reasoning and len(reply.content) < len(LONG.content)
    assert "Stopped" in window.transcript.doc_for(reply.id).toPlainText()
    stored = window.store.thread(window.conversation_id)[-1]
    assert (stored.status, stored.reasoning, stored.content) == ("cancelled", reply.reasoning, reply.content)


def test_closing_mid_reply_stops_cleanly_and_keeps_the_text(make_window: Any, make_settings: Any,
                                                            long_model: Path, qtbot: Any, paths: Any) -> None:
    settings = make_settings()
    window = make_window(settings, diagnostic=long_model)
    _load_diagnostic(window, qtbot)
    cid: list[str] = []

    def first_delta(message_id: str, content: str, reasoning: str) -> None:
        if not cid:
            cid.append(window.conversation_id)
            window.close()  # mid-reply

    hook = on_ui_thread(window.engine.replyDelta, first_delta)
    _send(window, qtbot, "Tell me everything")
    qtbot.waitUntil(lambda: window.closed_cleanly, timeout=60_000)
    del hook
    assert not window.engine_thread.isRunning() and not window.store_thread.isRunning()
    store = open_history(settings, paths)
    try:
        last = store.thread(cid[0])[-1]
    finally:
        store.close()
    assert last.role == "assistant" and last.status == "cancelled"
    # Kept text is a prefix of the script; a character cut by the cancel is dropped, never U+FFFD.
    kept = last.reasoning
    assert kept and "\ufffd" not in kept and LONG.reasoning.startswith(kept)


def test_send_failure_keeps_the_input(make_window: Any, make_settings: Any, scripted_model_path: Path,
                                      qtbot: Any) -> None:
    window = make_window(make_settings(), diagnostic=scripted_model_path)
    _load_diagnostic(window, qtbot)
    # The worker refuses when the model is gone (unloaded behind the window's back).
    window.engine.unload()
    _send(window, qtbot, "keep me")
    qtbot.waitUntil(lambda: not window.generating)
    assert window.composer.text() == "keep me"
    assert "No model is loaded" in window.notice.text()


def test_load_error_is_explained(make_window: Any, make_settings: Any, tmp_path: Path, qtbot: Any) -> None:
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"GGUF" + b"\x00" * 20)
    window = make_window(make_settings(), diagnostic=bad)
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.loading, timeout=60_000)
    assert window.model is None and not window.composer.send_button.isEnabled()
    assert "cannot be used" in window.notice.text() or "could not be loaded" in window.notice.text()


def test_delete_a_reply_from_its_action_bar(make_window: Any, make_settings: Any, scripted_model_path: Path,
                                            qtbot: Any) -> None:
    window = make_window(make_settings(), diagnostic=scripted_model_path)
    _load_diagnostic(window, qtbot)
    _send(window, qtbot, "Delete me later")
    wait_idle(qtbot, window)
    user, reply = window.transcript.items
    window.ask_confirm = lambda *_args: True
    window.transcript.set_current(1)
    qtbot.mouseClick(window.transcript.actions_bar.buttons["delete"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(window.transcript.items) == 1, timeout=30_000)
    assert window.transcript.items[0].id == user.id
    stored = window.store.thread(window.conversation_id)
    assert [m.id for m in stored] == [user.id] and reply.id not in {m.id for m in stored}
