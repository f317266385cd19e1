"""`bauhinia selftest`: prove this installation works, in a throw-away profile.

Builds the diagnostic model, then load → chat → cancel → history round-trip. Nothing touches the
user's real profile; the temporary one is deleted afterwards.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.i18n import tr


@dataclass
class Check:
    name: str
    passed: bool
    detail: str
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "detail": self.detail, "seconds": round(self.seconds, 3)}


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


class _Runner:
    def __init__(self) -> None:
        self.results: list[Check] = []
        self.state: dict[str, Any] = {}

    def run(self, name: str, fn: Callable[[], str]) -> bool:
        t0 = time.perf_counter()
        try:
            detail = fn()
            ok = True
        except Exception as exc:  # a self-test reports every failure as a FAIL row, never a traceback
            detail = f"{type(exc).__name__}: {exc}"
            ok = False
        self.results.append(Check(name, ok, detail, time.perf_counter() - t0))
        return ok


def run_selftest() -> list[Check]:
    from engine.diagnostic import DEFAULT_SCRIPT, build_model
    from engine.events import ContentDelta, Finished, ReasoningDelta
    from engine.gguf_file import inspect
    from engine.loader import LoadOptions, load_session
    from engine.types import CancelToken, ChatMessage, SamplingParams

    r = _Runner()
    with _throwaway_profile() as home:
        model_path = home / "diagnostic.gguf"

        def build() -> str:
            build_model(model_path, arch="qwen2", quant="Q8_0")
            info = inspect(model_path)
            r.state["info"] = info
            return f"{info.architecture} {info.quantization}, {info.file_size} bytes"

        def load() -> str:
            session, placement = load_session(model_path, LoadOptions(n_ctx=1024), info=r.state["info"])
            r.state["session"] = session
            return f"{placement.choice.device.id}, {placement.threads} threads"

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
                raise AssertionError(f"reply did not finish normally: {fin}")
            expected = DEFAULT_SCRIPT.answer * getattr(DEFAULT_SCRIPT, "repeat_answer", 1)
            if fin.content != expected or "\ufffd" in "".join(parts):
                raise AssertionError("the reply differs from the diagnostic script")
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
                raise AssertionError(f"cancel was not honoured: {fin}")
            extra = session.last_turn.completion_tokens - at_cancel
            if extra > 1:
                raise AssertionError(f"{extra} tokens were generated after cancel")
            return f"stopped {extra} token(s) after cancel"

        def history() -> str:
            from app.history_recorder import selftest_roundtrip

            return selftest_roundtrip(r.state["reply"])

        steps: list[tuple[str, Callable[[], str]]] = [
            (tr("Selftest", "build diagnostic model"), build),
            (tr("Selftest", "load"), load),
            (tr("Selftest", "chat"), chat),
            (tr("Selftest", "cancel"), cancel),
            (tr("Selftest", "history round-trip"), history),
        ]
        try:
            for name, fn in steps:
                if not r.run(name, fn):
                    for later, _ in steps[len(r.results):]:
                        r.results.append(Check(later, False, tr("Selftest", "skipped after an earlier failure"), 0.0))
                    break
        finally:
            session = r.state.get("session")
            if session is not None:
                session.close()
    return r.results
