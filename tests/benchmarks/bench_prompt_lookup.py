"""Prompt-lookup decoding (issue 16 part 2): decode tokens/s with and without drafting, as ratios
in one run (prints numbers; asserts nothing). The tasks (copy, no-copy, random) and how they are
run are :mod:`engine.bench_lookup`'s, which ``bauhinia bench --prompt-lookup`` also uses; this
script adds knobs for the copy model (``--layers``/``--embd``/``--quant``/``--memo-copies``) and
a ``--smoke`` mode. The random-weights bench model is built once into ``--cache``.

    nice .venv/bin/python tests/benchmarks/bench_prompt_lookup.py [--repeats 5] [--threads 2]
    nice .venv/bin/python tests/benchmarks/bench_prompt_lookup.py --smoke   # tiny, seconds

Goal (issue 16): copy ≥ 1.5 × tokens/s; no-copy and random ≥ 0.97 ×.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.bench_lookup import LookupRow, copy_model_script, measure_copy_model, measure_random_model
from engine.diagnostic import Quant, build_bench_model, diagnostic_model_path
from engine.loader import LoadOptions, load_session


def row_line(row: LookupRow) -> str:
    return (f"{row.task:<8} {row.plain_tokens_per_s:8.1f} {row.drafted_tokens_per_s:8.1f} {row.speedup:6.2f}x"
            f"  accepted {row.accepted}/{row.proposed} ({row.acceptance:.0%}) of {row.tokens} tokens")


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
    script = copy_model_script(args.memo_copies)
    quant: Quant = args.quant
    path = diagnostic_model_path(args.cache, script=script, n_layer=args.layers, n_embd=args.embd, quant=quant)
    options = LoadOptions(backend="cpu", n_ctx=4096, threads=args.threads)
    print(f"scripted model: {args.layers} layers, n_embd {args.embd}, {args.quant}; repeats {args.repeats}")
    print(f"{'task':<8} {'plain':>8} {'drafted':>8} {'ratio':>7}  (decode tokens/s, medians)")
    session, _ = load_session(path, options)
    try:
        for row in measure_copy_model(session, args.repeats):
            print(row_line(row))
    finally:
        session.close()
    if not args.no_random:
        bench = args.cache / "bench-q4km.gguf"
        if not bench.is_file():
            build_bench_model(bench)
        session, _ = load_session(bench, options)
        try:
            print(row_line(measure_random_model(session, args.repeats, copies=args.memo_copies)))
        finally:
            session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
