"""Measure the engine against a bare llama.cpp decode loop on the same model, same process.

Figures: prefill and decode tokens/s, time to first token (one-message chat), follow-up-turn
TTFT, conversation-switch TTFT after a long history, and engine/bare decode ratio.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from statistics import median

import llama_cpp

from engine.events import ContentDelta, ContextTrimmed, Finished, PrefillProgress, ReasoningDelta, Usage
from engine.session import ChatSession
from engine.types import ChatMessage, SamplingParams

Clock = Callable[[], float]

SYSTEM_PROMPT = (
    "You are Bauhinia, an offline assistant for Hong Kong government staff. Answer accurately and "
    "concisely in the language of the question. Use Traditional Chinese with Hong Kong vocabulary "
    "when the user writes in Cantonese or Traditional Chinese, and Simplified Chinese for Mandarin. "
    "Say so when you are unsure, never invent facts, figures or references, and keep personal data "
    "out of your answers unless the user supplied it in this conversation."
)

_FILLER = (
    "The Policy Address sets out the government's priorities for housing, land supply, innovation "
    "and technology, and the civil service. 施政報告提出房屋、土地供應、創新科技及公務員隊伍的工作重點。"
)


@dataclass(frozen=True)
class BenchResult:
    prefill_tokens: int
    prefill_tokens_per_s: float
    decode_tokens: int
    decode_tokens_per_s: float
    bare_decode_tokens_per_s: float
    decode_ratio: float
    ttft_s: float
    followup_ttft_s: float
    followup_ratio: float
    switch_history_tokens: int
    switch_ttft_s: float
    switch_cold_ttft_s: float
    # Prompt-lookup drafting during the engine's decode runs (0/0 when it never found a draft).
    draft_proposed: int = 0
    draft_accepted: int = 0
    # Where the switch-back TTFT goes: park + restore, render + tokenize the conversation,
    # evaluating the tokens the snapshot did not hold (how many), the rest is the first decode.
    switch_restore_s: float = 0.0
    switch_fit_s: float = 0.0
    switch_prefill_s: float = 0.0
    switch_new_tokens: int = 0
    # The conversation's KV state kept in an encrypted file (engine.kv_file) and restored as after
    # a restart: file size, write (encrypt + fsync) and read (read + authenticate + decrypt) times,
    # and the first reply's TTFT including the read; compare with switch_cold_ttft_s (re-reading).
    # The spread of the engine/bare pairs whose median is decode_ratio.
    decode_ratio_min: float = 0.0
    decode_ratio_max: float = 0.0
    kv_file_bytes: int = 0
    kv_save_s: float = 0.0
    kv_load_s: float = 0.0
    restart_kept_ttft_s: float = 0.0

    def to_json(self) -> dict[str, float | int]:
        return asdict(self)


def run_turn(session: ChatSession, messages: Sequence[ChatMessage], params: SamplingParams, conv: str) -> Finished:
    """One turn through the engine; the benchmark's unit of work."""
    fin: Finished | None = None
    for ev in session.stream(messages, params, conversation_id=conv):
        if isinstance(ev, Finished):
            fin = ev
        elif not isinstance(ev, ContentDelta | ReasoningDelta | Usage | PrefillProgress | ContextTrimmed):
            raise RuntimeError(f"unexpected event during benchmark: {ev}")
    assert fin is not None
    if fin.reason == "error":
        raise RuntimeError("the engine reported an error during the benchmark")
    return fin


def bare_decode_rate(session: ChatSession, prompt: Sequence[int], n_tokens: int, params: SamplingParams,
                     clock: Clock = time.perf_counter) -> float:
    """Decode with raw ``llama_decode`` + sampler calls: the floor the engine is compared with. It
    runs at the configured thread counts, whatever the engine's adaptation has chosen."""
    ctx = session.raw_context
    session.reset_context()
    sampler = session.make_sampler(params)
    cfg = session.config
    llama_cpp.llama_set_n_threads(ctx, cfg.n_threads, cfg.n_threads_batch or cfg.n_threads)
    try:
        arr = (llama_cpp.llama_token * len(prompt))(*prompt)
        if llama_cpp.llama_decode(ctx, llama_cpp.llama_batch_get_one(arr, len(prompt))) != 0:
            raise RuntimeError("llama_decode failed on the prompt")
        one = (llama_cpp.llama_token * 1)()
        tok = llama_cpp.llama_sampler_sample(sampler.sampler, ctx, -1)
        start = clock()
        for _ in range(n_tokens - 1):
            one[0] = tok
            if llama_cpp.llama_decode(ctx, llama_cpp.llama_batch_get_one(one, 1)) != 0:
                raise RuntimeError("llama_decode failed while decoding")
            tok = llama_cpp.llama_sampler_sample(sampler.sampler, ctx, -1)
        elapsed = clock() - start
    finally:
        sampler.close()
        llama_cpp.llama_set_n_threads(ctx, *session.threads)
        session.reset_context()
    return (n_tokens - 1) / elapsed


