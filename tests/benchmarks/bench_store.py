"""History store benchmark: 10,000 conversations / 1,000,000 mixed English-Chinese messages.

Run:  nice .venv/bin/python tests/benchmarks/bench_store.py [--messages 1000000] [--only encrypted]
Generates the database once per size and schema version under ``--dir`` (default
/tmp/bauhinia-bench/) and reuses it on later runs (``--regenerate`` forces a new one). Then
prints, for encrypted and unencrypted files (one after the other), median and p95 of repeated
runs with a warm cache and the 1-minute load average while measuring: first page of the
conversation list, opening a 5,000-message conversation (first page of 100), searches of several
kinds, and storing one streamed token batch.
Targets (issue 4): list ≤ 50 ms, open ≤ 100 ms, search ≤ 100 ms, batch ≤ 2 ms.
Not collected by pytest (bench_*.py); it prints figures, it asserts nothing.

Generation goes through the real schema (the store's migrations) and its SQLAlchemy Core tables,
with executemany in transactions of 50,000 messages; the full-text triggers are set aside while
rows go in, each batch's index entries are inserted with it (text shaped by the same
``index_text`` the triggers apply), and the triggers are then put back exactly as the migration
wrote them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import keyring  # noqa: E402
from keyring_backend import MemoryKeyring  # noqa: E402

from app.paths import Paths  # noqa: E402
from app.store import HistoryStore  # noqa: E402
from app.store import keys as store_keys  # noqa: E402
from app.store.database import exec_outside_transaction  # noqa: E402
from app.store.fts_text import index_text  # noqa: E402
from app.store.ids import new_id  # noqa: E402
from app.store.migrations import LATEST_VERSION  # noqa: E402
from app.store.models import Conversation, Message  # noqa: E402

# Bump when the generated data changes, so cached databases are rebuilt.
GENERATOR_VERSION = 2
SENTENCE_POOL = 50_000
BATCH_ROWS = 50_000

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

# Rare words: each sentence carries one with probability RARE_P, so each word is in roughly
# messages × RARE_P / len(RARE) ≈ 1,000 of a million messages — a selective query.
RARE = ["typhoon", "signal", "landslip", "quarantine", "颱風", "山泥傾瀉", "隔離檢疫", "強制檢測"]
RARE_P = 0.008
ROLES = ("user", "assistant")


def sentence(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(8, 30)):
        if rng.random() < 0.5:
            words.append(rng.choice(EN))
        else:
            words.append(rng.choice(ZH) + (rng.choice(ZH) if rng.random() < 0.3 else ""))
    if rng.random() < RARE_P:
        words.insert(rng.randrange(len(words)), rng.choice(RARE))
    text = " ".join(words)
    return text.replace(" 政", "政") if rng.random() < 0.2 else text


def _fts_triggers(conn: Any) -> list[tuple[str, str]]:
    rows = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%fts%' ORDER BY name"
    ).all()
    return [(str(n), str(q)) for n, q in rows]


def generate(store: HistoryStore, conversations: int, messages: int, big: int, seed: int = 7) -> str:
    """Bulk-load through the real schema; returns the id of the ``big``-message conversation.

    Rows get their pks here so each batch's index entries go in with it; the text of the index
    is ``index_text`` (what the triggers apply through ``bh_fts_text``), computed once per
    pooled sentence rather than once per row.
    """
    rng = random.Random(seed)
    pool = [sentence(rng) for _ in range(SENTENCE_POOL)]
    shaped = [index_text(t) for t in pool]
    start_ms = int(time.time() * 1000) - 2 * 365 * 86_400_000
    per_conv = (messages - big) // (conversations - 1)
    big_id = ""
    conv_rows: list[dict[str, Any]] = []
    msg_rows: list[dict[str, Any]] = []
    conv_fts: list[tuple[int, str]] = []
    msg_fts: list[tuple[int, str, str]] = []
    conv_insert = Conversation.__table__.insert()
    msg_insert = Message.__table__.insert()
    with store._main.engine.connect() as conn:
        with conn.begin():
            conn.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MiB while loading
            triggers = _fts_triggers(conn)
            for name, _sql in triggers:
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
            next_conv = int(conn.exec_driver_sql("SELECT coalesce(max(pk), 0) + 1 FROM conversations").scalar_one())
            next_msg = int(conn.exec_driver_sql("SELECT coalesce(max(pk), 0) + 1 FROM messages").scalar_one())

        def flush() -> None:
            with conn.begin():
                conn.execute(conv_insert, conv_rows)
                conn.execute(msg_insert, msg_rows)
                conn.exec_driver_sql("INSERT INTO conversation_fts (rowid, title) VALUES (?, ?)", conv_fts)
                conn.exec_driver_sql("INSERT INTO message_fts (rowid, body, thinking) VALUES (?, ?, ?)", msg_fts)
            for rows in (conv_rows, msg_rows, conv_fts, msg_fts):
                rows.clear()

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
                thinking = role == "assistant" and rng.random() < 0.3
                body = rng.randrange(SENTENCE_POOL)
                reasoning = rng.randrange(SENTENCE_POOL) if thinking else -1
                msg_rows.append(
                    {
                        "pk": next_msg,
                        "id": mid,
                        "conversation_id": cid,
                        "parent_id": parent,
                        "depth": depth,
                        "role": role,
                        "content": pool[body],
                        "reasoning": pool[reasoning] if thinking else "",
                        "status": "complete",
                        "model": "r1-7b",
                        "created_at": ts + depth,
                        "finished_at": ts + depth,
                    }
                )
                msg_fts.append((next_msg, shaped[body], shaped[reasoning] if thinking else ""))
                next_msg += 1
                parent = mid
            title = pool[rng.randrange(SENTENCE_POOL)][:40]
            conv_rows.append(
                {
                    "pk": next_conv,
                    "id": cid,
                    "title": title,
                    "created_at": ts,
                    "updated_at": ts + n,
                    "model": "r1-7b",
                    "pinned": rng.random() < 0.01,
                    "archived": False,
                    "current_message_id": parent,
                }
            )
            conv_fts.append((next_conv, index_text(title)))
            next_conv += 1
            if len(msg_rows) >= BATCH_ROWS:
                flush()
        flush()
        with conn.begin():
            for _name, sql in triggers:
                conn.exec_driver_sql(sql)
    exec_outside_transaction(store._main.engine, "PRAGMA wal_checkpoint(TRUNCATE)")
    return big_id


def _paths(root: Path) -> Paths:
    return Paths(root / "data", root / "config", root / "cache", root / "logs")


def prepare(base: Path, label: str, encrypt: bool, args: argparse.Namespace) -> tuple[Paths, str]:
    """The cached database for this size, schema and generator (made if missing); its big id.

    The bench key of an encrypted copy is kept in meta.json next to it: the data is synthetic
    and the in-process test keyring forgets it when the process ends.
    """
    name = f"{label}-{args.conversations}c-{args.messages}m-{args.big}b-schema{LATEST_VERSION}-gen{GENERATOR_VERSION}"
    root = base / name
    meta_file = root / "meta.json"
    paths = _paths(root)
    if meta_file.exists() and not args.regenerate:
        meta = json.loads(meta_file.read_text())
        if meta.get("key"):
            keyring.set_password(store_keys.KEYRING_SERVICE, store_keys.keyring_user(paths.database), meta["key"])
        print(f"[{label}] reusing {root} (generated in {meta['generate_s']:.0f} s)", flush=True)
        return paths, str(meta["big_id"])
    shutil.rmtree(root, ignore_errors=True)
    store = HistoryStore.open(paths, encrypt=encrypt, backup_interval_s=None)
    t0 = time.perf_counter()
    big_id = generate(store, args.conversations, args.messages, args.big)
    gen_s = time.perf_counter() - t0
    store.close()
    key = store_keys.load_key(paths.database) if encrypt else None
    meta_file.write_text(json.dumps({"big_id": big_id, "generate_s": gen_s, "key": key.hex() if key else None}))
    size = sum(p.stat().st_size for p in paths.data.glob("history.sqlite3*")) / 1e6
    print(
        f"[{label}] generated {args.conversations:,} conversations / {args.messages:,} messages "
        f"in {gen_s:.0f} s ({args.messages / gen_s:,.0f} msg/s); files {size:,.0f} MB; load {_load()}",
        flush=True,
    )
    return paths, big_id


def _load() -> str:
    return f"{os.getloadavg()[0]:.1f}"


# median ms, p95 ms, median CPU ms of the measuring thread, 1-minute load average. The CPU
# figure is what the work itself costs; on a shared, overloaded machine wall time also includes
# waiting for a core.
Figure = tuple[float, float, float, str]


def timed(fn: Callable[[], object], repeat: int) -> Figure:
    fn()  # warm-up (cache), not counted
    samples, cpu = [], []
    for _ in range(repeat):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return statistics.median(samples), p95, statistics.median(cpu), _load()


SEARCHES = (
    ("English word", "tunnel"),
    ("English, rare", "typhoon"),
    ("2-char Chinese", "政策"),
    ("3+ char Chinese", "立法會"),
    ("4-char Chinese, rare", "山泥傾瀉"),
    ("Simplified finds Traditional", "拨款"),
    ("Simplified, 3 chars", "立法会"),
    ("mixed", "撥款 deadline"),
    ("no hit, English", "zzzznotfound"),
    ("no hit, Chinese", "颱風警告"),
)


def measure(store: HistoryStore, big_id: str, repeat: int) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    out["list: first page (50)"] = timed(lambda: store.list_conversations(limit=50), repeat * 2)

    def open_big() -> None:
        store.get_conversation(big_id)
        store.thread(big_id, limit=100)

    out["open 5,000-msg conversation (page of 100)"] = timed(open_big, repeat * 2)
    out["  (whole 5,000-msg branch, for reference)"] = timed(lambda: store.thread(big_id, limit=5000), 3)
    for kind, query in SEARCHES:
        out[f"search {kind}: {query} (top 20)"] = timed(lambda q=query: store.search(q, limit=20), repeat)  # type: ignore[misc]
    conv = store.new_conversation("bench")
    writer = store.begin_assistant_message(conv.id)

    def batch() -> None:
        writer.append("一個 token batch ", "")
        writer.flush()

    out["store one streamed token batch"] = timed(batch, 300)
    writer.finish()
    store.delete_conversation(conv.id)  # leave the cached database as generated
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--conversations", type=int, default=10_000)
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--big", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=15, help="samples per search (list/open take twice as many)")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/bauhinia-bench"))
    ap.add_argument("--regenerate", action="store_true", help="rebuild the cached database")
    ap.add_argument("--only", choices=("encrypted", "unencrypted"), help="run one variant")
    args = ap.parse_args()
    keyring.set_keyring(MemoryKeyring())  # headless: no real keyring backend here
    results: dict[str, dict[str, Figure]] = {}
    variants = [(k, v) for k, v in (("encrypted", True), ("unencrypted", False)) if args.only in (None, k)]
    for label, encrypt in variants:
        paths, big_id = prepare(args.dir, label, encrypt, args)
        t0 = time.perf_counter()
        store = HistoryStore.open(paths, encrypt=encrypt, backup_interval_s=None)
        open_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        store.list_conversations(limit=50)
        cold_ms = (time.perf_counter() - t0) * 1000
        results[label] = measure(store, big_id, args.repeat)
        results[label]["open store (reopen, key, checks)"] = (open_ms, open_ms, float("nan"), _load())
        results[label]["list: first page, first call after open"] = (cold_ms, cold_ms, float("nan"), _load())
        store.close()
    labels = list(results)
    names = list(results[labels[0]])
    width = max(len(n) for n in names)
    head = "median / p95 / CPU ms (load)"
    print(f"\n{head:{width}}" + "".join(f"  {k:>30}" for k in labels))
    for name in names:
        cells = [f"{r[0]:7.2f} / {r[1]:7.2f} / {r[2]:6.2f} ({r[3]:>4})" for r in (results[k][name] for k in labels)]
        print(f"{name:{width}}" + "".join(f"  {c:>30}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
