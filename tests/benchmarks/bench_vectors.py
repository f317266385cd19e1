"""Vector search at scale: sqlite-vec inside SQLCipher vs numpy brute force (prints numbers).

    nice .venv/bin/python tests/benchmarks/bench_vectors.py [--rows 100000] [--dim 1024] [--db PATH]

sqlite-vec is not a dependency of the application; to include it, install it somewhere else and
put it on the path: ``pip install --target /tmp/vec sqlite-vec==0.1.9`` then
``PYTHONPATH=/tmp/vec``. Without it only the numpy figures are printed.

One encrypted SQLCipher file (``--db``, kept for reruns) with ``--rows`` random unit vectors as
float32 blobs in a plain table and, with sqlite-vec, the same in a ``vec0`` table (cosine). Then:
numpy's first read of every vector out of SQLCipher, a float32 and a float16 query (matrix-vector
product + top 50), and sqlite-vec's KNN query (k = 50) with the default 2 MB page cache and with a
cache large enough to hold its table, and how many of numpy's top 50 each finds.

Measured 2026-12-01, 100,000 × 1,024, 2-core machine under load (load average ~8): build 160 s,
883 MB file; numpy read 12.3 s, float32 query 71 ms, float16 query 1,716 ms; sqlite-vec 0.1.9
4,685 ms (2 MB cache), 583 ms (600 MB cache); both find the same top 50.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import sqlcipher3.dbapi2 as sqlcipher

KEY = "PRAGMA key = 'bench-vectors'"
K = 50


def _connect(path: Path, vec: Any) -> Any:
    conn = sqlcipher.connect(str(path), isolation_level=None)
    conn.execute(KEY)
    conn.execute("PRAGMA temp_store = MEMORY")
    if vec is not None:
        conn.enable_load_extension(True)
        conn.load_extension(vec.loadable_path())
        conn.enable_load_extension(False)
    return conn


def _build(conn: Any, rows: int, dim: int, vec: Any) -> None:
    rng = np.random.default_rng(0)
    conn.execute("CREATE TABLE pv (pk INTEGER PRIMARY KEY, v BLOB NOT NULL)")
    if vec is not None:
        conn.execute(f"CREATE VIRTUAL TABLE vv USING vec0(embedding float[{dim}] distance_metric=cosine)")
    for start in range(0, rows, 5000):
        block = rng.standard_normal((min(5000, rows - start), dim)).astype(np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        items = [(start + i + 1, block[i].tobytes()) for i in range(len(block))]
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO pv VALUES (?, ?)", items)
        if vec is not None:
            conn.executemany("INSERT INTO vv (rowid, embedding) VALUES (?, ?)", items)
        conn.execute("COMMIT")


def _median_ms(fn: Callable[[], Any], repeats: int = 5) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--dim", type=int, default=1024)
    parser.add_argument("--db", type=Path, help="default: a file in the temp folder named by rows and dim")
    args = parser.parse_args()
    try:
        import sqlite_vec as vec
    except ImportError:
        vec = None
        print("sqlite-vec not importable: numpy figures only")
    path = args.db or Path(tempfile.gettempdir()) / f"bench-vectors-{args.rows}-{args.dim}.db"
    if not path.exists():
        started = time.perf_counter()
        conn = _connect(path, vec)
        _build(conn, args.rows, args.dim, vec)
        conn.close()
        print(f"build: {time.perf_counter() - started:.0f} s, {path.stat().st_size / 1e6:.0f} MB")
    conn = _connect(path, vec)
    query = np.random.default_rng(1).standard_normal(args.dim).astype(np.float32)
    query /= np.linalg.norm(query)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchall()  # the key derivation, not timed
    started = time.perf_counter()
    rows = conn.execute("SELECT pk, v FROM pv ORDER BY pk").fetchall()
    pks = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), args.dim)
    del rows
    print(f"numpy: read every vector out of SQLCipher {(time.perf_counter() - started) * 1000:.0f} ms")

    def nearest(m: np.ndarray) -> set[int]:
        scores = m @ query.astype(m.dtype)
        return set(pks[np.argpartition(-scores, K)[:K]].tolist())

    ms, best = _median_ms(lambda: nearest(matrix))
    print(f"numpy float32 query: {ms:.1f} ms")
    half = matrix.astype(np.float16)
    ms, found = _median_ms(lambda: nearest(half), 3)
    print(f"numpy float16 query: {ms:.1f} ms, {len(found & best)}/{K} of float32's top {K}")
    if vec is not None:
        sql = "SELECT rowid FROM vv WHERE embedding MATCH ? AND k = ? ORDER BY distance"
        for cache_kib in (2000, 600_000):
            conn.execute(f"PRAGMA cache_size = -{cache_kib}")
            conn.execute(sql, (query.tobytes(), K)).fetchall()  # warm the cache
            ms, rows = _median_ms(lambda: {r[0] for r in conn.execute(sql, (query.tobytes(), K))}, 3)
            print(f"sqlite-vec {vec.__version__} KNN, {cache_kib // 1000} MB page cache: {ms:.1f} ms, "
                  f"{len(rows & best)}/{K} of numpy's top {K}")
    conn.close()
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
