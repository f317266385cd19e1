"""The adaptive thread controller with scripted per-token times, and the session driving a real
llama.cpp context with it (issue 16 part 1). No wall-clock thresholds: time is scripted."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import llama_cpp
import pytest
from fixtures_models import DEFAULT_SCRIPT
from thread_timing import Cost, ThreadClock, answer, drive, open_session, table

from engine.threads_adaptive import BATCH_TUNING, DECODE_TUNING, ThreadController


def unimodal(best: int) -> Cost:
    """Fastest at ``best``, slower by 20% per thread away from it."""
    return lambda n, _i: 0.05 * (1 + 0.2 * abs(n - best))


def test_contended_two_cores_moves_to_one_thread_and_settles() -> None:
    # DESIGN §5: one busy competitor, 2 threads 1-4 tok/s, 1 thread ~10 tok/s.
    ctl = ThreadController(start=2, lo=1, hi=2)
    trace = drive(ctl, table({1: 0.10, 2: 0.40}), 64)
    assert ctl.threads == 1 and ctl.settled
    assert ctl.first_settled_at is not None and ctl.first_settled_at + 1 <= 32
    assert trace[ctl.first_settled_at:] == [1] * (64 - ctl.first_settled_at)


def test_idle_keeps_all_threads_and_never_probes_again() -> None:
    ctl = ThreadController(start=2, lo=1, hi=2)
    trace = drive(ctl, table({1: 0.071, 2: 0.043}), 2000)
    assert ctl.threads == 2
    assert ctl.first_settled_at is not None
    assert trace[ctl.first_settled_at + 1:] == [2] * (2000 - ctl.first_settled_at - 1)
    assert ctl.changes == 2  # one probe of 1 thread, one revert


@pytest.mark.parametrize("hi", range(1, 9))
def test_settles_on_the_fastest_count_within_32_tokens(hi: int) -> None:
    for best in range(1, hi + 1):
        ctl = ThreadController(start=hi, lo=1, hi=hi)
        trace = drive(ctl, unimodal(best), 200)
        assert ctl.threads == best, (hi, best, trace[:40])
        assert ctl.first_settled_at is not None
        # Sample i is the decode that ends at token i + 2: settled by token 32.
        assert ctl.first_settled_at + 1 <= 32, (hi, best)
        # Settled means settled: never a change after it (the best count is the ceiling or any
        # other count whose up-neighbour is slower, so rechecks fail and back off).
        after = trace[ctl.first_settled_at + DECODE_TUNING.skip:]
        excursions = sum(1 for a, b in itertools.pairwise(after) if a == best and b != best)
        assert excursions <= 1 if best < hi else excursions == 0


def test_no_oscillation_under_noisy_times() -> None:
    rng = random.Random(16)
    times = {1: 0.071, 2: 0.043}
    ctl = ThreadController(start=2, lo=1, hi=2)
    trace = drive(ctl, lambda n, _i: times[n] * rng.uniform(0.85, 1.15), 3000)
    assert ctl.first_settled_at is not None and ctl.first_settled_at + 1 <= 32
    assert set(trace[ctl.first_settled_at + 1:]) == {2}


def test_a_single_slow_token_is_not_a_sustained_change() -> None:
    ctl = ThreadController(start=2, lo=1, hi=2)
    # One 1-second stall (a page fault storm, a GC pause) every 50 tokens.
    trace = drive(ctl, lambda n, i: 1.0 if i % 50 == 49 else {1: 0.071, 2: 0.043}[n], 1000)
    assert set(trace[20:]) == {2}


def test_re_adapts_after_a_sustained_change_both_ways() -> None:
    idle = {1: 0.071, 2: 0.043}
    busy = {1: 0.100, 2: 0.400}

    def cost(n: int, i: int) -> float:
        return (busy if 100 <= i < 200 else idle)[n]

    ctl = ThreadController(start=2, lo=1, hi=2)
    trace = drive(ctl, cost, 400)
    assert set(trace[20:100]) == {2}
    # The competitor starts at sample 100: one watch block to notice, one probe to move.
    moved = trace.index(1, 100)
    assert moved - 100 <= DECODE_TUNING.watch + DECODE_TUNING.skip
    assert set(trace[moved:200]) == {1}
    # It stops at sample 200: 1 thread is no faster for it (the other core was free anyway),
    # so the periodic recheck finds that 2 threads are back.
    back = trace.index(2, 200)
    assert back - moved <= DECODE_TUNING.recheck + 2 * DECODE_TUNING.watch
    assert set(trace[back:]) == {2}
    assert ctl.threads == 2 and ctl.settled


def test_rechecks_below_the_ceiling_back_off() -> None:
    # Busy all along: every recheck of 2 threads fails, and the interval doubles.
    ctl = ThreadController(start=2, lo=1, hi=2)
    trace = drive(ctl, table({1: 0.10, 2: 0.40}), 4000)
    starts = [i for i in range(1, len(trace)) if trace[i] == 2 and trace[i - 1] == 1]
    assert 2 <= len(starts) <= 6
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert all(later > earlier for earlier, later in itertools.pairwise(gaps))
    # Each excursion is one probe: skip + window samples.
    assert trace.count(2) - trace[: starts[0]].count(2) == len(starts) * (DECODE_TUNING.skip + DECODE_TUNING.window)


def test_more_threads_are_probed_from_below() -> None:
    ctl = ThreadController(start=1, lo=1, hi=4)
    drive(ctl, unimodal(3), 100)
    assert ctl.threads == 3


def test_bounds_hold_for_any_times() -> None:
    rng = random.Random(7)
    for _ in range(50):
        lo = rng.randint(1, 3)
        hi = rng.randint(lo, 6)
        ctl = ThreadController(start=rng.randint(1, 8), lo=lo, hi=hi)
        drive(ctl, lambda _n, _i: rng.expovariate(10.0), 600)  # drive() asserts the bounds


def test_single_count_and_bad_bounds() -> None:
    ctl = ThreadController(start=1, lo=1, hi=1)
    assert drive(ctl, table({1: 0.05}), 50) == [1] * 50
    assert ctl.changes == 0 and ctl.settled
    with pytest.raises(ValueError):
        ThreadController(start=2, lo=3, hi=2)
    with pytest.raises(ValueError):
        ThreadController(start=2, lo=0, hi=2)


def test_batch_tuning_decides_per_batch() -> None:
    ctl = ThreadController(start=2, lo=1, hi=2, tuning=BATCH_TUNING)
    trace = drive(ctl, table({1: 0.004, 2: 0.020}), 4)
    assert trace == [2, 1, 1, 1] and ctl.settled and ctl.threads == 1


# -- the session against a real llama.cpp context ------------------------------------------------
def test_session_switches_the_real_context_and_keeps_greedy_tokens(scripted_model_path: Path) -> None:
    fixed = open_session(scripted_model_path, adaptive=False)
    try:
        expected = answer(fixed)
        assert fixed.thread_controllers is None
        assert llama_cpp.llama_n_threads(fixed.raw_context) == 2 and fixed.threads == (2, 2)
    finally:
        fixed.close()
    assert expected.content == DEFAULT_SCRIPT.content

    # Busy machine, scripted: 2 threads cost 4x what 1 thread does.
    clock = ThreadClock(lambda n, _nb: 0.1 if n == 1 else 0.4)
    s = open_session(scripted_model_path, adaptive=True, clock=clock)
    try:
        assert llama_cpp.llama_n_threads(s.raw_context) == 2
        got = answer(s)
        assert (got.content, got.reasoning) == (expected.content, expected.reasoning)
        controllers = s.thread_controllers
        assert controllers is not None
        decode = controllers[0]
        assert decode.settled and decode.threads == 1
        assert decode.first_settled_at is not None and decode.first_settled_at + 1 <= 32
        assert llama_cpp.llama_n_threads(s.raw_context) == 1 == s.threads[0]
        # A second turn starts at the settled count and stays there.
        again = answer(s)
        assert again.content == expected.content
        assert llama_cpp.llama_n_threads(s.raw_context) == 1
        # Off again: the count in force stays, nothing adapts any more.
        s.set_adaptive_threads(False)
        s.set_threads(2)
        answer(s)
        assert llama_cpp.llama_n_threads(s.raw_context) == 2 and s.thread_controllers is None
    finally:
        s.close()


def test_idle_session_keeps_the_configured_threads(scripted_model_path: Path) -> None:
    clock = ThreadClock(lambda n, _nb: 0.07 if n == 1 else 0.04)
    s = open_session(scripted_model_path, adaptive=True, clock=clock)
    try:
        answer(s)
        answer(s)
        assert llama_cpp.llama_n_threads(s.raw_context) == 2
        controllers = s.thread_controllers
        assert controllers is not None and controllers[0].changes == 2  # one probe, one revert
    finally:
        s.close()


def test_prompt_evaluation_adapts_per_batch(scripted_model_path: Path) -> None:
    # Prompt batches of 32 tokens; 2 batch threads cost 5x what 1 does; decode threads untouched
    # (their cost does not depend on the count, so the decode controller stays at 2).
    clock = ThreadClock(lambda _n, nb: 0.01 if nb == 1 else 0.05)
    s = open_session(scripted_model_path, adaptive=True, clock=clock, n_batch=32)
    try:
        fin = answer(s, "Please summarise the housing policy. " * 8)
        assert fin.content == DEFAULT_SCRIPT.content
        assert s.last_turn.evaluated_prompt_tokens >= 3 * 32
        assert llama_cpp.llama_n_threads_batch(s.raw_context) == 1 == s.threads[1]
        assert llama_cpp.llama_n_threads(s.raw_context) == 2 == s.threads[0]
    finally:
        s.close()


def test_slow_first_tokens_after_a_switch_do_not_trigger_a_probe_back() -> None:
    """Measured under two busy cores: after 2 → 1 thread the first 1-thread tokens run slow (the
    parked OpenMP worker still spins) and then settle ~2× faster. That speed-up is not a
    competitor leaving; probing 2 threads again costs ~4 tokens at 6× the time."""
    rng = random.Random(7)
    switched_at: list[int] = []

    def cost(n: int, i: int) -> float:
        if n == 2:
            return 0.30 * rng.uniform(0.8, 1.2)
        if not switched_at:
            switched_at.append(i)
        since = i - switched_at[0]
        warm = max(0.0, 0.06 * (1 - since / 8))  # 110 ms decaying to 50 ms over 8 tokens
        return (0.05 + warm) * rng.uniform(0.85, 1.15)

    ctl = ThreadController(start=2, lo=1, hi=2)
    trace = drive(ctl, cost, DECODE_TUNING.recheck)
    assert ctl.first_settled_at is not None
    assert set(trace[ctl.first_settled_at + 1:]) == {1}, "no probe of 2 threads before the recheck"
