"""Prompt-lookup decoding (issue 16 part 2): decode tokens/s with and without drafting, as ratios
in one run (prints numbers; asserts nothing).

Tasks, each run alternately without and with drafting (``--repeats`` times, medians reported):

1. **copy** — "rewrite this memo": a scripted bigram-chain model (``--layers``/``--embd``/
   ``--quant``; the defaults give Qwen2.5-0.5B-like widths, so decode is memory-bound) whose reply
   is the memo, with the memo in the prompt (``tests/token_markers.py``);
2. **no-copy** — the same model and reply, the prompt does not hold it: no lookup hits, so this
   measures what the bookkeeping costs on free generation (target ≥ 0.97);
3. **random** — the random-weights bench model (``engine.diagnostic.build_bench_model``, ~465 MiB,
   built once into ``--cache``) rewriting a memo: what drafting gives or costs on a model that does
   not copy (skip with ``--no-random``).

    nice .venv/bin/python tests/benchmarks/bench_prompt_lookup.py [--repeats 5] [--threads 2]
    nice .venv/bin/python tests/benchmarks/bench_prompt_lookup.py --smoke   # tiny, seconds

Goal (issue 16): copy ≥ 1.5 × tokens/s; no-copy and random ≥ 0.97 ×.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from token_markers import reply_ids, with_markers

from engine.diagnostic import Quant, Script, build_bench_model, diagnostic_model_path
from engine.events import Finished, Usage
from engine.loader import LoadOptions, load_session
from engine.session import ChatSession
from engine.types import ChatMessage, SamplingParams

MEMO = (
    "To all staff: the Finance Branch will close the 2026-27 accounts on 31 March. Please submit "
    "outstanding claims, with receipts, to Ms Chan Tai-man (Room 1204, ext. 2817) by 20 March. "
    "Late claims will be processed in the next financial year. 各組別請於三月二十日前提交申索，"
    "並附上收據。查詢請致電陳大文女士（內線 2817）。Thank you for your cooperation. "
)


@dataclass
class Figures:
    plain: list[float] = field(default_factory=list)
    drafted: list[float] = field(default_factory=list)
    proposed: int = 0
    accepted: int = 0
    tokens: int = 0

    def row(self, name: str) -> str:
        p, d = statistics.median(self.plain), statistics.median(self.drafted)
        rate = self.accepted / self.proposed if self.proposed else 0.0
        return (f"{name:<8} {p:8.1f} {d:8.1f} {d / p:6.2f}x  accepted {self.accepted}/{self.proposed}"
                f" ({rate:.0%}) of {self.tokens} tokens")


def turn(session: ChatSession, messages: list[ChatMessage], params: SamplingParams,
         drafting: bool) -> tuple[float, Usage]:
    session.prompt_lookup = drafting
    usage: Usage | None = None
    fin: Finished | None = None
    for ev in session.stream(messages, params):
        if isinstance(ev, Usage):
            usage = ev
        elif isinstance(ev, Finished):
            fin = ev
    assert usage is not None and fin is not None and fin.tokens_per_s, f"the turn failed: {fin}"
    return fin.tokens_per_s, usage


def measure(session: ChatSession, messages: list[ChatMessage], params: SamplingParams, repeats: int) -> Figures:
    figures = Figures()
    turn(session, messages, params, False)  # warm-up (and the prompt into the KV cache)
    for _ in range(repeats):
        tps, _ = turn(session, messages, params, False)
        figures.plain.append(tps)
        tps, usage = turn(session, messages, params, True)
        figures.drafted.append(tps)
        figures.proposed += usage.draft_proposed
        figures.accepted += usage.draft_accepted
        figures.tokens += usage.completion_tokens
    return figures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=0, help="0: as the app chooses")
    ap.add_argument("--layers", type=int, default=24)
    ap.add_argument("--embd", type=int, default=896)
    ap.add_argument("--quant", default="Q8_0", choices=["F16", "Q8_0", "Q4_K_M"])
    ap.add_argument("--memo-copies", type=int, default=3, help="memo length, in copies of the sample text")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "bauhinia-bench-models")
    ap.add_argument("--no-random", action="store_true", help="skip the random-weights bench model")
    ap.add_argument("--smoke", action="store_true", help="tiny model, one repeat, no random model")
    args = ap.parse_args()
    if args.smoke:
        args.layers, args.embd, args.repeats, args.memo_copies, args.no_random = 2, 64, 1, 1, True
    args.cache.mkdir(parents=True, exist_ok=True)
    # Numbered sentences keep every chain piece unique while the memo reads like one.
    memo = "".join(f"({i + 1}) {MEMO}" for i in range(args.memo_copies))
    script = Script(reasoning="Rewriting the memo.", answer=memo)
    quant: Quant = args.quant
    path = diagnostic_model_path(args.cache, script=script, n_layer=args.layers, n_embd=args.embd, quant=quant)
    options = LoadOptions(backend="cpu", n_ctx=4096, threads=args.threads)
    greedy = SamplingParams(temperature=0.0, max_tokens=2048)
    print(f"scripted model: {args.layers} layers, n_embd {args.embd}, {args.quant}; repeats {args.repeats}")
    print(f"{'task':<8} {'plain':>8} {'drafted':>8} {'ratio':>7}  (decode tokens/s, medians)")
    session, _ = load_session(path, options)
    try:
        session.reset_context()
        _, usage = turn(session, [ChatMessage("user", "hello")], greedy, False)
        chain = reply_ids(session, usage.prompt_tokens)
        with_markers(session, {"§MEMO§": chain})
        copy = [ChatMessage("user", "Rewrite this memo, correcting the typos:\n\n§MEMO§")]
        print(measure(session, copy, greedy, args.repeats).row("copy"))
        free = [ChatMessage("user", "Write a memo about the year-end accounts.")]
        print(measure(session, free, greedy, args.repeats).row("no-copy"))
    finally:
        session.close()
    if not args.no_random:
        bench = args.cache / "bench-q4km.gguf"
        if not bench.is_file():
            build_bench_model(bench)
        session, _ = load_session(bench, options)
        try:
            rewrite = [ChatMessage("user", f"Rewrite this memo, correcting the typos:\n\n{memo}")]
            short = SamplingParams(temperature=0.0, max_tokens=128)
            print(measure(session, rewrite, short, args.repeats).row("random"))
        finally:
            session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
