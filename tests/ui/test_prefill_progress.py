"""The "reading the prompt" bar: percent and time left from ``PrefillProgress`` events, hidden
when the prompt is read or the reply ends, Stop stops the reply; and a real long prompt through
the real engine drives it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Slot
from ui.helpers import wait_idle

from app.ui.prefill_progress import PrefillProgressBar
from engine.events import PrefillProgress

pytestmark = [pytest.mark.ui]


def test_bar_shows_percent_and_time_left_then_hides(qtbot: Any) -> None:
    bar = PrefillProgressBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.hide()
    assert not bar.isVisible()
    bar.update_progress(PrefillProgress(done_tokens=0, total_tokens=2048, elapsed_s=0.0, eta_s=None))
    assert bar.isVisible() and bar.bar.value() == 0
    assert bar.label.text() == "Reading the prompt: 0 %"  # no estimate before a batch was timed
    bar.update_progress(PrefillProgress(done_tokens=512, total_tokens=2048, elapsed_s=4.0, eta_s=11.2))
    assert bar.bar.value() == 25
    assert bar.label.text() == "Reading the prompt: 25 % — about 12 s left"
    assert bar.bar.accessibleName() == "Reading the prompt"
    assert bar.bar.accessibleDescription() == bar.label.text()
    bar.update_progress(PrefillProgress(done_tokens=1024, total_tokens=2048, elapsed_s=60.0, eta_s=150.0))
    assert bar.label.text() == "Reading the prompt: 50 % — about 3 min left"
    bar.update_progress(PrefillProgress(done_tokens=2048, total_tokens=2048, elapsed_s=80.0, eta_s=0.0))
    assert not bar.isVisible()


def test_stop_on_the_bar_asks_to_stop_and_hides(qtbot: Any) -> None:
    bar = PrefillProgressBar()
    qtbot.addWidget(bar)
    bar.update_progress(PrefillProgress(done_tokens=100, total_tokens=4000, elapsed_s=1.0, eta_s=30.0))
    with qtbot.waitSignal(bar.stopRequested, timeout=1000):
        qtbot.mouseClick(bar.stop_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert bar.stop_button.accessibleName() == "Stop"


def test_window_bar_follows_the_engine_and_stop_cancels(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    window.stack.setCurrentWidget(window.chat_page)
    bar = window.documents_ui.prefill
    window.engine.prefillProgress.emit(PrefillProgress(done_tokens=512, total_tokens=1024, elapsed_s=2.0,
                                                       eta_s=2.0))
    qtbot.waitUntil(bar.isVisible)
    assert bar.bar.value() == 50
    stopped: list[bool] = []
    window.engine.stop = lambda: stopped.append(True)  # the worker's thread-safe stop
    window.generating = True
    qtbot.mouseClick(bar.stop_button, Qt.MouseButton.LeftButton)
    window.generating = False
    assert stopped == [True] and not bar.isVisible()
    window.engine.prefillProgress.emit(PrefillProgress(done_tokens=10, total_tokens=1024, elapsed_s=0.1,
                                                       eta_s=None))
    qtbot.waitUntil(bar.isVisible)
    window.engine.sendFailed.emit("failed", "text")  # the turn ended: the bar goes
    qtbot.waitUntil(lambda: not bar.isVisible())


class _Seen(QObject):
    """Records, on the UI thread, what the bar showed after each event."""

    def __init__(self, bar: PrefillProgressBar) -> None:
        super().__init__()
        self.bar = bar
        self.shown: list[tuple[bool, int, str]] = []

    @Slot(object)
    def seen(self, _event: Any) -> None:
        self.shown.append((self.bar.isVisible(), self.bar.bar.value(), self.bar.label.text()))


@pytest.mark.slow
def test_a_long_prompt_reports_progress_through_the_real_engine(
        make_window: Any, scripted_model_path: Path, qtbot: Any) -> None:
    window = make_window(diagnostic=scripted_model_path)
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
    bar = window.documents_ui.prefill
    seen = _Seen(bar)
    window.engine.prefillProgress.connect(seen.seen)  # after the bar's own connection
    # Longer than one batch (512 tokens) for the test model's byte-level vocabulary.
    window.composer.edit.setPlainText(" ".join(f"word{i}" for i in range(150)))
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    wait_idle(qtbot, window)
    assert window.transcript.items[-1].status == "complete", window.transcript.items[-1].error
    assert seen.shown, "no prefill progress reached the window"
    visible, value, text = seen.shown[0]
    assert visible and value == 0 and text.startswith("Reading the prompt: 0 %")
    assert not bar.isVisible()  # the prompt was read and the reply finished
