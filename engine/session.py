"""A chat session: one object owns a loaded model and its context, and streams typed events.

One thread owns a session. It keeps the KV cache of the conversation it last served and, when the
caller switches conversation, parks that state in an in-memory LRU so switching back costs a
restore instead of a re-prefill.
"""

from __future__ import annotations

import codecs
import contextlib
import ctypes
import os
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import llama_cpp
import llama_cpp.llama as llama_module
import numpy as np
from llama_cpp._internals import LlamaSampler

from engine import cpu_load
from engine.cpu_load import FreeCores
from engine.errors import ContextOverflowError, EngineError, ModelLoadError, TemplateError
from engine.events import (
    ChatEvent,
    ContextTrimmed,
    Finished,
    FinishReason,
    PrefillProgress,
    ReasoningDelta,
    StreamError,
    Usage,
)
from engine.kvcache import KVSnapshot, KVSnapshotCache
from engine.llama_logs import captured_llama_logs, tail
from engine.prompt_lookup import PromptLookup
from engine.reasoning import ReasoningSplitter
from engine.templates import ChatTemplate, builtin_template_for
from engine.threads_adaptive import BATCH_TUNING, DECODE_TUNING, ThreadController
from engine.types import CancelToken, ChatMessage, SamplingParams

Clock = Callable[[], float]
_load_lock = threading.Lock()


@dataclass(frozen=True)
class SessionConfig:
    """How to load and run a model. ``device_handles`` is a NULL-terminated ``ggml_backend_dev_t``
    array (see ``engine.devices.device_handles``); an empty list keeps the model on the CPU."""

    n_ctx: int = 4096
    n_threads: int = 2
    n_threads_batch: int | None = None
    n_gpu_layers: int = 0
    n_batch: int = 512
    kv_budget_bytes: int = 512 << 20
    chat_template: str | None = None
    device_handles: Any = None
    flash_attn: bool = False
    # Adapt the thread counts to the load while generating (engine.threads_adaptive), within
    # min_threads … n_threads (n_threads_batch for prompt evaluation).
    adaptive_threads: bool = True
    min_threads: int = 1
    # Draft tokens by n-gram lookup in the prompt and verify them in one batch (engine.prompt_lookup).
    prompt_lookup: bool = True


# Prompt batches shorter than this are too short to say which thread count is faster.
_MIN_TIMED_BATCH = 32


@dataclass
class TurnStats:
    """What the last turn cost; tests assert on these, the UI shows some of them."""

    prompt_tokens: int = 0
    evaluated_prompt_tokens: int = 0
    restored_snapshot: bool = False
    dropped_messages: int = 0
    completion_tokens: int = 0
    draft_proposed: int = 0
    draft_accepted: int = 0
    #: ``llama_decode`` calls spent on the prompt (at most ``n_batch`` tokens each).
    prefill_batches: int = 0
    #: Where the time before the first token went (seconds): parking/restoring KV state,
    #: rendering + tokenizing the conversation, evaluating the new prompt tokens.
    switch_s: float = 0.0
    fit_s: float = 0.0
    prefill_s: float = 0.0


@dataclass
class _Timing:
    start: float
    first: float | None = None
    last: float | None = None
    extra: dict[str, float] = field(default_factory=dict)


def _common_prefix(held: Any, tokens: Sequence[int]) -> int:
    n = min(len(held), len(tokens))
    if n == 0:
        return 0
    same = np.asarray(held[:n]) == np.asarray(tokens[:n])
    return n if bool(same.all()) else int(np.argmin(same))


@contextlib.contextmanager
def _devices_patch(handles: Any) -> Iterator[None]:
    """llama-cpp-python's ``Llama()`` has no ``devices`` argument; set it on the model params
    just before the model is created (under a lock: the patch is process-wide while it lasts)."""
    if handles is None:
        yield
        return
    original = llama_module.internals.LlamaModel

    def make_model(*args: Any, **kwargs: Any) -> Any:
        params = kwargs.get("params")
        if params is not None:
            params.devices = ctypes.cast(handles, ctypes.c_void_p)
        return original(*args, **kwargs)

    with _load_lock:
        setattr(llama_module.internals, "LlamaModel", make_model)  # noqa: B010
        try:
            yield
        finally:
            setattr(llama_module.internals, "LlamaModel", original)  # noqa: B010