def one_message_chat() -> list[ChatMessage]:
    """The benchmark's short chat: the system prompt and one question."""
    return [ChatMessage("system", SYSTEM_PROMPT), ChatMessage("user", "請用三句話介紹香港的公務員制度。")]



def _history(session: ChatSession, min_tokens: int) -> list[ChatMessage]:
    msgs = [ChatMessage("system", SYSTEM_PROMPT)]
    i = 0
    while len(session.tokenize(session.template.render(msgs).text)) < min_tokens:
        i += 1
        msgs.append(ChatMessage("user", f"Question {i}: {_FILLER * 3}"))
        msgs.append(ChatMessage("assistant", f"Answer {i}: {_FILLER * 4}"))
    return msgs


def run_bench(session: ChatSession, *, decode_tokens: int = 128, history_tokens: int = 2000,
              repeats: int = 3, clock: Clock = time.perf_counter,
              on_stage: Callable[[str], None] | None = None) -> BenchResult:
    """All figures are medians (or best for throughput) of ``repeats`` runs."""
    stage = on_stage or (lambda _name: None)
    params = SamplingParams(temperature=0.6, seed=7, max_tokens=decode_tokens)
    one = one_message_chat()

    stage("prefill")
    # Prefill: a long prompt evaluated from an empty cache.
    long_msgs = [*_history(session, 512)[:-1], ChatMessage("user", "Summarise.")]
    prefill = []
    for r in range(repeats):
        session.reset_context()
        fin = run_turn(session, long_msgs, SamplingParams(max_tokens=1, seed=r), f"prefill-{r}")
        prefill.append((session.last_turn.evaluated_prompt_tokens, fin.ttft_s or 1e9))
    n_prefill, t_prefill = min(prefill, key=lambda x: x[1])

    stage("chat and follow-up turns")
    # One-message chat from a cold cache, then a follow-up turn in the same conversation.
    ttfts, follow, decode = [], [], []
    for r in range(repeats):
        session.reset_context()
        conv = f"chat-{r}"
        first = run_turn(session, one, params, conv)
        ttfts.append(first.ttft_s or 0.0)
        if first.tokens_per_s:
            decode.append(first.tokens_per_s)
        reply = ChatMessage("assistant", first.content, reasoning=first.reasoning)
        second = run_turn(session, [*one, reply, ChatMessage("user", "再詳細一點。")], params, conv)
        follow.append(second.ttft_s or 0.0)
        if second.tokens_per_s:
            decode.append(second.tokens_per_s)
    ttft = median(ttfts)
    followup = median(follow)

    stage("conversation switch")
    # Conversation switch: A has a long history, B is another chat; come back to A.
    hist = _history(session, history_tokens)
    a_msgs = [*hist, ChatMessage("user", "Next question?")]
    t0 = clock()
    cold = run_turn(session, a_msgs, SamplingParams(max_tokens=8, seed=1), "conv-A")
    cold_ttft = cold.ttft_s or (clock() - t0)
    hist_tokens = session.last_turn.prompt_tokens
    a_msgs = [*a_msgs, ChatMessage("assistant", cold.content), ChatMessage("user", "And then?")]
    run_turn(session, one, SamplingParams(max_tokens=8, seed=2), "conv-B")
    back = run_turn(session, a_msgs, SamplingParams(max_tokens=8, seed=3), "conv-A")
    back_stats = session.last_turn

    stage("restart with the kept KV state")
    kept = measure_kept_restart(session, "conv-A", [*a_msgs, ChatMessage("assistant", back.content),
                                                    ChatMessage("user", "And after that?")], clock)

    # Decode: the engine and the bare loop on the same prompt, in pairs whose order alternates,
    # so that drifts in the machine's speed hit both alike. A single 128-token run varies by
    # several per cent here, so the ratio is the median of the pairs' ratios (spread reported).
    stage("decode: engine vs bare llama.cpp loop")
    prompt = session.tokenize(session.template.render(one).text)
    engine_rates: list[float] = []
    bare_rates: list[float] = []
    pair_ratios: list[float] = []
    proposed = accepted = 0
    for r in range(max(repeats, 5)):
        session.reset_context()
        dec_params = SamplingParams(temperature=0.6, seed=100 + r, max_tokens=decode_tokens)
        bare_first = r % 2 == 1
        if bare_first:
            bare_rates.append(bare_decode_rate(session, prompt, decode_tokens, params, clock))
        fin = run_turn(session, one, dec_params, f"dec-{r}")
        proposed += session.last_turn.draft_proposed
        accepted += session.last_turn.draft_accepted
        if not bare_first:
            bare_rates.append(bare_decode_rate(session, prompt, decode_tokens, params, clock))
        if fin.tokens_per_s:
            engine_rates.append(fin.tokens_per_s)
            pair_ratios.append(fin.tokens_per_s / bare_rates[-1])
    bare = median(bare_rates)
    engine_decode = median(engine_rates) if engine_rates else (median(decode) if decode else 0.0)
    return BenchResult(
        prefill_tokens=n_prefill,
        prefill_tokens_per_s=n_prefill / t_prefill,
        decode_tokens=decode_tokens,
        decode_tokens_per_s=engine_decode,
        bare_decode_tokens_per_s=bare,
        decode_ratio=median(pair_ratios) if pair_ratios else 0.0,
        decode_ratio_min=min(pair_ratios, default=0.0),
        decode_ratio_max=max(pair_ratios, default=0.0),
        ttft_s=ttft,
        followup_ttft_s=followup,
        followup_ratio=followup / ttft if ttft else 0.0,
        switch_history_tokens=hist_tokens,
        switch_ttft_s=back.ttft_s or 0.0,
        switch_cold_ttft_s=cold_ttft,
        draft_proposed=proposed,
        draft_accepted=accepted,
        switch_restore_s=back_stats.switch_s,
        switch_fit_s=back_stats.fit_s,
        switch_prefill_s=back_stats.prefill_s,
        switch_new_tokens=back_stats.evaluated_prompt_tokens,
        kv_file_bytes=kept.file_bytes if kept else 0,
        kv_save_s=kept.save_s if kept else 0.0,
        kv_load_s=kept.load_s if kept else 0.0,
        restart_kept_ttft_s=kept.ttft_s if kept else 0.0,
    )


