"""Prompt-lookup drafting (issue 16 part 2) against real llama.cpp on generated models.

Prompts that hold spans of a scripted model's own reply use ``token_markers.with_markers`` (a
marker in the prompt text becomes given token ids; everything else is the real thing).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fixtures_models import Script
from token_markers import reply_ids, with_markers

from app.chat.request import TurnRequest
from app.chat.turn import ChatTurn
from app.cli.main import main
from app.paths import user_paths
from engine.events import ContentDelta, Finished, ReasoningDelta, Usage
from engine.loader import LoadOptions, load_session
from engine.prompt_lookup import LookupTuning, PromptLookup
from engine.session import ChatSession
from engine.types import CancelToken, ChatMessage, SamplingParams

GREEDY = SamplingParams(temperature=0.0, max_tokens=256)


@pytest.fixture(scope="module")
def session(scripted_model_path: Path) -> Iterator[ChatSession]:
    s, _ = load_session(scripted_model_path, LoadOptions(n_ctx=2048, backend="cpu"))
    yield s
    s.close()


@pytest.fixture(scope="module")
def random_session(random_model_path: Path) -> Iterator[ChatSession]:
    s, _ = load_session(random_model_path, LoadOptions(n_ctx=2048, backend="cpu"))
    yield s
    s.close()


def run(session: ChatSession, messages: list[ChatMessage], params: SamplingParams = GREEDY, *,
        drafting: bool, cancel: CancelToken | None = None, conversation_id: str | None = None,
        fresh: bool = True) -> tuple[list[int], Usage, Finished]:
    """One turn; returns the reply's token ids as the KV cache holds them, Usage and Finished."""
    session.prompt_lookup = drafting
    if fresh:
        session.reset_context()
    events = list(session.stream(messages, params, cancel, conversation_id))
    usage = next(e for e in events if isinstance(e, Usage))
    fin = events[-1]
    assert isinstance(fin, Finished)
    n = session.n_tokens
    reply = reply_ids(session, usage.prompt_tokens)
    assert n == usage.prompt_tokens + len(reply)
    return reply, usage, fin


@pytest.fixture(scope="module")
def chain(session: ChatSession) -> list[int]:
    """The scripted reply's token ids (everything the model says before EOS)."""
    reply, usage, fin = run(session, [ChatMessage("user", "hello")], drafting=False)
    assert fin.reason == "stop" and len(reply) == usage.completion_tokens > 20
    return reply


