"""Test child for the AT-SPI walk: the real window (``app.ui.main.run``, as ``bauhinia`` opens it),
isolated like ``tests/cli_child.py`` (test admin folder, real home guarded, an in-memory keyring),
driven by one-word commands on stdin so the parent can walk each state over the accessibility bus:

- ``chat``: show the chat page with a user prompt and a reply carrying reasoning and code (the
  message action bar then offers Thinking, Copy code, versions ‹n/m›);
- ``settings``: open the settings dialog; ``close``: close it again;
- ``diagnostic``: load the diagnostic model; ``send``: send "Hello" and wait for the reply;
  ``broken``: try to load a model file that does not exist (a load error).

Each command is answered with ``done <command>`` on stdout once the widgets have settled; the
child prints ``ready`` when the window is shown. Run by tests/ui/test_atspi_walk.py only.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import cli_child  # tests/ is this file's folder: first on sys.path until prepare_child() fixes it
import keyring
from keyring_backend import MemoryKeyring
from ui.helpers import show_sample_chat


def _window(app: Any) -> Any:
    for w in app.topLevelWidgets():
        if w.objectName() == "mainWindow":
            return w
    raise RuntimeError("no main window")


def _load_diagnostic(window: Any) -> None:
    from app.ui.tasks import DIAGNOSTIC_REF

    window.load_model(DIAGNOSTIC_REF)


def _send(window: Any) -> None:
    window.composer.edit.setPlainText("Hello")
    window.composer.submit()


#: Commands that wait for the window: what to do, and when it is done.
WAITS: dict[str, tuple[Any, Any]] = {
    "diagnostic": (_load_diagnostic, lambda w: w.model is not None and not w.loading),
    "send": (_send, lambda w: len(w.transcript.items) >= 2 and not w.generating and w.store_client.pending == 0),
    "broken": (lambda w: w.load_model("/nonexistent/broken.gguf"), lambda w: not w.loading and w.model is None),
}


def _answer_when(app: Any, done: Any, answer: Any) -> None:
    """Poll ``done`` every 100 ms (at most two minutes), then answer after the bridge settled."""
    from PySide6.QtCore import QTimer

    timer = QTimer(app)
    timer.setInterval(100)
    ticks = [0]

    def tick() -> None:
        ticks[0] += 1
        if done() or ticks[0] > 1200:
            timer.stop()
            timer.deleteLater()
            QTimer.singleShot(500, answer)

    timer.timeout.connect(tick)
    timer.start()


def _install_commands(app: Any) -> Any:
    from PySide6.QtCore import QSocketNotifier, QTimer

    def answer(word: str) -> None:
        sys.stdout.write(f"done {word}\n")
        sys.stdout.flush()

    def handle() -> None:
        line = sys.stdin.readline()
        if not line:  # the parent went away
            notifier.setEnabled(False)
            app.quit()
            return
        word = line.strip()
        window = _window(app)
        if word == "chat":
            show_sample_chat(window)
        elif word == "settings":
            window.open_settings()
        elif word == "close" and window.settings_dialog is not None:
            window.settings_dialog.reject()
        elif word in WAITS:
            WAITS[word][0](window)
            _answer_when(app, lambda: WAITS[word][1](window), lambda: answer(word))
            return
        QTimer.singleShot(300, lambda: answer(word))  # layouts and the accessibility bridge settle

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(handle)

    def ready() -> None:
        sys.stdout.write("ready\n")
        sys.stdout.flush()

    QTimer.singleShot(500, ready)
    return notifier


def main() -> int:
    if not cli_child.prepare_child():
        return 2
    keyring.set_keyring(MemoryKeyring())  # the history key stays in this process
    os.environ.setdefault("QT_LINUX_ACCESSIBILITY_ALWAYS_ON", "1")
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    keep = _install_commands(app)
    from app.ui.main import run

    code = run([])
    del keep
    return code


if __name__ == "__main__":
    sys.exit(main())
