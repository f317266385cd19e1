"""Prompt evaluation reports its progress batch by batch, and Stop cancels within one batch
(real llama.cpp on a generated model; batches are counted by the session, not timed)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.devices import ensure_backends
from engine.events import ContentDelta, Finished, PrefillProgress, ReasoningDelta, Usage
from engine.session import ChatSession, SessionConfig
from engine.types import CancelToken, ChatMessage, SamplingParams

N_BATCH = 64
GREEDY = SamplingParams(temperature=0.0, max_tokens=64)
#: Several batches of prompt: English and Traditional Chinese, as a pasted circular would be.
LONG = "政策通告：各部門須於月底前提交資料。Please review the attached circular carefully. " * 12


class FixedStepClock:
    """Every reading is one second after the last: elapsed/ETA figures become exact."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


class CancelDuringBatch(CancelToken):
    """Stop pressed while batch ``k`` (1-based) runs: the session's k-th look before a batch
    still sees "go on", every later look sees the cancel."""

    def __init__(self, k: int) -> None:
        super().__init__()
        self.k = k
        self.looks = 0

    @property
    def cancelled(self) -> bool:
        self.looks += 1
        if self.looks > self.k:
            self.cancel()
        return super().cancelled


@pytest.fixture(scope="module")
def session(scripted_model_path: Path) -> Iterator[ChatSession]:
    ensure_backends()
    config = SessionConfig(n_ctx=2048, n_batch=N_BATCH, n_threads=1, adaptive_threads=False, prompt_lookup=False)
    s = ChatSession(scripted_model_path, config, clock=FixedStepClock())
    yield s
    s.close()


def _stream(session: ChatSession, text: str, cancel: CancelToken | None = None) -> list[object]:
    session.reset_context()  # every test evaluates its whole prompt
    return list(session.stream([ChatMessage("user", text)], GREEDY, cancel))


def test_long_prompt_reports_each_batch_then_streams(session: ChatSession) -> None:
    events = _stream(session, LONG)
    progress = [e for e in events if isinstance(e, PrefillProgress)]
    usage = next(e for e in events if isinstance(e, Usage))
    total = usage.evaluated_prompt_tokens
    batches = -(-total // N_BATCH)
    assert total > 4 * N_BATCH, "the prompt spans several batches"
    assert session.last_turn.prefill_batches == batches
    assert len(progress) == batches + 1, "one before the first batch, one after each"
    assert [p.done_tokens for p in progress] == [0, *(min(total, N_BATCH * i) for i in range(1, batches + 1))]
    assert all(p.total_tokens == total for p in progress)
    assert progress[0].eta_s is None and progress[0].elapsed_s == 0.0
    elapsed = [p.elapsed_s for p in progress]
    assert elapsed == sorted(elapsed) and elapsed[-1] > 0
    # After the first full batch: tokens left at the last full batch's per-token time (the fixed
    # clock makes every batch take exactly one second).
    assert progress[1].eta_s == pytest.approx((total - N_BATCH) / N_BATCH)
    assert progress[-1].eta_s == 0.0
    first_text = next(i for i, e in enumerate(events) if isinstance(e, ContentDelta | ReasoningDelta))
    assert events.index(progress[-1]) < first_text, "progress comes before the reply"
    fin = events[-1]
    assert isinstance(fin, Finished) and fin.reason == "stop"


def test_prompt_of_one_batch_reports_nothing(session: ChatSession) -> None:
    events = _stream(session, "短問題")
    assert not [e for e in events if isinstance(e, PrefillProgress)]
    assert session.last_turn.prefill_batches == 1
    assert isinstance(events[-1], Finished) and events[-1].reason == "stop"


def test_cancel_after_first_progress_event_stops_before_the_next_batch(session: ChatSession) -> None:
    session.reset_context()
    cancel = CancelToken()
    events: list[object] = []
    for ev in session.stream([ChatMessage("user", LONG)], GREEDY, cancel):
        events.append(ev)
        if isinstance(ev, PrefillProgress) and not cancel.cancelled:
            cancel.cancel()
    fin = events[-1]
    assert isinstance(fin, Finished) and fin.reason == "cancelled"
    assert [e for e in events if isinstance(e, PrefillProgress)] == [events[0]], "no progress after Stop"
    assert session.last_turn.prefill_batches <= 1
    assert session.n_tokens <= N_BATCH, "no more than one batch reached the KV cache"
    assert not any(isinstance(e, ContentDelta | ReasoningDelta) for e in events)
    assert fin.content == "" and fin.ttft_s is None


@pytest.mark.parametrize("k", [1, 3])
def test_stop_during_a_batch_lets_only_that_batch_finish(session: ChatSession, k: int) -> None:
    cancel = CancelDuringBatch(k)
    events = _stream(session, LONG, cancel)
    fin = events[-1]
    assert isinstance(fin, Finished) and fin.reason == "cancelled"
    assert session.last_turn.prefill_batches == k
    assert session.n_tokens == k * N_BATCH
    done = [e.done_tokens for e in events if isinstance(e, PrefillProgress)]
    assert done[-1] == k * N_BATCH
    assert not any(isinstance(e, ContentDelta | ReasoningDelta) for e in events)


def test_asking_again_after_stop_resumes_from_the_evaluated_batches(session: ChatSession) -> None:
    _stream(session, LONG, CancelDuringBatch(2))
    assert session.n_tokens == 2 * N_BATCH
    events = list(session.stream([ChatMessage("user", LONG)], GREEDY))
    usage = next(e for e in events if isinstance(e, Usage))
    assert usage.evaluated_prompt_tokens == usage.prompt_tokens - 2 * N_BATCH
    progress = [e for e in events if isinstance(e, PrefillProgress)]
    assert progress[0].total_tokens == usage.evaluated_prompt_tokens
    assert isinstance(events[-1], Finished) and events[-1].reason == "stop"