def prompts(chain: list[int], session: ChatSession) -> dict[str, list[ChatMessage]]:
    noise = ChatSession.tokenize(session, "zq")
    with_markers(session, {
        "§COPY§": chain,
        # The reply's first tokens followed by something else: its latest occurrence drafts wrong.
        "§DECOY§": chain[:6] + noise + chain[10:12] + noise,
        "§HALF§": chain[: len(chain) // 2],
    })
    return {
        "copy": [ChatMessage("user", "Rewrite this memo: §COPY§ Thanks.")],
        "copy-with-decoys": [ChatMessage("user", "Memo: §COPY§ and an older draft: §DECOY§ end.")],
        "half-copy": [ChatMessage("user", "Finish this: §HALF§")],
        "no-copy": [ChatMessage("user", "政策是甚麼？")],
    }


@pytest.mark.parametrize("case", ["copy", "copy-with-decoys", "half-copy", "no-copy"])
def test_greedy_tokens_identical_with_and_without_drafting(session: ChatSession, chain: list[int], case: str) -> None:
    messages = prompts(chain, session)[case]
    plain, plain_usage, plain_fin = run(session, messages, drafting=False)
    drafted, usage, fin = run(session, messages, drafting=True)
    assert drafted == plain == chain
    assert (fin.content, fin.reasoning, fin.reason) == (plain_fin.content, plain_fin.reasoning, plain_fin.reason)
    assert usage.completion_tokens == plain_usage.completion_tokens
    assert plain_usage.draft_proposed == 0
    if case == "no-copy":
        assert usage.draft_proposed == 0, "no earlier occurrence, no draft"
    else:
        assert usage.draft_accepted > 0
        assert usage.draft_proposed >= usage.draft_accepted
    if case == "copy-with-decoys":
        assert usage.draft_proposed > usage.draft_accepted, "the decoy must cause a rejection"


def test_copy_task_counts_reach_usage_and_last_turn(session: ChatSession, chain: list[int]) -> None:
    messages = prompts(chain, session)["copy"]
    _, usage, _ = run(session, messages, drafting=True)
    # All but the first couple of tokens can come from drafts (the first n-gram needs 2 tokens).
    assert usage.draft_accepted >= len(chain) // 2
    assert (session.last_turn.draft_proposed, session.last_turn.draft_accepted) == (
        usage.draft_proposed, usage.draft_accepted)


def test_max_tokens_inside_a_draft_keeps_bookkeeping(session: ChatSession, chain: list[int]) -> None:
    messages = prompts(chain, session)["copy"]
    for cap in (7, 8, 13):
        params = SamplingParams(temperature=0.0, max_tokens=cap)
        plain, _, pf = run(session, messages, params, drafting=False)
        drafted, _, df = run(session, messages, params, drafting=True)
        assert drafted == plain == chain[:cap]
        assert df.reason == pf.reason == "length"


def test_followup_after_rejections_matches_plain(session: ChatSession, chain: list[int]) -> None:
    """The KV cache after a turn with rejected drafts serves the next turn exactly as without
    drafting: same reused prefix, same evaluated-token count, same reply."""
    first = prompts(chain, session)["copy-with-decoys"]
    results = []
    for drafting in (False, True):
        reply, usage, fin = run(session, first, drafting=drafting, conversation_id=f"c-{drafting}")
        history = [*first, ChatMessage("assistant", fin.content, fin.reasoning), ChatMessage("user", "§HALF§ again")]
        reply2, usage2, _ = run(session, history, drafting=drafting, fresh=False, conversation_id=f"c-{drafting}")
        results.append((reply, reply2, usage2.evaluated_prompt_tokens, session.last_turn.evaluated_prompt_tokens))
        if drafting:
            assert usage.draft_proposed > usage.draft_accepted > 0
    assert results[0] == results[1]
    assert 0 < results[1][2] < len(chain) + 50, "the follow-up reuses the first turn's KV cache"


def test_random_model_greedy_and_seeded_sampling_identical(random_session: ChatSession) -> None:
    """Random weights: every logit depends on the whole context, so a KV cache left wrong by a
    rollback would change the text. Repetitive prompts make the model loop, which drafts hit."""
    messages = [ChatMessage("user", "the the the in on the re an er the the in " * 6)]
    seen_drafts = 0
    for params in (SamplingParams(temperature=0.0, max_tokens=96),
                   SamplingParams(temperature=0.8, top_k=5, seed=7, max_tokens=96)):
        plain, _, _ = run(random_session, messages, params, drafting=False)
        drafted, usage, _ = run(random_session, messages, params, drafting=True)
        assert drafted == plain
        seen_drafts += usage.draft_proposed
        # and a follow-up turn on the drafted KV cache still matches
        follow = [*messages, ChatMessage("assistant", "ok"), ChatMessage("user", "the in the")]
        a, _, _ = run(random_session, follow, params, drafting=False)
        b, _, _ = run(random_session, follow, params, drafting=True, fresh=False)
        assert a == b
    assert seen_drafts > 0, "the looping random model must have drafted something"


def test_cancel_mid_draft_stops_at_once_and_keeps_kv_consistent(session: ChatSession, chain: list[int]) -> None:
    messages = prompts(chain, session)["copy"]
    session.prompt_lookup = True
    session.reset_context()
    cancel = CancelToken()
    shown = 0
    after_cancel = 0
    events = []
    for ev in session.stream(messages, GREEDY, cancel):
        events.append(ev)
        if isinstance(ev, ContentDelta | ReasoningDelta):
            if cancel.cancelled:
                after_cancel += 1
            shown += 1
            if shown == 8:  # well inside the copy, where drafts are being accepted
                cancel.cancel()
    usage = next(e for e in events if isinstance(e, Usage))
    fin = events[-1]
    assert isinstance(fin, Finished) and fin.reason == "cancelled"
    assert after_cancel == 0
    assert usage.draft_accepted > 0
    # Held tokens: the prompt and exactly the shown tokens (rejected/unused draft rows removed).
    assert session.n_tokens == usage.prompt_tokens + usage.completion_tokens
    held = reply_ids(session, usage.prompt_tokens)
    assert held == chain[: usage.completion_tokens]
    # The next turn on this state still gives the scripted reply.
    reply, _, _ = run(session, prompts(chain, session)["half-copy"], drafting=True, fresh=False)
    assert reply == chain


def test_switched_off_drafts_nothing(session: ChatSession, chain: list[int]) -> None:
    _, usage, _ = run(session, prompts(chain, session)["copy"], drafting=False)
    assert (usage.draft_proposed, usage.draft_accepted) == (0, 0)


def test_chat_turn_carries_the_counters(session: ChatSession, chain: list[int]) -> None:
    prompts(chain, session)  # installs the markers
    session.prompt_lookup = True
    session.reset_context()
    result = ChatTurn(session, None).run(TurnRequest(None, "Rewrite this memo: §COPY§ Thanks.", params=GREEDY))
    assert result.finish_reason == "stop"
    assert session.last_turn.draft_accepted > 0
    assert (result.draft_proposed, result.draft_accepted) == (
        session.last_turn.draft_proposed, session.last_turn.draft_accepted)


def ask_timings(capsys: pytest.CaptureFixture[str], model: Path) -> dict[str, object]:
    # Seed 1 makes the random model repeat itself within 96 tokens (drafts are proposed).
    code = main(["ask", "-m", str(model), "--no-history", "--json", "--seed", "1",
                 "--max-tokens", "96", "the the the in on the re an er the the in " * 6])
    out, _ = capsys.readouterr()
    assert code == 0
    timings = json.loads(out)["timings"]
    assert isinstance(timings, dict)
    return timings


def test_ask_json_reports_draft_counts_and_the_setting_turns_drafting_off(
        capsys: pytest.CaptureFixture[str], random_model_path: Path) -> None:
    on = ask_timings(capsys, random_model_path)
    assert isinstance(on["draft_proposed"], int) and isinstance(on["draft_accepted"], int)
    assert on["draft_proposed"] > 0 and on["draft_proposed"] >= on["draft_accepted"]
    config = user_paths().config
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.json").write_text(json.dumps({"engine.prompt_lookup": False}), encoding="utf-8")
    off = ask_timings(capsys, random_model_path)
    assert (off["draft_proposed"], off["draft_accepted"]) == (0, 0)


# -- the pure lookup ------------------------------------------------------------------------------
def test_lookup_prefers_longest_and_most_recent_ngram() -> None:
    lk = PromptLookup([1, 2, 3, 4, 5, 9, 2, 3, 7, 8, 6, 3, 0])
    lk.push(2)
    lk.push(3)
    # (2, 3) occurs twice: the most recent is followed by 7, 8, …
    assert lk.propose(3) == [7, 8, 6]
    lk2 = PromptLookup([1, 2, 3, 4, 5, 9, 2, 3, 7, 8])
    for t in (1, 2, 3):
        lk2.push(t)
    # the trigram (1, 2, 3) beats the more recent bigram (2, 3)
    assert lk2.propose(2) == [4, 5]
    assert PromptLookup([1, 2, 3]).propose(0) == []
    assert PromptLookup([5, 6]).propose(4) == []


def test_lookup_grows_shrinks_and_backs_off() -> None:
    tuning = LookupTuning(k_start=4, k_max=8, max_cooldown=8)
    lk = PromptLookup([1, 2] * 20, tuning)
    lk.feedback(4, 4)
    assert lk.k == 6
    lk.feedback(6, 2)
    assert lk.k == 3
    lk.feedback(3, 0)
    assert lk.k == 1
    # failures back off 1, 2, 4, 8, 8 tokens; an accepted token resets it
    waits = []
    for _ in range(5):
        skipped = 0
        while not lk.propose(4):
            skipped += 1
        waits.append(skipped)
        lk.feedback(1, 0)
    assert waits == [1, 2, 4, 8, 8]
    assert [lk.propose(4) for _ in range(8)] == [[]] * 8
    assert lk.propose(4)
    lk.feedback(1, 1)
    assert lk.propose(4) and lk.propose(4)
    assert (lk.proposed, lk.accepted) == (4 + 6 + 3 + 5 + 1, 4 + 2 + 1)


def test_thread_adaptation_sees_single_token_decodes_only(session: ChatSession, chain: list[int]) -> None:
    """Draft batches are not per-token times and accepted tokens cost no decode: neither is
    observed, so the controller still gets (only) comparable samples."""
    controllers = session.thread_controllers
    assert controllers is not None
    decode = controllers[0]
    messages = prompts(chain, session)["copy"]
    before = decode.observed
    _, plain, _ = run(session, messages, drafting=False)
    plain_samples = decode.observed - before
    before = decode.observed
    _, drafted, _ = run(session, messages, drafting=True)
    drafted_samples = decode.observed - before
    # Plain: every sample after the first follows a one-token decode (the EOS sample included).
    assert plain_samples == plain.completion_tokens
    assert 0 < drafted_samples <= plain.completion_tokens - drafted.draft_accepted


def test_reply_reaching_the_context_end_inside_drafts(scripted_model_factory: Callable[..., Path]) -> None:
    long_answer = "".join(f"第{i}條：資料須保密。Item {i} stays. " for i in range(30))
    path = scripted_model_factory(script=Script(reasoning="Copy it.", answer=long_answer))
    s, _ = load_session(path, LoadOptions(n_ctx=256, backend="cpu"))
    try:
        reply, _, _ = run(s, [ChatMessage("user", "hi")], drafting=False)
        assert len(reply) > 200, "the reply must be long enough to reach the context end"
        # The copied span covers where the copying reply meets the context end (~255 - 62 tokens).
        with_markers(s, {"§SPAN§": reply[150:200]})
        messages = [ChatMessage("user", "Copy: §SPAN§")]
        params = SamplingParams(temperature=0.0, max_tokens=4096)
        plain, pu, pf = run(s, messages, params, drafting=False)
        drafted, du, df = run(s, messages, params, drafting=True)
        assert pf.reason == df.reason == "length"
        assert drafted == plain and du.completion_tokens == pu.completion_tokens
        assert du.draft_accepted > 0
        assert s.n_tokens <= s.n_ctx - 1
        assert 150 < du.completion_tokens < 200, "the reply ended inside the copied span"
    finally:
        s.close()
