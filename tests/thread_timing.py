"""Scripted time for the thread controllers' tests: feed a controller per-sample times, or give a
real session a clock whose every tick costs what the context's thread counts say."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import llama_cpp

from engine.cpu_load import FreeCores, no_reading
from engine.events import Finished
from engine.session import ChatSession, SessionConfig
from engine.threads_adaptive import ThreadController
from engine.types import ChatMessage, SamplingParams

Cost = Callable[[int, int], float]  # (threads in effect, sample index) -> seconds


def drive(ctl: ThreadController, cost: Cost, samples: int) -> list[int]:
    """Feed ``samples`` scripted times; return the count in effect for each sample. Checks on
    the way that what ``observe`` returns is what ``in_effect`` says, and the bounds."""
    running = ctl.in_effect
    trace = []
    for i in range(samples):
        assert ctl.lo <= running <= ctl.hi
        trace.append(running)
        n = ctl.observe(cost(running, i))
        if n:
            assert n != running, "a switch to the count already running"
            running = n
        assert running == ctl.in_effect
    return trace


def table(times: dict[int, float]) -> Cost:
    return lambda n, _i: times[n]


class ThreadClock:
    """A fake clock: every call advances by a cost read from the real context's thread counts
    (``llama_n_threads``/``llama_n_threads_batch``), so only what llama.cpp really runs with
    changes the times the session measures."""

    def __init__(self, cost: Callable[[int, int], float]) -> None:
        self.cost = cost
        self.now = 0.0
        self.ctx: object | None = None

    def __call__(self) -> float:
        if self.ctx is not None:
            self.now += self.cost(llama_cpp.llama_n_threads(self.ctx), llama_cpp.llama_n_threads_batch(self.ctx))
        return self.now


def open_session(path: Path, *, adaptive: bool, clock: ThreadClock | None = None, n_batch: int = 512,
                 free_cores: FreeCores = no_reading) -> ChatSession:
    """Timing alone decides unless ``free_cores`` is given: the scripted times must not meet
    whatever the real machine's load reading says."""
    cfg = SessionConfig(n_ctx=1024, n_threads=2, n_batch=n_batch, adaptive_threads=adaptive)
    s = (ChatSession(path, cfg, clock=clock, free_cores=free_cores) if clock is not None
         else ChatSession(path, cfg, free_cores=free_cores))
    if clock is not None:
        clock.ctx = s.raw_context
    return s


def answer(s: ChatSession, text: str = "政策是甚麼？") -> Finished:
    events = list(s.stream([ChatMessage("user", text)], SamplingParams(temperature=0.0, max_tokens=256)))
    fin = events[-1]
    assert isinstance(fin, Finished) and fin.reason == "stop"
    return fin
