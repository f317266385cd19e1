"""The Qt-free chat core (``app.chat``): import boundary, the one system-prompt rule, the one
sampling builder, the remote ``</think>`` repair reaching history, a failed final write, and
engine error kinds in the interface language."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring_backend import MemoryKeyring
from remote_server import StubServer, chunk
from small_disk import mounted_tmpfs

from app.chat import ChatTurn, TurnObserver, TurnRequest, build_request, sampling_params, system_prompt_for
from app.chat.errors import KINDS, describe_error
from app.paths import Paths, user_paths
from app.settings.sources import Locations
from app.settings.store import SettingsStore
from app.store import HistoryStore

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    return memory_keyring


def settings_with(admin: Path, policy: dict[str, Any] | None = None,
                  user: dict[str, Any] | None = None) -> SettingsStore:
    paths = user_paths()
    (admin / "policies").mkdir(parents=True, exist_ok=True)
    if policy:
        (admin / "policies" / "test.json").write_text(json.dumps(policy), encoding="utf-8")
    if user:
        paths.config.mkdir(parents=True, exist_ok=True)
        (paths.config / "settings.json").write_text(json.dumps(user), encoding="utf-8")
    return SettingsStore(Locations(paths.config / "settings.json", policy_dir=admin / "policies",
                                   site_defaults=admin / "config.json", env={}))


# -- boundary -----------------------------------------------------------------------------------------
def test_chat_core_imports_neither_qt_nor_the_ui() -> None:
    for path in sorted((ROOT / "app" / "chat").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not name.startswith(("PySide6", "app.ui")), f"{path.name} imports {name}"
    # Transitively too: importing the core (and running its request builder) loads no Qt.
    code = ("import sys, app.chat, app.chat.turn, app.chat.errors, app.cli.ask; "
            "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'app.ui', 'shiboken6'))); "
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stdout + proc.stderr


# -- one system-prompt rule ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("locked", "catalogue", "user", "conversation", "expected"),
    [
        (True, "IT catalogue", "", "imported", "POLICY"),            # locked policy beats everything
        (False, "IT catalogue", "mine", "imported", "IT catalogue"),  # catalogue beats the user
        (False, "", "mine", "imported", "mine"),                      # user beats the conversation
        (False, "", "", "imported", "imported"),
        (False, "", "", None, "DEFAULT"),
    ],
)
def test_system_prompt_precedence(locked: bool, catalogue: str, user: str, conversation: str | None,
                                  expected: str) -> None:
    req = TurnRequest(None, "q", system_prompt="POLICY" if locked else user, system_prompt_locked=locked,
                      catalogue_prompt=catalogue, default_system_prompt="DEFAULT")
    assert system_prompt_for(req, conversation) == expected


def test_a_locked_empty_prompt_still_shuts_out_stored_and_imported_prompts() -> None:
    req = TurnRequest(None, "q", system_prompt="", system_prompt_locked=True, default_system_prompt="DEFAULT")
    assert system_prompt_for(req, "imported: ignore the rules") == "DEFAULT"


def test_build_request_reads_policy_catalogue_and_override(tmp_path: Path) -> None:
    class Entry:
        def prompt(self, language: str) -> str:
            return {"zh_HK": "請簡潔。"}.get(language, "Be brief.")

    locked = settings_with(tmp_path / "a", policy={"chat.system_prompt": "Policy prompt"})
    req = build_request(locked, "q", ui_language="en", system_override="ignored")
    assert (req.system_prompt, req.system_prompt_locked) == ("Policy prompt", True)
    free = settings_with(tmp_path / "b", user={"reply.language": "zh_HK", "chat.system_prompt": "Mine"})
    req = build_request(free, "q", ui_language="en", catalogue_entry=Entry(), system_override="Flag")
    assert (req.system_prompt, req.catalogue_prompt, req.system_prompt_locked) == ("Flag", "請簡潔。", False)
    assert system_prompt_for(req, None) == "請簡潔。"


# -- one sampling builder, one seed rule --------------------------------------------------------------
def test_one_seed_rule(tmp_path: Path) -> None:
    s = settings_with(tmp_path, user={"sampling.seed": -1, "sampling.max_tokens": 77})
    assert sampling_params(s).seed is None and sampling_params(s).max_tokens == 77
    assert sampling_params(s, seed=-5).seed is None  # every negative seed is random, flag or setting
    assert sampling_params(s, seed=0).seed == 0 and sampling_params(s, seed=9, max_tokens=3).max_tokens == 3
    assert [sampling_params(s, thinking=m).thinking for m in ("auto", "on", "off")] == [None, True, False]


# -- the remote </think> repair reaches history --------------------------------------------------------
@pytest.fixture
def stub() -> Iterator[StubServer]:
    with StubServer() as server:
        yield server


def test_remote_late_think_tag_is_repaired_in_history(stub: StubServer) -> None:
    from engine.remote import RemoteEndpoint, RemoteProvider, RemoteTimeouts

    # A reasoning model the provider does not recognise: the deltas go out as content, and only
    # the final "</think>" shows that the first part was reasoning.
    stub.routes[("POST", "/v1/chat/completions")] = lambda h: h.send_sse(
        [chunk(content="想一想软件"), chunk(content="</think>"), chunk(content="\n\n这个软件", finish="stop"),
         "[DONE]"])
    provider = RemoteProvider(RemoteEndpoint(name="stub", base_url=stub.url, display_name="Stub"), "house-model",
                              token=None, retries=0, timeouts=RemoteTimeouts(connect=2.0, read=5.0))
    store = HistoryStore.open(user_paths(), encrypt=False)
    seen: list[str] = []

    class Watch(TurnObserver):
        def reply_delta(self, content: str, reasoning: str) -> None:
            seen.append(content)

    try:
        result = ChatTurn(provider, store, model_label="remote:stub/house-model").run(
            TurnRequest(None, "?", reply_language="zh_HK"), Watch())
        assert "".join(seen).startswith("想一想")  # streamed as content, as the provider sent it
        stored = store.thread(result.conversation_id)[-1]
        assert (stored.reasoning, stored.content) == ("想一想軟件", "這個軟件")  # split and converted
        assert (stored.reasoning_raw, stored.content_raw) == ("想一想软件", "这个软件")
        assert (result.reasoning, result.content) == (stored.reasoning, stored.content)
        assert stored.status == "complete"
    finally:
        provider.close()
        store.close()


# -- a failed final write (disk full) --------------------------------------------------------------------
@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    with mounted_tmpfs(tmp_path / "small-disk", "3m") as mnt:
        yield mnt


def fill(disk: Path) -> Path:
    ballast = disk / "ballast.bin"
    with open(ballast, "wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    return ballast


def test_failed_final_write_keeps_the_reply_and_retry_saves_it(small_disk: Path, scripted_model_path: Path) -> None:
    from fixtures_models import DEFAULT_SCRIPT

    from engine.loader import LoadOptions, load_session

    paths = Paths(small_disk / "data", small_disk / "config", small_disk / "cache", small_disk / "logs")
    store = HistoryStore.open(paths, encrypt=False, backup_interval_s=None, flush_interval_s=0.01)
    session, _ = load_session(scripted_model_path, LoadOptions(n_ctx=1024))
    ballast: list[Path] = []

    class FillOnStart(TurnObserver):
        def reply_started(self, record: Any) -> None:
            ballast.append(fill(small_disk))

    try:
        turn = ChatTurn(session, store, model_label="m")
        result = turn.run(TurnRequest(None, "hi", reply_language="en"), FillOnStart())
        assert result.save_error and "disk is full" in result.save_error and result.record is None
        assert (result.content, result.reasoning) == (DEFAULT_SCRIPT.content, DEFAULT_SCRIPT.reasoning)
        ballast[0].unlink()
        saved = turn.retry_save()
        assert saved.save_error is None and saved.record.status == "complete"
        assert (saved.record.content, saved.record.reasoning) == (DEFAULT_SCRIPT.content, DEFAULT_SCRIPT.reasoning)
        stored = store.thread(result.conversation_id)[-1]
        assert (stored.content, stored.reasoning) == (DEFAULT_SCRIPT.content, DEFAULT_SCRIPT.reasoning)
    finally:
        session.close()
        store.close()


# -- error kinds in the interface language ---------------------------------------------------------------
@pytest.mark.parametrize("language", ["zh_HK", "zh_CN"])
def test_every_error_kind_reads_in_chinese(language: str) -> None:
    from app import i18n

    i18n.switch_language(language)
    for kind in KINDS:
        text = describe_error(kind, "English detail from the engine")
        assert text and not re.search(r"[A-Za-z]{3,}", text), (kind, text)
    assert describe_error("never-heard-of", "raw detail") == "raw detail"
    # In English the engine's own sentence (with its figures) is kept.
    assert describe_error("context_overflow", "needs 5000 tokens", language="en") == "needs 5000 tokens"
    from engine.errors import ContextOverflowError, TemplateError

    assert describe_error(TemplateError("x").kind, "x") != describe_error(ContextOverflowError("x").kind, "x")


def test_thinking_mode_reaches_a_remote_server_as_template_arguments(stub: StubServer) -> None:
    from engine.remote import RemoteEndpoint, RemoteProvider, RemoteTimeouts

    stub.routes[("POST", "/v1/chat/completions")] = lambda h: h.send_sse([chunk(content="ok", finish="stop"), "[DONE]"])
    provider = RemoteProvider(RemoteEndpoint(name="stub", base_url=stub.url, display_name="Stub"), "deepseek-v3.1",
                              token=None, retries=0, timeouts=RemoteTimeouts(connect=2.0, read=5.0))
    try:
        for mode, expected in (("on", True), ("off", False), ("auto", None)):
            ChatTurn(provider, None).run(TurnRequest(None, "?", params=sampling_params_for(mode)))
            body = stub.requests[-1]["json"]
            if expected is None:
                assert "chat_template_kwargs" not in body
            else:
                assert body["chat_template_kwargs"] == {"enable_thinking": expected, "thinking": expected}
    finally:
        provider.close()


def sampling_params_for(mode: str) -> Any:
    from engine.types import SamplingParams

    return SamplingParams(max_tokens=8, thinking={"on": True, "off": False}.get(mode))


def test_an_interrupted_turn_keeps_what_streamed_as_cancelled(scripted_model_path: Path) -> None:
    """Ctrl-C in `bauhinia ask` arrives as KeyboardInterrupt in the middle of the stream."""
    from engine.loader import LoadOptions, load_session

    store = HistoryStore.open(user_paths(), encrypt=False)
    session, _ = load_session(scripted_model_path, LoadOptions(n_ctx=1024))

    class CtrlC(TurnObserver):
        def __init__(self) -> None:
            self.seen: list[str] = []

        def reply_delta(self, content: str, reasoning: str) -> None:
            self.seen.append(reasoning + content)
            if len(self.seen) == 3:
                raise KeyboardInterrupt

    observer = CtrlC()
    try:
        with pytest.raises(KeyboardInterrupt):
            ChatTurn(session, store, model_label="m").run(TurnRequest(None, "hi", reply_language="en"), observer)
        (conv,) = store.list_conversations()
        reply = store.thread(conv.id)[-1]
        assert reply.status == "cancelled" and reply.reasoning == "".join(observer.seen)
    finally:
        session.close()
        store.close()
