"""Decode speed under load: fixed thread counts against the adaptive controller (issue 16).

For each load (0, 1, … busy competitor processes, :mod:`engine.busy_competitor`) the same short
chat is decoded once per fixed thread count (1 … the configured count) and once adapting from the
configured count with fresh controllers, so the adaptive figure includes its own probing (and
its load reading, :mod:`engine.cpu_load`). Single 64-token replies under load vary by ±20 % from
one to the next, so each cell is the median of several interleaved replies. The
competitors of a load run only while that load's cells are measured, and are always stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from statistics import median
from typing import Any

from engine.bench import one_message_chat, run_turn
from engine.busy_competitor import busy_competitors
from engine.session import ChatSession
from engine.types import SamplingParams

Competitors = Callable[[int], AbstractContextManager[Any]]


@dataclass(frozen=True)
class ContentionRow:
    load: int
    fixed: dict[int, float]  # threads -> decode tokens/s
    adaptive: float
    adaptive_threads: int  # the decode count it ended with
    settled_at_token: int | None  # token at which the count first settled (the latest of the rounds)
    thread_changes: int  # switches made in a first reply (probes, reverts, moves; the most of the rounds)
    #: The next reply under the same load: the app keeps its controllers between turns, so a
    #: second reply starts at the count the first one settled on (no discovery to pay again).
    adaptive_next: float = 0.0

    @property
    def best_fixed_threads(self) -> int:
        return max(self.fixed, key=lambda n: self.fixed[n])

    @property
    def ratio(self) -> float:
        best = self.fixed[self.best_fixed_threads]
        return self.adaptive / best if best else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "load": self.load,
            "fixed": {str(n): v for n, v in self.fixed.items()},
            "best_fixed_threads": self.best_fixed_threads,
            "adaptive": self.adaptive,
            "ratio": self.ratio,
            "adaptive_threads": self.adaptive_threads,
            "settled_at_token": self.settled_at_token,
            "thread_changes": self.thread_changes,
            "adaptive_next": self.adaptive_next,
            "ratio_next": self.ratio_next,
        }

    @property
    def ratio_next(self) -> float:
        best = self.fixed[self.best_fixed_threads]
        return self.adaptive_next / best if best else 0.0


@dataclass(frozen=True)
class ContentionResult:
    threads: list[int]
    tokens: int
    rows: list[ContentionRow]
    replies: int = 1

    def to_json(self) -> dict[str, Any]:
        return {"threads": self.threads, "tokens": self.tokens, "replies": self.replies,
                "rows": [r.to_json() for r in self.rows]}


def _competitors(n: int) -> AbstractContextManager[Any]:
    return busy_competitors(n)



def _rate(session: ChatSession, params: SamplingParams, new_chat: bool) -> float:
    # By default one conversation for every cell: the prompt stays in the KV cache, so a cell
    # costs its decode, not a prompt evaluation (seconds under load) that the rate does not count.
    # ``new_chat``: every reply first evaluates the whole prompt, as a new conversation's first
    # reply does, so its first tokens follow a long evaluation (the harder case for adapting).
    if new_chat:
        session.reset_context()
    fin = run_turn(session, one_message_chat(), params, "contention")
    return fin.tokens_per_s or 0.0


def _measure_load(session: ChatSession, max_threads: int, params: SamplingParams, load: int,
                  replies: int, new_chat: bool) -> ContentionRow:
    """``replies`` rounds, each one reply per fixed count, one adaptive first reply (fresh
    controllers) and the next one (same controllers); the cells are interleaved so that a drift
    in the machine's speed hits them alike, and each cell is the median of its rounds."""
    fixed: dict[int, list[float]] = {n: [] for n in range(1, max_threads + 1)}
    first: list[float] = []
    following: list[float] = []
    settled_at: list[int | None] = []
    threads = changes = 0
    for _ in range(max(1, replies)):
        for n in fixed:
            session.set_adaptive_threads(False)
            session.set_threads(n)
            fixed[n].append(_rate(session, params, new_chat))
        session.set_threads(max_threads)
        session.set_adaptive_threads(True)  # fresh controllers, starting where the app starts
        first.append(_rate(session, params, new_chat))
        controllers = session.thread_controllers
        assert controllers is not None
        decode = controllers[0]
        settled_at.append(None if decode.first_settled_at is None else decode.first_settled_at + 1)
        threads, changes = decode.threads, max(changes, decode.changes)
        following.append(_rate(session, params, new_chat))  # same controllers
    # The latest any round settled (None if one never did): the bound the goal is about.
    known = [s for s in settled_at if s is not None]
    settled = max(known) if len(known) == len(settled_at) else None
    return ContentionRow(load, {n: median(v) for n, v in fixed.items()}, median(first), threads, settled,
                         changes, adaptive_next=median(following))


def run_contention(
    session: ChatSession,
    *,
    max_threads: int,
    loads: Sequence[int],
    tokens: int = 64,
    replies: int = 1,
    new_chat: bool = False,
    competitors: Competitors = _competitors,
    warmup_s: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    on_stage: Callable[[str], None] | None = None,
) -> ContentionResult:
    """Measure every (load, threads) cell, each the median of ``replies`` replies; the session's
    thread settings are restored after."""
    stage = on_stage or (lambda _name: None)
    params = SamplingParams(temperature=0.6, seed=16, max_tokens=tokens)
    saved_threads = session.threads
    saved_adaptive = session.thread_controllers is not None
    rows: list[ContentionRow] = []
    try:
        for load in loads:
            stage(f"contention: {load} busy")
            with competitors(load):
                if load:
                    sleep(warmup_s)  # let the competitors' interpreters start spinning
                rows.append(_measure_load(session, max_threads, params, load, replies, new_chat))
    finally:
        session.set_adaptive_threads(False)
        session.set_threads(*saved_threads)
        session.set_adaptive_threads(saved_adaptive)
    return ContentionResult(threads=list(range(1, max_threads + 1)), tokens=tokens, rows=rows, replies=max(1, replies))
