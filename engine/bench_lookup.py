"""Prompt-lookup decoding measured: decode tokens/s with and without drafting (issue 16 part 2),
for ``bauhinia bench --prompt-lookup`` and ``tests/benchmarks/bench_prompt_lookup.py``.

Three tasks, each run alternately without and with drafting (medians of ``repeats``):

1. **copy**: "rewrite this memo" on a scripted bigram-chain model (:func:`copy_model_script`,
   Qwen2.5-0.5B widths, Q8_0) whose reply is the memo, with the memo in the prompt;
2. **no-copy**: the same model and reply, and the prompt does not hold it. No lookup hits, so this
   measures what the bookkeeping costs on free generation;
3. **random**: the random-weights bench model rewriting the memo. It does not copy, so this shows
   what drafting costs where it finds nothing.

A scripted model's chain tokens have no BPE merges, so no prompt *text* tokenizes into them. To
give it a prompt that holds a span of its own reply (what an attachment or a memo to rewrite is
for a real model), :func:`with_markers` makes ``session.tokenize`` turn a marker into the reply's
token ids. Rendering, decode, sampling and the KV cache stay the real thing.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from engine.diagnostic import Script
from engine.events import Finished, Usage
from engine.session import ChatSession
from engine.types import ChatMessage, SamplingParams

MEMO = (
    "To all staff: the Finance Branch will close the 2026-27 accounts on 31 March. Please submit "
    "outstanding claims, with receipts, to Ms Chan Tai-man (Room 1204, ext. 2817) by 20 March. "
    "Late claims will be processed in the next financial year. 各組別請於三月二十日前提交申索，"
    "並附上收據。查詢請致電陳大文女士（內線 2817）。Thank you for your cooperation. "
)
_MARKER = "§MEMO§"


def memo_text(copies: int = 3) -> str:
    """The memo to rewrite; numbered sentences keep every chain piece unique."""
    return "".join(f"({i + 1}) {MEMO}" for i in range(copies))


def copy_model_script(copies: int = 3) -> Script:
    """The copy model's script: its reply is the memo."""
    return Script(reasoning="Rewriting the memo.", answer=memo_text(copies))


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
    return session.held_tokens()[prompt_tokens:]


@dataclass
class LookupRow:
    """One task: decode tokens/s of each run without and with drafting, and the drafts' fate."""

    task: str
    plain: list[float] = field(default_factory=list)
    drafted: list[float] = field(default_factory=list)
    proposed: int = 0
    accepted: int = 0
    tokens: int = 0

    @property
    def plain_tokens_per_s(self) -> float:
        return statistics.median(self.plain) if self.plain else 0.0

    @property
    def drafted_tokens_per_s(self) -> float:
        return statistics.median(self.drafted) if self.drafted else 0.0

    @property
    def speedup(self) -> float:
        plain = self.plain_tokens_per_s
        return self.drafted_tokens_per_s / plain if plain else 0.0

    @property
    def acceptance(self) -> float:
        return self.accepted / self.proposed if self.proposed else 0.0

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "plain_tokens_per_s": self.plain_tokens_per_s,
                "drafted_tokens_per_s": self.drafted_tokens_per_s, "speedup": self.speedup,
                "acceptance": self.acceptance}


def _turn(session: ChatSession, messages: list[ChatMessage], params: SamplingParams,
          drafting: bool) -> tuple[float, Usage]:
    session.prompt_lookup = drafting
    usage: Usage | None = None
    fin: Finished | None = None
    for ev in session.stream(messages, params):
        if isinstance(ev, Usage):
            usage = ev
        elif isinstance(ev, Finished):
            fin = ev
    if usage is None or fin is None or not fin.tokens_per_s:
        raise RuntimeError(f"the benchmark turn failed: {fin}")
    return fin.tokens_per_s, usage


def measure(session: ChatSession, task: str, messages: list[ChatMessage], params: SamplingParams,
            repeats: int) -> LookupRow:
    """``repeats`` pairs, plain then drafted, after one warm-up turn that also puts the prompt in
    the KV cache (every run then evaluates the same one token of prompt). The session's
    drafting setting is restored after."""
    row = LookupRow(task)
    saved = session.prompt_lookup
    try:
        _turn(session, messages, params, False)
        for _ in range(max(1, repeats)):
            tps, _ = _turn(session, messages, params, False)
            row.plain.append(tps)
            tps, usage = _turn(session, messages, params, True)
            row.drafted.append(tps)
            row.proposed += usage.draft_proposed
            row.accepted += usage.draft_accepted
            row.tokens += usage.completion_tokens
    finally:
        session.prompt_lookup = saved
    return row


def measure_copy_model(session: ChatSession, repeats: int,
                       on_stage: Callable[[str], None] | None = None) -> Iterator[LookupRow]:
    """The copy and no-copy rows on a session of the copy model (its reply is the memo)."""
    stage = on_stage or (lambda _name: None)
    greedy = SamplingParams(temperature=0.0, max_tokens=2048)
    session.reset_context()
    _, usage = _turn(session, [ChatMessage("user", "hello")], greedy, False)
    with_markers(session, {_MARKER: reply_ids(session, usage.prompt_tokens)})
    stage("prompt lookup: copy")
    yield measure(session, "copy", [ChatMessage("user", f"Rewrite this memo, correcting the typos:\n\n{_MARKER}")],
                  greedy, repeats)
    stage("prompt lookup: no-copy")
    yield measure(session, "no-copy", [ChatMessage("user", "Write a memo about the year-end accounts.")],
                  greedy, repeats)


def measure_random_model(session: ChatSession, repeats: int, tokens: int = 128, copies: int = 3) -> LookupRow:
    """The random row: a model that does not copy, asked to rewrite the memo."""
    rewrite = [ChatMessage("user", f"Rewrite this memo, correcting the typos:\n\n{memo_text(copies)}")]
    return measure(session, "random", rewrite, SamplingParams(temperature=0.0, max_tokens=tokens), repeats)


__all__ = [
    "MEMO", "LookupRow", "copy_model_script", "measure", "measure_copy_model", "measure_random_model",
    "memo_text", "reply_ids", "with_markers",
]
