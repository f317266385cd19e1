"""The thread controllers with a load reading (engine.cpu_load): where a reply starts, and no probe
of more threads into cores other programs hold. Times and readings are scripted; the session test
runs a real llama.cpp context whose per-token costs follow the thread count it really runs with."""

from __future__ import annotations

from pathlib import Path

import llama_cpp
from thread_timing import ThreadClock, answer, drive, open_session, table

from engine.threads_adaptive import DECODE_TUNING, ThreadController


class Reading:
    """A scripted free-cores reading that can change, counting how often it is read."""

    def __init__(self, free: int | None) -> None:
        self.free = free
        self.reads = 0

    def __call__(self) -> int | None:
        self.reads += 1
        return self.free


BUSY = table({1: 0.06, 2: 0.40})  # 2 cores, both taken by other programs (measured shape)
IDLE = table({1: 0.071, 2: 0.043})


def test_every_core_taken_starts_at_one_thread_and_never_probes_two() -> None:
    reading = Reading(0)
    ctl = ThreadController(start=2, lo=1, hi=2, free_cores=reading)
    assert ctl.begin() == 1 and ctl.in_effect == 1
    trace = drive(ctl, BUSY, 4000)
    assert set(trace) == {1}, "no token at 2 threads while no core is free"
    assert ctl.settled and ctl.first_settled_at is not None and ctl.first_settled_at + 1 <= 32
    # Rechecks still ask, less and less often (each unanswered one doubles the interval).
    assert 2 <= reading.reads <= 2 + 8


def test_one_core_free_of_two_starts_at_one() -> None:
    ctl = ThreadController(start=2, lo=1, hi=2, free_cores=Reading(1))
    assert ctl.begin() == 1
    assert set(drive(ctl, table({1: 0.045, 2: 0.10}), 500)) == {1}


def test_idle_keeps_the_count_and_still_checks_fewer_once() -> None:
    ctl = ThreadController(start=2, lo=1, hi=2, free_cores=Reading(2))
    assert ctl.begin() == 0
    trace = drive(ctl, IDLE, 1000)
    assert ctl.threads == 2 and trace.count(1) == DECODE_TUNING.skip + DECODE_TUNING.window
    # The next reply under the same load changes nothing and probes nothing.
    assert ctl.begin() == 0
    assert set(drive(ctl, IDLE, 1000)) == {2}


def test_a_core_freed_between_replies_is_used_at_the_next_reply() -> None:
    reading = Reading(0)
    ctl = ThreadController(start=2, lo=1, hi=2, free_cores=reading)
    ctl.begin()
    drive(ctl, BUSY, 200)
    assert ctl.threads == 1
    reading.free = 2  # the competitors finished while the user read the reply
    assert ctl.begin() == 2
    drive(ctl, IDLE, 200)
    assert ctl.threads == 2 and ctl.settled


def test_a_core_freed_mid_reply_is_found_by_a_recheck() -> None:
    reading = Reading(1)
    ctl = ThreadController(start=2, lo=1, hi=2, free_cores=reading)
    ctl.begin()
    drive(ctl, table({1: 0.045, 2: 0.10}), 300)
    reading.free = 2
    trace = drive(ctl, table({1: 0.045, 2: 0.03}), 2 * DECODE_TUNING.recheck_max)
    assert ctl.threads == 2 and trace[-1] == 2


def test_timing_still_decides_when_the_reading_is_wrong() -> None:
    # The reading says a core is free, but two threads are slow anyway (a competitor the kernel
    # does not show, e.g. another VM on the host): the timing probe finds 1 thread.
    ctl = ThreadController(start=2, lo=1, hi=2, free_cores=Reading(2))
    ctl.begin()
    drive(ctl, BUSY, 64)
    assert ctl.threads == 1


def test_no_reading_changes_nothing() -> None:
    with_none = ThreadController(start=2, lo=1, hi=2, free_cores=Reading(None))
    without = ThreadController(start=2, lo=1, hi=2)
    assert with_none.begin() == without.begin() == 0
    assert drive(with_none, BUSY, 500) == drive(without, BUSY, 500)


def test_session_under_full_load_never_decodes_at_two_threads(scripted_model_path: Path) -> None:
    seen: list[int] = []

    def cost(n: int, nb: int) -> float:
        seen.append(n)
        return 0.06 if n == 1 else 0.40

    clock = ThreadClock(cost)
    s = open_session(scripted_model_path, adaptive=True, clock=clock, free_cores=Reading(0))
    try:
        assert llama_cpp.llama_n_threads(s.raw_context) == 2  # as configured, until a turn starts
        first = answer(s)
        controllers = s.thread_controllers
        assert controllers is not None
        assert controllers[0].changes == 1, "moved to 1 thread at the start, then no probe"
        assert llama_cpp.llama_n_threads(s.raw_context) == 1 == s.threads[0]
        assert llama_cpp.llama_n_threads_batch(s.raw_context) == 1 == s.threads[1]
        seen.clear()
        second = answer(s)
        assert second.content == first.content
        assert set(seen) == {1}
    finally:
        s.close()


def test_a_session_takes_a_new_reading_with_fresh_controllers(scripted_model_path: Path) -> None:
    s = open_session(scripted_model_path, adaptive=True)  # timing alone, real clock
    try:
        reading = Reading(0)
        s.set_load_reading(reading)
        answer(s)
        assert reading.reads >= 2, "read when the prompt and the reply started"
        assert llama_cpp.llama_n_threads(s.raw_context) == 1 == s.threads[0]
    finally:
        s.close()
