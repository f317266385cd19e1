"""`bauhinia selftest`: prove this installation works, in a throw-away profile.

Builds the diagnostic model and loads it through the model gate (verification and the backend
policy apply), then chat → cancel, a real keyring round trip (Secret Service / Credential Manager)
and an encrypted history round trip. Each step passes or fails with its reason. Nothing touches
the user's real profile; the temporary one is deleted afterwards, and every secret the test puts
in the keyring is removed again.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.i18n import tr

CONTEXT = "Selftest"
#: Text stored by the history check; it must never appear in the database file in plain.
_MARKER = "selftestmarker"


@dataclass
class Check:
    name: str
    passed: bool
    detail: str
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "detail": self.detail, "seconds": round(self.seconds, 3)}


class CheckFailed(Exception):
    """A step failed; the message is the reason, in words for the user."""


@contextmanager
def _throwaway_profile() -> Iterator[Path]:
    old = os.environ.get("BAUHINIA_HOME")
    with tempfile.TemporaryDirectory(prefix="bauhinia-selftest-") as tmp:
        os.environ["BAUHINIA_HOME"] = tmp
        try:
            yield Path(tmp)
        finally:
            if old is None:
                os.environ.pop("BAUHINIA_HOME", None)
            else:
                os.environ["BAUHINIA_HOME"] = old


@dataclass(frozen=True)
class Step:
    name: str
    fn: Callable[[], str]
    needs: tuple[str, ...] = ()


class _Runner:
    def __init__(self) -> None:
        self.results: list[Check] = []
        self.state: dict[str, Any] = {}

    def run(self, step: Step) -> None:
        failed = [n for n in step.needs if not any(r.name == n and r.passed for r in self.results)]
        if failed:
            detail = tr(CONTEXT, "skipped: needs '%1', which did not pass").replace("%1", failed[0])
            self.results.append(Check(step.name, False, detail, 0.0))
            return
        t0 = time.perf_counter()
        try:
            detail = step.fn()
            ok = True
        except CheckFailed as exc:
            detail, ok = str(exc), False
        except Exception as exc:  # a self-test reports every failure as a FAIL row, never a traceback
            detail, ok = f"{type(exc).__name__}: {exc}", False
        self.results.append(Check(step.name, ok, detail, time.perf_counter() - t0))


def keyring_roundtrip() -> str:
    """Store, read back and delete a random secret in the system keyring."""
    import keyring
    import keyring.errors

    from app.store.keys import KEYRING_SERVICE, keyring_available, keyring_name

    backend = keyring_name()
    if not keyring_available():
        raise CheckFailed(tr(
            CONTEXT, "no system keyring is available (%1). On Linux, sign in to a desktop session that runs a "
            "Secret Service (GNOME Keyring or KWallet); on Windows, Credential Manager must be running.").replace(
            "%1", backend))
    user = f"selftest-{secrets.token_hex(8)}"
    secret = secrets.token_hex(16)
    try:
        keyring.set_password(KEYRING_SERVICE, user, secret)
        try:
            if keyring.get_password(KEYRING_SERVICE, user) != secret:
                raise CheckFailed(tr(CONTEXT, "the keyring (%1) returned a different secret").replace("%1", backend))
        finally:
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                keyring.delete_password(KEYRING_SERVICE, user)
        if keyring.get_password(KEYRING_SERVICE, user) is not None:
            raise CheckFailed(tr(CONTEXT, "the keyring (%1) did not delete the test secret").replace("%1", backend))
    except keyring.errors.KeyringError as exc:
        raise CheckFailed(tr(CONTEXT, "the keyring (%1) failed: %2").replace("%1", backend).replace(
            "%2", str(exc) or type(exc).__name__)) from exc
    return tr(CONTEXT, "%1: a secret was stored, read back and deleted").replace("%1", backend)


def encrypted_history_roundtrip(paths: Any, content: str, reasoning: str) -> str:
    """Write a conversation to an encrypted history (key in the keyring), check that the file holds
    no plain text, reopen it and read and search it back; the key is removed afterwards."""
    from app.store import HistoryStore, keys
    from app.store.database import file_kind

    marker = f"{_MARKER}{secrets.token_hex(4)} 政策"
    db = paths.database
    try:
        store = HistoryStore.open(paths, encrypt=True, require_encryption=True, without_keyring="refuse",
                                  backup_interval_s=None)
        try:
            conv = store.new_conversation("selftest", model="diagnostic")
            store.add_message(conv.id, "user", marker)
            w = store.begin_assistant_message(conv.id, model="diagnostic")
            w.append(content_delta=content, reasoning_delta=reasoning)
            w.finish("complete", prompt_tokens=1, completion_tokens=1, ttft_s=None, tokens_per_s=None, error=None)
        finally:
            store.close()
        if file_kind(db) != "encrypted":
            raise CheckFailed(tr(CONTEXT, "the history database was written without encryption"))
        for f in db.parent.glob(db.name + "*"):
            if f.is_file() and marker.encode("utf-8") in f.read_bytes():
                raise CheckFailed(tr(CONTEXT, "plain text was found in %1").replace("%1", f.name))
        store = HistoryStore.open(paths, encrypt=True, require_encryption=True, without_keyring="refuse",
                                  backup_interval_s=None)
        try:
            thread = store.thread(conv.id, limit=10)
            if [m.content for m in thread] != [marker, content] or thread[-1].reasoning != reasoning:
                raise CheckFailed(tr(CONTEXT, "the conversation read back differs from what was stored"))
            if not any(h.conversation_id == conv.id for h in store.search(marker.split()[0], limit=5)):
                raise CheckFailed(tr(CONTEXT, "search did not find the stored conversation"))
        finally:
            store.close()
    finally:
        with contextlib.suppress(Exception):
            keys.forget_key(db)
    return tr(CONTEXT, "SQLCipher, key in the keyring: stored, reopened, read back and found by search")


def run_selftest() -> list[Check]:
    from app.diagnostic_report import diagnostic_script
    from engine.events import ContentDelta, Finished, ReasoningDelta
    from engine.types import CancelToken, ChatMessage, SamplingParams

    r = _Runner()
    with _throwaway_profile():
        from app.model_resolver import acquire, load_acquired
        from app.models.built import diagnostic_model
        from app.paths import user_paths
        from app.settings.store import SettingsStore

        settings = SettingsStore()  # the throw-away profile's (empty) settings under the real policy
        paths = user_paths().ensure()
        script = diagnostic_script()  # what diagnostic_model() builds in this language

        def build() -> str:
            acquired = acquire(diagnostic_model(), settings, paths=paths)
            r.state["acquired"] = acquired
            size = os.fstat(acquired.handle.fd).st_size
            return tr(CONTEXT, "built and hashed, %1 bytes").replace("%1", str(size))

        def load() -> str:
            opened = load_acquired(r.state.pop("acquired"), settings, n_ctx=1024)
            r.state["session"] = opened.provider
            placement = opened.placement
            assert placement is not None
            detail = f"{placement.choice.device.id}, {placement.threads} threads"
            return f"{detail}; {opened.warning}" if opened.warning else detail

        def chat() -> str:
            session = r.state["session"]
            fin = None
            parts: list[str] = []
            for ev in session.stream([ChatMessage("user", "你好")], SamplingParams(seed=1, max_tokens=256)):
                if isinstance(ev, ContentDelta | ReasoningDelta):
                    parts.append(ev.text)
                if isinstance(ev, Finished):
                    fin = ev
            if fin is None or fin.reason != "stop":
                raise CheckFailed(f"reply did not finish normally: {fin}")
            if fin.content != script.content or "\ufffd" in "".join(parts):
                raise CheckFailed(tr(CONTEXT, "the reply differs from the diagnostic script"))
            r.state["reply"] = fin
            return f"{session.last_turn.completion_tokens} tokens, {fin.tokens_per_s or 0:.0f} tokens/s"

        def cancel() -> str:
            session = r.state["session"]
            token = CancelToken()
            at_cancel: int | None = None
            fin = None
            for ev in session.stream([ChatMessage("user", "再講一次")], SamplingParams(seed=2, max_tokens=256),
                                     token):
                if isinstance(ev, ContentDelta | ReasoningDelta) and at_cancel is None:
                    at_cancel = session.last_turn.completion_tokens
                    token.cancel()
                if isinstance(ev, Finished):
                    fin = ev
            if fin is None or fin.reason != "cancelled" or at_cancel is None:
                raise CheckFailed(f"cancel was not honoured: {fin}")
            extra = session.last_turn.completion_tokens - at_cancel
            if extra > 1:
                raise CheckFailed(f"{extra} tokens were generated after cancel")
            return f"stopped {extra} token(s) after cancel"

        def history() -> str:
            reply = r.state.get("reply")
            content = reply.content if reply is not None else script.content
            reasoning = reply.reasoning if reply is not None else script.reasoning
            return encrypted_history_roundtrip(paths, content, reasoning)

        name_build, name_load = tr(CONTEXT, "build diagnostic model"), tr(CONTEXT, "load")
        name_keyring = tr(CONTEXT, "keyring round-trip")
        steps = [
            Step(name_build, build),
            Step(name_load, load, (name_build,)),
            Step(tr(CONTEXT, "chat"), chat, (name_load,)),
            Step(tr(CONTEXT, "cancel"), cancel, (name_load,)),
            Step(name_keyring, keyring_roundtrip),
            Step(tr(CONTEXT, "encrypted history round-trip"), history, (name_keyring,)),
        ]
        try:
            for step in steps:
                r.run(step)
        finally:
            session = r.state.get("session")
            if session is not None:
                session.close()
            acquired = r.state.get("acquired")
            if acquired is not None:
                acquired.close()
            _forget_cache_key(paths)
    return r.results


def _forget_cache_key(paths: Any) -> None:
    """The throw-away profile's hash-cache key must not stay behind in the user's keyring."""
    from app.models.verification import CACHE_FILE, KeyringMacKey

    with contextlib.suppress(Exception):
        KeyringMacKey(paths.cache / CACHE_FILE).forget()
