"""'Summarise this' in the window on a document longer than the context (issue 14): the same rule
and the same ``Summariser`` as ``ask``, run on the engine thread, section by section with the
progress bar ("Summarising section 3 of 12…"), Stop that stores nothing and keeps the message and
the files, the answer with its notice and sources as a normal reply; and a regenerate the chat
core refuses after a restart (attachments not kept) shown as one line with the thread intact.

Real window, real DOCX read by the parsing process, scripted GGUF model on real llama.cpp, real
SQLCipher store; ``Recording`` keeps what the model was given."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from documents.long_circular import write_circular
from PySide6.QtCore import QObject, Qt, Slot
from recording_provider import Recording
from sqlalchemy import text
from ui.helpers import wait_idle

from app.documents.summarise import SummaryProgress, summarises
from app.ui.prefill_progress import PrefillProgressBar
from engine.diagnostic import Script
from engine.events import PrefillProgress

pytestmark = [pytest.mark.ui]

SUMMARY = Script(reasoning="讀。", answer="Summary: staff must act.")
REQUEST = "Summarise this circular for the team."
#: A small context, so twelve pages do not fit (the reply's share and a margin come off it).
SETTINGS = {"model.context_length": 2048, "sampling.max_tokens": 128}
TIMEOUT = 240_000  # a dozen model calls and a parsing process on a busy 2-core machine


@pytest.fixture(scope="module")
def circular(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve pages of four clauses each, split by page breaks."""
    return write_circular(tmp_path_factory.mktemp("window-summarise") / "circular.docx")


@pytest.fixture(scope="module")
def summary_model(scripted_model_factory: Any) -> Path:
    return Path(scripted_model_factory(script=SUMMARY))


class _Seen(QObject):
    """What the progress bar showed after each summary event (on the UI thread, after the bar)."""

    def __init__(self, window: Any) -> None:
        super().__init__()
        self.bar = window.documents_ui.prefill
        self.shown: list[tuple[Any, bool, int, str, str]] = []
        window.engine.summaryProgress.connect(self.seen)

    @Slot(object)
    def seen(self, progress: Any) -> None:
        self.shown.append((progress, self.bar.isVisible(), self.bar.bar.value(), self.bar.label.text(),
                           self.bar.bar.accessibleName()))


class _Gated(Recording):
    """Blocks the engine thread at the start of model call ``at`` until ``gate`` is set (bounded),
    so Stop lands while that section is being summarised, whatever the machine's speed."""

    def __init__(self, inner: Any, at: int) -> None:
        super().__init__(inner)
        self.at = at
        self.gate = threading.Event()

    def stream(self, messages: Any, params: Any, cancel: Any = None, cid: Any = None) -> Iterator[Any]:
        if len(self.calls) + 1 == self.at:
            self.gate.wait(TIMEOUT / 1000)
        return super().stream(messages, params, cancel, cid)


def _window_with_model(make_window: Any, make_settings: Any, model: Path, qtbot: Any) -> Any:
    window = make_window(make_settings(user=SETTINGS), diagnostic=model)
    qtbot.mouseClick(window.welcome.diagnostic_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=120_000)
    assert window.model.n_ctx == 2048
    return window


def _attach(window: Any, qtbot: Any, path: Path) -> None:
    """Through the Attach action and the real parsing process, as the user does it."""
    docs = window.documents_ui
    docs.attachments.choose_files = lambda: [str(path)]
    docs.attachments.action.trigger()
    qtbot.waitUntil(lambda: docs.attachments.reading == 0 and len(docs.bar.chips) == 1, timeout=60_000)


def _send(window: Any, qtbot: Any, message: str) -> None:
    window.composer.edit.setPlainText(message)
    window.composer.edit.setFocus()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)


def test_the_window_and_ask_share_one_rule() -> None:
    assert summarises(REQUEST, attachments=True)
    assert summarises("請撮要這份通告", attachments=True)
    assert not summarises(REQUEST, attachments=False)  # nothing to summarise section by section
    assert not summarises(REQUEST, attachments=True, library=True)  # the library searches passages
    assert not summarises("When are returns due?", attachments=True)
    assert summarises("When are returns due?", attachments=True, asked=True)  # ask --summarise


