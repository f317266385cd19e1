"""The one interface both the local engine and a remote endpoint implement."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from engine.events import ChatEvent
from engine.types import CancelToken, ChatMessage, SamplingParams


class ChatProvider(Protocol):
    """Streams one assistant reply for ``messages``.

    Always ends with exactly one ``Finished`` event (possibly after a ``StreamError``);
    ``conversation_id`` lets a local provider keep per-conversation KV state.
    """

    def stream(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams,
        cancel: CancelToken | None = None,
        conversation_id: str | None = None,
    ) -> Iterator[ChatEvent]: ...

    def close(self) -> None: ...
