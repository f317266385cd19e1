"""Plain data shared by the engine's parts and its callers: messages, sampling, cancel tokens."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["system", "user", "assistant"]


@dataclass(frozen=True)
class ChatMessage:
    """One turn. ``reasoning`` is kept for display/history but never fed back into prompts."""

    role: Role
    content: str
    reasoning: str = ""


@dataclass(frozen=True)
class SamplingParams:
    temperature: float = 0.6
    top_p: float = 0.95
    top_k: int = 40
    min_p: float = 0.05
    repeat_penalty: float = 1.0
    seed: int | None = None
    max_tokens: int = 2048
    #: Reasoning switch for templates that have one (``enable_thinking``/``thinking``);
    #: ``None`` leaves the template's own default.
    thinking: bool | None = None


@dataclass
class CancelToken:
    """Thread-safe cancellation flag checked between tokens (and between hash chunks)."""

    _event: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()
