"""History store benchmark: 10,000 conversations / 1,000,000 mixed English-Chinese messages.

Run:  nice .venv/bin/python tests/benchmarks/bench_store.py [--messages 1000000] [--dir /tmp/bh-bench]
Prints generation time, then encrypted and unencrypted figures side by side (median and p95 of
repeated runs, warm cache): first page of the conversation list, opening a 5,000-message
conversation (first page of 100, paged), searches, and storing one streamed token batch.
Targets (issue 4): list ≤ 50 ms, open ≤ 100 ms, search ≤ 100 ms, batch ≤ 2 ms.
Not collected by pytest (bench_*.py); it prints figures, it asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import keyring  # noqa: E402
from keyring_backend import MemoryKeyring  # noqa: E402

from app.paths import Paths  # noqa: E402
from app.store import HistoryStore  # noqa: E402
from app.store.ids import new_id  # noqa: E402

EN = [
    "the",
    "housing",
    "policy",
    "report",
    "budget",
    "meeting",
    "minutes",
    "draft",
    "summary",
    "translate",
    "please",
    "review",
    "department",
    "public",
    "rental",
    "estate",
    "transport",
    "railway",
    "harbour",
    "tunnel",
    "consultation",
    "paper",
    "legislative",
    "council",
    "funding",
    "application",
    "deadline",
    "schedule",
    "tender",
    "procurement",
    "guideline",
    "staff",
    "training",
    "annual",
    "plan",
    "risk",
    "audit",
]
ZH = [
    "政策",
    "房屋",
    "公屋",
    "居屋",
    "香港",
    "特別行政區",
    "政府",
    "部門",
    "會議",
    "紀錄",
    "摘要",
    "翻譯",
    "預算",
    "財政",
    "交通",
    "鐵路",
    "隧道",
    "諮詢",
    "文件",
    "立法會",
    "撥款",
    "申請",
    "截止",
    "日期",
    "招標",
    "採購",
    "指引",
    "培訓",
    "年度",
    "計劃",
    "風險",
    "審計",
    "市民",
    "服務",
    "效率",
    "數據",
    "資料",
    "軟件",
    "网络",
    "数据",
]
ROLES = ("user", "assistant")


def sentence(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(8, 30)):
        if rng.random() < 0.5:
            words.append(rng.choice(EN))
        else:
            words.append(rng.choice(ZH) + (rng.choice(ZH) if rng.random() < 0.3 else ""))
    text = " ".join(words)
    return text.replace(" 政", "政") if rng.random() < 0.2 else text


def generate(store: HistoryStore, conversations: int, messages: int, big: int, seed: int = 7) -> str:
    """Bulk-load through the real schema (FTS triggers included); returns the big conversation id."""
    rng = random.Random(seed)
    raw = store._main.engine.raw_connection()
    db = raw.driver_connection
    assert db is not None
    start_ms = int(time.time() * 1000) - 2 * 365 * 86_400_000
    per_conv = (messages - big) // (conversations - 1)
    big_id = ""
    conv_rows: list[tuple[object, ...]] = []
    msg_rows: list[tuple[object, ...]] = []

    def flush() -> None:
        db.execute("BEGIN")
        db.executemany(
            "INSERT INTO conversations (id, title, created_at, updated_at, model, pinned, archived, "
            "current_message_id) VALUES (?, ?, ?, ?, 'r1-7b', ?, 0, ?)",
            conv_rows,
        )
        db.executemany(
            "INSERT INTO messages (id, conversation_id, parent_id, depth, role, content, reasoning, status, "
            "model, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'complete', 'r1-7b', ?, ?)",
            msg_rows,
        )
        db.execute("COMMIT")
        conv_rows.clear()
        msg_rows.clear()

    for c in range(conversations):
        n = big if c == conversations // 2 else per_conv
        ts = start_ms + c * (2 * 365 * 86_400_000 // conversations)
        cid = new_id(ts)
        if n == big:
            big_id = cid
        parent = None
        for depth in range(n):
            mid = new_id(ts + depth)
            role = ROLES[depth % 2]
            reasoning = sentence(rng) if role == "assistant" and rng.random() < 0.3 else ""
            msg_rows.append((mid, cid, parent, depth, role, sentence(rng), reasoning, ts + depth, ts + depth))
            parent = mid
        conv_rows.append((cid, sentence(rng)[:40], ts, ts + n, int(rng.random() < 0.01), parent))
        if len(msg_rows) >= 50_000:
            flush()
    flush()
    raw.close()
    return big_id


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def measure(store: HistoryStore, big_id: str) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    out["list: first page (50)"] = timed(lambda: store.list_conversations(limit=50), 30)
    out["open 5,000-msg conversation (page of 100)"] = timed(lambda: store.thread(big_id, limit=100), 30)
    out["  (whole 5,000-msg branch, for reference)"] = timed(lambda: store.thread(big_id, limit=5000), 5)
    for query in ("tunnel", "政策", "立法會", "撥款 deadline", "数据", "zzzznotfound"):
        out[f"search '{query}' (top 20)"] = timed(lambda q=query: store.search(q, limit=20), 15)  # type: ignore[misc]
    conv = store.new_conversation("bench")
    writer = store.begin_assistant_message(conv.id)

    def batch() -> None:
        writer.append("一個 token batch ", "")
        writer.flush()

    out["store one streamed token batch"] = timed(batch, 300)
    writer.finish()
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--conversations", type=int, default=10_000)
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--big", type=int, default=5_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/bauhinia-bench"))
    ap.add_argument("--only", choices=("encrypted", "unencrypted"), help="run one variant (e.g. two in parallel)")
    args = ap.parse_args()
    keyring.set_keyring(MemoryKeyring())  # headless: no real keyring backend here
    results: dict[str, dict[str, tuple[float, float]]] = {}
    variants = [(k, v) for k, v in (("encrypted", True), ("unencrypted", False)) if args.only in (None, k)]
    for label, encrypt in variants:
        root = args.dir / label
        shutil.rmtree(root, ignore_errors=True)
        paths = Paths(root / "data", root / "config", root / "cache", root / "logs")
        store = HistoryStore.open(paths, encrypt=encrypt, backup_interval_s=None)
        t0 = time.perf_counter()
        big_id = generate(store, args.conversations, args.messages, args.big)
        gen_s = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in paths.data.glob("history.sqlite3*")) / 1e6
        print(
            f"[{label}] generated {args.conversations:,} conversations / {args.messages:,} messages "
            f"in {gen_s:.0f} s ({args.messages / gen_s:,.0f} msg/s); files {size:,.0f} MB",
            flush=True,
        )
        store.close()
        t0 = time.perf_counter()
        store = HistoryStore.open(paths, encrypt=encrypt, backup_interval_s=None)
        open_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        store.list_conversations(limit=50)
        cold_ms = (time.perf_counter() - t0) * 1000
        results[label] = measure(store, big_id)
        results[label]["open store (reopen, key, checks)"] = (open_ms, open_ms)
        results[label]["list: first page, first call after open"] = (cold_ms, cold_ms)
        store.close()
    labels = list(results)
    names = list(results[labels[0]])
    width = max(len(n) for n in names)
    print(f"\n{'median / p95 ms':{width}}" + "".join(f"  {k:>17}" for k in labels))
    for name in names:
        cells = [f"{results[k][name][0]:7.2f} / {results[k][name][1]:7.2f}" for k in labels]
        print(f"{name:{width}}" + "".join(f"  {c:>17}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
