"""Decode speed under load: fixed thread counts against the adaptive controller (issue 16).

For each load (0, 1, … busy competitor processes, :mod:`engine.busy_competitor`) the same short
chat is decoded once per fixed thread count (1 … the configured count) and once adapting from the
configured count with fresh controllers, so the adaptive figure includes its own probing. The
competitors of a load run only while that load's cells are measured, and are always stopped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
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
    settled_at_token: int | None  # token index at which the count first settled
    thread_changes: int  # switches made (probes, reverts, moves)
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

    def to_json(self) -> dict[str, Any]:
        return {"threads": self.threads, "tokens": self.tokens, "rows": [r.to_json() for r in self.rows]}


def _competitors(n: int) -> AbstractContextManager[Any]:
    return busy_competitors(n)


def _rate(session: ChatSession, params: SamplingParams, conv: str) -> float:
    session.reset_context()
    fin = run_turn(session, one_message_chat(), params, conv)
    return fin.tokens_per_s or 0.0


def _measure_load(session: ChatSession, max_threads: int, params: SamplingParams, load: int) -> ContentionRow:
    fixed: dict[int, float] = {}
    for n in range(1, max_threads + 1):
        session.set_adaptive_threads(False)
        session.set_threads(n)
        fixed[n] = _rate(session, params, f"contention-{load}-{n}")
    session.set_threads(max_threads)
    session.set_adaptive_threads(True)  # fresh controllers, starting where the app starts
    rate = _rate(session, params, f"contention-{load}-adaptive")
    controllers = session.thread_controllers
    assert controllers is not None
    decode = controllers[0]
    settled = None if decode.first_settled_at is None else decode.first_settled_at + 1
    threads, changes = decode.threads, decode.changes
    following = _rate(session, params, f"contention-{load}-adaptive-next")  # same controllers
    return ContentionRow(load, fixed, rate, threads, settled, changes, adaptive_next=following)


def run_contention(
    session: ChatSession,
    *,
    max_threads: int,
    loads: Sequence[int],
    tokens: int = 64,
    competitors: Competitors = _competitors,
    warmup_s: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    on_stage: Callable[[str], None] | None = None,
) -> ContentionResult:
    """Measure every (load, threads) cell; the session's thread settings are restored after."""
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
                rows.append(_measure_load(session, max_threads, params, load))
    finally:
        session.set_adaptive_threads(False)
        session.set_threads(*saved_threads)
        session.set_adaptive_threads(saved_adaptive)
    return ContentionResult(threads=list(range(1, max_threads + 1)), tokens=tokens, rows=rows)
