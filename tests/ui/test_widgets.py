"""Composer keys, the virtualised transcript, single instance, and the status bar's meter."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.ui.composer import Composer
from app.ui.single_instance import InstanceServer, notify_running, peer_uid, server_name
from app.ui.status import StatusBar
from app.ui.transcript import MessageItem, TranscriptView

pytestmark = pytest.mark.ui


def test_enter_sends_shift_enter_breaks_escape_stops(qtbot: Any) -> None:
    c = Composer()
    qtbot.addWidget(c)
    c.show()
    sent: list[str] = []
    stops: list[bool] = []
    c.sendRequested.connect(sent.append)
    c.stopRequested.connect(lambda: stops.append(True))
    c.set_can_send(True)
    qtbot.keyClicks(c.edit, "line one")
    qtbot.keyClick(c.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(c.edit, "line two")
    assert c.text() == "line one\nline two" and sent == []
    qtbot.keyClick(c.edit, Qt.Key.Key_Return)
    assert sent == ["line one\nline two"]
    assert c.text() == "line one\nline two"  # kept until the worker has stored it
    c.accepted()
    assert c.text() == ""
    qtbot.keyClick(c.edit, Qt.Key.Key_Escape)
    assert stops == [True]


def test_send_is_disabled_while_no_model_is_ready(qtbot: Any) -> None:
    c = Composer()
    qtbot.addWidget(c)
    c.show()
    sent: list[str] = []
    c.sendRequested.connect(sent.append)
    c.set_can_send(False)
    qtbot.keyClicks(c.edit, "hello")
    qtbot.keyClick(c.edit, Qt.Key.Key_Return)
    assert not c.send_button.isEnabled() and sent == [] and c.text() == "hello"
    c.set_can_send(True)
    c.set_generating(True)
    assert c.stop_button.isVisibleTo(c) and not c.send_button.isVisibleTo(c)
    qtbot.keyClick(c.edit, Qt.Key.Key_Return)
    assert sent == []


def _items(n: int) -> list[MessageItem]:
    return [MessageItem(f"m{i:05d}", "user" if i % 2 == 0 else "assistant",
                        f"Message {i}: " + "政策資料 text " * (i % 7 + 1)) for i in range(n)]


def test_transcript_lays_out_only_what_is_visible(qtbot: Any) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.set_items(_items(2000))
    view.repaint()
    assert 0 < len(view.docs.entries) < 40, "only rows in view are rendered"
    assert view.following and view.verticalScrollBar().value() == view.verticalScrollBar().maximum()
    rendered = set(view.docs.entries)
    assert "m01999" in rendered and "m00000" not in rendered
    # Streaming into the last row re-renders that row only.
    last = MessageItem("streaming", "assistant", "", status="streaming")
    view.append_item(last)
    before = {k: v.doc for k, v in view.docs.entries.items()}
    for _ in range(10):
        view.append_delta("streaming", "字", "")
    view.flush_now()
    assert view.item("streaming").content == "字" * 10
    changed = [k for k, v in view.docs.entries.items() if k in before and v.doc is not before[k]]
    assert changed == []
    assert view.rows.total == sum(view.rows.heights)


def test_user_scrolling_up_stops_auto_follow(qtbot: Any) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_items(_items(50))
    view.append_item(MessageItem("s", "assistant", "", status="streaming"))
    view.verticalScrollBar().setValue(0)  # the user scrolls up
    assert not view.following
    for _ in range(20):
        view.append_delta("s", "more text\n", "")
    view.flush_now()
    assert view.verticalScrollBar().value() < view.verticalScrollBar().maximum()
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    assert view.following
    view.append_delta("s", "even more\n" * 5, "")
    view.flush_now()
    assert view.verticalScrollBar().value() == view.verticalScrollBar().maximum()


def test_keyboard_moves_between_messages_and_shows_actions(qtbot: Any) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    items = _items(5)
    items[3].sibling_count, items[3].sibling_index = 3, 1
    view.set_items(items)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.current_item() is items[0]
    qtbot.keyClick(view, Qt.Key.Key_End)
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.current_item() is items[3]
    bar = view.actions_bar
    assert bar.isVisible() and bar.version.text() == "2/3"
    assert bar.buttons["regenerate"].isVisible() and not bar.buttons["edit"].isVisible()
    asked: list[tuple[str, str]] = []
    view.actionRequested.connect(lambda a, m: asked.append((a, m)))
    qtbot.mouseClick(bar.buttons["next"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.buttons["copy"], Qt.MouseButton.LeftButton)
    assert asked == [("next", items[3].id), ("copy", items[3].id)]
    assert QApplication.clipboard().text() == items[3].content


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A short private XDG_RUNTIME_DIR (socket paths must fit in 108 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="xdg-"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_second_launch_activates_the_first(qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any,
                                           runtime: Path) -> None:
    monkeypatch.setenv("BAUHINIA_HOME", str(tmp_path / "profile-a"))
    name = server_name()
    assert name != server_name({"BAUHINIA_HOME": str(tmp_path / "profile-b"), "XDG_RUNTIME_DIR": str(runtime)})
    assert Path(name).parent == runtime / "bauhinia"
    assert not notify_running(name, timeout_ms=200)
    server = InstanceServer(name)
    assert server.listen()
    try:
        with qtbot.waitSignal(server.activated, timeout=10_000):
            assert notify_running(name)
    finally:
        server.close()


# -- issue 11 item 11: the socket is private and only the same user is trusted ----------------------


def test_socket_folder_is_private_even_if_it_existed_wider(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                         runtime: Path) -> None:
    (runtime / "bauhinia").mkdir(mode=0o755)
    os.chmod(runtime / "bauhinia", 0o755)
    name = server_name({"BAUHINIA_HOME": str(tmp_path / "p"), "XDG_RUNTIME_DIR": str(runtime)})
    folder = Path(name).parent
    assert folder == runtime / "bauhinia"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and folder.stat().st_uid == os.getuid()


def test_a_runtime_dir_others_can_write_is_not_used(tmp_path: Path, runtime: Path) -> None:
    os.chmod(runtime, 0o777)
    name = server_name({"BAUHINIA_HOME": str(tmp_path / "p"), "XDG_RUNTIME_DIR": str(runtime)})
    assert name and not name.startswith(str(runtime))
    assert stat.S_IMODE(Path(name).parent.stat().st_mode) == 0o700


@pytest.mark.skipif(os.getuid() != 0, reason="only root can create a folder owned by another user")
def test_a_socket_folder_owned_by_another_user_is_refused(tmp_path: Path, runtime: Path) -> None:
    (runtime / "bauhinia").mkdir(mode=0o700)
    os.chown(runtime / "bauhinia", 65534, 65534)
    name = server_name({"BAUHINIA_HOME": str(tmp_path / "p"), "XDG_RUNTIME_DIR": str(runtime)})
    assert name and not name.startswith(str(runtime))


def test_peer_uid_is_read_from_the_socket(qtbot: Any, runtime: Path, tmp_path: Path) -> None:
    name = server_name({"BAUHINIA_HOME": str(tmp_path / "p"), "XDG_RUNTIME_DIR": str(runtime)})
    server = InstanceServer(name)
    assert server.listen()
    try:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        with client:
            client.connect(name)
            assert peer_uid(client.fileno()) == os.getuid()
    finally:
        server.close()


def test_a_listener_of_another_user_cannot_stop_the_start(qtbot: Any, runtime: Path, tmp_path: Path) -> None:
    """A squatter's listener (simulated: the launch expects a different uid than the listener's)
    is not believed; the real instance then takes the name over and starts."""
    name = server_name({"BAUHINIA_HOME": str(tmp_path / "p"), "XDG_RUNTIME_DIR": str(runtime)})
    squatter = InstanceServer(name)
    assert squatter.listen()
    try:
        assert not notify_running(name, timeout_ms=2000, expected_uid=os.getuid() + 1)
        mine = InstanceServer(name)
        assert mine.listen()  # the name is taken over: the app starts
        try:
            with qtbot.waitSignal(mine.activated, timeout=10_000):
                assert notify_running(name, timeout_ms=2000)
        finally:
            mine.close()
    finally:
        squatter.close()


def test_messages_from_another_user_are_ignored(qtbot: Any, runtime: Path, tmp_path: Path) -> None:
    name = server_name({"BAUHINIA_HOME": str(tmp_path / "p"), "XDG_RUNTIME_DIR": str(runtime)})
    server = InstanceServer(name, expected_uid=os.getuid() + 1)  # as if every peer were another user
    assert server.listen()
    fired: list[bool] = []
    server.activated.connect(lambda: fired.append(True))
    try:
        assert notify_running(name, timeout_ms=2000)
        qtbot.waitUntil(lambda: server.refused >= 1, timeout=10_000)
        assert fired == []
    finally:
        server.close()


def test_context_meter_warns_before_full(qtbot: Any) -> None:
    bar = StatusBar()
    qtbot.addWidget(bar)
    bar.set_model("diag", "CPU", "cpu", 1000)
    bar.set_context_used(500)
    assert bar.context_meter.value() == 50 and not bar.warning
    bar.set_context_used(850)
    assert bar.warning and "nearly full" in bar.context_meter.toolTip()
    bar.set_speed(42.0)
    assert "42.0" in bar.speed_label.text()
    assert "CPU on cpu" in bar.backend_label.text()


def test_streaming_updates_only_the_last_paragraph(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import app.ui.message_html as transcript  # where the view's Markdown is rendered

    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.set_items([MessageItem("u", "user", "question")])
    view.append_item(MessageItem("r", "assistant", "", status="streaming"))
    calls: list[str] = []
    real = transcript.render_markdown

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(transcript, "render_markdown", counting)
    reply = ("# Plan\n\nFirst **point**.\n\n```python\nx = 1\n\ny = 2\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |"
             "\n\nLast words")
    view.append_delta("r", "", "Thinking hard.\n\nStill thinking.")
    view.flush_now()
    assert "Still thinking." in view.doc_for("r").toPlainText()  # open while reasoning streams
    for ch in reply:
        view.append_delta("r", ch, "")
        view.flush_now()
    streamed = view.doc_for("r").toPlainText()
    # Every finished paragraph was rendered once per distinct text, not once per token.
    assert calls.count("# Plan") == 1 and calls.count("First **point**.") == 1
    assert len(calls) < 2 * len(reply)
    final = MessageItem("r", "assistant", reply, reasoning="Thinking hard.\n\nStill thinking.", status="complete")
    view.replace_item(final)
    view.flush_now()
    full = view.doc_for("r").toPlainText()
    for text in ("Plan", "First point.", "x = 1", "y = 2", "Last words"):
        assert text in streamed and text in full
    assert "Still thinking." not in full  # finished: Thinking collapsed
    assert "r" in view.docs.streams  # finished in place, not re-rendered from scratch


def test_plain_words_are_appended_without_markdown_and_look_the_same(
        qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cheap streaming path (plain words appended to the last paragraph, no Markdown run)
    gives exactly the document a Markdown re-render gives, at every step."""
    import app.ui.message_html as transcript  # where the view's Markdown is rendered

    views = []
    for fast in (True, False):
        view = TranscriptView()
        view.fast_append = fast
        qtbot.addWidget(view)
        view.resize(700, 500)
        view.show()
        view.set_items([MessageItem("u", "user", "question")])
        view.append_item(MessageItem("r", "assistant", "", status="streaming"))
        view._nonce = "same-nonce"  # each view makes its own anchor nonce; compare like with like
        views.append(view)
    fast_view, full_view = views
    calls: list[str] = []
    real = transcript.render_markdown

    def counting(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(transcript, "render_markdown", counting)
    reasoning = ["Let", " me", " think", " about", " it", ".", "\n\n", "Second", " thought", " here"]
    content = ["The", " policy", " says", " **important**", " things", " and", " a", " [f(x)](https://gov.hk)",
               ")", " follows", " 資料", " 網絡", "\n\n", "1", ".", " First", " item", " with", " `code`", " end",
               "\n\n", "# Heading", " words", "\n\n", "Plain", " 2", ".", " words", " after", " spaces", "  ",
               "here", " &amp", ";", " x", "\n\n", "[ref]", ":", " /url", "\n\n", "Last", " line"]
    steps = [("", r) for r in reasoning] + [(c, "") for c in content]
    appended: list[str] = []
    real_append = fast_view.docs._append_plain

    def counting_append(it: Any, *args: Any) -> bool:
        taken = real_append(it, *args)
        if taken:
            appended.append(it.content or it.reasoning)
        return taken

    fast_view.docs._append_plain = counting_append  # type: ignore[method-assign]
    for c, r in steps:
        for view in views:
            before = len(calls)
            view.append_delta("r", c, r)
            view.flush_now()
            if view is fast_view and appended and appended[-1] == (view.items[-1].content or view.items[-1].reasoning):
                assert len(calls) == before  # the cheap path ran no Markdown
        assert fast_view.doc_for("r").toHtml() == full_view.doc_for("r").toHtml(), (c, r)
    # Plain words in the reasoning and in the answer took the cheap path; markup did not.
    assert len(appended) >= 15
    assert any(text.endswith(" thought here") for text in appended)
    assert any(text.endswith(" 資料 網絡") for text in appended)
    assert not any(text.endswith(("**important**", "`code`", ";", "/url")) for text in appended)
