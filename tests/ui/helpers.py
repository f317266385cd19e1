"""Helpers shared by the UI tests (imported as ``ui.helpers``; ``tests/`` is on ``sys.path``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def screenshot(widget: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not write {path}"
    return path


def wait_idle(qtbot: Any, window: Any, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: not window.generating and window.store_client.pending == 0, timeout=timeout)


def on_ui_thread(signal: Any, callback: Any) -> Any:
    """Connect ``callback`` to a worker's ``signal`` so that it runs on the UI thread (a plain
    function would be called directly, on the worker thread)."""
    from PySide6.QtCore import QObject, Slot

    class Hook(QObject):
        @Slot(str, str, str)
        def fire(self, a: str, b: str, c: str) -> None:
            callback(a, b, c)

    hook = Hook()
    signal.connect(hook.fire)
    return hook  # keep a reference for as long as the connection is wanted


def show_sample_chat(window: Any) -> None:
    """The chat page with a prompt and a reply that has reasoning, code and a second version, so
    the message action bar offers Thinking, Copy code and ‹n/m› (accessibility checks)."""
    from app.ui.message_html import MessageItem

    window.stack.setCurrentWidget(window.chat_page)
    window.transcript.set_items([
        MessageItem("u1", "user", "Write a loop"),
        MessageItem("a1", "assistant", "Here:\n\n```python\nfor i in range(3):\n    print(i)\n```\n",
                    reasoning="The user wants a loop.", parent_id="u1", sibling_count=2),
    ])
    window.transcript.set_current(1)