def test_bar_shows_the_summary_steps_and_their_progress_in_each_language(qtbot: Any) -> None:
    from app import i18n

    bar = PrefillProgressBar()
    qtbot.addWidget(bar)
    bar.update_summary(SummaryProgress("sections", 3, 12))
    assert bar.isVisible() and bar.label.text() == "Summarising section 3 of 12…" and bar.bar.value() == 16
    assert bar.bar.accessibleName() == "Summarising the documents"
    assert bar.bar.accessibleDescription() == bar.label.text()
    assert bar.stop_button.toolTip() == "Stop the summary (Esc)"
    half = PrefillProgress(done_tokens=512, total_tokens=1024, elapsed_s=1.0, eta_s=1.0)
    bar.update_summary(SummaryProgress("sections", 3, 12, half))  # the section's own prompt progress
    assert bar.bar.value() == 20 and bar.label.text() == "Summarising section 3 of 12…"
    bar.update_summary(SummaryProgress("combine", 2, 3))
    assert bar.label.text() == "Combining the section summaries: part 2 of 3…" and bar.bar.value() == 33
    try:
        for language, words in (("zh_HK", "撮要"), ("zh_CN", "合并")):
            i18n.switch_language(language)
            qtbot.waitUntil(lambda w=words: w in bar.label.text() + bar.bar.accessibleName(), timeout=5_000)
            assert "2" in bar.label.text() and "3" in bar.label.text()
    finally:
        i18n.switch_language("en")
    bar.update_summary(SummaryProgress("answer", 1, 1))  # the answer's own progress and text follow
    assert not bar.isVisible() and bar.bar.accessibleName() == "Reading the prompt"
    assert bar.stop_button.toolTip() == "Stop the reply (Esc)"
    bar.update_summary(SummaryProgress("sections", 1, 2))
    bar.finish()  # stopped or failed while summarising: back to the prompt bar
    assert not bar.isVisible() and bar.bar.accessibleName() == "Reading the prompt"


@pytest.mark.slow
def test_summary_of_a_long_docx_shows_progress_then_a_normal_reply(
        make_window: Any, make_settings: Any, summary_model: Path, circular: Path, qtbot: Any) -> None:
    window = _window_with_model(make_window, make_settings, summary_model, qtbot)
    provider = window.engine._provider = Recording(window.engine._provider)  # the engine thread is idle
    seen = _Seen(window)
    _attach(window, qtbot, circular)
    _send(window, qtbot, REQUEST)
    wait_idle(qtbot, window, timeout=TIMEOUT)

    # Section by section: one model call per section, then the answer.
    starts = [(p, visible, value, label, name) for p, visible, value, label, name in seen.shown if p.prefill is None]
    sections = [s for s in starts if s[0].stage == "sections"]
    n = len(sections)
    assert n >= 3, "twelve pages do not fit a 2048-token context"
    assert len(provider.prompts) == n + 1
    for i, (progress, visible, value, label, name) in enumerate(sections, 1):
        assert (progress.index, progress.total) == (i, n)
        assert visible and label == f"Summarising section {i} of {n}…" and name == "Summarising the documents"
        assert value == (i - 1) * 100 // n
    within = [value for p, _v, value, _l, _n in seen.shown if p.stage == "sections" and p.prefill is not None]
    assert within and max(within) > 0, "a section's prompt progress moves the bar"
    assert starts[-1][0].stage == "answer" and not starts[-1][1], "the bar goes when the answer starts"
    for page in range(1, 13):  # every clause of every page reached the model, once
        for k in range(1, 5):
            assert sum(f"Clause {page}.{k}:" in p for p in provider.prompts[:n]) == 1
    assert provider.prompts[-1].endswith(REQUEST) and provider.prompts[-1].count(SUMMARY.answer) == n

    # The answer: a normal reply, with numbered sources and the notice; the chips went with it.
    user, reply = window.transcript.items
    assert user.content == REQUEST and reply.status == "complete" and reply.content == SUMMARY.answer
    assert [(Path(s.file).name, s.text) for s in reply.sources] == [("circular.docx", SUMMARY.answer)] * n
    shown = window.transcript.doc_for(reply.id).toPlainText()
    assert "Sources" in shown and "[1] circular.docx, p. 1" in shown
    assert window.notice.isVisible()
    assert "summarised section by section" in window.notice.text() and f"({n} sections)" in window.notice.text()
    assert [(a.name, a.whole) for a in user.attachments] == [("circular.docx", True)]
    assert "best passages only" not in window.transcript.doc_for(user.id).toPlainText()
    docs = window.documents_ui
    assert docs.bar.chips == [] and window.composer.text() == ""
    assert not docs.prefill.isVisible() and docs.prefill.bar.accessibleName() == "Reading the prompt"
    thread = window.store.thread(window.conversation_id)
    assert [(m.role, m.content) for m in thread] == [("user", REQUEST), ("assistant", SUMMARY.answer)]
    with window.store.session() as s:
        rows = s.execute(text("SELECT name, whole FROM message_attachments WHERE message_id = :m"),
                         {"m": user.id}).all()
    assert rows == [("circular.docx", 1)]

    # Regenerate (same session) answers from the same summaries: no section is summarised again.
    window.transcript.actionRequested.emit("regenerate", reply.id)
    wait_idle(qtbot, window, timeout=TIMEOUT)
    assert len(provider.prompts) == n + 2 and provider.prompts[-1] == provider.prompts[-2]
    again = window.transcript.items[-1]
    assert again.id != reply.id and again.status == "complete" and len(again.sources) == n


