"""Do two devices produce the same greedy tokens for the same model and prompt?

A GPU backend that computes correctly still rounds differently from the CPU, so greedy outputs
agree exactly until the first step where the two best logits are nearly tied. ``compare`` reports
where the runs part and the reference run's margin between its two best logits at that step, so
a near-tie (rounding) can be told from a wrong result (a broken kernel parts at a wide margin).
``packaging/gpu-check.sh`` runs this for CUDA against the CPU.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import llama_cpp
import numpy as np

from engine.loader import LoadOptions, load_session
from engine.session import ChatSession
from engine.types import ChatMessage

DEFAULT_PROMPT = "Summarise the Policy Address for a colleague. 請用廣東話簡述施政報告。"
#: A divergence where the reference run's two best logits were closer than this is a near-tie.
DEFAULT_TIE_MARGIN = 0.05


@dataclass(frozen=True)
class GreedyRun:
    """``margins[i]``: the reference gap between the best and second-best logit at token ``i``."""

    device: str
    n_gpu_layers: int
    tokens: tuple[int, ...]
    margins: tuple[float, ...] = field(repr=False)


@dataclass(frozen=True)
class Agreement:
    n: int
    agreed: int  # length of the common prefix, at most n
    first_divergence: int | None
    margin_at_divergence: float | None
    near_tie: bool
    a: GreedyRun
    b: GreedyRun

    @property
    def equal(self) -> bool:
        """The first ``n`` tokens are the same (or both runs stopped at the same token before ``n``)."""
        return self.first_divergence is None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["equal"] = self.equal
        for run in ("a", "b"):
            out[run].pop("margins")
        return out


def greedy_tokens(session: ChatSession, prompt: Sequence[int], n_tokens: int) -> tuple[list[int], list[float]]:
    """Greedy-decode up to ``n_tokens`` after ``prompt`` with raw ``llama_decode`` calls (no
    sampler state, no drafts): the tokens, and each step's top-2 logit margin. Stops at an
    end-of-generation token (included)."""
    ctx = session.raw_context
    vocab = llama_cpp.llama_model_get_vocab(llama_cpp.llama_get_model(ctx))
    n_vocab = llama_cpp.llama_vocab_n_tokens(vocab)
    session.reset_context()
    tokens: list[int] = []
    margins: list[float] = []
    batch = (llama_cpp.llama_token * len(prompt))(*prompt)
    n_batch = len(prompt)
    try:
        while len(tokens) < n_tokens:
            if llama_cpp.llama_decode(ctx, llama_cpp.llama_batch_get_one(batch, n_batch)) != 0:
                raise RuntimeError("llama_decode failed")
            logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(ctx, -1), shape=(n_vocab,))
            top2 = np.partition(logits, n_vocab - 2)[-2:]
            token = int(np.argmax(logits))
            tokens.append(token)
            margins.append(float(top2[1] - top2[0]))
            if llama_cpp.llama_vocab_is_eog(vocab, token):
                break
            batch = (llama_cpp.llama_token * 1)(token)
            n_batch = 1
    finally:
        session.reset_context()
    return tokens, margins


def greedy_run(path: str | Path, backend: str, n_tokens: int, prompt: str = DEFAULT_PROMPT,
               *, n_ctx: int = 1024) -> GreedyRun:
    """Load ``path`` on ``backend`` ("cpu", "CUDA0", …; every layer the planner allows) and decode."""
    session, placement = load_session(path, LoadOptions(backend=backend, n_ctx=n_ctx, prompt_lookup=False))
    try:
        text = session.template.render([ChatMessage("user", prompt)]).text
        tokens, margins = greedy_tokens(session, session.tokenize(text), n_tokens)
    finally:
        session.close()
    return GreedyRun(placement.choice.device.id, placement.n_gpu_layers, tuple(tokens), tuple(margins))


def compare(a: GreedyRun, b: GreedyRun, n: int, *, tie_margin: float = DEFAULT_TIE_MARGIN) -> Agreement:
    """Compare the first ``n`` tokens; ``a`` is the reference (the CPU) for the margin."""
    first = None
    for i in range(n):
        x = a.tokens[i] if i < len(a.tokens) else None
        y = b.tokens[i] if i < len(b.tokens) else None
        if x != y:
            first = i
            break
        if x is None:
            break
    margin = a.margins[first] if first is not None and first < len(a.margins) else None
    agreed = first if first is not None else min(n, len(a.tokens), len(b.tokens))
    near = margin is not None and margin < tie_margin
    return Agreement(n, agreed, first, margin, near, a, b)