class ChatSession:
    """Owns a ``llama_cpp.Llama``; implements ``engine.provider.ChatProvider``."""

    def __init__(
        self,
        model_path: str | Path,
        config: SessionConfig | None = None,
        *,
        architecture: str = "qwen2",
        file_chat_template: str | None = None,
        clock: Clock = time.perf_counter,
        free_cores: FreeCores = cpu_load.free_cores,
    ) -> None:
        self.config = config or SessionConfig()
        self._free_cores = free_cores
        self.model_path = str(model_path)
        self._clock = clock
        self.last_turn = TurnStats()
        cfg = self.config
        try:
            with _devices_patch(cfg.device_handles), captured_llama_logs() as logs:
                self._llm = llama_cpp.Llama(
                    model_path=self.model_path,
                    n_ctx=cfg.n_ctx,
                    n_batch=cfg.n_batch,
                    n_threads=cfg.n_threads,
                    n_threads_batch=cfg.n_threads_batch or cfg.n_threads,
                    n_gpu_layers=cfg.n_gpu_layers,
                    flash_attn=cfg.flash_attn,
                    verbose=False,
                )
        except (ValueError, RuntimeError, OSError) as exc:
            why = tail(logs)
            raise ModelLoadError(f"llama.cpp could not load the model: {exc}" + (f" ({why})" if why else "")) from exc
        self._ctx = self._llm._ctx.ctx
        self._vocab = self._llm._model.vocab
        self.n_ctx = self._llm.n_ctx()
        self._pieces: dict[int, bytes] = {}
        bos = self._piece(self._llm.token_bos()).decode("utf-8", "replace")
        eos = self._piece(self._llm.token_eos()).decode("utf-8", "replace")
        source = cfg.chat_template or file_chat_template or builtin_template_for(architecture)
        self.template = ChatTemplate(source, bos_token=bos, eos_token=eos)
        self._snapshots = KVSnapshotCache(cfg.kv_budget_bytes)
        self._conversation: str | None = None
        self._reason: FinishReason = "stop"
        self._closed = False
        self._n_threads = cfg.n_threads
        self._n_threads_batch = cfg.n_threads_batch or cfg.n_threads
        self._decode_ctl: ThreadController | None = None
        self._batch_ctl: ThreadController | None = None
        self.set_adaptive_threads(cfg.adaptive_threads)
        self.prompt_lookup = cfg.prompt_lookup

    # -- small helpers -------------------------------------------------------------------------
    def _piece(self, token: int) -> bytes:
        piece = self._pieces.get(token)
        if piece is None:
            buf = ctypes.create_string_buffer(256)
            n = llama_cpp.llama_token_to_piece(self._vocab, token, buf, 256, 0, True)
            piece = buf.raw[: max(n, 0)]
            self._pieces[token] = piece
        return piece

    def tokenize(self, text: str) -> list[int]:
        return list(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=True))

    @property
    def raw_context(self) -> Any:
        """The ``llama_context`` pointer, for the benchmark's bare llama.cpp loop only (it must
        not reach into ``_llm``); nothing else drives the context behind the session's back."""
        return self._ctx

    @property
    def thinking_switch(self) -> bool:
        """Whether the chat template takes ``enable_thinking``/``thinking`` (reasoning on/off)."""
        return self.template.thinking_switch

    @property
    def n_tokens(self) -> int:
        """Tokens currently held in the KV cache."""
        return int(self._llm.n_tokens)

    def held_tokens(self) -> list[int]:
        """The token ids the KV cache holds, in order (the last prompt and its reply)."""
        return [int(t) for t in self._llm.input_ids[: self._llm.n_tokens]]

    # -- threads ----------------------------------------------------------------------------------
    @property
    def threads(self) -> tuple[int, int]:
        """Thread counts in force now: (decode, prompt evaluation)."""
        return self._n_threads, self._n_threads_batch

    @property
    def thread_controllers(self) -> tuple[ThreadController, ThreadController] | None:
        """The (decode, prompt-evaluation) controllers while adaptation is on, else ``None``."""
        if self._decode_ctl is None or self._batch_ctl is None:
            return None
        return self._decode_ctl, self._batch_ctl

    def set_threads(self, n_threads: int, n_threads_batch: int | None = None) -> None:
        """Run with these counts from the next token on (adaptation, if on, restarts from them)."""
        self._apply_threads(n_threads, n_threads_batch or n_threads)
        if self._decode_ctl is not None:
            self.set_adaptive_threads(True)

    def set_load_reading(self, free_cores: FreeCores) -> None:
        """Read free cores with ``free_cores`` from now on (the benchmark compares readings);
        adaptation, if on, restarts with fresh controllers."""
        self._free_cores = free_cores
        if self._decode_ctl is not None:
            self.set_adaptive_threads(True)

    def set_adaptive_threads(self, enabled: bool) -> None:
        """Switch adaptation on (fresh controllers starting at the counts in force, bounded by
        ``min_threads`` … the configured counts) or off (the counts in force stay)."""
        if not enabled:
            self._decode_ctl = self._batch_ctl = None
            return
        cfg = self.config
        hi = max(cfg.n_threads, self._n_threads)
        hi_batch = max(cfg.n_threads_batch or cfg.n_threads, self._n_threads_batch)
        lo = max(1, min(cfg.min_threads, hi, hi_batch))
        self._decode_ctl = ThreadController(self._n_threads, lo, hi, DECODE_TUNING, self._free_cores)
        self._batch_ctl = ThreadController(self._n_threads_batch, lo, hi_batch, BATCH_TUNING, self._free_cores)

    def _apply_threads(self, n_threads: int, n_threads_batch: int) -> None:
        llama_cpp.llama_set_n_threads(self._ctx, n_threads, n_threads_batch)
        self._n_threads, self._n_threads_batch = n_threads, n_threads_batch

    # -- KV snapshots ---------------------------------------------------------------------------
    def _snapshot_current(self) -> None:
        if self._conversation is None or self._llm.n_tokens == 0:
            return
        size = llama_cpp.llama_state_seq_get_size(self._ctx, 0)
        buf = (ctypes.c_uint8 * size)()
        written = llama_cpp.llama_state_seq_get_data(self._ctx, buf, size, 0)
        if written:
            tokens = tuple(int(t) for t in self._llm.input_ids[: self._llm.n_tokens])
            self._snapshots.put(self._conversation, KVSnapshot(tokens=tokens, state=buf))

    def _restore(self, conversation_id: str) -> bool:
        snap = self._snapshots.get(conversation_id)
        if snap is None:
            return False
        self._clear_kv()
        state = snap.state
        src = state if isinstance(state, ctypes.Array) else (ctypes.c_uint8 * len(state)).from_buffer_copy(state)
        if not llama_cpp.llama_state_seq_set_data(self._ctx, src, len(state), 0):
            self._clear_kv()
            return False
        n = len(snap.tokens)
        self._llm.input_ids[:n] = snap.tokens
        self._llm.n_tokens = n
        return True

    def _switch_to(self, conversation_id: str | None) -> bool:
        """Park the current conversation's KV state and restore the target's, if parked. An
        anonymous turn (``None``) parks the current one too, so it cannot overwrite its state."""
        if conversation_id == self._conversation:
            return False
        self._snapshot_current()
        self._conversation = conversation_id
        return conversation_id is not None and self._restore(conversation_id)

    @property
    def current_conversation(self) -> str | None:
        """The conversation whose state the KV cache holds now (None for anonymous turns)."""
        return self._conversation

    def export_snapshot(self, conversation_id: str) -> KVSnapshot | None:
        """A copy of ``conversation_id``'s KV state: taken now if the cache holds it, else the
        parked one (for keeping it, encrypted, across a restart: :mod:`engine.kv_file`)."""
        if conversation_id == self._conversation:
            self._snapshot_current()
        return self._snapshots.get(conversation_id)

    def adopt_snapshot(self, conversation_id: str, snapshot: KVSnapshot) -> bool:
        """Park a kept snapshot as if this session had made it; the next turn of that
        conversation restores it (and its common-prefix check still guards every token)."""
        if conversation_id == self._conversation:
            return False
        return self._snapshots.put(conversation_id, snapshot)

    def _clear_kv(self) -> None:
        self._llm._ctx.kv_cache_clear()
        self._llm.n_tokens = 0

    def reset_context(self) -> None:
        """Empty the KV cache (parked snapshots stay); the next turn is evaluated from scratch."""
        self._clear_kv()
        self._conversation = None

    def forget(self, conversation_id: str) -> None:
        """Drop a conversation's parked KV state (e.g. after it is deleted)."""
        self._snapshots.discard(conversation_id)

    # -- context budget -------------------------------------------------------------------------
    def _fit(self, messages: Sequence[ChatMessage], reserve: int,
             thinking: bool | None = None) -> tuple[list[int], bool, int, int]:
        """Render and tokenize, dropping the oldest turns (never the system prompt or the last
        user message) until prompt + ``reserve`` fits the context."""
        kept = list(messages)
        dropped_msgs = 0
        full_len: int | None = None
        budget = self.n_ctx - reserve
        while True:
            rendered = self.template.render(kept, thinking=thinking)
            tokens = self.tokenize(rendered.text)
            if full_len is None:
                full_len = len(tokens)
            if len(tokens) <= budget:
                return tokens, rendered.starts_in_reasoning, dropped_msgs, full_len - len(tokens)
            droppable = [i for i, m in enumerate(kept[:-1]) if m.role != "system"]
            if not droppable:
                raise ContextOverflowError(
                    f"the message needs {len(tokens)} tokens but the context holds {self.n_ctx} "
                    f"(with {reserve} reserved for the reply); shorten it or raise the context length"
                )
            first = droppable[0]
            # Drop a user turn together with the assistant reply that answered it.
            n = 2 if first + 1 < len(kept) - 1 and kept[first + 1].role == "assistant" else 1
            del kept[first : first + n]
            dropped_msgs += n

    # -- streaming ------------------------------------------------------------------------------
    def make_sampler(self, p: SamplingParams) -> LlamaSampler:
        """The sampler chain for ``p`` (the benchmark's bare loop uses the same one)."""
        s = LlamaSampler()
        if p.repeat_penalty != 1.0:
            s.add_penalties(self._llm.n_vocab(), 64, p.repeat_penalty, 0.0, 0.0)
        if p.temperature <= 0:
            s.add_greedy()
            return s
        s.add_top_k(p.top_k)
        s.add_top_p(p.top_p, 1)
        s.add_min_p(p.min_p, 1)
        s.add_temp(p.temperature)
        seed = p.seed if p.seed is not None else int.from_bytes(os.urandom(4), "little")
        s.add_dist(seed & 0xFFFFFFFF)
        return s

    def _eval(self, tokens: Sequence[int], cancel: CancelToken | None,
              stats: TurnStats | None = None) -> Generator[PrefillProgress, None, bool]:
        """Evaluate prompt tokens batch by batch; False if cancelled midway.

        The cancel token is checked before every batch, so Stop takes effect within one batch
        (what was evaluated stays in the KV cache: asking again resumes from there). A prompt
        longer than one batch reports its progress: one ``PrefillProgress`` before the first
        batch (0 done, so a bar can show at once) and one after each batch; a prompt that fits
        one batch reports nothing (its first token is one batch away anyway). ``eta_s`` is the
        tokens left at the per-token time of the last full batch (later batches attend to a
        longer prefix, so the last one is the better guess); None until a full batch was timed.
        ``total_tokens`` counts the tokens to evaluate: a prefix already in the KV cache is not
        part of it.
        """
        step = self.config.n_batch
        ctl = self._batch_ctl
        if ctl is not None and (n := ctl.begin()):
            self._apply_threads(self._n_threads, n)
        clock = self._clock
        total = len(tokens)
        report = total > step
        start = clock()
        per_token: float | None = None
        if report:
            yield PrefillProgress(done_tokens=0, total_tokens=total, elapsed_s=0.0, eta_s=None)
        for i in range(0, total, step):
            if cancel is not None and cancel.cancelled:
                return False
            batch = tokens[i : i + step]
            before = clock()
            self._llm.eval(batch)
            after = clock()
            if stats is not None:
                stats.prefill_batches += 1
            # Only full batches are comparable samples: a shorter tail batch costs more per token,
            # which made an idle machine "learn" that one thread evaluates prompts faster.
            if len(batch) >= max(step, _MIN_TIMED_BATCH):
                per_token = (after - before) / len(batch)
                if ctl is not None:
                    n = ctl.observe(per_token)
                    if n:
                        self._apply_threads(self._n_threads, n)
            if report:
                done = i + len(batch)
                eta = None if per_token is None else (total - done) * per_token
                yield PrefillProgress(done_tokens=done, total_tokens=total, elapsed_s=after - start, eta_s=eta)
        return True

    def stream(
        self,
        messages: Sequence[ChatMessage],
        params: SamplingParams | None = None,
        cancel: CancelToken | None = None,
        conversation_id: str | None = None,
    ) -> Iterator[ChatEvent]:
        if self._closed:
            raise EngineError("the model has been unloaded")
        params = params or SamplingParams()
        timing = _Timing(start=self._clock())
        content: list[str] = []
        reasoning: list[str] = []
        stats = TurnStats()
        self.last_turn = stats
        reason: FinishReason = "stop"
        try:
            stats.restored_snapshot = self._switch_to(conversation_id)
            mark = self._clock()
            stats.switch_s = mark - timing.start
            reserve = min(params.max_tokens, max(64, self.n_ctx // 4))
            prompt, starts_in_reasoning, dropped_msgs, dropped_tokens = self._fit(messages, reserve, params.thinking)
            stats.fit_s = self._clock() - mark
            stats.prompt_tokens = len(prompt)
            stats.dropped_messages = dropped_msgs
            if dropped_msgs:
                yield ContextTrimmed(dropped_messages=dropped_msgs, dropped_tokens=dropped_tokens)

            # Reuse the longest common prefix of what the KV cache holds; at least one token
            # must be evaluated to get fresh logits.
            llm = self._llm
            prefix = min(_common_prefix(llm.input_ids[: llm.n_tokens], prompt), len(prompt) - 1)
            llm.n_tokens = prefix  # eval() trims the KV cache from here
            stats.evaluated_prompt_tokens = len(prompt) - prefix
            mark = self._clock()
            evaluated = yield from self._eval(prompt[prefix:], cancel, stats)
            stats.prefill_s = self._clock() - mark
            if evaluated:
                yield from self._generate(params, cancel, starts_in_reasoning, timing, stats, content, reasoning,
                                          prompt)
                reason = self._reason
            else:
                reason = "cancelled"
            yield Usage(
                prompt_tokens=stats.prompt_tokens,
                completion_tokens=stats.completion_tokens,
                evaluated_prompt_tokens=stats.evaluated_prompt_tokens,
                draft_proposed=stats.draft_proposed,
                draft_accepted=stats.draft_accepted,
            )
        except (EngineError, TemplateError) as exc:
            reason = "error"
            yield StreamError(str(exc), kind=exc.kind)
        except RuntimeError as exc:  # llama_decode failures surface as RuntimeError
            reason = "error"
            yield StreamError(f"llama.cpp failed while generating: {exc}", kind="engine")
        yield self._finished(reason, content, reasoning, timing, stats)

    def _generate(
        self,
        params: SamplingParams,
        cancel: CancelToken | None,
        starts_in_reasoning: bool,
        timing: _Timing,
        stats: TurnStats,
        content: list[str],
        reasoning: list[str],
        prompt: Sequence[int] = (),
    ) -> Iterator[ChatEvent]:
        """The per-token loop; keep it lean, every microsecond here shows in tokens/s.

        With prompt lookup on, a token that must be evaluated may carry a draft (the tokens that
        followed the current n-gram earlier in the prompt or reply): token + draft go through
        ONE ``llama_decode`` with logits for every row, and the sampler then reads row 0, 1, …
        in turn. A sampled token equal to the next draft token is already in the KV cache, so
        it costs no decode; the first differing token ends the draft and the rows after it are
        removed from the KV cache. Each shown token is still exactly one ``sampler.sample`` on
        the logits of the same prefix, so greedy output is identical to plain decoding and
        sampling keeps its distribution: sampling ``t ~ p`` and accepting the draft token ``d``
        iff ``t == d`` accepts with probability ``p(d)`` and otherwise yields ``p`` restricted
        to ``t != d`` — the standard speculative rule for a deterministic draft (with a seed,
        even the same tokens, as the sampler's random stream advances once per shown token).
        Floating-point sums over a batch may differ in the last bits from single-token
        decoding, which can only matter for near-tied logits.

        Thread adaptation measures single-token decodes only: a draft batch is not one token's
        time, and tokens accepted from it cost no decode, so neither is observed.
        """
        llm = self._llm
        sampler = self.make_sampler(params)
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        splitter = ReasoningSplitter(starts_in_reasoning)
        vocab = self._vocab
        ctx = llm._ctx
        clock = self._clock
        piece = self._piece
        limit = self.n_ctx - 1
        completion = 0
        ctl = self._decode_ctl
        if ctl is not None and (n := ctl.begin()):
            self._apply_threads(n, self._n_threads_batch)
        mark: float | None = None  # clock() just before the last single-token decode, while adapting
        lookup = PromptLookup(prompt) if self.prompt_lookup else None
        max_draft = min(self.n_ctx, self.config.n_batch) - 1
        draft: list[int] = []  # drafted tokens in the KV cache beyond the last shown one
        drafted = taken = 0  # size of the current draft, and how many of its tokens were shown
        row = -1  # the batch row whose logits the next sample reads
        self._reason = "length"
        try:
            while completion < params.max_tokens:
                if cancel is not None and cancel.cancelled:
                    self._reason = "cancelled"
                    break
                token = sampler.sample(ctx, row)
                now = clock()
                if mark is not None and ctl is not None:
                    # Decode + sample time of one token (what the thread count changes).
                    n = ctl.observe(now - mark)
                    if n:
                        self._apply_threads(n, self._n_threads_batch)
                    mark = None
                if timing.first is None:
                    timing.first = now
                timing.last = now
                if llama_cpp.llama_vocab_is_eog(vocab, token):
                    self._reason = "stop"
                    break
                completion += 1
                stats.completion_tokens = completion
                text = decoder.decode(piece(token))
                if text:
                    for ev in splitter.feed(text):
                        (reasoning if isinstance(ev, ReasoningDelta) else content).append(ev.text)
                        yield ev
                if llm.n_tokens - len(draft) >= limit:
                    self._reason = "length"
                    break
                if lookup is None:
                    if ctl is not None:
                        mark = clock()
                    llm.eval([token])
                    continue
                lookup.push(token)
                if draft:
                    if token == draft[0]:  # already evaluated in the draft batch
                        del draft[0]
                        taken += 1
                        row += 1
                        if not draft:
                            self._draft_done(lookup, stats, drafted, taken, 0)
                        continue
                    self._draft_done(lookup, stats, drafted, taken, len(draft))
                    draft = []
                room = min(max_draft, self.n_ctx - 1 - llm.n_tokens, params.max_tokens - completion)
                proposal = lookup.propose(room)
                if proposal:
                    self._decode_rows([token, *proposal])
                    draft, drafted, taken, row = proposal, len(proposal), 0, 0
                    continue
                if ctl is not None:
                    mark = clock()
                llm.eval([token])
                row = -1
            if draft and lookup is not None:  # the turn ended inside a draft
                self._draft_done(lookup, stats, drafted, taken, len(draft))
            # An unfinished multi-byte character (cancel or length mid-character) is dropped, not
            # shown as U+FFFD.
            for ev in splitter.flush():
                (reasoning if isinstance(ev, ReasoningDelta) else content).append(ev.text)
                yield ev
        finally:
            sampler.close()

    def _decode_rows(self, tokens: Sequence[int]) -> None:
        """Evaluate ``tokens`` in one ``llama_decode`` with logits for every row (a draft batch)."""
        llm = self._llm
        n_past = int(llm.n_tokens)
        llm._ctx.kv_cache_seq_rm(-1, n_past, -1)
        llm._batch.set_batch(batch=tokens, n_past=n_past, logits_all=True)
        llm._ctx.decode(llm._batch)
        llm.input_ids[n_past : n_past + len(tokens)] = tokens
        llm.n_tokens = n_past + len(tokens)

    def _draft_done(self, lookup: PromptLookup, stats: TurnStats, drafted: int, taken: int, unused: int) -> None:
        """Count a finished draft, and drop its ``unused`` rows from the KV cache and bookkeeping."""
        lookup.feedback(drafted, taken)
        stats.draft_proposed, stats.draft_accepted = lookup.proposed, lookup.accepted
        if unused:
            llm = self._llm
            llm.n_tokens -= unused
            if not llm._ctx.kv_cache_seq_rm(-1, llm.n_tokens, -1):
                raise EngineError("llama.cpp could not roll back rejected draft tokens")

    def _finished(
        self, reason: FinishReason, content: list[str], reasoning: list[str], timing: _Timing, stats: TurnStats
    ) -> Finished:
        ttft = None if timing.first is None else timing.first - timing.start
        tps = None
        if timing.first is not None and timing.last is not None and stats.completion_tokens > 1:
            span = timing.last - timing.first
            tps = (stats.completion_tokens - 1) / span if span > 0 else None
        return Finished(reason, "".join(content), "".join(reasoning), ttft, tps)

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._snapshots.clear()
            self._llm.close()

    def __enter__(self) -> ChatSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
