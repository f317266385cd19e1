"""Latency figures that the tests only bound generously (prints numbers; asserts nothing):

1. building a scripted diagnostic model with a 1,500-item answer (llama, Q4_K_M);
2. remote cancel: from ``cancel()`` to the end of the stream while the provider is blocked
   waiting for the next SSE chunk (stub server, plain TCP and TLS);
3. the slowest ``append`` of a streamed reply while another connection holds the write lock.

    nice .venv/bin/python tests/benchmarks/bench_cancel.py [--repeats 5]

Targets: model build well under 30 s, cancel well under 1 s, append well under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from remote_server import StubServer, chunk, make_certs

from app.paths import user_paths
from app.store import HistoryStore
from engine.diagnostic import Script, diagnostic_model_path
from engine.events import ContentDelta
from engine.remote import RemoteEndpoint, RemoteProvider, RemoteTimeouts
from engine.types import CancelToken, ChatMessage, SamplingParams


def model_build_s(folder: Path) -> float:
    script = Script(reasoning="我需要想清楚這個問題。Think first.", answer=" ".join(f"item{i}" for i in range(1500)))
    started = time.perf_counter()
    diagnostic_model_path(folder, script=script, arch="llama", quant="Q4_K_M")
    return time.perf_counter() - started


def remote_cancel_s(tls: bool, folder: Path) -> float:
    certs = make_certs(folder / "pki") if tls else None
    with StubServer(certs) as stub:
        stub.routes[("POST", "/v1/chat/completions")] = lambda h: h.send_sse(
            [chunk(content="first"), chunk(content="late"), "[DONE]"], 30.0)
        ep = RemoteEndpoint(name="stub", base_url=stub.url, ca_bundle=str(certs.ca_cert) if certs else None)
        provider = RemoteProvider(ep, "m", timeouts=RemoteTimeouts(connect=2.0, read=60.0))
        cancel = CancelToken()
        cancelled_at = 0.0

        def later() -> None:
            nonlocal cancelled_at
            time.sleep(0.2)
            cancelled_at = time.perf_counter()
            cancel.cancel()

        for ev in provider.stream([ChatMessage("user", "hi")], SamplingParams(), cancel):
            if isinstance(ev, ContentDelta):
                threading.Thread(target=later, daemon=True).start()
        ended = time.perf_counter()
        provider.close()
        return ended - cancelled_at


def slowest_append_s(folder: Path) -> float:
    os.environ["BAUHINIA_HOME"] = str(folder)
    paths = user_paths().ensure()
    with HistoryStore.open(paths, encrypt=False, flush_interval_s=0.05) as store:
        conv = store.new_conversation()
        writer = store.begin_assistant_message(conv.id)
        other = sqlite3.connect(paths.database, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        slowest = 0.0
        for i in range(200):
            start = time.perf_counter()
            writer.append(f"t{i} ")
            slowest = max(slowest, time.perf_counter() - start)
            time.sleep(0.002)
        other.execute("ROLLBACK")
        other.close()
        writer.finish()
    return slowest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="bauhinia-bench-cancel-") as tmp:
        root = Path(tmp)
        builds = [model_build_s(root / f"models-{i}") for i in range(max(1, args.repeats // 2))]
        print(f"scripted model build (1,500-item answer): median {statistics.median(builds):.2f} s, "
              f"max {max(builds):.2f} s")
        for tls in (False, True):
            runs = [remote_cancel_s(tls, root / f"cancel-{tls}-{i}") for i in range(args.repeats)]
            label = "TLS" if tls else "TCP"
            print(f"remote cancel while blocked ({label}): median {statistics.median(runs) * 1e3:.1f} ms, "
                  f"max {max(runs) * 1e3:.1f} ms")
        appends = [slowest_append_s(root / f"store-{i}") for i in range(args.repeats)]
        print(f"slowest append under a held write lock: median {statistics.median(appends) * 1e3:.2f} ms, "
              f"max {max(appends) * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
