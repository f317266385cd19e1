"""Typed events a chat stream yields, from the local engine and the remote provider alike."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FinishReason = Literal["stop", "length", "cancelled", "error"]


@dataclass(frozen=True)
class ContentDelta:
    """Visible answer text; deltas concatenate to the final content."""

    text: str


@dataclass(frozen=True)
class ReasoningDelta:
    """DeepSeek-R1 ``<think>`` text; deltas concatenate to the final reasoning."""

    text: str


@dataclass(frozen=True)
class ContextTrimmed:
    """Older turns were dropped to fit the context budget (never silent)."""

    dropped_messages: int
    dropped_tokens: int


@dataclass(frozen=True)
class PrefillProgress:
    """Prompt evaluation progress, one event per batch run through the model. Long prompts
    (attachments, library passages) take tens of seconds on a CPU, so the window shows a bar with
    an ETA from these; ``eta_s`` is None until one full batch has been timed. The local engine
    also sends one with 0 done before the first batch, and sends none for a prompt that fits
    one batch (``engine.session.ChatSession._eval``); remote providers send none."""

    done_tokens: int
    total_tokens: int
    elapsed_s: float
    eta_s: float | None


@dataclass(frozen=True)
class Usage:
    """Token accounting. ``evaluated_prompt_tokens`` counts prompt tokens actually run through
    the model (the rest came from the KV cache); remote providers report it equal to
    ``prompt_tokens`` when the server does not say. ``draft_proposed``/``draft_accepted`` count
    prompt-lookup draft tokens verified and kept this turn (0 where nothing was drafted)."""

    prompt_tokens: int
    completion_tokens: int
    evaluated_prompt_tokens: int
    draft_proposed: int = 0
    draft_accepted: int = 0


@dataclass(frozen=True)
class Finished:
    reason: FinishReason
    content: str
    reasoning: str
    ttft_s: float | None
    tokens_per_s: float | None


@dataclass(frozen=True)
class StreamError:
    """The stream failed; a ``Finished(reason="error")`` follows."""

    message: str
    kind: str = "engine"


ChatEvent = ContentDelta | ReasoningDelta | ContextTrimmed | PrefillProgress | Usage | Finished | StreamError
