"""How a caller follows a chat turn (kept apart from ``turn`` so adapters import it cheaply)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.documents.summarise import SummaryProgress
    from engine.events import PrefillProgress


class TurnObserver:
    """Callbacks of one turn, called on the thread that runs it; override what you need."""

    def conversation_created(self, record: Any) -> None:
        """A new conversation exists (with its title, taken from the first prompt)."""

    def user_stored(self, record: Any) -> None:
        """The prompt is stored."""

    def reply_started(self, record: Any) -> None:
        """The reply's row exists (status streaming)."""

    def reply_delta(self, content: str, reasoning: str) -> None:
        """Shown text (converted to the reply language's script); either may be empty."""

    def context_trimmed(self, messages: int, tokens: int) -> None:
        """Older turns were left out to fit the context."""

    def prefill_progress(self, progress: PrefillProgress) -> None:
        """The prompt is being evaluated: one call per batch, only for prompts longer than one
        batch (``done_tokens`` of ``total_tokens``; ``eta_s`` None until a batch was timed). The
        reply's first token follows the last call; Stop cancels within one batch."""

    def summary_progress(self, progress: SummaryProgress) -> None:
        """A summary of documents longer than the context is being made section by section
        (``app.documents.summarise``): step ``index`` of ``total`` of a stage, and within a step
        the engine's prompt progress. The answer then streams through the other callbacks."""
