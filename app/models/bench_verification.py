"""Benchmark: first verification (full SHA-256) vs. a later start (cache hit) of one model file.

``python -m app.models.bench_verification [--size-mib N] [--dir DIR]`` writes a throw-away file of
N MiB, verifies it twice through the real cache and prints both times and the hash rate.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from app.models.catalogue import CatalogueEntry
from app.models.verification import HashCache, Verifier


class _ProcessKey:
    """A MAC key for this run only (the real cache keeps it in the OS keyring)."""

    def __init__(self) -> None:
        self.key = os.urandom(32)

    def get(self, *, create: bool) -> bytes | None:
        return self.key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size-mib", type=int, default=512)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = Path(tmp) / "bench.gguf"
        block = os.urandom(1 << 20)
        with path.open("wb") as fh:
            for _ in range(args.size_mib):
                fh.write(block)
        key = _ProcessKey()
        verifier = Verifier(HashCache(Path(tmp) / "cache.json", key))
        sha, _ = verifier.sha256(path)  # warms the page cache; measured again below
        verifier.cache.path.unlink()
        verifier = Verifier(HashCache(Path(tmp) / "cache.json", key))
        entry = CatalogueEntry("bench", path, sha, "catalogue")
        t0 = time.perf_counter()
        first = verifier.verify(entry)
        t1 = time.perf_counter()
        again = Verifier(HashCache(Path(tmp) / "cache.json", key)).verify(entry)  # as at the next start
        t2 = time.perf_counter()
        assert first.hashed_now and not again.hashed_now and again.state.value == "verified"
        print(f"file: {args.size_mib} MiB (page-cached)")
        print(f"first verification (hash):   {t1 - t0:8.3f} s  ({args.size_mib / (t1 - t0):.0f} MiB/s)")
        print(f"next start (cache hit):      {(t2 - t1) * 1000:8.3f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