@pytest.mark.slow
def test_stop_while_summarising_stores_nothing_and_keeps_the_message_and_files(
        make_window: Any, make_settings: Any, summary_model: Path, circular: Path, qtbot: Any) -> None:
    window = _window_with_model(make_window, make_settings, summary_model, qtbot)
    provider = window.engine._provider = _Gated(window.engine._provider, at=2)
    _attach(window, qtbot, circular)
    bar = window.documents_ui.prefill
    try:
        _send(window, qtbot, REQUEST)
        qtbot.waitUntil(lambda: bar.isVisible() and bar.label.text().startswith("Summarising section 2 of "),
                        timeout=TIMEOUT)
        assert window.generating and window.transcript.items == []  # nothing is stored while summarising
        qtbot.mouseClick(bar.stop_button, Qt.MouseButton.LeftButton)
    finally:
        provider.gate.set()
    wait_idle(qtbot, window, timeout=TIMEOUT)

    assert len(provider.calls) == 2, "stopped within the section: no further section, no answer"
    assert window.notice.text() == "The summary was stopped; nothing was saved. Your message and files are kept."
    assert window.composer.text() == REQUEST
    assert [c.name for c in window.documents_ui.bar.chips] == ["circular.docx"]
    assert window.transcript.items == [] and window.conversation_id is None
    assert window.store.count_conversations() == 0
    with window.store.session() as s:
        assert s.execute(text("SELECT count(*) FROM messages")).scalar() == 0
    assert not bar.isVisible() and bar.bar.accessibleName() == "Reading the prompt"
    assert window.composer.send_button.isEnabled()


@pytest.mark.slow
def test_regenerate_after_a_restart_is_refused_in_one_line_and_the_thread_stays(
        make_window: Any, make_settings: Any, summary_model: Path, qtbot: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = _window_with_model(make_window, make_settings, summary_model, qtbot)
    notes = tmp_path / "notes.txt"
    notes.write_text("Returns are due within ten working days of the notice.", encoding="utf-8")
    _attach(window, qtbot, notes)
    _send(window, qtbot, "When are returns due?")  # not a summary: the attachment goes in whole
    wait_idle(qtbot, window)
    user, reply = window.transcript.items
    assert reply.status == "complete" and [a.name for a in user.attachments] == ["notes.txt"]

    # A restart, for a prompt asked with an earlier version: the documents are gone with the
    # process, and none were kept in the history (schema v7 keeps them; that row is removed here).
    from sqlalchemy import text

    from app.chat import turn as turn_module
    from app.chat.documents_memory import DocumentsMemory

    monkeypatch.setattr(turn_module, "MEMORY", DocumentsMemory())
    with window.store.session(write=True) as s:
        s.execute(text("DELETE FROM message_documents WHERE message_id = :m"), {"m": user.id})
    window.transcript.actionRequested.emit("regenerate", reply.id)
    wait_idle(qtbot, window)
    assert window.notice.isVisible() and window.notice.text() == (
        "The files attached to this question are not kept with the history, so its reply cannot be regenerated "
        "with them. Send the question again with the files attached.")
    qtbot.waitUntil(lambda: len(window.transcript.items) == 2, timeout=10_000)
    assert [(i.id, i.content) for i in window.transcript.items] == [(user.id, user.content),
                                                                   (reply.id, reply.content)]
    assert not window.generating and window.composer.send_button.isEnabled()
    assert window.composer.text() == "" and not window.documents_ui.prefill.isVisible()
    assert [m.id for m in window.store.thread(window.conversation_id)] == [user.id, reply.id]
    assert len(window.store.siblings(reply.id)) == 1, "no new version was started"
