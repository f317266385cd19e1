"""Prompt markers that stand for given token ids (prompt-lookup tests and benchmark).

A scripted diagnostic model is a bigram chain whose tokens have no BPE merges, so ordinary prompt
text never tokenizes into them. To give it a prompt that holds a span of its own reply (what an
attachment or a memo to rewrite is for a real model), :func:`with_markers` wraps
``session.tokenize`` so that each marker in the rendered prompt becomes the given ids; rendering,
decode, sampling and the KV cache stay the real thing.
"""

from __future__ import annotations

from engine.session import ChatSession


def with_markers(session: ChatSession, spans: dict[str, list[int]]) -> None:
    """From now on ``session.tokenize`` turns each marker of ``spans`` into its token ids."""

    def plain(text: str) -> list[int]:
        return ChatSession.tokenize(session, text)

    def tokenize(text: str) -> list[int]:
        out: list[int] = []
        rest = text
        while True:
            hits = [(rest.find(m), m) for m in spans if m in rest]
            if not hits:
                return out + plain(rest)
            at, marker = min(hits)
            out += plain(rest[:at]) + spans[marker]
            rest = rest[at + len(marker):]

    session.tokenize = tokenize  # type: ignore[method-assign]


def reply_ids(session: ChatSession, prompt_tokens: int) -> list[int]:
    """The token ids the KV cache holds after the prompt: the last turn's reply (without EOS)."""
    return [int(t) for t in session._llm.input_ids[prompt_tokens : session.n_tokens]]