@dataclass(frozen=True)
class KeptRestart:
    file_bytes: int
    save_s: float
    load_s: float
    ttft_s: float


def measure_kept_restart(session: ChatSession, conv: str, messages: Sequence[ChatMessage],
                         clock: Clock) -> KeptRestart | None:
    """Keep ``conv``'s state in an encrypted file, drop it from memory as a restart would (the
    model itself stays loaded: its load time is the same either way), read it back and answer."""
    import os
    import tempfile
    from pathlib import Path

    from engine.kv_file import KVFileHeader, build_id, decode, derive_key, encode, read_bounded

    snap = session.export_snapshot(conv)
    if snap is None:
        return None
    key = derive_key(os.urandom(32))
    build = build_id()
    header = KVFileHeader(conversation_id=conv, model_sha256="bench", n_ctx=session.n_ctx, build=build,
                          n_tokens=len(snap.tokens), state_bytes=len(snap.state))
    with tempfile.TemporaryDirectory(prefix="bauhinia-bench-") as tmp:
        path = os.path.join(tmp, "kv.bin")
        t0 = clock()
        data = encode(snap, header, key)
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        save_s = clock() - t0
        del data, snap
        session.forget(conv)
        session.reset_context()
        t0 = clock()
        raw = read_bounded(Path(path), 1 << 34)
        _, restored = decode(raw, key, model_sha256="bench", n_ctx=session.n_ctx, build=build,
                             max_state_bytes=1 << 34)
        session.adopt_snapshot(conv, restored)
        load_s = clock() - t0
        size = len(raw)
    fin = run_turn(session, messages, SamplingParams(max_tokens=8, seed=4), conv)
    if not session.last_turn.restored_snapshot:
        raise RuntimeError("the kept state was not restored")
    return KeptRestart(file_bytes=size, save_s=save_s, load_s=load_s, ttft_s=load_s + (fin.ttft_s or 0.0))


