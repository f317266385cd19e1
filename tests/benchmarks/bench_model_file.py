"""Figures for model-file handling: GGUF inspection time on a Qwen-sized vocabulary and SHA-256
throughput. Prints numbers; asserts nothing (targets: inspect well under a second, hashing near
hashlib's own ``file_digest``).

    .venv/bin/python benchmarks/bench_model_file.py [--hash-mb 500] [--vocab PATH.gguf ...]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import gguf
import numpy as np

from engine.gguf_file import inspect
from engine.hashing import sha256_file


def make_vocab_model(path: Path, n_tokens: int = 151_936, n_merges: int = 151_387) -> None:
    """A qwen2-style file whose metadata is dominated by its tokenizer, as real ones are."""
    w = gguf.GGUFWriter(str(path), "qwen2")
    w.add_block_count(1)
    w.add_context_length(131072)
    w.add_tokenizer_model("gpt2")
    w.add_token_list([f"tok{i}" for i in range(n_tokens)])
    w.add_token_types([3 if i % 500 == 0 else 1 for i in range(n_tokens)])
    w.add_token_merges([f"tok{i} tok{i + 1}" for i in range(n_merges)])
    w.add_bos_token_id(0)
    w.add_eos_token_id(n_tokens - 1)
    w.add_tensor("token_embd.weight", np.zeros((64, 64), np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def best_of(fn: Callable[[], object], n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--hash-mb", type=int, default=500)
    ap.add_argument("--vocab", nargs="*", default=[], help="extra GGUF files to time inspect() on")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        model = Path(d) / "vocab.gguf"
        make_vocab_model(model)
        info = inspect(model)
        t = best_of(lambda: inspect(model))
        print(f"inspect: {info.vocab_size} tokens + 151387 merges, metadata {model.stat().st_size / 1e6:.1f} MB:"
              f" {t * 1000:.0f} ms (best of 5)")
        for extra in args.vocab:
            i = inspect(extra)
            t = best_of(lambda p=extra: inspect(p), 3)
            print(f"inspect: {Path(extra).name} ({i.vocab_size} tokens): {t * 1000:.0f} ms")

        blob = Path(d) / "blob.bin"
        chunk = os.urandom(1 << 20)
        with open(blob, "wb") as f:
            for _ in range(args.hash_mb):
                f.write(chunk)
        size = blob.stat().st_size
        sha256_file(blob)  # warm the page cache so both timings read from memory
        t_ours = best_of(lambda: sha256_file(blob), 3)

        def reference() -> None:
            with open(blob, "rb") as f:
                hashlib.file_digest(f, "sha256")

        t_ref = best_of(reference, 3)
        print(f"sha256_file: {size / 1e6:.0f} MB in {t_ours:.2f} s = {size / 1e6 / t_ours:.0f} MB/s"
              f" (hashlib.file_digest: {size / 1e6 / t_ref:.0f} MB/s; page cache warm)")


if __name__ == "__main__":
    main()
