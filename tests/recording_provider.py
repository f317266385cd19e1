"""A real chat provider whose received messages are kept: what the model was given, for tests
that assert on prompts (documents, summaries, regenerate) without faking the model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class Recording:
    """Wraps a provider (a ``ChatSession``, a remote provider); other attributes pass through."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: list[list[Any]] = []

    @property
    def prompts(self) -> list[str]:
        """The last message of every call (the user's turn, with its documents)."""
        return [call[-1].content for call in self.calls]

    def stream(self, messages: Any, params: Any, cancel: Any = None, cid: Any = None) -> Iterator[Any]:
        self.calls.append(list(messages))
        return self.inner.stream(messages, params, cancel, cid)  # type: ignore[no-any-return]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)
